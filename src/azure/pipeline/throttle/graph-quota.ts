import { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpHeaders } from '@azure/core-rest-pipeline';

// Resource Graph's documented default: 15 queries per 5-second window per user, with the quota left
// and its reset in x-ms-user-quota-remaining / x-ms-user-quota-resets-after on every response
// (https://learn.microsoft.com/azure/governance/resource-graph/concepts/guidance-for-throttled-requests).
const DEFAULT_GRAPH_QUOTA = 15;
const DEFAULT_GRAPH_WINDOW_MS = 5000;
/** How often queries held back for an urgent chain look again (the chain may have ended). */
const RESERVATION_POLL_MS = 50;

/** A query's turn in the quota: when it was sent. */
export interface QuotaTurn {
  grantedAt: number;
}

/**
 * The pages of one query: its priority (lower goes first) and, once its first page has told the
 * total, how many pages it still needs and how long a page took (0 when they go side by side). An
 * urgent chain (priority 0) has the quota it can use before the window resets kept for it, so that
 * other queries running side by side fill the rest of the window without pushing its later pages
 * into the next one. While its first page is out, the others' later pages wait (their first pages
 * go): how many pages it needs is not known yet.
 */
export interface GraphChain {
  priority: number;
  pagesLeft: number;
  pageMs: number;
  awaitingFirstPage?: boolean;
}

const graphChain = new AsyncLocalStorage<GraphChain>();

/** Runs Resource Graph queries that should get the quota before others (lower goes first; default 1). */
export function withGraphPriority<T>(priority: number, run: () => Promise<T>): Promise<T> {
  return graphChain.run({ priority, pagesLeft: 0, pageMs: 0 }, run);
}

/** Runs one chain of pages at the caller's priority; `run` reports its progress on the chain. */
export function withGraphChain<T>(run: (chain: GraphChain) => Promise<T>): Promise<T> {
  const chain: GraphChain = { priority: graphChain.getStore()?.priority ?? 1, pagesLeft: 0, pageMs: 0 };
  return graphChain.run(chain, async () => {
    try {
      return await run(chain);
    } finally {
      chain.pagesLeft = 0;
    }
  });
}

/**
 * Resource Graph allows a user a number of queries per window and says how many are left in
 * `x-ms-user-quota-remaining` and when the window resets in `x-ms-user-quota-resets-after`.
 * Queries wait here rather than being sent into a 429; when several wait, the most urgent goes first.
 */
export class GraphQuota {
  private remaining: number | undefined;
  /**
   * The quota of a whole window, as the responses show it (the most ever left, plus the query that
   * reported it); the documented default until one has shown some left. A fresh window is assumed to hold this many,
   * so that a smaller quota is not overrun each time a window resets.
   */
  private windowQuota: number | undefined;
  /** When queued queries go again: the announced reset, but never later than `maxWaitMs` from now. */
  private resetAt = 0;
  /** The reset as Azure announced it, however far away. */
  private announcedResetAt = 0;
  /** Turns whose answers have not come yet. */
  private readonly flying = new Set<QuotaTurn>();
  /** When plaudit last saw the window reset (its reckoning), or never. */
  private windowOpenedAt = -Infinity;
  /**
   * Queries sent before the window reset whose answers came after it: Azure may have counted them
   * in either window, so they count against this one until it ends, and their headers are not read.
   */
  private carried = 0;
  private readonly queue: Array<{
    priority: number;
    chain: GraphChain | undefined;
    /** A query's first page: the others need it before they can say how many pages they need. */
    firstPage: boolean;
    grant: (turn: QuotaTurn) => void;
    refuse: (error: QuotaTooFarError) => void;
  }> = [];
  /** Urgent chains that may still need pages. */
  private readonly urgent = new Set<GraphChain>();
  private poll: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxWaitMs: number;

  /** `maxWaitMs`: the longest a queued query waits for a reset, whatever the headers announce. */
  constructor(maxWaitMs = Infinity) {
    this.maxWaitMs = maxWaitMs;
  }

  /** How long a query sent now would wait for the window to reset (0 when the quota is not used up). */
  waitMs(): number {
    this.expire();
    if (this.queue.length === 0 && this.hasRoom()) {
      return 0;
    }
    // The window's quota is all in flight before any answer has told of it: the query waits for
    // those answers, a wait of its own (at least 1 ms, so that it is counted as one).
    return Math.max(this.remaining === undefined ? 1 : 0, this.announcedResetAt - Date.now());
  }

