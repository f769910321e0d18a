// Reading the scope through Resource Graph: a few simple per-table queries selecting whole resources
// by type, ordered by id (stable paging), 1000 rows a page, paged in graph-pages.ts. Subscriptions
// Resource Graph cannot serve are handed back for ARM.

import type { RawResource } from '../snapshot/types.js';
import type { CollectContext, Lookups, ScopeUnit } from './context.js';
import { AzureRequestError } from './errors.js';
import { readPages } from './graph-pages.js';
import type { GraphScope } from './graph-pages.js';
import { withGraphChain, withGraphPriority } from './pipeline/throttle/graph-quota.js';
import { PAAS_TYPES } from './api-versions.js';
import { readZoneGroups } from './arm.js';

/**
 * Network and workload types read from the `resources` table (endpoints and NICs have queries of
 * their own); one query for all, so each type added costs no query of its own, only its rows.
 */
const NETWORK_TYPES = [
  'microsoft.network/virtualnetworks',
  'microsoft.network/routetables',
  'microsoft.network/azurefirewalls',
  'microsoft.network/firewallpolicies',
  'microsoft.network/ipgroups',
  'microsoft.network/privatednszones',
  'microsoft.network/privatednszones/virtualnetworklinks',
  'microsoft.network/dnsresolvers',
  'microsoft.network/dnsresolvers/inboundendpoints',
  'microsoft.network/dnsresolvers/outboundendpoints',
  'microsoft.network/dnsforwardingrulesets',
  'microsoft.network/networksecuritygroups',
  'microsoft.network/applicationsecuritygroups',
  'microsoft.network/virtualwans',
  'microsoft.network/virtualhubs',
  'microsoft.compute/virtualmachines',
  // The workloads that make a subnet a consumer (or not) and the gateways of GatewaySubnet.
  'microsoft.compute/virtualmachinescalesets',
  'microsoft.containerservice/managedclusters',
  'microsoft.app/managedenvironments',
  'microsoft.network/applicationgateways',
  'microsoft.network/virtualnetworkgateways',
];

const RECORD_SET_TYPES = ['a', 'aaaa', 'cname', 'mx', 'ptr', 'soa', 'srv', 'txt'].map(
  (record) => `microsoft.network/privatednszones/${record}`,
);

interface InventoryQuery {
  label: string;
  table: string;
  filter: string;
  endpoints?: true;
}

// Each query pages on its own, so the inventory is split into queries of similar length that run
// side by side under the shared quota. A resource matching two queries is kept once.
const INVENTORY: readonly InventoryQuery[] = [
  {
    label: 'private endpoints',
    table: 'resources',
    filter: `type =~ 'microsoft.network/privateendpoints'`,
    endpoints: true,
  },
  { label: 'network interfaces', table: 'resources', filter: `type =~ 'microsoft.network/networkinterfaces'` },
  {
    label: 'networks, DNS zones, firewalls, VMs and other workloads',
    table: 'resources',
    filter: `type in~ ${kqlList(NETWORK_TYPES)}`,
  },
  {
    label: 'services behind private endpoints',
    table: 'resources',
    filter: `type in~ ${kqlList(PAAS_TYPES.map((type) => type.toLowerCase()))} or isnotnull(properties.privateEndpointConnections)`,
  },
  { label: 'private DNS record sets', table: 'dnsresources', filter: `type in~ ${kqlList(RECORD_SET_TYPES)}` },
  {
    label: 'firewall policy rule collection groups',
    table: 'networkresources',
    filter: `type =~ 'microsoft.network/firewallpolicies/rulecollectiongroups'`,
  },
];

const SUBSCRIPTIONS_QUERY = `resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | order by id asc`;

export type { GraphScope } from './graph-pages.js';

/** A subscription Resource Graph could not serve, and why. */
export interface GraphMiss {
  unit: ScopeUnit;
  reason: string;
}

/**
 * Reads the units through Resource Graph (and private endpoint zone groups through ARM). Returns the
 * units Resource Graph failed on or silently left out, for reading through ARM.
 */
