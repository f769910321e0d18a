// Resources outside the scope that in-scope resources depend on: the VNet of a private endpoint and
// the hub it peers with, route tables, the firewall behind a UDR next hop and its policies, the
// privatelink zones (with records and links), the endpoint's target service. Each is read by id
// and followed in turn; whatever cannot be read is recorded as incomplete.

import { normalizeId, normalizeType, parentId } from '../ids.js';
import type { RawResource } from '../snapshot/types.js';
import { readZoneChildren } from './arm.js';
import type { CollectContext, Lookups } from './context.js';
import type { ZoneName } from '../data/privatelink-zones.js';
import { zoneNameMatcher, zoneNamesForEndpoint } from './zones.js';

/**
 * `anchor`: in scope, or holding an in-scope resource (the VNet of an endpoint or a VM NIC); its
 * peerings are followed. `leaf`: read for its own sake; peerings are not followed, so a hub does not
 * pull in every spoke.
 */
type Origin = 'anchor' | 'leaf';

interface Reference {
  id: string;
  origin: Origin;
}

const ZONE = 'microsoft.network/privatednszones';
const FIREWALL = 'microsoft.network/azurefirewalls';
const INBOUND_ENDPOINT = 'microsoft.network/dnsresolvers/inboundendpoints';

/** Follows references out of the scope; `lookups` only when the scope is narrower than everything readable. */
export async function readDependencies(ctx: CollectContext, lookups: Lookups | undefined): Promise<void> {
  const walker = new DependencyWalker(ctx);
  for (const key of ctx.inScope) {
    const resource = ctx.resources.get(key);
    if (resource) {
      walker.visit(resource, 'anchor');
    }
  }
  await walker.settle();
  if (!lookups) {
    return;
  }
  await findZonesByName(ctx, walker, lookups);
  await findIpOwners(ctx, walker, lookups);
}

/** Central privatelink zones that no zone group names still serve the endpoints: find them by name. */
async function findZonesByName(ctx: CollectContext, walker: DependencyWalker, lookups: Lookups): Promise<void> {
  const needed = new Map<string, ZoneName>();
  for (const key of ctx.inScope) {
    const resource = ctx.resources.get(key);
    if (resource && normalizeType(resource.type) === 'microsoft.network/privateendpoints') {
      zoneNamesForEndpoint(resource, ctx.cloud.name).forEach((zone) => needed.set(zone.name, zone));
    }
  }
  const known = [...ctx.resources.values()].filter((r) => normalizeType(r.type) === ZONE).map((zone) => zone.name);
  const missing = [...needed.values()].filter((zone) => !known.some(zoneNameMatcher([zone])));
  if (missing.length === 0) {
    return;
  }
  ctx.report('looking for privatelink zones outside the scope');
  const matches = zoneNameMatcher(missing);
  let zones: RawResource[];
  try {
    zones = await lookups.privateDnsZones();
  } catch (error) {
    ctx.fail('/subscriptions', error, 'looking for private DNS zones outside the scope');
    return;
  }
  for (const zone of zones.filter((z) => matches(z.name) && !ctx.resources.has(normalizeId(z.id)))) {
    ctx.add([zone], false);
    walker.visit(zone, 'leaf');
  }
  await walker.settle();
}

/** The firewall (or DNS resolver) owning a UDR next hop or a VNet's DNS server, when ids do not lead there. */
async function findIpOwners(ctx: CollectContext, walker: DependencyWalker, lookups: Lookups): Promise<void> {
  let owners: RawResource[] | undefined;
  // Owners bring their own VNets and route tables, which may name further IPs: repeat until stable.
  for (;;) {
    const owned = new Set([...ctx.resources.values()].flatMap(ownedIps));
    const unowned = [...walker.neededIps].filter((ip) => !owned.has(ip));
    if (unowned.length === 0) {
      return;
    }
    if (!owners) {
      ctx.report('looking for the firewalls and DNS resolvers behind route next hops');
      try {
        owners = await lookups.ipOwners();
      } catch (error) {
        ctx.fail('/subscriptions', error, 'looking for the firewall that owns a route next hop');
        return;
      }
    }
    const found = owners.filter(
      (owner) => !ctx.resources.has(normalizeId(owner.id)) && ownedIps(owner).some((ip) => unowned.includes(ip)),
    );
    if (found.length === 0) {
      return;
    }
    for (const owner of found) {
      ctx.add([owner], false);
      walker.visit(owner, 'leaf');
    }
    await walker.settle();
  }
}