  /** Drops every queued query and the reset timer (the run is over; their callers have given up). */
  cancel(): void {
    this.queue.length = 0;
    this.urgent.clear();
    if (this.poll !== undefined) {
      clearTimeout(this.poll);
      this.poll = undefined;
    }
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /**
   * Resolves when the query may go; the caller's withGraphPriority decides its place in the queue.
   * Rejects with QuotaTooFarError when the quota is used up and resets later than `maxWaitMs`.
   */
  acquire(): Promise<QuotaTurn> {
    const chain = graphChain.getStore();
    const priority = chain?.priority ?? 1;
    if (chain && priority === 0) {
      this.urgent.add(chain);
    }
    const firstPage = chain?.awaitingFirstPage === true;
    return new Promise((grant, refuse) => {
      const at = this.queue.findIndex((waiter) => waiter.priority > priority);
      this.queue.splice(at < 0 ? this.queue.length : at, 0, { priority, chain, firstPage, grant, refuse });
      this.pump();
    });
  }

  /**
   * Hands the turn back (without one: the oldest in flight), with the quota headers of the response
   * if one came and when it began to arrive. An answer to a query sent before the window reset may speak of the old window: an
   * answer slow to arrive would announce a used-up quota and a reset that have both passed.
   */
  release(headers: HttpHeaders | undefined, turn?: QuotaTurn, answeredAt = Date.now()): void {
    const returned = turn ?? this.flying.values().next().value;
    if (returned) {
      this.flying.delete(returned);
    }
    const remaining = Number(headers?.get('x-ms-user-quota-remaining'));
    const resetsAfter = parseTimeSpan(headers?.get('x-ms-user-quota-resets-after'));
    const stale = returned !== undefined && returned.grantedAt < this.windowOpenedAt;
    if (stale) {
      this.carried += 1;
    }
    if (!stale && headers?.has('x-ms-user-quota-remaining') && Number.isFinite(remaining)) {
      // Within a window, responses can arrive out of order (an older one reporting more quota left),
      // and resets-after is rounded to seconds: keep the lowest count and the earliest reset seen.
      // Counted from when the answer began to arrive (the headers were written before then).
      const announced = Math.min(answeredAt, Date.now()) + (resetsAfter ?? DEFAULT_GRAPH_WINDOW_MS);
      const resetAt = Math.min(announced, Date.now() + this.maxWaitMs);
      // Nothing left says nothing of the window's size: only a count above zero is learnt from.
      if (remaining > 0) {
        this.windowQuota = Math.max(this.windowQuota ?? 0, remaining + 1);
      }
      const fresh = this.remaining === undefined;
      this.remaining = fresh ? remaining : Math.min(this.remaining ?? remaining, remaining);
      this.resetAt = fresh ? resetAt : Math.min(this.resetAt, resetAt);
      this.announcedResetAt = fresh ? announced : Math.min(this.announcedResetAt, announced);
    }
    this.pump();
  }

  private pump(): void {
    this.expire();
    // In order of priority; a query held back for an urgent chain does not hold up a first page behind it.
    for (let i = 0; i < this.queue.length && this.hasRoom();) {
      const waiter = this.queue[i];
      if (!waiter || !this.hasRoom(waiter.priority, waiter.firstPage)) {
        i += 1;
        continue;
      }
      this.queue.splice(i, 1);
      const turn: QuotaTurn = { grantedAt: Date.now() };
      this.flying.add(turn);
      if (waiter.chain && waiter.chain.pagesLeft > 0) {
        // The page now sent is no longer kept for; its response tells how many remain.
        waiter.chain.pagesLeft -= 1;
      }
      waiter.grant(turn);
    }
    if (this.queue.length > 0 && this.hasRoom() && this.poll === undefined) {
      // Held back only for an urgent chain's coming pages: look again shortly, as the chain moves on.
      this.poll = setTimeout(() => {
        this.poll = undefined;
        this.pump();
      }, RESERVATION_POLL_MS);
    }
    const waitMs = this.announcedResetAt - Date.now();
    if (this.queue.length > 0 && this.remaining !== undefined && waitMs > this.maxWaitMs) {
      // Waiting for a reset hours away would hold the run for hours: the queries fail instead.
      for (const waiter of this.queue.splice(0)) {
        waiter.refuse(new QuotaTooFarError(waitMs));
      }
      return;
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
      this.windowOpenedAt = Date.now();
      this.carried = 0;
    }
  }

  /** Whether a query of `priority` may go now (without one: whether any query may, urgent or not). */
  private hasRoom(priority = 0, firstPage = true): boolean {
    // Until a response tells us, assume the documented default and keep that many in flight at most.
    const free = (this.remaining ?? this.windowQuota ?? DEFAULT_GRAPH_QUOTA) - this.flying.size - this.carried;
    return free - (priority === 0 ? 0 : this.reserved(firstPage)) > 0;
  }

  /**
   * Queries kept for urgent chains: the pages each still needs, but no more than it can send, one
   * page after another, before the window resets (a reservation past the reset would leave quota
   * unused in this window); all of it, for pages other than first pages, while an urgent chain's
   * first page is out.
   */
  private reserved(firstPage: boolean): number {
    const untilReset = this.remaining === undefined ? DEFAULT_GRAPH_WINDOW_MS : this.resetAt - Date.now();
    let reserved = 0;
    for (const chain of this.urgent) {
      if (chain.awaitingFirstPage) {
        if (!firstPage) {
          return Infinity;
        }
        continue;
      }
      if (chain.pagesLeft <= 0) {
        this.urgent.delete(chain);
        continue;
      }
      const sendable = chain.pageMs > 0 ? Math.floor(untilReset / chain.pageMs) : chain.pagesLeft;
      reserved += Math.max(0, Math.min(chain.pagesLeft, sendable));
    }
    return reserved;
  }
}

/** The quota is used up and resets later than plaudit waits. */
export class QuotaTooFarError extends Error {
  override readonly name = 'QuotaTooFarError';
  readonly waitMs: number;

  constructor(waitMs: number) {
    super(`the Resource Graph quota is used up and resets in ${Math.ceil(waitMs / 1000)} s`);
    this.waitMs = waitMs;
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
