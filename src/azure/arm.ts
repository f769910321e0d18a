// Reading through ARM lists: everything for `--source arm` and for subscriptions Resource Graph could
// not serve; private endpoint DNS zone groups and Virtual WAN hub children (Resource Graph has
// neither) and the children of private DNS zones read as dependencies. The SDK clients page; the pipeline captures the raw bodies.

import { normalizeId, normalizeType } from '../ids.js';
import type { RawResource } from '../snapshot/types.js';
import { PAAS_TYPES, apiVersionOf } from './api-versions.js';
import { drain, parseArmId } from './context.js';
import type { ArmIdParts, CollectContext, Lookups, ScopeUnit } from './context.js';
import { AzureRequestError } from './errors.js';

/** Types without an SDK client here, listed generically, with the child collection to read per item. */
// Virtual network gateways have no subscription-wide list in ARM: read through ARM, a GatewaySubnet
// is judged by the gateway its ipConfigurations name.
const GENERIC_LISTS: ReadonlyArray<{ type: string; children?: readonly string[] }> = [
  { type: 'Microsoft.Compute/virtualMachines' },
  { type: 'Microsoft.Compute/virtualMachineScaleSets' },
  { type: 'Microsoft.ContainerService/managedClusters' },
  { type: 'Microsoft.App/managedEnvironments' },
  { type: 'Microsoft.Network/applicationGateways' },
  { type: 'Microsoft.Network/dnsResolvers', children: ['inboundEndpoints', 'outboundEndpoints'] },
  { type: 'Microsoft.Network/dnsForwardingRulesets' },
  { type: 'Microsoft.Network/networkSecurityGroups' },
  { type: 'Microsoft.Network/applicationSecurityGroups' },
  { type: 'Microsoft.Network/virtualHubs' },
  ...PAAS_TYPES.filter((type) => type !== 'Microsoft.KeyVault/vaults').map((type) => ({ type })),
];

const ZONE_GROUPS_API_VERSION = apiVersionOf('Microsoft.Network/privateEndpoints/privateDnsZoneGroups') ?? '2024-05-01';

// A provider that is not registered in a subscription has no resources there.
const UNREGISTERED = new Set(['MissingSubscriptionRegistration', 'NoRegisteredProviderFound']);

export async function armInventory(ctx: CollectContext, units: ScopeUnit[]): Promise<void> {
  const targets = units.flatMap((unit): Array<{ subscription: string; resourceGroup: string | undefined }> =>
    unit.resourceGroups
      ? unit.resourceGroups.map((resourceGroup) => ({ subscription: unit.subscription, resourceGroup }))
      : [{ subscription: unit.subscription, resourceGroup: undefined }],
  );
  await Promise.all(targets.map((target) => readTarget(ctx, target.subscription, target.resourceGroup)));
}

async function readTarget(ctx: CollectContext, subscription: string, resourceGroup: string | undefined): Promise<void> {
  const base = `/subscriptions/${subscription}${resourceGroup ? `/resourceGroups/${resourceGroup}` : ''}`;
  const rg = resourceGroup;
  const net = ctx.network(subscription);
  const dns = ctx.privateDns(subscription);
  const kv = ctx.keyVault(subscription);
  ctx.report(`ARM: ${base}`);

  const list = async (type: string, read: () => AsyncIterable<unknown>): Promise<RawResource[]> =>
    ctx.add(await ctx.schedule(base, () => ctx.capture(`${base}/providers/${type}`, () => drain(read()))), true);

  await Promise.all([
    list('Microsoft.Network/privateEndpoints', () =>
      rg ? net.privateEndpoints.list(rg) : net.privateEndpoints.listBySubscription(),
    ).then((endpoints) => Promise.all(endpoints.map((endpoint) => readZoneGroups(ctx, endpoint)))),
    list('Microsoft.Network/virtualNetworks', () =>
      rg ? net.virtualNetworks.list(rg) : net.virtualNetworks.listAll(),
    ),
    list('Microsoft.Network/networkInterfaces', () =>
      rg ? net.networkInterfaces.list(rg) : net.networkInterfaces.listAll(),
    ),
    list('Microsoft.Network/routeTables', () => (rg ? net.routeTables.list(rg) : net.routeTables.listAll())),
    list('Microsoft.Network/azureFirewalls', () => (rg ? net.azureFirewalls.list(rg) : net.azureFirewalls.listAll())),
    list('Microsoft.Network/ipGroups', () => (rg ? net.ipGroups.listByResourceGroup(rg) : net.ipGroups.list())),
    list('Microsoft.Network/firewallPolicies', () =>
      rg ? net.firewallPolicies.list(rg) : net.firewallPolicies.listAll(),
    ).then((policies) => Promise.all(policies.map((policy) => readRuleCollectionGroups(ctx, policy)))),
    list('Microsoft.Network/privateDnsZones', () =>
      rg ? dns.privateZones.listByResourceGroup(rg) : dns.privateZones.list(),
    ).then((zones) => Promise.all(zones.map((zone) => readZoneChildren(ctx, zone, true)))),
    list('Microsoft.KeyVault/vaults', () => (rg ? kv.vaults.listByResourceGroup(rg) : kv.vaults.listBySubscription())),
    ...GENERIC_LISTS.map(async ({ type, children }) => {
      const items = ctx.add(await ctx.schedule(base, () => genericList(ctx, `${base}/providers/${type}`)), true);
      if (children) {
        await Promise.all(
          items.flatMap((item) =>
            children.map(async (child) =>
              ctx.add(await ctx.schedule(item.id, () => genericList(ctx, `${item.id}/${child}`)), true),
            ),
          ),
        );
      }
    }),
  ]);
}

