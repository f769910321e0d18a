import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AzureAuthError, staticTokenCredential } from '../../src/azure/credentials.js';
import { ReadOnlyViolationError } from '../../src/azure/errors.js';
import { parseTimeSpan } from '../../src/azure/pipeline/throttle/graph-quota.js';
import { retryAfterMs } from '../../src/azure/pipeline/throttle/retry-after.js';
import { requestKind } from '../../src/azure/pipeline/request-kind.js';
import { Transport } from '../../src/azure/pipeline/transport.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { APP, ids } from '../fake-azure/estate.js';
import { FAST_RETRY, TOKEN, captureLogs, collectFrom, recordHosts, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function transportFor(server: FakeAzure, logger = pino({ level: 'silent' })): Transport {
  return new Transport({
    credential: staticTokenCredential(TOKEN),
    cloud: 'AzureCloud',
    endpoint: server.url,
    scope: 'https://management.azure.com/.default',
    tlsCa: server.ca,
    retry: FAST_RETRY,
    concurrency: 4,
    readBudget: false,
    logger,
  });
}

describe('read-only pipeline', () => {
  it.each([
    [
      'PUT',
      `/subscriptions/${APP}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-app-01?api-version=2023-07-01`,
    ],
    ['DELETE', `/subscriptions/${APP}/resourceGroups/rg-app?api-version=2021-04-01`],
    ['PATCH', `/subscriptions/${APP}/resourceGroups/rg-app?api-version=2021-04-01`],
    [
      'POST',
      `/subscriptions/${APP}/providers/Microsoft.Network/networkInterfaces/nic/effectiveRouteTable?api-version=2024-05-01`,
    ],
  ])('refuses %s before anything reaches Azure', async (method, path) => {
    fake = await startFake();
    const transport = transportFor(fake);
    const request = createPipelineRequest({ url: fake.url + path, method: method as 'PUT' });
    await expect(transport.pipeline.sendRequest(transport.httpClient, request)).rejects.toBeInstanceOf(
      ReadOnlyViolationError,
    );
    expect(fake.requests).toEqual([]);
  });

  it('only ever sends GET, and POST to the Resource Graph query endpoint', async () => {
    fake = await startFake({ pageSize: 2 });
    await collectFrom(fake);
    await collectFrom(fake, {
      source: 'arm',
      scope: { resourceGroups: [`/subscriptions/${APP}/resourceGroups/rg-data`] },
    });
    const kinds = new Set(fake.requests.map((r) => (r.method === 'GET' ? 'GET' : `${r.method} ${r.path}`)));
    expect(kinds).toEqual(new Set(['GET', 'POST /providers/Microsoft.ResourceGraph/resources']));
  });

  it('keeps every request, nextLinks included, on the configured endpoint', async () => {
    fake = await startFake();
    const transport = transportFor(fake);
    const { result, hosts } = await recordHosts(() =>
      transport.getJson(`https://management.azure.com/subscriptions/${APP}?api-version=2022-12-01`),
    );
    expect(result).toMatchObject({ subscriptionId: APP });
    expect([...hosts]).toEqual(['127.0.0.1']);
    expect(fake.requests.map((r) => r.path)).toEqual([`/subscriptions/${APP}`]);
  });
});

describe('secrets stay out of logs, errors and snapshots', () => {
  it('never writes the token, even with retries, throttling and failures logged at debug', async () => {
    fake = await startFake({ pageSize: { min: 1, max: 3 }, forbiddenSubscriptions: [] });
    fake.faults.push(
      {
        match: { graph: true },
        times: 1,
        action: { kind: 'status', status: 429, headers: { 'retry-after-ms': '10' } },
      },
      {
        match: { path: /pe-kv-app-01\/privateDnsZoneGroups$/i },
        action: { kind: 'status', status: 500, code: 'InternalServerError' },
      },
      { match: { path: /routeTables$/i }, times: 1, action: { kind: 'reset' } },
    );
    const logs = captureLogs('trace');
    const { snapshot } = await collectFrom(fake, { logger: logs.logger });

    const text = logs.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('plaudit-test-token');
    expect(text.toLowerCase()).not.toContain('bearer');
    expect(JSON.stringify(snapshot)).not.toContain('plaudit-test-token');
    expect(snapshot.incomplete).toHaveLength(1);
    // One debug line per request: method, path, status, duration; no headers.
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.length).toBe(fake.requests.filter((r) => r.status !== 'reset').length);
    expect(requests[0]).toMatchObject({
      method: expect.any(String),
      path: expect.stringMatching(/^\//),
      status: expect.any(Number),
      ms: expect.any(Number),
    });
    expect(lines.some((line) => 'headers' in line)).toBe(false);
  });

  it('turns a rejected token into one AzureAuthError sentence without the token', async () => {
    fake = await startFake({ expectedToken: 'some-other-token' });
    const error = await collectFrom(fake).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AzureAuthError);
    expect((error as Error).message).toMatch(
      /^Azure rejected the access token \(401 InvalidAuthenticationToken: The access token is invalid\.\): run `az login`/,
    );
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe('request helpers', () => {
  it('names the kind of each request', () => {
    const base = `https://127.0.0.1/subscriptions/${APP}`;
    expect(requestKind('POST', 'https://x/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01')).toBe(
      'graph',
    );
    expect(requestKind('GET', 'https://x/subscriptions?api-version=1')).toBe('subscriptions');
    expect(requestKind('GET', `${base}?api-version=1`)).toBe('subscriptions');
    expect(requestKind('GET', `https://x${ids.vaultPe}/privateDnsZoneGroups`)).toBe('zoneGroups');
    expect(requestKind('GET', `${base}/providers/Microsoft.Network/virtualNetworks`)).toBe('list');
    expect(requestKind('GET', `https://x${ids.blobZone}/aLL`)).toBe('list');
    expect(requestKind('GET', `https://x${ids.vault}`)).toBe('get');
    expect(requestKind('GET', `${base}/resourceGroups/rg-app`)).toBe('get');
  });

  it('reads retry hints and quota reset times', () => {
    expect(retryAfterMs(createHttpHeaders({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(createHttpHeaders({ 'x-ms-retry-after-ms': '150' }))).toBe(150);
    expect(
      retryAfterMs(createHttpHeaders({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() })),
    ).toBeGreaterThan(50_000);
    expect(retryAfterMs(createHttpHeaders({}))).toBeUndefined();
    expect(parseTimeSpan('00:00:05')).toBe(5000);
    expect(parseTimeSpan('01:02:03.5')).toBe(3_723_500);
    expect(parseTimeSpan('soon')).toBeUndefined();
  });
});
