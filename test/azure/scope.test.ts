import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/azure/errors.js';
import { normalizeId } from '../../src/ids.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { APP, HUB, TENANT, ids } from '../fake-azure/estate.js';
import { byId, collectFrom, expectedResources, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('scope', () => {
  it.each([
    [{ subscriptions: ['landing-zone-app'] }, /--subscription landing-zone-app is not a subscription id/],
    [{ resourceGroups: ['rg-app'] }, /--resource-group rg-app is not a resource group id/],
  ])('rejects a malformed scope before any request: %j', async (scope, message) => {
    fake = await startFake();
    await expect(collectFrom(fake, { scope })).rejects.toThrow(InvalidOptionError);
    await expect(collectFrom(fake, { scope })).rejects.toThrow(message);
    expect(fake.requests).toEqual([]);
  });

  it.each(['graph', 'arm'] as const)('reads the subscriptions of a management group (%s)', async (source) => {
    fake = await startFake();
    const { snapshot, subscriptions } = await collectFrom(fake, {
      source,
      scope: { managementGroup: 'mg-landing-zones' },
    });
    expect(subscriptions).toEqual([APP]);
    expect(snapshot.incomplete).toEqual([]);
    const got = new Set(snapshot.resources.map((r) => normalizeId(r.id)));
    for (const id of [...expectedResources().keys()].filter((key) => key.startsWith(`/subscriptions/${APP}`))) {
      expect(got).toContain(id);
    }
    // Hub resources only as dependencies: the firewall yes, the DNS forwarding ruleset no.
    expect(got).toContain(normalizeId(ids.firewall));
    expect(got).not.toContain(normalizeId(ids.ruleset));
  });

  it('reads the subscriptions of one tenant', async () => {
    fake = await startFake();
    const { snapshot, subscriptions } = await collectFrom(fake, { scope: { tenant: TENANT } });
    expect(subscriptions).toEqual([APP, HUB].sort());
    expect(byId(snapshot.resources)).toEqual(expectedResources());
  });

  it('batches subscriptions in Resource Graph queries', async () => {
    fake = await startFake({ pageSize: { min: 1, max: 3 } });
    const { snapshot } = await collectFrom(fake, { scope: { subscriptions: [HUB, APP] }, graphBatchSize: 1 });
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    const scopes = fake.requests
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { subscriptions?: string[] }).subscriptions?.length);
    expect(scopes.every((n) => n === undefined || n === 1)).toBe(true);
  });

  it('reports a resource group that does not exist, and reads the others', async () => {
    fake = await startFake();
    const missing = `/subscriptions/${APP}/resourceGroups/rg-gone`;
    const { snapshot } = await collectFrom(fake, {
      scope: { resourceGroups: [missing, `/subscriptions/${APP}/resourceGroups/rg-app`] },
    });
    expect(snapshot.incomplete).toEqual([
      { scope: missing, reason: "404 ResourceGroupNotFound: Resource group 'rg-gone' could not be found." },
    ]);
    expect(snapshot.resources.some((r) => normalizeId(r.id) === normalizeId(ids.vault))).toBe(true);
  });

  it('reports progress: activities, pages and resources', async () => {
    fake = await startFake({ pageSize: 2 });
    const activities = new Set<string>();
    let last = { resources: 0, pages: 0, requests: 0 };
    await collectFrom(fake, {
      onProgress: (progress) => {
        activities.add(progress.activity.replace(/\d+\/\d+/, 'n/m'));
        last = progress;
      },
    });
    expect(activities).toContain('Resource Graph: private endpoints');
    expect(activities).toContain('ARM: private DNS zone groups n/m');
    expect(activities).toContain('done');
    expect(last.resources).toBe(expectedResources().size);
    expect(last.pages).toBeGreaterThan(10);
    expect(last.requests).toBe(fake.requests.length);
  });
});