/** Reads a private endpoint's DNS zone groups: ARM only, one list per endpoint. */
export async function readZoneGroups(ctx: CollectContext, endpoint: RawResource): Promise<void> {
  const scope = `${endpoint.id}/privateDnsZoneGroups`;
  const parsed = parseOrFail(ctx, endpoint.id, scope, 'zone groups');
  if (!parsed) {
    return;
  }
  const progress = ctx.zoneGroupProgress;
  progress.queued += 1;
  // A plain GET of the list, its body kept as it came: there is one per endpoint, and the SDK's
  // models, built and thrown away, would cost CPU on each.
  const groups = await ctx.schedule(endpoint.id, async () => {
    try {
      return await ctx.armList(scope, ZONE_GROUPS_API_VERSION);
    } catch (error) {
      ctx.fail(scope, error);
      return [];
    }
  });
  ctx.add(groups, ctx.inScope.has(normalizeId(endpoint.id)));
  progress.done += 1;
  ctx.report(`ARM: private DNS zone groups ${progress.done}/${progress.queued}`);
}

/**
 * The rules and VNet links of the DNS forwarding rulesets read so far: neither Resource Graph nor
 * the ruleset itself carries them, and a linked rule changes how a VNet resolves.
 */
export async function readForwardingRulesets(ctx: CollectContext): Promise<void> {
  const rulesets = [...ctx.resources.values()].filter(
    (resource) => normalizeType(resource.type) === 'microsoft.network/dnsforwardingrulesets',
  );
  await Promise.all(
    rulesets.flatMap((ruleset) =>
      ['forwardingRules', 'virtualNetworkLinks'].map(async (children) =>
        ctx.add(
          await ctx.schedule(ruleset.id, () => genericList(ctx, `${ruleset.id}/${children}`)),
          ctx.inScope.has(normalizeId(ruleset.id)),
        ),
      ),
    ),
  );
}

// Hubs whose children were read, per collection: hubs found as dependencies are read afterwards.
const hubsRead = new WeakMap<CollectContext, Set<string>>();

/**
 * The hub virtual network connections, hub route tables and routing intent of the Virtual WAN hubs
 * read so far: Resource Graph has the hubs but not these children, which decide the routes of every
 * connected spoke. Three lists per hub, paced by the read budget like every ARM read.
 */
export async function readHubChildren(ctx: CollectContext): Promise<void> {
  let read = hubsRead.get(ctx);
  if (!read) hubsRead.set(ctx, (read = new Set()));
  const done = read;
  const hubs = [...ctx.resources.values()].filter(
    (resource) =>
      normalizeType(resource.type) === 'microsoft.network/virtualhubs' && !done.has(normalizeId(resource.id)),
  );
  hubs.forEach((hub) => done.add(normalizeId(hub.id)));
  await Promise.all(
    hubs.flatMap((hub) =>
      ['hubVirtualNetworkConnections', 'hubRouteTables', 'routingIntent'].map(async (children) =>
        ctx.add(
          await ctx.schedule(hub.id, () => genericList(ctx, `${hub.id}/${children}`)),
          ctx.inScope.has(normalizeId(hub.id)),
        ),
      ),
    ),
  );
}

