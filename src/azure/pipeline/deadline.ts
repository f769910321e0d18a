// The time limit of a whole collection run. When it passes, requests in flight are aborted, waits
// (throttling, backoff, the read budget) end, and every request after it fails at once: what was not
// read by then is recorded as incomplete, with the limit as the reason.

import type { PipelineRequest } from '@azure/core-rest-pipeline';
import { AzureRequestError } from '../errors.js';

/** Milliseconds as seconds for a message: one decimal below 10 s, whole seconds above. */
export function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}

export const DEADLINE_CODE = 'CollectionTimeLimit';

export class CollectDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly limitMs: number | undefined;
  /** Called when the limit passes: a set, as an AbortSignal's listener list is slow with thousands. */
  private readonly listeners = new Set<() => void>();

  /** No limit when `limitMs` is undefined. */
  constructor(limitMs: number | undefined) {
    this.limitMs = limitMs;
    if (limitMs !== undefined) {
      this.timer = setTimeout(() => this.controller.abort(), limitMs);
      this.timer.unref();
      this.controller.signal.addEventListener(
        'abort',
        () => {
          for (const listener of [...this.listeners]) {
            listener();
          }
          this.listeners.clear();
        },
        { once: true },
      );
    }
  }

  /** Calls `listener` when the limit passes (never without a limit); returns how to stop listening. */
  onExpire(listener: () => void): () => void {
    if (this.limitMs === undefined) {
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** The failure of a request cut short (or never sent) because the time limit passed. */
  error(request: Pick<PipelineRequest, 'method' | 'url'>): AzureRequestError {
    return new AzureRequestError({
      status: undefined,
      code: DEADLINE_CODE,
      message: `the collection time limit of ${seconds(this.limitMs ?? 0)} s ran out before this was read`,
      method: request.method,
      url: request.url,
    });
  }

  /** Throws the time-limit failure when the limit has passed. */
  check(request: Pick<PipelineRequest, 'method' | 'url'>): void {
    if (this.expired) {
      throw this.error(request);
    }
  }

  /** `wait`, or the time-limit failure as soon as the limit passes. */
  race<T>(wait: Promise<T>, request: Pick<PipelineRequest, 'method' | 'url'>): Promise<T> {
    if (this.limitMs === undefined) {
      return wait;
    }
    this.check(request);
    return new Promise<T>((resolve, reject) => {
      const stop = this.onExpire(() => reject(this.error(request)));
      wait.then(
        (value) => {
          stop();
          resolve(value);
        },
        (error: unknown) => {
          stop();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
  }
}
