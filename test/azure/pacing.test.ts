// Pacing at Azure's own limits: Resource Graph's quota per user and ARM's read bucket per
// subscription, against the fake that enforces both.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpHeaders } from '@azure/core-rest-pipeline';
import { GraphQuota, withGraphChain, withGraphPriority } from '../../src/azure/pipeline/throttle/graph-quota.js';
import type { GraphChain } from '../../src/azure/pipeline/throttle/graph-quota.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { byId, collectFrom, expectedResources, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await fake?.close();
  fake = undefined;
});

const quotaHeaders = (remaining: number, resetsAfter: string) =>
  createHttpHeaders({ 'x-ms-user-quota-remaining': String(remaining), 'x-ms-user-quota-resets-after': resetsAfter });

/** Lets granted turns resolve. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function track(turns: Array<Promise<unknown>> | Promise<Array<Promise<unknown>>>): { granted: () => number } {
  let granted = 0;
  void Promise.resolve(turns).then((all) => all.forEach((turn) => void turn.then(() => (granted += 1))));
  return { granted: () => granted };
}

describe('GraphQuota pacing', () => {
  it('sends up to the documented quota at once, before any response has told it', async () => {
    const quota = new GraphQuota(10_000);
    const turns = track(Array.from({ length: 40 }, () => quota.acquire()));
    await settle();
    expect(turns.granted()).toBe(15);
    // The responses say 3 are left: no more than that go, counting those in flight.
    for (let i = 0; i < 15; i += 1) {
      quota.release(
        createHttpHeaders({ 'x-ms-user-quota-remaining': '3', 'x-ms-user-quota-resets-after': '00:00:04' }),
      );
    }
    await settle();
    expect(turns.granted()).toBe(18);
    quota.cancel();
  });

  it('keeps the window room an urgent chain needs, then gives it to the others when the chain ends', async () => {
    const quota = new GraphQuota(10_000);
    let chain: GraphChain | undefined;
    let endChain: () => void = () => {};
    const urgent = withGraphPriority(0, () =>
      withGraphChain(async (own) => {
        chain = own;
        // The first page told: six more pages to come, 100 ms each.
        own.pagesLeft = 6;
        own.pageMs = 100;
        await quota.acquire();
        await new Promise<void>((resolve) => (endChain = resolve));
      }),
    );
    await settle();
    const others = track(Array.from({ length: 20 }, () => quota.acquire()));
    await settle();
    // 15 in the window: one urgent page in flight, five more kept for the chain, nine for the others.
    expect(chain?.pagesLeft).toBe(5);
    expect(others.granted()).toBe(9);
    endChain();
    await urgent;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(others.granted()).toBe(14);
    quota.cancel();
  });

  it('keeps no more for a chain than it can send before the window resets', async () => {
    const quota = new GraphQuota(10_000);
    await quota.acquire();
    quota.release(createHttpHeaders({ 'x-ms-user-quota-remaining': '15', 'x-ms-user-quota-resets-after': '00:00:01' }));
    let endChain: () => void = () => {};
    const urgent = withGraphPriority(0, () =>
      withGraphChain(async (own) => {
        // One page in flight, forty to come at 400 ms each: about two fit before the reset a second away.
        own.pagesLeft = 41;
        own.pageMs = 400;
        await quota.acquire();
        await new Promise<void>((resolve) => (endChain = resolve));
      }),
    );
    await settle();
    const turns = track(Array.from({ length: 20 }, () => quota.acquire()));
    await settle();
    // The chain is kept two turns, not forty (which would leave the window idle).
    expect(turns.granted()).toBe(12);
    endChain();
    await urgent;
    quota.cancel();
  });
});

describe('GraphQuota with pages by position', () => {
  it("while an urgent query's first page is out, other queries' first pages go and their later pages wait", async () => {
    vi.useFakeTimers();
    const quota = new GraphQuota(10_000);
    let endFirstPage: () => void = () => {};
    const urgent = withGraphPriority(0, () =>
      withGraphChain(async (own) => {
        own.awaitingFirstPage = true;
        await quota.acquire();
        await new Promise<void>((resolve) => (endFirstPage = resolve));
        // The first page told the total: nothing more to keep for this chain here.
        own.awaitingFirstPage = false;
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    // A query that knows its pages asks for four; behind them, two other queries' first pages.
    const later = track(withGraphChain(() => Promise.resolve(Array.from({ length: 4 }, () => quota.acquire()))));
    const firsts = track(
      Array.from({ length: 2 }, () =>
        withGraphChain(async (own) => {
          own.awaitingFirstPage = true;
          return quota.acquire();
        }),
      ),
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(firsts.granted()).toBe(2);
    expect(later.granted()).toBe(0);
    endFirstPage();
    await urgent;
    await vi.advanceTimersByTimeAsync(100);
    expect(later.granted()).toBe(4);
    quota.cancel();
  });

  it('an answer sent before the window reset and received after it counts, but does not speak for the new window', async () => {
    vi.useFakeTimers();
    const quota = new GraphQuota(10_000);
    const turns = await Promise.all(Array.from({ length: 15 }, () => quota.acquire()));
    await vi.advanceTimersByTimeAsync(500);
    // Fourteen answers: the window is used up and resets in a second; one answer is slow.
    turns.slice(0, 14).forEach((turn, i) => quota.release(quotaHeaders(14 - i, '00:00:01'), turn));
    const next = track(Array.from({ length: 16 }, () => quota.acquire()));
    await vi.advanceTimersByTimeAsync(0);
    expect(next.granted()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    // Azure may count the slow query in either window: the new one is taken to hold fourteen more.
    expect(next.granted()).toBe(14);
    // Its answer comes now, saying the (old) window is used up: it still counts, and nothing more goes.
    quota.release(quotaHeaders(0, '00:00:01'), turns[14]);
    await vi.advanceTimersByTimeAsync(0);
    expect(next.granted()).toBe(14);
    // An answer of the new window without headers frees its place: the old answer did not stop the window.
    quota.release(undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(next.granted()).toBe(15);
    quota.cancel();
  });

  it('assumes the quota the answers showed, not the documented default, for each new window', async () => {
    vi.useFakeTimers();
    const quota = new GraphQuota(10_000);
    const turns = await Promise.all(Array.from({ length: 8 }, () => quota.acquire()));
    // This user's quota is 8 a window: the first answer of the window says 7 are left.
    turns.forEach((turn, i) => quota.release(quotaHeaders(7 - i, '00:00:01'), turn));
    const next = track(Array.from({ length: 20 }, () => quota.acquire()));
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.granted()).toBe(8);
    quota.cancel();
  });
});

describe('ARM read pacing against the read bucket', () => {
  it('the fake answers reads past its bucket with 429 and Retry-After, and the collector honours it', async () => {
    fake = await startFake({ armReadBudget: { burst: 1, perSecond: 5 } });
    const { snapshot } = await collectFrom(fake, { readBudget: false });
    const throttled = fake.requests.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
  });

  it('pacing a little inside the bucket draws no 429 and never spends more than the bucket holds', async () => {
    const bucket = { burst: 3, perSecond: 20 };
    fake = await startFake({ armReadBudget: bucket });
    const { snapshot } = await collectFrom(fake, { readBudget: { burst: 2, perSecond: 18 } });
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    // Replay the reads as they arrived, per subscription: the bucket never went below empty.
    const arrivals = new Map<string, number[]>();
    for (const request of fake.requests.filter((r) => r.method === 'GET')) {
      const key = /^\/subscriptions\/([^/]+)/i.exec(request.path)?.[1]?.toLowerCase() ?? 'tenant';
      arrivals.set(key, [...(arrivals.get(key) ?? []), request.at]);
    }
    for (const times of arrivals.values()) {
      let tokens = bucket.burst;
      let last = times[0] ?? 0;
      for (const at of times) {
        tokens = Math.min(bucket.burst, tokens + ((at - last) / 1000) * bucket.perSecond) - 1;
        last = at;
        expect(tokens).toBeGreaterThanOrEqual(-1e-9);
      }
    }
  });
});
