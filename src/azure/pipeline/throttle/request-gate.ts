// Where each attempt waits before it goes on the wire. Resource Graph queries wait for the user's
// quota, which Azure reports on every response; ARM reads spend plaudit's own read budget per
// subscription and share a cap on requests in flight.

import type { HttpHeaders, PipelineResponse } from '@azure/core-rest-pipeline';
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import type { RequestKind } from '../request-kind.js';
import type { CollectStats } from '../stats.js';
import { GraphQuota } from './graph-quota.js';
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
}

export class RequestGate {
  private readonly quota = new GraphQuota();
  private readonly budget: ReadBudgets | undefined;
  private readonly budgetClock: WaitClock;
  private readonly limit: LimitFunction;
  private readonly throttleWaits: ThrottleWaits;

  constructor(options: RequestGateOptions) {
    this.budget = options.readBudget ? new ReadBudgets(options.readBudget) : undefined;
    this.budgetClock = new WaitClock((ms) => (options.stats.budgetWaitMs += ms));
    this.limit = pLimit(options.concurrency);
    this.throttleWaits = options.throttleWaits;
  }

  /** A turn in the Resource Graph quota (a wait for it counts as throttling), or a token of ARM's read budget. */
  async waitForTurn(kind: RequestKind, path: string): Promise<void> {
    if (kind === 'graph') {
      const waitMs = this.quota.waitMs();
      const turn = this.quota.acquire();
      if (waitMs > 0) {
        await this.throttleWaits.wait('Resource Graph quota used up; waiting for it to reset', waitMs, () => turn);
      } else {
        await turn;
      }
    } else if (this.budget) {
      const wait = this.budget.take(path);
      if (wait) {
        await this.budgetClock.during(wait);
      }
    }
  }

  /** Sends an attempt that has its turn; the quota already paces Resource Graph, so only ARM is capped. */
  send(kind: RequestKind, send: () => Promise<PipelineResponse>): Promise<PipelineResponse> {
    return kind === 'graph' ? send() : this.limit(send);
  }

  /** Ends a turn: a Resource Graph response (if any) says how much quota is left. */
  release(kind: RequestKind, headers: HttpHeaders | undefined): void {
    if (kind === 'graph') {
      this.quota.release(headers);
    }
  }
}
