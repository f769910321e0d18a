import { sleep } from './waits.js';

/** ARM's documented read budget per subscription and principal: a token bucket (250, refilled 25/s). */
export interface ReadBudget {
  burst: number;
  perSecond: number;
}

/** The subscription a path lies in (lower case), or `tenant` above subscriptions: the unit reads are paced by. */
export function subscriptionKey(path: string): string {
  return /^\/subscriptions\/([^/]+)/i.exec(path)?.[1]?.toLowerCase() ?? 'tenant';
}

/** A token bucket per subscription, spending plaudit's own ARM read budget. */
export class ReadBudgets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly budget: ReadBudget;

  constructor(budget: ReadBudget) {
    this.budget = budget;
  }

  /** Takes a token for a read of `path`: a promise to wait on, or undefined when a token is free. */
  take(path: string, signal?: AbortSignal): Promise<void> | undefined {
    const key = subscriptionKey(path);
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.budget.burst, at: now };
    bucket.tokens = Math.min(this.budget.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.budget.perSecond);
    bucket.at = now;
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    // A negative balance is a reservation: this request goes when the bucket has refilled to it.
    return bucket.tokens >= 0 ? undefined : sleep((-bucket.tokens / this.budget.perSecond) * 1000, signal);
  }
}