class DependencyWalker {
  /** IPs that route tables send to (virtual appliance) and that VNets use as DNS servers. */
  readonly neededIps = new Set<string>();
  private readonly ctx: CollectContext;
  private readonly visited = new Map<string, Origin>();
  private readonly fetching = new Map<string, Origin>();
  private readonly tasks = new Set<Promise<void>>();
  private failure: unknown;

  constructor(ctx: CollectContext) {
    this.ctx = ctx;
  }

  visit(resource: RawResource, origin: Origin): void {
    const key = normalizeId(resource.id);
    const previous = this.visited.get(key);
    if (previous === 'anchor' || previous === origin) {
      return;
    }
    this.visited.set(key, origin);
    for (const reference of referencesOf(resource, origin)) {
      this.follow(reference, resource.id);
    }
    neededIpsOf(resource).forEach((ip) => this.neededIps.add(ip));
    if (normalizeType(resource.type) === ZONE && !this.ctx.inScope.has(key) && previous === undefined) {
      this.spawn(() => readZoneChildren(this.ctx, resource, false));
    }
  }

  async settle(): Promise<void> {
    while (this.tasks.size > 0) {
      await Promise.all([...this.tasks]);
    }
    if (this.failure !== undefined) {
      throw this.failure;
    }
  }

  private follow(reference: Reference, from: string): void {
    const key = normalizeId(reference.id);
    const known = this.ctx.resources.get(key);
    if (known) {
      this.visit(known, reference.origin);
      return;
    }
    const pending = this.fetching.get(key);
    if (pending !== undefined) {
      // Already on its way; an anchor reference upgrades what is followed once it arrives.
      if (reference.origin === 'anchor') {
        this.fetching.set(key, 'anchor');
      }
      return;
    }
    this.fetching.set(key, reference.origin);
    this.ctx.report(`reading ${this.fetching.size} resources outside the scope`);
    this.spawn(async () => {
      let resource: RawResource;
      try {
        resource = await this.ctx.schedule(reference.id, () => this.ctx.armGet(reference.id));
      } catch (error) {
        this.ctx.fail(reference.id, error, `referenced by ${from}`);
        return;
      }
      this.ctx.add([resource], false);
      this.visit(resource, this.fetching.get(key) ?? reference.origin);
    });
  }

  private spawn(task: () => Promise<void>): void {
    // Errors are kept for settle(): a rejection nobody awaits yet would crash the process.
    const promise: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.tasks.delete(promise));
    this.tasks.add(promise);
  }
}

function referencesOf(resource: RawResource, origin: Origin): Reference[] {
  const p = resource.properties ?? {};
  const refs: Array<[string | undefined, Origin]> = [];
  switch (normalizeType(resource.type)) {
    case 'microsoft.network/privateendpoints':
      refs.push([vnetOfSubnet(idOf(p.subnet)), 'anchor']);
      list(p.networkInterfaces).forEach((nic) => refs.push([idOf(nic), 'leaf']));
      [...list(p.privateLinkServiceConnections), ...list(p.manualPrivateLinkServiceConnections)].forEach((connection) =>
        refs.push([stringAt(connection, 'properties', 'privateLinkServiceId'), 'leaf']),
      );
      break;
    case 'microsoft.network/privateendpoints/privatednszonegroups':
      list(p.privateDnsZoneConfigs).forEach((config) =>
        refs.push([stringAt(config, 'properties', 'privateDnsZoneId'), 'leaf']),
      );
      break;
    case 'microsoft.network/networkinterfaces':
      list(p.ipConfigurations).forEach((ipc) =>
        refs.push([vnetOfSubnet(stringAt(ipc, 'properties', 'subnet', 'id')), origin]),
      );
      refs.push([idOf(p.networkSecurityGroup), 'leaf']);
      break;
    case 'microsoft.network/virtualnetworks':
      list(p.subnets).forEach((subnet) => {
        refs.push([stringAt(subnet, 'properties', 'routeTable', 'id'), 'leaf']);
        refs.push([stringAt(subnet, 'properties', 'networkSecurityGroup', 'id'), 'leaf']);
      });
      if (origin === 'anchor') {
        list(p.virtualNetworkPeerings)
          .filter((peering) => !isVirtualHubPeering(peering))
          .forEach((peering) => refs.push([stringAt(peering, 'properties', 'remoteVirtualNetwork', 'id'), 'leaf']));
      }
      break;
    case 'microsoft.network/virtualhubs':
      refs.push([idOf(p.azureFirewall), 'leaf']);
      break;
    case FIREWALL:
      refs.push([idOf(p.firewallPolicy), 'leaf']);
      refs.push([idOf(p.virtualHub), 'leaf']);
      list(p.ipConfigurations).forEach((ipc) =>
        refs.push([vnetOfSubnet(stringAt(ipc, 'properties', 'subnet', 'id')), 'leaf']),
      );
      [...list(p.applicationRuleCollections), ...list(p.networkRuleCollections), ...list(p.natRuleCollections)]
        .flatMap((collection) => list(objectAt(collection, 'properties')?.rules))
        .forEach((rule) => ipGroupsOf(rule).forEach((id) => refs.push([id, 'leaf'])));
      break;
    case 'microsoft.network/firewallpolicies':
      refs.push([idOf(p.basePolicy), 'leaf']);
      list(p.ruleCollectionGroups).forEach((group) => refs.push([idOf(group), 'leaf']));
      break;
    case 'microsoft.network/firewallpolicies/rulecollectiongroups':
      list(p.ruleCollections)
        .flatMap((collection) => list(objectAt(collection)?.rules))
        .forEach((rule) => ipGroupsOf(rule).forEach((id) => refs.push([id, 'leaf'])));
      break;
    case INBOUND_ENDPOINT:
      refs.push([parentId(resource.id), 'leaf']);
      break;
    case 'microsoft.network/dnsresolvers':
      refs.push([idOf(p.virtualNetwork), 'leaf']);
      break;
  }
  return refs
    .filter((ref): ref is [string, Origin] => typeof ref[0] === 'string' && ref[0] !== '')
    .map(([id, o]) => ({ id, origin: o }));
}

