export const paasChecks = [] as const;
