export const routeChecks = [] as const;
