// The fake's own wire shapes, checked without the SDK: what the real services send and the SDKs rely on.
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAzure } from '../fake-azure/server.js';
import { APP, HUB, ids } from '../fake-azure/estate.js';
import { TOKEN, startFake } from './helpers.js';

let fake: FakeAzure;
beforeAll(async () => {
  fake = await startFake({ pageSize: 2, graphQuota: { limit: 3, windowMs: 60_000 } });
});
afterAll(() => fake.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are probed field by field below
type Json = any;

function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Record<string, string>; json: Json }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${fake.url}${path}`,
      { method, ca: fake.ca, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string>,
            json: JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('fake ARM', () => {
  it('requires api-version', async () => {
    const { status, json } = await call('GET', `/subscriptions/${APP}/providers/Microsoft.Network/privateEndpoints`);
    expect(status).toBe(400);
    expect(json.error.code).toBe('MissingApiVersionParameter');
  });

  it('pages lists with an absolute nextLink and always sends value', async () => {
    const first = await call(
      'GET',
      `/subscriptions/${APP}/providers/Microsoft.Network/privateEndpoints?api-version=2026-01-01`,
    );
    expect(first.json.value).toHaveLength(2);
    expect(first.json.nextLink).toMatch(
      new RegExp(
        `^${fake.url}/subscriptions/${APP}/providers/Microsoft.Network/privateEndpoints\\?api-version=2026-01-01&%24skiptoken=2$`,
      ),
    );
    const second = await call('GET', first.json.nextLink.slice(fake.url.length));
    expect(second.json.value).toHaveLength(1);
    expect(second.json.nextLink).toBeUndefined();
    const empty = await call(
      'GET',
      `/subscriptions/${APP}/providers/Microsoft.Network/azureFirewalls?api-version=2026-01-01`,
    );
    expect(empty.json).toEqual({ value: [] });
  });

  it('matches paths case-insensitively and lists record sets with aLL and per type', async () => {
    const all = await call(
      'GET',
      `${ids.vaultZone.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/')}/aLL?api-version=2024-06-01`,
    );
    expect(all.json.value.map((r: { type: string }) => r.type)).toEqual([
      'Microsoft.Network/privateDnsZones/A',
      'Microsoft.Network/privateDnsZones/SOA',
    ]);
    const a = await call('GET', `${ids.vaultZone}/A?api-version=2024-06-01`);
    expect(a.json.value).toHaveLength(1);
    const groups = await call('GET', `${ids.vaultPe}/privateDnsZoneGroups?api-version=2026-01-01`);
    expect(groups.json.value[0].properties.privateDnsZoneConfigs).toHaveLength(1);
  });

  it('answers a missing resource with ARM’s error body', async () => {
    const { status, json } = await call('GET', `${ids.vault}-gone?api-version=2023-07-01`);
    expect(status).toBe(404);
    expect(json.error.code).toBe('ResourceNotFound');
  });
});

describe('fake Resource Graph', () => {
  it('serves the documented response shape, quota headers, lower-cased types, and no zone groups', async () => {
    const query = `resources | where type in~ ('microsoft.network/privateendpoints', 'microsoft.network/privateendpoints/privatednszonegroups') | order by id asc`;
    const first = await call('POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      subscriptions: [HUB, APP],
      query,
      options: { $top: 1000 },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ totalRecords: 3, count: 2, resultTruncated: 'false', facets: [] });
    expect(first.json.data.map((r: { type: string }) => r.type)).toEqual([
      'microsoft.network/privateendpoints',
      'microsoft.network/privateendpoints',
    ]);
    expect(first.headers['x-ms-user-quota-remaining']).toBe('2');
    expect(first.headers['x-ms-user-quota-resets-after']).toMatch(/^00:0[01]:\d\d$/);
    const second = await call('POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      subscriptions: [HUB, APP],
      query,
      options: { $skipToken: first.json.$skipToken },
    });
    expect(second.json.count).toBe(1);
    expect(second.json.$skipToken).toBeUndefined();
  });

  it('rejects queries it does not understand, then runs out of quota', async () => {
    const bad = await call('POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      query: 'resources | summarize count()',
    });
    expect(bad.status).toBe(400);
    const throttled = await call('POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      query: 'resources',
    });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['x-ms-user-quota-remaining']).toBe('0');
  });
});
