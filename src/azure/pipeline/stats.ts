import type { RequestKind } from './request-kind.js';

export interface CollectStats {
  /** HTTP requests sent (every attempt), by kind. */
  requests: Record<RequestKind, number>;
  /** Attempts that repeated an earlier one (throttling, 5xx, resets, malformed bodies). */
  retries: number;
  /** Responses that were 429 or 503, plus holds for an exhausted Resource Graph quota. */
  throttled: number;
  /** Wall time during which at least one request waited for Azure's throttling (quota, Retry-After). */
  throttleWaitMs: number;
  /** Wall time during which at least one request waited for plaudit's own ARM read budget. */
  budgetWaitMs: number;
  /** Successful response pages: Resource Graph queries and ARM lists. */
  pages: { graph: number; arm: number };
  resources: number;
  durationMs: number;
}

export function emptyStats(): CollectStats {
  return {
    requests: { graph: 0, subscriptions: 0, zoneGroups: 0, list: 0, get: 0 },
    retries: 0,
    throttled: 0,
    throttleWaitMs: 0,
    budgetWaitMs: 0,
    pages: { graph: 0, arm: 0 },
    resources: 0,
    durationMs: 0,
  };
}
