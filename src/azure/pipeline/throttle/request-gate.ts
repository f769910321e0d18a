// Where each attempt waits before it goes on the wire. Resource Graph queries wait for the user's
// quota, which Azure reports on every response; ARM reads spend plaudit's own read budget per
// subscription and share a cap on requests in flight.

import type { HttpHeaders, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import { AzureRequestError } from '../../errors.js';
import type { CollectDeadline } from '../deadline.js';
import type { RequestKind } from '../request-kind.js';
import type { CollectStats } from '../stats.js';
import { GraphQuota, QuotaTooFarError } from './graph-quota.js';
import type { QuotaTurn } from './graph-quota.js';
import { ReadBudgets } from './read-budget.js';
import type { ReadBudget } from './read-budget.js';
import { WaitClock } from './waits.js';
import type { ThrottleWaits } from './waits.js';

export interface RequestGateOptions {
  /** ARM requests in flight at once. */
  concurrency: number;
  readBudget: ReadBudget | false;
  stats: CollectStats;
  throttleWaits: ThrottleWaits;
  /** The longest any request waits for Azure's quota or plaudit's budget. */
  maxWaitMs: number;
  deadline: CollectDeadline;
}

export class RequestGate {
  private readonly quota: GraphQuota;
  private readonly budget: ReadBudgets | undefined;
  private readonly budgetClock: WaitClock;
  private readonly limit: LimitFunction;
  private readonly throttleWaits: ThrottleWaits;
  private readonly maxWaitMs: number;
  private readonly deadline: CollectDeadline;

  constructor(options: RequestGateOptions) {
    this.quota = new GraphQuota(options.maxWaitMs);
    this.maxWaitMs = options.maxWaitMs;
    this.deadline = options.deadline;
    this.deadline.signal.addEventListener('abort', () => this.quota.cancel(), { once: true });
    this.budget = options.readBudget ? new ReadBudgets(options.readBudget) : undefined;
    this.budgetClock = new WaitClock((ms) => (options.stats.budgetWaitMs += ms));
    this.limit = pLimit(options.concurrency);
    this.throttleWaits = options.throttleWaits;
  }

  /** A turn in the Resource Graph quota (a wait for it counts as throttling), or a token of ARM's read budget. */
  async waitForTurn(kind: RequestKind, request: PipelineRequest, path: string): Promise<QuotaTurn | undefined> {
    if (kind === 'graph') {
      const waitMs = this.quota.waitMs();
      if (waitMs > this.maxWaitMs) {
        throw this.tooFar(waitMs, request);
      }
      const turn = this.quota.acquire().catch((error: unknown) => {
        throw error instanceof QuotaTooFarError ? this.tooFar(error.waitMs, request) : error;
      });
      if (waitMs > 0) {
        await this.throttleWaits.wait('Resource Graph quota used up; waiting for it to reset', waitMs, async () => {
          await this.deadline.race(turn, request);
        });
      }
      return await this.deadline.race(turn, request);
    }
    if (this.budget) {
      const wait = this.budget.take(path, this.deadline.signal);
      if (wait) {
        await this.budgetClock.during(this.deadline.race(wait, request));
      }
    }
    return undefined;
  }

  /**
   * A reset hours away would hold the run for hours: the query fails now instead, as a 429 would
   * with a Retry-After that long.
   */
  private tooFar(waitMs: number, request: PipelineRequest): AzureRequestError {
    return new AzureRequestError({
      status: 429,
      code: 'QuotaResetTooFar',
      message: `the Resource Graph quota is used up and resets in ${Math.ceil(waitMs / 1000)} s, longer than plaudit waits (${Math.round(this.maxWaitMs / 1000)} s)`,
      method: request.method,
      url: request.url,
    });
  }

  /** Sends an attempt that has its turn; the quota already paces Resource Graph, so only ARM is capped. */
  send(kind: RequestKind, send: () => Promise<PipelineResponse>): Promise<PipelineResponse> {
    return kind === 'graph' ? send() : this.limit(send);
  }

  /** Ends a turn: a Resource Graph response (if any) says how much quota is left. */
  release(kind: RequestKind, headers: HttpHeaders | undefined, turn: QuotaTurn | undefined, answeredAt?: number): void {
    if (kind === 'graph') {
      this.quota.release(headers, turn, answeredAt);
    }
  }
}
