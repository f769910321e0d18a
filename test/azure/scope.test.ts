import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/azure/errors.js';
import { normalizeId } from '../../src/ids.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { APP, HUB, TENANT, hubSpokeEstate, ids } from '../fake-azure/estate.js';
import { byId, collectFrom, expectedResources, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('scope', () => {
  it.each([
    [{ subscriptions: ['/subscriptions/landing-zone-app'] }, /--subscription \/subscriptions\/landing-zone-app is not/],
    [{ resourceGroups: ['rg-app'] }, /--resource-group rg-app is a name, so it needs the one subscription/],
    [
      { subscriptions: [HUB, APP], resourceGroups: ['rg-app'] },
      /needs the one subscription it is in: give exactly one --subscription/,
    ],
    [{ resourceGroups: ['/subscriptions/x/rg-app'] }, /is not a resource group id or name/],
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

  it('resolves a subscription display name case-insensitively, through every page of the list', async () => {
    fake = await startFake({ pageSize: 1 });
    const { snapshot, subscriptions } = await collectFrom(fake, { scope: { subscriptions: ['Landing-Zone-App'] } });
    expect(subscriptions).toEqual([APP]);
    expect(snapshot.scope).toEqual({ subscriptions: [APP] });
    // Listed once, page by page (the display name is on the second page).
    const lists = fake.requests.filter((r) => r.path === '/subscriptions');
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.every((r) => r.method === 'GET')).toBe(true);
  });

  it('reads resource groups given by name in the subscription given by id or name, and only them', async () => {
    for (const subscription of [APP, 'landing-zone-app']) {
      fake = await startFake();
      const { snapshot, subscriptions } = await collectFrom(fake, {
        scope: { subscriptions: [subscription], resourceGroups: ['rg-app'] },
      });
      expect(subscriptions).toEqual([APP]);
      expect(snapshot.scope).toEqual({ resourceGroups: [`/subscriptions/${APP}/resourceGroups/rg-app`] });
      expect(snapshot.incomplete).toEqual([]);
      const inScope = snapshot.resources
        .map((r) => normalizeId(r.id))
        .filter((id) => id.startsWith(`/subscriptions/${APP}`));
      expect(inScope).toContain(normalizeId(ids.vault));
      // The subscription is not read whole: its network resource group comes in only as a dependency.
      expect(fake.requests.some((r) => r.method === 'POST' && JSON.stringify(r.body).includes('rg-app'))).toBe(true);
      await fake.close();
      fake = undefined;
    }
  });

  it('refuses a subscription name that matches none or several, naming the candidates', async () => {
    fake = await startFake({
      estate: {
        ...hubSpokeEstate(),
        subscriptions: [
          { id: HUB, displayName: 'Contoso Prod' },
          { id: APP, displayName: 'contoso prod' },
        ],
      },
    });
    const ambiguous = collectFrom(fake, { scope: { subscriptions: ['CONTOSO PROD'] } });
    await expect(ambiguous).rejects.toThrow(InvalidOptionError);
    await expect(collectFrom(fake, { scope: { subscriptions: ['CONTOSO PROD'] } })).rejects.toThrow(
      `--subscription "CONTOSO PROD" names 2 subscriptions: "Contoso Prod" (${HUB}), "contoso prod" (${APP}); give the GUID of the one you mean.`,
    );
    await expect(collectFrom(fake, { scope: { subscriptions: ['Contoso Dev'] } })).rejects.toThrow(
      `--subscription "Contoso Dev" matches no subscription the credential can list; it can list "Contoso Prod" (${HUB}), "contoso prod" (${APP}).`,
    );
    // Nothing but the subscription list was asked for.
    expect(new Set(fake.requests.map((r) => r.path))).toEqual(new Set(['/subscriptions']));
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
