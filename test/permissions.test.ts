// docs/permissions.md promises the exact Azure RBAC actions plaudit needs. This test derives them
// from what collection really sends: every request to the local fake of Azure, over each kind of
// scope and both sources, mapped to the action Azure checks (the Resource Graph query, and a read of
// each resource type the query selects or an ARM path names). The custom role in the page must hold
// exactly those actions.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeFromId } from '../src/ids.js';
import type { CollectOptions } from '../src/azure/collect.js';
import type { FakeAzure, RecordedRequest } from './fake-azure/server.js';
import { networkInterface, privateEndpoint, resourceId, rgId } from './fake-azure/builders.js';
import { APP, HUB, hubSpokeEstate, ids } from './fake-azure/estate.js';
import { collectFrom, startFake } from './azure/helpers.js';

const page = readFileSync(new URL('../docs/permissions.md', import.meta.url), 'utf8');

// A private endpoint whose service is of a type plaudit has no api-version for and that lies outside
// a resource-group scope: it is read by id, after asking its provider for an api-version.
const otherService = resourceId(HUB, 'rg-hub-apps', 'Microsoft.AppConfiguration/configurationStores', 'appcs-hub');
const otherServiceRead = 'microsoft.appconfiguration/configurationstores/read';

function estate() {
  const base = hubSpokeEstate();
  const endpoint = resourceId(APP, 'rg-app', 'Microsoft.Network/privateEndpoints', 'pe-appcs-hub');
  const nic = `${endpoint.replace('/privateEndpoints/', '/networkInterfaces/')}.nic`;
  const subnet = `${ids.appVnet}/subnets/snet-pe`;
  const fqdn = 'appcs-hub.azconfig.io';
  base.resources.push(
    privateEndpoint(endpoint, subnet, nic, otherService, 'configurationStores', fqdn, '10.1.2.9'),
    networkInterface(nic, subnet, '10.1.2.9', {
      privateEndpoint: endpoint,
      groupId: 'configurationStores',
      fqdns: [fqdn],
    }),
    // A Virtual WAN hub, whose connections, route tables and routing intent are read through ARM.
    {
      id: resourceId(HUB, 'rg-hub', 'Microsoft.Network/virtualHubs', 'vhub-weu'),
      name: 'vhub-weu',
      type: 'Microsoft.Network/virtualHubs',
      location: 'westeurope',
      properties: { addressPrefix: '10.100.0.0/23', virtualRouterIps: ['10.100.0.68'] },
    },
    {
      id: otherService,
      name: 'appcs-hub',
      type: 'Microsoft.AppConfiguration/configurationStores',
      location: 'westeurope',
      properties: { publicNetworkAccess: 'Disabled' },
    },
  );
  return base;
}

const scopes: Record<string, Partial<CollectOptions>> = {
  'everything, Resource Graph': {},
  'everything, ARM': { source: 'arm' },
  'a resource group, Resource Graph': { scope: { resourceGroups: [rgId(APP, 'rg-app')] } },
  'a resource group, ARM': { source: 'arm', scope: { resourceGroups: [rgId(APP, 'rg-app')] } },
  'a subscription, ARM': { source: 'arm', scope: { subscriptions: [APP] } },
  'a management group, Resource Graph': { scope: { managementGroup: 'mg-landing-zones' } },
  'a management group, ARM': { source: 'arm', scope: { managementGroup: 'mg-landing-zones' } },
  'a tenant, Resource Graph': { scope: { tenant: '0a1b2c3d-9999-4999-8999-999999999999' } },
};

/** The RBAC actions Azure checks for one request, lower-cased (actions are case-insensitive). */
function actionsOf(request: RecordedRequest): string[] {
  const path = request.path.replace(/\/+$/, '');
  if (request.method === 'POST' && /^\/providers\/microsoft\.resourcegraph\/resources$/i.test(path)) {
    // Resource Graph returns only the rows the caller may read: a read of each type it selects.
    const query = String((request.body as { query?: unknown } | undefined)?.query ?? '');
    const types = [...query.matchAll(/'(microsoft\.[a-z]+\/[a-z/]+)'/g)].map((match) => `${match[1]}/read`);
    return ['microsoft.resourcegraph/resources/read', ...types];
  }
  expect(request.method, `${request.method} ${path}`).toBe('GET');
  if (/^\/subscriptions(\/[^/]+)?$/i.test(path)) return ['microsoft.resources/subscriptions/read'];
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/i.test(path)) {
    return ['microsoft.resources/subscriptions/resourcegroups/read'];
  }
  if (/^\/subscriptions\/[^/]+\/providers\/[^/]+$/i.test(path))
    return ['microsoft.resources/subscriptions/providers/read'];
  const type = typeFromId(path);
  expect(type, `no resource type in ${path}`).toBeDefined();
  return [`${type}/read`];
}

interface RoleDefinition {
  Actions: string[];
  NotActions: unknown[];
  DataActions: unknown[];
  NotDataActions: unknown[];
  AssignableScopes: string[];
}

/** The page's role definition, in the JSON that `az role definition create` takes. */
function documentedRole(): RoleDefinition {
  const blocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!) as unknown);
  const role = blocks.find((block) => typeof block === 'object' && block !== null && 'Actions' in block);
  expect(role, 'docs/permissions.md: a JSON role definition').toBeDefined();
  return role as RoleDefinition;
}

let fake: FakeAzure;
const used = new Set<string>();

describe('docs/permissions.md', () => {
  beforeAll(async () => {
    fake = await startFake({ estate: estate() });
    for (const [name, options] of Object.entries(scopes)) {
      const before = fake.requests.length;
      const { snapshot } = await collectFrom(fake, options);
      expect(snapshot.incomplete, name).toEqual([]);
      for (const request of fake.requests.slice(before)) actionsOf(request).forEach((action) => used.add(action));
    }
  }, 60_000);

  afterAll(async () => {
    await fake?.close();
  });

  it('reads a service of another type by id, with its provider asked for an api-version', () => {
    expect(used).toContain(otherServiceRead);
    expect(used).toContain('microsoft.resources/subscriptions/providers/read');
  });

  it('gives a custom role with exactly the actions collection uses, and nothing but reads', () => {
    const role = documentedRole();
    const documented = role.Actions.map((action) => action.toLowerCase());
    expect(new Set(documented).size, 'no action twice').toBe(documented.length);
    const needed = [...used].filter((action) => action !== otherServiceRead).sort();
    expect([...documented].sort()).toEqual(needed);
    expect(documented.every((action) => action.endsWith('/read'))).toBe(true);
    expect([role.NotActions, role.DataActions, role.NotDataActions]).toEqual([[], [], []]);
    expect(role.AssignableScopes.length).toBeGreaterThan(0);
  });

  it('lists every action of the role in its table, with the request that needs it', () => {
    for (const action of documentedRole().Actions) expect(page, action).toContain(`| \`${action}\` |`);
  });
});
