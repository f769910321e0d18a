export const firewallChecks = [] as const;
