import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/snapshot/types.js';
import { normalizeId } from '../../src/ids.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { networkInterface, privateEndpoint, resourceId } from '../fake-azure/builders.js';
import { APP, HUB, TENANT, hubSpokeEstate, ids } from '../fake-azure/estate.js';
import { byId, collectFrom, expectedResources, recordHosts, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('collectSnapshot against the fake', () => {
  it('reads the whole estate through Resource Graph, 1-3 items a page, exactly as served', async () => {
    fake = await startFake({ pageSize: { min: 1, max: 3 } });
    const { result, hosts } = await recordHosts(() => collectFrom(fake!));
    const { snapshot, stats } = result;

    expect([...hosts]).toEqual(['127.0.0.1']);
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(snapshot.cloud).toBe('AzureCloud');
    expect(snapshot.scope).toEqual({});
    // Zone groups are not in Resource Graph: one ARM list per endpoint.
    expect(stats.requests.zoneGroups).toBe(3);
    expect(stats.pages.graph).toBeGreaterThan(10);
    const paths = fake.requests.map((r) => `${r.method} ${r.path.toLowerCase()}`);
    expect(new Set(paths.filter((p) => p.startsWith('POST')))).toEqual(
      new Set(['POST /providers/microsoft.resourcegraph/resources']),
    );
    expect(fake.requests.every((r) => r.method === 'GET' || r.method === 'POST')).toBe(true);
  });

  it('reads the same resources with --source arm, without Resource Graph', async () => {
    fake = await startFake({ pageSize: { min: 1, max: 3 } });
    const { snapshot, stats } = await collectFrom(fake, { source: 'arm' });

    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(stats.requests.graph).toBe(0);
    expect(fake.requests.every((r) => r.method === 'GET')).toBe(true);
    // Raw ARM JSON: types keep their case, properties stay nested (the SDK models flatten them).
    const vault = snapshot.resources.find((r) => normalizeId(r.id) === normalizeId(ids.vault));
    expect(vault?.type).toBe('Microsoft.KeyVault/vaults');
    expect(vault?.properties?.publicNetworkAccess).toBe('Disabled');
  });

  it.each(['graph', 'arm'] as const)(
    'collects the bundled examples/clean.json estate as served (%s)',
    async (source) => {
      const example = JSON.parse(
        readFileSync(new URL('../../examples/clean.json', import.meta.url), 'utf8'),
      ) as Snapshot;
      const subscriptions = [...new Set(example.resources.map((r) => r.id.split('/')[2] ?? ''))];
      fake = await startFake({
        pageSize: { min: 1, max: 3 },
        estate: {
          tenantId: TENANT,
          subscriptions: subscriptions.map((id) => ({ id, displayName: id })),
          resources: example.resources,
        },
      });
      const { snapshot } = await collectFrom(fake, { source, scope: { subscriptions } });
      expect(snapshot.incomplete).toEqual([]);
      expect(byId(snapshot.resources)).toEqual(byId(example.resources));
    },
  );

  it('follows dependencies out of a resource-group scope: hub VNet, firewall, policies, zones', async () => {
    fake = await startFake({ pageSize: { min: 1, max: 3 } });
    const { snapshot } = await collectFrom(fake, {
      scope: { resourceGroups: [`/subscriptions/${APP}/resourceGroups/rg-data`] },
    });

    expect(snapshot.incomplete).toEqual([]);
    const got = new Set(snapshot.resources.map((r) => normalizeId(r.id)));
    const expected = [
      ids.sql,
      ids.sqlPe,
      `${ids.sqlPe}/privateDnsZoneGroups/default`,
      ids.appVnet,
      ids.appRoutes,
      ids.hubVnet,
      ids.gatewayRoutes,
      ids.firewall,
      ids.hubPolicy,
      ids.basePolicy,
      `${ids.hubPolicy}/ruleCollectionGroups/rcg-privatelink`,
      `${ids.basePolicy}/ruleCollectionGroups/rcg-platform`,
      ids.spokesIpGroup,
      ids.sqlZone,
      `${ids.sqlZone}/A/sql-app-01`,
      `${ids.sqlZone}/SOA/@`,
      `${ids.sqlZone}/virtualNetworkLinks/link-vnet-hub`,
    ].map(normalizeId);
    expect([...got].filter((id) => !expected.includes(id)).filter((id) => !id.includes('/networkinterfaces/'))).toEqual(
      [],
    );
    for (const id of expected) {
      expect(got).toContain(id);
    }
    // The endpoint's NIC is read by id; nothing from the other resource group.
    expect([...got].some((id) => id.includes('/networkinterfaces/pe-sql-app-01'))).toBe(true);
    expect([...got].some((id) => id.includes('/resourcegroups/rg-app/'))).toBe(false);
    expect(snapshot.scope).toEqual({ resourceGroups: [`/subscriptions/${APP}/resourceGroups/rg-data`] });
  });

  it('reads a target service of a type it has no api-version for, asking its provider', async () => {
    const estate = hubSpokeEstate();
    const search = resourceId(HUB, 'rg-shared', 'Microsoft.Search/searchServices', 'srch-shared');
    const pe = resourceId(APP, 'rg-data', 'Microsoft.Network/privateEndpoints', 'pe-srch-shared');
    const nic = resourceId(APP, 'rg-data', 'Microsoft.Network/networkInterfaces', 'pe-srch-shared.nic');
    const subnet = `${ids.appVnet}/subnets/snet-pe`;
    estate.resources.push(
      {
        id: search,
        name: 'srch-shared',
        type: 'Microsoft.Search/searchServices',
        location: 'westeurope',
        properties: { publicNetworkAccess: 'disabled' },
      },
      privateEndpoint(pe, subnet, nic, search, 'searchService', 'srch-shared.search.windows.net', '10.1.2.7'),
      networkInterface(nic, subnet, '10.1.2.7', { privateEndpoint: pe, groupId: 'searchService' }),
    );
    fake = await startFake({ estate });
    const { snapshot } = await collectFrom(fake, {
      scope: { resourceGroups: [`/subscriptions/${APP}/resourceGroups/rg-data`] },
    });

    expect(snapshot.incomplete).toEqual([]);
    expect(snapshot.resources.map((r) => normalizeId(r.id))).toContain(normalizeId(search));
    // The newest stable version the provider lists (the fake lists a preview, 2024-01-01 and 2023-01-01).
    expect(fake.requests.find((r) => r.path === search)?.query['api-version']).toBe('2024-01-01');
    expect(fake.requests.some((r) => r.path === `/subscriptions/${HUB}/providers/Microsoft.Search`)).toBe(true);
  });

  it('finds central privatelink zones by name when no zone group points at them', async () => {
    // Drop the zone groups: only the zone name (from the endpoint's group id) leads to the hub zone.
    const estate = hubSpokeEstate();
    fake = await startFake({
      estate: { ...estate, resources: estate.resources.filter((r) => !r.id.includes('/privateDnsZoneGroups/')) },
    });
    const { snapshot } = await collectFrom(fake, { scope: { subscriptions: [APP] } });

    const got = new Set(snapshot.resources.map((r) => normalizeId(r.id)));
    for (const zone of [ids.vaultZone, ids.blobZone, ids.sqlZone]) {
      expect(got).toContain(normalizeId(zone));
      expect(got).toContain(normalizeId(`${zone}/virtualNetworkLinks/link-vnet-hub`));
    }
    // The firewall behind the spoke's UDR next hop (and DNS server) is found by its IP.
    expect(got).toContain(normalizeId(ids.firewall));
    expect(snapshot.incomplete).toEqual([]);
    expect(
      snapshot.resources.every(
        (r) =>
          !normalizeId(r.id).startsWith(
            `/subscriptions/${HUB}/resourcegroups/rg-hub-network/providers/microsoft.network/dnsforwardingrulesets`,
          ),
      ),
    ).toBe(true);
  });
});
