export const networkChecks = [] as const;