/** Record sets (all types) and virtual network links of a private DNS zone. */
export async function readZoneChildren(ctx: CollectContext, zone: RawResource, inScope: boolean): Promise<void> {
  const parsed = parseOrFail(ctx, zone.id, zone.id, 'the records');
  if (!parsed) {
    return;
  }
  const dns = ctx.privateDns(parsed.subscription);
  const read = async (doing: string, list: () => AsyncIterable<unknown>): Promise<void> => {
    ctx.add(await ctx.schedule(zone.id, () => ctx.capture(zone.id, () => drain(list()), doing)), inScope);
  };
  await Promise.all([
    read('listing its record sets', () => dns.recordSets.list(parsed.resourceGroup, parsed.name)),
    read('listing its virtual network links', () => dns.virtualNetworkLinks.list(parsed.resourceGroup, parsed.name)),
  ]);
}

async function readRuleCollectionGroups(ctx: CollectContext, policy: RawResource): Promise<void> {
  const parsed = parseOrFail(ctx, policy.id, policy.id, 'the rule collection groups');
  if (!parsed) {
    return;
  }
  const net = ctx.network(parsed.subscription);
  const groups = await ctx.schedule(policy.id, () =>
    ctx.capture(`${policy.id}/ruleCollectionGroups`, () =>
      drain(net.firewallPolicyRuleCollectionGroups.list(parsed.resourceGroup, parsed.name)),
    ),
  );
  ctx.add(groups, true);
}

/** The parts of a resource group resource's id; any other id is recorded as unreadable against `scope`. */
function parseOrFail(ctx: CollectContext, id: string, scope: string, what: string): ArmIdParts | undefined {
  const parsed = parseArmId(id);
  if (!parsed) {
    ctx.fail(scope, new Error(`cannot read ${what} of ${id}: not a resource group resource id`));
  }
  return parsed;
}

/** A generic ARM list; a provider that is not registered counts as empty. */
async function genericList(ctx: CollectContext, path: string): Promise<RawResource[]> {
  try {
    return await ctx.armList(path, await ctx.apiVersionFor(path));
  } catch (error) {
    if (!(error instanceof AzureRequestError && UNREGISTERED.has(error.code))) {
      ctx.fail(path, error);
    }
    return [];
  }
}

/** Lookups across every readable subscription, for dependencies outside the scope (no Resource Graph). */
export function armLookups(ctx: CollectContext, subscriptions: () => Promise<string[]>): Lookups {
  const acrossSubscriptions = async (read: (subscription: string) => Promise<RawResource[]>): Promise<RawResource[]> =>
    (await Promise.all((await subscriptions()).map(read))).flat();
  return {
    privateDnsZones: () =>
      acrossSubscriptions((subscription) =>
        ctx.schedule(`/subscriptions/${subscription}`, () =>
          ctx.capture(
            `/subscriptions/${subscription}/providers/Microsoft.Network/privateDnsZones`,
            () => drain(ctx.privateDns(subscription).privateZones.list()),
            'looking for private DNS zones outside the scope',
          ),
        ),
      ),
    ipOwners: () =>
      acrossSubscriptions(async (subscription) => {
        const firewalls = ctx.schedule(`/subscriptions/${subscription}`, () =>
          ctx.capture(
            `/subscriptions/${subscription}/providers/Microsoft.Network/azureFirewalls`,
            () => drain(ctx.network(subscription).azureFirewalls.listAll()),
            'looking for the firewall that owns a route next hop',
          ),
        );
        const resolvers = await ctx.schedule(`/subscriptions/${subscription}`, () =>
          genericList(ctx, `/subscriptions/${subscription}/providers/Microsoft.Network/dnsResolvers`),
        );
        const inbound = await Promise.all(
          resolvers.map((resolver) =>
            ctx.schedule(resolver.id, () => genericList(ctx, `${resolver.id}/inboundEndpoints`)),
          ),
        );
        return [...(await firewalls), ...inbound.flat()];
      }),
  };
}
