// Time spent waiting, for the stats: waits overlap (many requests hold for the same quota reset), so
// the clocks add up wall time rather than the sum of the waits.

import type { CollectStats } from '../stats.js';

/** Resolves after `ms`, or at once when `signal` aborts (the timer is cleared, so nothing lingers). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Adds up wall time during which at least one wait was under way, so parallel waits count once. */
export class WaitClock {
  private active = 0;
  private since = 0;
  private readonly add: (ms: number) => void;

  constructor(add: (ms: number) => void) {
    this.add = add;
  }

  async during<T>(wait: Promise<T>): Promise<T> {
    if (this.active === 0) {
      this.since = performance.now();
    }
    this.active += 1;
    try {
      return await wait;
    } finally {
      this.active -= 1;
      if (this.active === 0) {
        this.add(Math.round(performance.now() - this.since));
      }
    }
  }
}

/**
 * Waits that Azure's throttling imposes (a 429 or 503, an exhausted Resource Graph quota): each is
 * counted, announced to the caller and timed on one clock, whichever policy is waiting.
 */
export class ThrottleWaits {
  private readonly stats: CollectStats;
  private readonly clock: WaitClock;
  private readonly onThrottle: ((reason: string, waitMs: number) => void) | undefined;

  constructor(stats: CollectStats, onThrottle: ((reason: string, waitMs: number) => void) | undefined) {
    this.stats = stats;
    this.clock = new WaitClock((ms) => (stats.throttleWaitMs += ms));
    this.onThrottle = onThrottle;
  }

  async wait(reason: string, waitMs: number, until: () => Promise<void>): Promise<void> {
    this.stats.throttled += 1;
    this.onThrottle?.(reason, waitMs);
    await this.clock.during(until());
  }
}