export async function graphInventory(ctx: CollectContext, units: ScopeUnit[], batchSize: number): Promise<GraphMiss[]> {
  const misses = new Map<string, GraphMiss>();
  const miss = (subscription: string, reason: string): void => {
    misses.set(subscription, { unit: unitOf(units, subscription), reason });
  };
  const zoneGroupReads: Array<Promise<void>> = [];
  const whole = units.filter((unit) => !unit.resourceGroups).map((unit) => unit.subscription);
  const partial = units.filter((unit) => unit.resourceGroups);

  const runInventory = async (subscriptions: string[], resourceGroups: string[] | undefined): Promise<void> => {
    const rgFilter = resourceGroups ? [`resourceGroup in~ ${kqlList(resourceGroups)}`] : [];
    const run = (spec: InventoryQuery): Promise<void> =>
      withGraphPriority(spec.endpoints ? 0 : 1, () =>
        queryBySubscription(
          ctx,
          spec.label,
          kql(spec.table, [spec.filter, ...rgFilter]),
          subscriptions,
          (rows) => {
            ctx.add(rows, true);
            if (spec.endpoints) {
              zoneGroupReads.push(...rows.map((endpoint) => readZoneGroups(ctx, endpoint)));
            }
          },
          (subscription, error) => miss(subscription, error.reason),
        ),
      );
    // All side by side from the first second, so the quota is never idle. The endpoints go first
    // (priority 0) and the quota keeps their remaining pages a place in the window, so their zone
    // groups (ARM, one read each) start early and overlap the rest, which is bound by the quota.
    await Promise.all(INVENTORY.map(run));
  };

  await Promise.all([
    ...chunk(whole, batchSize).map(async (batch) => {
      // Resource Graph leaves out subscriptions it cannot read instead of failing: compare what
      // came back with what was asked.
      const visible = new Set<string>();
      await queryBySubscription(
        ctx,
        'subscriptions',
        SUBSCRIPTIONS_QUERY,
        batch,
        (rows) => rows.forEach((row) => visible.add(subscriptionIdOf(row.id))),
        (subscription, error) => miss(subscription, error.reason),
      );
      for (const subscription of batch) {
        if (!visible.has(subscription) && !misses.has(subscription)) {
          miss(subscription, `Resource Graph returned nothing for subscription ${subscription}`);
        }
      }
      const readable = batch.filter((subscription) => visible.has(subscription));
      if (readable.length > 0) {
        await runInventory(readable, undefined);
      }
    }),
    ...partial.map((unit) => runInventory([unit.subscription], unit.resourceGroups)),
  ]);
  await Promise.all(zoneGroupReads);
  return [...misses.values()];
}

/** All rows of a query over the given scope (none: every subscription the caller can read). */
export async function queryAll(
  ctx: CollectContext,
  query: string,
  scope: GraphScope,
  onRows: (rows: RawResource[]) => void,
): Promise<void> {
  await withGraphChain((chain) => readPages(ctx, query, scope, onRows, chain));
}

/**
 * Runs a query over subscriptions. A 403/404 is usually one subscription spoiling the batch: the
 * batch is halved until the failing ones are alone. Other failures fail the whole batch.
 */
async function queryBySubscription(
  ctx: CollectContext,
  label: string,
  query: string,
  subscriptions: string[],
  onRows: (rows: RawResource[]) => void,
  onMiss: (subscription: string, error: AzureRequestError) => void,
): Promise<void> {
  ctx.report(`Resource Graph: ${label}`);
  try {
    await queryAll(ctx, query, { subscriptions }, onRows);
  } catch (error) {
    if (!(error instanceof AzureRequestError)) {
      throw error;
    }
    if (subscriptions.length > 1 && (error.status === 403 || error.status === 404)) {
      const half = Math.ceil(subscriptions.length / 2);
      await Promise.all([
        queryBySubscription(ctx, label, query, subscriptions.slice(0, half), onRows, onMiss),
        queryBySubscription(ctx, label, query, subscriptions.slice(half), onRows, onMiss),
      ]);
      return;
    }
    ctx.log.warn(
      { subscriptions: subscriptions.length, reason: error.reason, query: label },
      'Resource Graph query failed',
    );
    subscriptions.forEach((subscription) => onMiss(subscription, error));
  }
}

/** Lookups across every readable subscription, for dependencies outside the scope. */
export function graphLookups(ctx: CollectContext): Lookups {
  const everywhere = async (query: string): Promise<RawResource[]> => {
    const rows: RawResource[] = [];
    await queryAll(ctx, query, {}, (page) => rows.push(...page));
    return rows;
  };
  return {
    privateDnsZones: () => everywhere(kql('resources', [`type =~ 'microsoft.network/privatednszones'`])),
    ipOwners: () =>
      everywhere(
        kql('resources', [
          `type in~ ${kqlList(['microsoft.network/azurefirewalls', 'microsoft.network/dnsresolvers/inboundendpoints'])}`,
        ]),
      ),
  };
}

function kql(table: string, filters: string[]): string {
  return [table, ...filters.map((filter) => `where ${filter}`), 'order by id asc'].join(' | ');
}

function kqlList(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

function kqlString(value: string): string {
  // Azure names never contain quotes or backslashes; refuse rather than build a broken query.
  if (/['"\\\n]/.test(value)) {
    throw new Error(`Cannot use ${JSON.stringify(value)} in a Resource Graph query.`);
  }
  return `'${value}'`;
}

function subscriptionIdOf(id: string): string {
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1]?.toLowerCase() ?? '';
}

function unitOf(units: ScopeUnit[], subscription: string): ScopeUnit {
  return units.find((unit) => unit.subscription === subscription) ?? { subscription };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}
