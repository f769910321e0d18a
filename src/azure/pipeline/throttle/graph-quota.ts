import { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpHeaders } from '@azure/core-rest-pipeline';

// Resource Graph's documented default: 15 queries per 5-second window per user.
const DEFAULT_GRAPH_QUOTA = 15;
const DEFAULT_GRAPH_WINDOW_MS = 5000;

const graphPriority = new AsyncLocalStorage<number>();

/** Runs Resource Graph queries that should get the quota before others (lower goes first; default 1). */
export function withGraphPriority<T>(priority: number, run: () => Promise<T>): Promise<T> {
  return graphPriority.run(priority, run);
}

/**
 * Resource Graph allows a user a number of queries per window and says how many are left in
 * `x-ms-user-quota-remaining` and when the window resets in `x-ms-user-quota-resets-after`.
 * Queries wait here rather than being sent into a 429; when several wait, the most urgent goes first.
 */
export class GraphQuota {
  private remaining: number | undefined;
  private resetAt = 0;
  private inFlight = 0;
  private readonly queue: Array<{ priority: number; grant: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  /** How long a query sent now would wait for the window to reset (0 when the quota is not used up). */
  waitMs(): number {
    this.expire();
    if (this.remaining === undefined || (this.queue.length === 0 && this.hasRoom())) {
      return 0;
    }
    return Math.max(0, this.resetAt - Date.now());
  }

  /** Resolves when the query may go; the caller's withGraphPriority decides its place in the queue. */
  acquire(): Promise<void> {
    const priority = graphPriority.getStore() ?? 1;
    return new Promise((grant) => {
      const at = this.queue.findIndex((waiter) => waiter.priority > priority);
      this.queue.splice(at < 0 ? this.queue.length : at, 0, { priority, grant });
      this.pump();
    });
  }

  /** Hands the turn back, with the quota headers of the response if one came. */
  release(headers: HttpHeaders | undefined): void {
    this.inFlight -= 1;
    const remaining = Number(headers?.get('x-ms-user-quota-remaining'));
    const resetsAfter = parseTimeSpan(headers?.get('x-ms-user-quota-resets-after'));
    if (headers?.has('x-ms-user-quota-remaining') && Number.isFinite(remaining)) {
      // Within a window, responses can arrive out of order (an older one reporting more quota left),
      // and resets-after is rounded to seconds: keep the lowest count and the earliest reset seen.
      const resetAt = Date.now() + (resetsAfter ?? DEFAULT_GRAPH_WINDOW_MS);
      const fresh = this.remaining === undefined;
      this.remaining = fresh ? remaining : Math.min(this.remaining ?? remaining, remaining);
      this.resetAt = fresh ? resetAt : Math.min(this.resetAt, resetAt);
    }
    this.pump();
  }

  private pump(): void {
    this.expire();
    while (this.queue.length > 0 && this.hasRoom()) {
      this.inFlight += 1;
      this.queue.shift()?.grant();
    }
    if (this.queue.length > 0 && this.timer === undefined && this.remaining !== undefined) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.max(1, this.resetAt - Date.now()),
      );
    }
  }

  private expire(): void {
    if (this.remaining !== undefined && Date.now() >= this.resetAt) {
      this.remaining = undefined;
    }
  }

  private hasRoom(): boolean {
    // Until a response tells us, assume the documented default and keep that many in flight at most.
    return this.remaining === undefined ? this.inFlight < DEFAULT_GRAPH_QUOTA : this.remaining - this.inFlight > 0;
  }
}

/** `hh:mm:ss` (optionally with fractional seconds) in milliseconds: how the quota's reset is written. */
export function parseTimeSpan(value: string | undefined): number | undefined {
  const match = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value?.trim() ?? '');
  if (!match) {
    return undefined;
  }
  return (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000;
}