function neededIpsOf(resource: RawResource): string[] {
  const p = resource.properties ?? {};
  switch (normalizeType(resource.type)) {
    case 'microsoft.network/routetables':
      return strings(
        list(p.routes)
          .map((route) => objectAt(route, 'properties'))
          .filter(
            (route) => typeof route?.nextHopType === 'string' && route.nextHopType.toLowerCase() === 'virtualappliance',
          )
          .map((route) => route?.nextHopIpAddress),
      );
    case 'microsoft.network/virtualnetworks':
      return strings(list(objectAt(p, 'dhcpOptions')?.dnsServers));
    default:
      return [];
  }
}

function ownedIps(resource: RawResource): string[] {
  const p = resource.properties ?? {};
  switch (normalizeType(resource.type)) {
    case FIREWALL:
      return strings([
        ...list(p.ipConfigurations).map((ipc) => stringAt(ipc, 'properties', 'privateIPAddress')),
        stringAt(p, 'hubIPAddresses', 'privateIPAddress'),
      ]);
    case INBOUND_ENDPOINT:
      return strings(list(p.ipConfigurations).map((ipc) => stringAt(ipc, 'privateIpAddress')));
    default:
      return [];
  }
}

function ipGroupsOf(rule: unknown): string[] {
  const r = objectAt(rule);
  return strings([...list(r?.sourceIpGroups), ...list(r?.destinationIpGroups)]);
}

function vnetOfSubnet(subnetId: string | undefined): string | undefined {
  return subnetId && /\/subnets\/[^/]+\/?$/i.test(subnetId) ? parentId(subnetId) : undefined;
}

function idOf(value: unknown): string | undefined {
  return stringAt(value, 'id');
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}

function objectAt(value: unknown, ...path: string[]): Record<string, unknown> | undefined {
  let current = value;
  for (const key of path) {
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  }
  return typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : undefined;
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  const key = path[path.length - 1];
  const holder = objectAt(value, ...path.slice(0, -1));
  const found = key === undefined || holder === undefined ? undefined : holder[key];
  return typeof found === 'string' ? found : undefined;
}

/**
 * A Virtual WAN hub connection peers the spoke with the hub's own VNet (`HV_<hub>_<id>`), which lives
 * in a subscription Microsoft manages and nobody can read: the hub and its connections stand for it.
 */
function isVirtualHubPeering(peering: unknown): boolean {
  const name = stringAt(peering, 'name') ?? '';
  const remote = stringAt(peering, 'properties', 'remoteVirtualNetwork', 'id') ?? '';
  return /^RemoteVnetToHubPeering/i.test(name) || /\/virtualNetworks\/HV_[^/]+$/i.test(remote);
}
