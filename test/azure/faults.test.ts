import { afterEach, describe, expect, it } from 'vitest';
import { normalizeId } from '../../src/ids.js';
import type { FakeAzure, Fault } from '../fake-azure/server.js';
import { APP, HUB, ids } from '../fake-azure/estate.js';
import { byId, collectFrom, expectedResources, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function collectWith(faults: Fault[], options: Parameters<typeof collectFrom>[1] = {}) {
  fake = await startFake({ pageSize: { min: 1, max: 3 } });
  fake.faults.push(...faults);
  return collectFrom(fake, options);
}

const graph = { graph: true };
const zoneGroups = { path: /privateDnsZoneGroups$/i };
const armLists = { method: 'GET', path: /\/providers\/Microsoft\.Network\/[^/]+$/i };

describe('transient faults: the same resources come back', () => {
  it('429 with Retry-After (Resource Graph and ARM)', async () => {
    const { snapshot, stats } = await collectWith([
      {
        match: graph,
        times: 1,
        action: { kind: 'status', status: 429, code: 'RateLimiting', headers: { 'retry-after': '1' } },
      },
      {
        match: zoneGroups,
        times: 2,
        action: {
          kind: 'status',
          status: 429,
          code: 'SubscriptionRequestsThrottled',
          headers: { 'x-ms-retry-after-ms': '30' },
        },
      },
    ]);
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(stats.throttled).toBe(3);
    expect(stats.retries).toBeGreaterThanOrEqual(3);
    // The Retry-After of one second was honoured.
    expect(stats.throttleWaitMs).toBeGreaterThanOrEqual(950);
  });

  it('429 without Retry-After, which the SDK alone would not retry', async () => {
    const { snapshot, stats } = await collectWith(
      [
        { match: graph, times: 3, action: { kind: 'status', status: 429, code: 'RateLimiting' } },
        { match: armLists, times: 2, action: { kind: 'status', status: 429, code: 'SubscriptionRequestsThrottled' } },
      ],
      { source: 'graph' },
    );
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(stats.throttled).toBe(3);
    expect(fake!.requests.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('503, connection resets, slow and malformed responses', async () => {
    const { snapshot, stats } = await collectWith(
      [
        { match: { method: 'GET' }, times: 2, action: { kind: 'status', status: 503, code: 'ServiceUnavailable' } },
        { match: graph, times: 2, action: { kind: 'reset' } },
        { match: zoneGroups, times: 2, action: { kind: 'reset' } },
        { match: { path: /virtualNetworks$/i }, times: 1, action: { kind: 'malformed' } },
        { match: { path: /routeTables$/i }, times: 1, action: { kind: 'delay', ms: 1500 } },
      ],
      { source: 'arm', retry: { maxRetries: 4, retryDelayMs: 5, maxRetryDelayMs: 40, requestTimeoutMs: 1000 } },
    );
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    // 2 x 503, 2 x reset on zone groups, 1 malformed, 1 timeout (Graph is not used with --source arm).
    expect(stats.retries).toBe(6);
    expect(fake!.requests.filter((r) => r.status === 'reset')).toHaveLength(2);
  });

  it('resets and 503 on Resource Graph', async () => {
    const { snapshot, stats } = await collectWith([
      { match: graph, times: 2, action: { kind: 'reset' } },
      { match: graph, times: 2, action: { kind: 'status', status: 503, code: 'ServiceUnavailable' } },
    ]);
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(stats.retries).toBe(4);
  });

  it('waits for the Resource Graph quota instead of running into 429s', async () => {
    fake = await startFake({ pageSize: { min: 1, max: 3 }, graphQuota: { limit: 8, windowMs: 1000 } });
    const updates: string[] = [];
    const { snapshot, stats } = await collectFrom(fake, {
      onProgress: (p) => p.throttle && updates.push(p.throttle.reason),
    });
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(fake.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(stats.pages.graph).toBeGreaterThan(8);
    expect(stats.throttleWaitMs).toBeGreaterThan(0);
    expect(updates.some((reason) => reason.includes('quota'))).toBe(true);
  });
});

describe('sharing the Resource Graph quota with another client of the same user', () => {
  it.each([true, false])('retries the quota 429s (Retry-After sent: %s)', async (graphRetryAfter) => {
    fake = await startFake({ graphQuota: { limit: 5, windowMs: 1000 }, graphRetryAfter });
    const [first, second] = await Promise.all([collectFrom(fake), collectFrom(fake)]);
    for (const { snapshot } of [first, second]) {
      expect(snapshot.incomplete).toEqual([]);
      expect(byId(snapshot.resources)).toEqual(expectedResources());
    }
    expect(fake.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });
});

describe('failures that persist end up in incomplete; the rest is still read', () => {
  it.each(['deny', 'omit'] as const)(
    '403 AuthorizationFailed on one subscription (Resource Graph %s)',
    async (mode) => {
      fake = await startFake({ pageSize: { min: 1, max: 3 }, forbiddenSubscriptions: [APP], graphForbidden: mode });
      const { snapshot } = await collectFrom(fake, { scope: { subscriptions: [HUB, APP] } });

      expect(snapshot.incomplete).toHaveLength(1);
      expect(snapshot.incomplete?.[0]?.scope).toBe(`/subscriptions/${APP}`);
      expect(snapshot.incomplete?.[0]?.reason).toMatch(
        /^403 AuthorizationFailed: The client '.+' does not have authorization to perform action/,
      );
      const expected = [...expectedResources().keys()].filter((id) => id.startsWith(`/subscriptions/${HUB}`));
      expect(new Set(snapshot.resources.map((r) => normalizeId(r.id)))).toEqual(new Set(expected));
    },
  );

  it('403 on one subscription with --source arm', async () => {
    fake = await startFake({ forbiddenSubscriptions: [APP] });
    const { snapshot } = await collectFrom(fake, { source: 'arm', scope: { subscriptions: [HUB, APP] } });
    expect(snapshot.incomplete).toEqual([
      { scope: `/subscriptions/${APP}`, reason: expect.stringMatching(/^403 AuthorizationFailed: /) },
    ]);
    expect(snapshot.resources.length).toBeGreaterThan(20);
  });

  it('a persistent 500 on one endpoint’s zone groups', async () => {
    const { snapshot } = await collectWith([
      {
        match: { path: /pe-kv-app-01\/privateDnsZoneGroups$/i },
        action: { kind: 'status', status: 500, code: 'InternalServerError', message: 'An error occurred.' },
      },
    ]);
    expect(snapshot.incomplete).toEqual([
      { scope: `${ids.vaultPe}/privateDnsZoneGroups`, reason: '500 InternalServerError: An error occurred.' },
    ]);
    const expected = expectedResources();
    expected.delete(normalizeId(`${ids.vaultPe}/privateDnsZoneGroups/default`));
    expect(byId(snapshot.resources)).toEqual(expected);
  });

  it('a list failing after its first page keeps that page', async () => {
    fake = await startFake({ pageSize: 1 });
    fake.faults.push({
      match: { path: /providers\/Microsoft\.Network\/networkInterfaces$/i, query: /skiptoken/i },
      action: { kind: 'status', status: 502, code: 'BadGateway', message: 'The gateway did not answer.' },
    });
    const { snapshot } = await collectFrom(fake, { source: 'arm', scope: { subscriptions: [APP] } });
    expect(snapshot.incomplete).toEqual([
      {
        scope: `/subscriptions/${APP}/providers/Microsoft.Network/networkInterfaces`,
        reason: '502 BadGateway: The gateway did not answer.',
      },
    ]);
    // The first page (one NIC) is kept; the other endpoint NICs are still read by id, as references.
    const nics = snapshot.resources.filter((r) => r.type === 'Microsoft.Network/networkInterfaces').map((r) => r.name);
    expect(nics.sort()).toEqual([
      'pe-kv-app-01.nic.4c1d2e3f',
      'pe-sql-app-01.nic.4c1d2e3f',
      'pe-stapp01-blob.nic.4c1d2e3f',
    ]);
  });

  it('a persistent malformed body and an unreachable dependency', async () => {
    const { snapshot } = await collectWith(
      [
        {
          match: { path: /privateDnsZones\/privatelink\.blob\.core\.windows\.net\/virtualNetworkLinks$/i },
          action: { kind: 'malformed' },
        },
        {
          match: { path: /virtualNetworks\/vnet-hub$/i },
          action: { kind: 'status', status: 503, code: 'ServiceUnavailable', message: 'Try again later.' },
        },
      ],
      { scope: { subscriptions: [APP] } },
    );
    expect(snapshot.incomplete).toEqual([
      {
        scope: ids.blobZone,
        reason: `200 MalformedResponse: the response body is not valid JSON (GET ${ids.blobZone}/virtualNetworkLinks) (listing its virtual network links)`,
      },
      { scope: ids.hubVnet, reason: `503 ServiceUnavailable: Try again later. (referenced by ${ids.appVnet})` },
    ]);
  });

  it('reads through ARM what Resource Graph persistently fails on', async () => {
    const { snapshot, stats } = await collectWith(
      [{ match: graph, action: { kind: 'status', status: 500, code: 'InternalServerError' } }],
      {
        scope: { subscriptions: [HUB, APP] },
      },
    );
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(stats.requests.list).toBeGreaterThan(20);
  });

  it('reads through ARM a subscription Resource Graph silently lacks', async () => {
    fake = await startFake({ graphMissingSubscriptions: [APP] });
    const { snapshot } = await collectFrom(fake, { scope: { subscriptions: [HUB, APP] } });
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(
      fake.requests.some((r) => r.path.endsWith(`/subscriptions/${APP}/providers/Microsoft.Network/privateEndpoints`)),
    ).toBe(true);
  });
});
