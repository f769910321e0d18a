// Effective routes of a subnet, computed from configuration the way Azure programs them into the
// subnet's NICs (azure-reference §2, §7, §8): VNet and peering system routes, private endpoint /32
// routes, service endpoint routes, the default routes, and the subnet's user-defined routes, then
// longest-prefix match with User > BGP > system on equal prefixes. What configuration cannot tell
// (BGP, appliance tables, AVNM connected groups) is returned as named assumptions; a route table
// that was not read makes the result unknown instead of a guess. IPv4 only.
// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview
import { nameFromId, normalizeId, normalizeType } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { endpointIps } from '../../inventory/topology.js';
import type { PrivateEndpoint, Subnet, VirtualNetwork, VirtualNetworkPeering } from '../../inventory/types.js';
import { isIpv6, isPublicIpv4, parseIpv4, parseIpv4Prefix, prefixContains, type Ipv4Prefix } from '../cidr.js';

export type RouteSource = 'Default' | 'User' | 'VirtualNetworkGateway';
export type RouteState = 'Active' | 'Invalid';

/** Next hop types as `az network nic show-effective-route-table` prints them. */
export const nextHop = {
  vnetLocal: 'VnetLocal',
  peering: 'VNetPeering',
  globalPeering: 'VNetGlobalPeering',
  interfaceEndpoint: 'InterfaceEndpoint',
  serviceEndpoint: 'VirtualNetworkServiceEndpoint',
  internet: 'Internet',
  none: 'None',
  virtualAppliance: 'VirtualAppliance',
  gateway: 'VirtualNetworkGateway',
} as const;

export interface EffectiveRoute {
  readonly source: RouteSource;
  readonly state: RouteState;
  /**
   * A CIDR prefix, except for service endpoint routes and user routes to a service tag, which
   * carry the service's name: plaudit has no list of the public prefixes behind it.
   */
  readonly addressPrefix: string;
  readonly nextHopType: string;
  readonly nextHopIp?: string;
  /** The resource that put the route there: route, peering, VNet, private endpoint, subnet. */
  readonly origin?: string;
  /** A readable name for the origin (route name, peering name, endpoint name...). */
  readonly originName?: string;
  /** For user routes: the route table holding them. */
  readonly routeTableId?: string;
  /** Set on routes to a named service (service endpoint, service tag) rather than a prefix. */
  readonly service?: string;
  /** Regions a service endpoint applies to, as configured (empty: the VNet's region). */
  readonly serviceLocations?: readonly string[];
  /** Why the route is `Invalid`, or what is special about it. */
  readonly reason?: string;
}

export interface RouteTableView {
  readonly subnetId: string;
  readonly routes: readonly EffectiveRoute[];
  readonly assumptions: readonly string[];
  /** Set when part of the table cannot be known from the snapshot (no decision should rest on it). */
  readonly unknown?: string;
}

export interface RouteDecision {
  readonly destination: string;
  /** The route traffic takes; undefined when no route covers the destination or the table is unknown. */
  readonly winner: EffectiveRoute | undefined;
  /** Every route that covers the destination, active and invalid, the winner first. */
  readonly candidates: readonly EffectiveRoute[];
  /** Why the winner won (or why there is none). */
  readonly why: string;
  readonly assumptions: readonly string[];
  readonly unknown?: string;
}

/** Routes learned over BGP, for callers that know them (on-premises prefixes declared in config, tests). */
export interface LearnedRoute {
  readonly addressPrefix: string;
  readonly nextHopIp?: string;
  readonly origin?: string;
}

export interface RouteOptions {
  readonly learnedRoutes?: readonly LearnedRoute[];
}

/** The subnet's whole effective route table (private endpoint /32s included). */
export function effectiveRoutes(inv: Inventory, subnet: Subnet, options: RouteOptions = {}): RouteTableView {
  const view = viewOf(inv, subnet, options);
  const index = indexOf(inv);
  const endpointRoutes: EffectiveRoute[] = [];
  for (const vnetKey of view.endpointVnets) {
    for (const entry of index.endpointsByVnet.get(vnetKey) ?? []) endpointRoutes.push(endpointRoute(view, entry));
  }
  return {
    subnetId: subnet.id,
    routes: [
      ...view.systemRoutes.map((c) => c.route),
      ...endpointRoutes,
      ...view.serviceRoutes.map((c) => c.route),
      ...view.otherRoutes.map((c) => c.route),
    ],
    assumptions: view.assumptions,
    ...(view.unknown ? { unknown: view.unknown } : {}),
  };
}

/** The route a packet from the subnet to `ip` takes, the routes it was chosen from, and why. */
export function routeTo(inv: Inventory, subnet: Subnet, ip: string, options: RouteOptions = {}): RouteDecision {
  const view = viewOf(inv, subnet, options);
  const address = parseIpv4(ip);
  if (address === undefined) {
    const unknown = isIpv6(ip)
      ? `${ip} is an IPv6 address; plaudit models IPv4 routes only.`
      : `${ip} is not an IPv4 address.`;
    return { destination: ip, winner: undefined, candidates: [], why: unknown, assumptions: view.assumptions, unknown };
  }
  const endpoints = endpointsSeenFrom(view, indexOf(inv).endpointsByAddress.get(address));
  return new Decision(view, ip, address, endpoints);
}

// Checks ask for millions of (subnet, endpoint IP) pairs and mostly read only the winner: it is
// found directly when no BGP route is in play, and the candidate table and explanations are worked
// out only when read.
class Decision implements RouteDecision {
  readonly destination: string;
  readonly winner: EffectiveRoute | undefined;
  readonly unknown?: string;
  readonly #view: View;
  readonly #address: number;
  readonly #endpoints: readonly EndpointEntry[];
  #details: Details | undefined;

  constructor(view: View, ip: string, address: number, endpoints: readonly EndpointEntry[]) {
    this.destination = ip;
    this.#view = view;
    this.#address = address;
    this.#endpoints = endpoints;
    if (view.unknown) this.unknown = view.unknown;
    this.winner = view.unknown
      ? undefined
      : view.hasBgp
        ? this.#explain().winner
        : fastWinner(view, address, endpoints);
  }

  get candidates(): readonly EffectiveRoute[] {
    return this.#explain().candidates;
  }

  get why(): string {
    return this.unknown ?? this.#explain().why;
  }

  get assumptions(): readonly string[] {
    return this.#explain().assumptions;
  }

  #explain(): Details {
    return (this.#details ??= explainRoute(this.#view, this.destination, this.#address, this.#endpoints));
  }
}

const noEndpoints: readonly EndpointEntry[] = [];

// Called for every (subnet, endpoint IP) pair: the common cases allocate nothing.
function endpointsSeenFrom(view: View, entries: readonly EndpointEntry[] | undefined): readonly EndpointEntry[] {
  if (!entries) return noEndpoints;
  if (entries.length === 1) return view.endpointVnets.has(entries[0]!.vnetKey) ? entries : noEndpoints;
  return entries.filter((entry) => view.endpointVnets.has(entry.vnetKey));
}

interface Details {
  readonly winner: EffectiveRoute | undefined;
  readonly candidates: readonly EffectiveRoute[];
  readonly why: string;
  readonly assumptions: readonly string[];
}

function explainRoute(view: View, ip: string, address: number, endpoints: readonly EndpointEntry[]): Details {
  const candidates: Compiled[] = [];
  for (const compiled of view.prefixRoutes) {
    if (prefixContains(compiled.prefix!, address)) candidates.push(compiled);
  }
  const extra: string[] = [];
  for (const entry of endpoints) {
    candidates.push({ route: endpointRoute(view, entry), prefix: entry.prefix });
    if (!entry.subnet) {
      extra.push(
        `The subnet of private endpoint ${entry.endpoint.name} was not read; its privateEndpointNetworkPolicies are assumed to be the default, Disabled.`,
      );
    }
  }
  const { winner, setAsideBgp } = select(candidates);
  if (winner?.route.nextHopType === nextHop.virtualAppliance) {
    extra.push(
      `Where the appliance at ${winner.route.nextHopIp ?? '(no IP)'} forwards the traffic depends on its own configuration, which plaudit does not read.`,
    );
  }
  if (view.serviceRoutes.length > 0 && isPublicIpv4(ip)) {
    extra.push(
      `If ${ip} belongs to ${view.serviceRoutes.map((c) => c.route.service).join(', ')}, the service endpoint route wins over every user and BGP route.`,
    );
  }
  if (view.serviceTagRoutes.length > 0 && isPublicIpv4(ip)) {
    extra.push(
      `User routes to service tags (${view.serviceTagRoutes.map((c) => c.route.addressPrefix).join(', ')}) are not matched: plaudit does not know their prefixes.`,
    );
  }
  const why = winner
    ? `${winner.route.addressPrefix} is the longest active prefix that covers ${ip}${
        setAsideBgp ? ' (routes for the VNet, its peerings and service endpoints beat BGP routes)' : ''
      }.`
    : `No active route covers ${ip}.`;
  return {
    winner: winner?.route,
    candidates: orderCandidates(candidates, winner),
    why,
    assumptions: extra.length > 0 ? [...view.assumptions, ...extra] : view.assumptions,
  };
}

/**
 * The winner without BGP routes: an active endpoint /32, else the first active route containing
 * the address in (longest prefix, User before system) order, which is what `select` picks.
 */
function fastWinner(view: View, address: number, endpoints: readonly EndpointEntry[]): EffectiveRoute | undefined {
  for (const entry of endpoints) {
    const route = endpointRoute(view, entry);
    if (route.state === 'Active') return route;
  }
  for (const compiled of view.rankedRoutes) {
    if (compiled.route.state === 'Active' && prefixContains(compiled.prefix!, address)) return compiled.route;
  }
  return undefined;
}

/**
 * The route traffic from the subnet to a service's public addresses takes: the service endpoint
 * route when the subnet has one for that service and region (it beats every user and BGP route),
 * otherwise the route for public destinations (the active 0.0.0.0/0).
 */
export function routeToService(
  inv: Inventory,
  subnet: Subnet,
  services: readonly string[],
  location?: string,
): RouteDecision {
  const view = viewOf(inv, subnet, {});
  const wanted = new Set(services.map((service) => service.toLowerCase()));
  const destination = services.join(', ');
  const serviceRoutes = view.serviceRoutes.filter(
    (c) => wanted.has((c.route.service ?? '').toLowerCase()) && appliesTo(c.route, location),
  );
  const defaults = view.prefixRoutes.filter((c) => c.prefix!.length === 0);
  const fallback = select(defaults).winner;
  const winner = serviceRoutes[0] ?? fallback;
  const candidates = orderCandidates([...serviceRoutes, ...defaults], winner);
  const assumptions = [
    ...view.assumptions,
    `User routes for specific public prefixes or service tags that hold the addresses of ${destination} are not matched.`,
  ];
  if (view.unknown) {
    return { destination, winner: undefined, candidates, why: view.unknown, assumptions, unknown: view.unknown };
  }
  const why = serviceRoutes[0]
    ? `Subnet ${subnet.name} has the ${serviceRoutes[0].route.service} service endpoint, whose route beats user and BGP routes.`
    : winner
      ? `Subnet ${subnet.name} has no service endpoint for ${destination}; public addresses follow ${winner.route.addressPrefix}.`
      : 'No active route covers public addresses.';
  return { destination, winner: winner?.route, candidates, why, assumptions };
}

/** A short description of a route for messages: `user route x (10.2.0.0/16 to VirtualAppliance 10.0.0.4) in rt-app`. */
export function describeRoute(route: EffectiveRoute): string {
  const hop = route.nextHopIp ? `${route.nextHopType} ${route.nextHopIp}` : route.nextHopType;
  if (route.source === 'User') {
    const name = route.originName ? ` ${route.originName}` : '';
    const table = route.routeTableId ? ` in route table ${nameFromId(route.routeTableId)}` : '';
    return `user route${name} (${route.addressPrefix} to ${hop})${table}`;
  }
  const kind = route.source === 'Default' ? 'system' : 'BGP';
  const origin =
    route.nextHopType === nextHop.interfaceEndpoint && route.originName
      ? ` of private endpoint ${route.originName}`
      : (route.nextHopType === nextHop.peering || route.nextHopType === nextHop.globalPeering) && route.originName
        ? ` of peering ${route.originName}`
        : '';
  return `${kind} route ${route.addressPrefix} to ${hop}${origin}`;
}

/** Next hop type values are case-insensitive strings; this returns the spelling used above. */
export function canonicalNextHopType(value: string | undefined): string {
  const known = Object.values(nextHop).find((hop) => hop.toLowerCase() === (value ?? '').toLowerCase());
  return known ?? value ?? 'Unknown';
}

// ---------------------------------------------------------------------------------------------

interface Compiled {
  readonly route: EffectiveRoute;
  /** Undefined for routes to a named service. */
  readonly prefix: Ipv4Prefix | undefined;
}

interface UserRoute {
  readonly route: EffectiveRoute;
  readonly prefix: Ipv4Prefix;
}

interface View {
  readonly subnet: Subnet;
  /** VNets whose private endpoints put /32 routes in this subnet: its own and those peered (Connected). */
  readonly endpointVnets: ReadonlySet<string>;
  /** Address spaces of those VNets, as this subnet's routes see them. */
  readonly spaces: ReadonlyMap<string, readonly Ipv4Prefix[]>;
  readonly userRoutes: readonly UserRoute[];
  /** VnetLocal, peering, Internet and None routes. */
  readonly systemRoutes: readonly Compiled[];
  readonly serviceRoutes: readonly Compiled[];
  /** User and BGP routes (service-tag user routes included). */
  readonly otherRoutes: readonly Compiled[];
  /** Every route with a prefix (no /32 endpoint routes), for matching. */
  readonly prefixRoutes: readonly Compiled[];
  /** The same, longest prefix first and User before BGP before system at equal length. */
  readonly rankedRoutes: readonly Compiled[];
  readonly hasBgp: boolean;
  readonly serviceTagRoutes: readonly Compiled[];
  readonly assumptions: readonly string[];
  readonly unknown: string | undefined;
}

interface EndpointEntry {
  readonly endpoint: PrivateEndpoint;
  readonly prefix: Ipv4Prefix;
  readonly vnetKey: string;
  readonly subnet: Subnet | undefined;
}

interface InventoryIndex {
  readonly endpointsByAddress: ReadonlyMap<number, readonly EndpointEntry[]>;
  readonly endpointsByVnet: ReadonlyMap<string, readonly EndpointEntry[]>;
  /** VNets with a gateway or route server (or the subnet for one): sources of BGP routes. */
  readonly bgpVnets: ReadonlySet<string>;
  readonly hasNetworkManager: boolean;
  readonly views: Map<string, View>;
}

// Views and indexes are computed once per inventory (which is frozen while checks run).
const indexes = new WeakMap<Inventory, InventoryIndex>();

const reservedPrefixes = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
/** System routes Azure prefers even over more specific BGP routes. */
const preferredOverBgp = new Set<string>([
  nextHop.vnetLocal,
  nextHop.peering,
  nextHop.globalPeering,
  nextHop.serviceEndpoint,
  nextHop.interfaceEndpoint,
]);
const sourceRank: Record<RouteSource, number> = { User: 3, VirtualNetworkGateway: 2, Default: 1 };

function indexOf(inv: Inventory): InventoryIndex {
  let index = indexes.get(inv);
  if (!index) {
    index = buildIndex(inv);
    indexes.set(inv, index);
  }
  return index;
}

function buildIndex(inv: Inventory): InventoryIndex {
  const endpointsByAddress = new Map<number, EndpointEntry[]>();
  const endpointsByVnet = new Map<string, EndpointEntry[]>();
  for (const endpoint of inv.privateEndpoints.values()) {
    if (!endpoint.subnetId) continue;
    const subnetKey = normalizeId(endpoint.subnetId);
    const vnetKey = inv.vnetKeyOfSubnet(subnetKey);
    const subnet = inv.subnets.get(subnetKey);
    for (const ip of endpointIps(inv, endpoint)) {
      const prefix = parseIpv4Prefix(ip);
      if (!prefix || prefix.length !== 32) continue;
      const entry: EndpointEntry = { endpoint, prefix, vnetKey, subnet };
      push(endpointsByAddress, prefix.network, entry);
      push(endpointsByVnet, vnetKey, entry);
    }
  }
  for (const entries of endpointsByVnet.values()) entries.sort((a, b) => a.prefix.network - b.prefix.network);

  const bgpVnets = new Set<string>();
  for (const vnet of inv.vnets.values()) {
    if (vnet.subnets.some((s) => ['gatewaysubnet', 'routeserversubnet'].includes(s.name.toLowerCase()))) {
      bgpVnets.add(vnet.key);
    }
  }
  for (const device of inv.devices.values()) {
    if (device.kind !== 'virtualNetworkGateway' && device.kind !== 'virtualHubIpConfiguration') continue;
    for (const subnetId of device.subnetIds) bgpVnets.add(inv.vnetKeyOfSubnet(normalizeId(subnetId)));
  }
  const hasNetworkManager = [...inv.resources.values()].some((resource) =>
    normalizeType(resource.type).startsWith('microsoft.network/networkmanagers'),
  );
  return { endpointsByAddress, endpointsByVnet, bgpVnets, hasNetworkManager, views: new Map() };
}

function viewOf(inv: Inventory, subnet: Subnet, options: RouteOptions): View {
  const index = indexOf(inv);
  if (options.learnedRoutes?.length) return buildView(inv, index, subnet, options.learnedRoutes);
  let view = index.views.get(subnet.key);
  if (!view) {
    view = buildView(inv, index, subnet, []);
    index.views.set(subnet.key, view);
  }
  return view;
}

function buildView(inv: Inventory, index: InventoryIndex, subnet: Subnet, learned: readonly LearnedRoute[]): View {
  const assumptions: string[] = [];
  const unknown: string[] = [];
  const vnet = inv.vnets.get(subnet.vnetKey);
  const table = subnet.routeTableId ? inv.routeTable(subnet.routeTableId) : undefined;
  if (!vnet) {
    unknown.push(
      `VNet ${nameFromId(subnet.vnetKey)} of subnet ${subnet.name} was not read, so its address space and peerings are unknown.`,
    );
  }
  if (subnet.routeTableId && !table) {
    unknown.push(
      `Route table ${nameFromId(subnet.routeTableId)} attached to subnet ${subnet.name} was not read, so its user-defined routes are unknown.`,
    );
  }

  const endpointVnets = new Set<string>();
  const spaces = new Map<string, Ipv4Prefix[]>();
  const drafts: Draft[] = [];

  if (vnet) {
    const local = prefixesOf(vnet.addressPrefixes, `VNet ${vnet.name}`, assumptions);
    endpointVnets.add(vnet.key);
    spaces.set(vnet.key, local);
    for (const prefix of local) {
      drafts.push(draft('Default', prefix, nextHop.vnetLocal, { origin: vnet.id, originName: vnet.name }));
    }
    for (const peering of vnet.peerings)
      addPeering(inv, vnet, peering, drafts, endpointVnets, spaces, assumptions, unknown);
  }

  const serviceRoutes: Compiled[] = subnet.serviceEndpoints
    .filter((endpoint) => endpoint.service !== '')
    .map((endpoint) => ({
      prefix: undefined,
      route: {
        source: 'Default',
        state: 'Active',
        addressPrefix: endpoint.service,
        nextHopType: nextHop.serviceEndpoint,
        origin: subnet.id,
        originName: subnet.name,
        service: endpoint.service,
        serviceLocations: endpoint.locations,
      },
    }));

  const serviceTagRoutes: Compiled[] = [];
  for (const route of table?.routes ?? []) {
    const routeId = route.id ?? `${table!.id}/routes/${route.name}`;
    const base = {
      origin: routeId,
      originName: route.name,
      routeTableId: table!.id,
      ...(route.nextHopIpAddress ? { nextHopIp: route.nextHopIpAddress } : {}),
    };
    const hop = canonicalNextHopType(route.nextHopType);
    const prefix = route.addressPrefix ? parseIpv4Prefix(route.addressPrefix) : undefined;
    if (prefix) {
      drafts.push(draft('User', prefix, hop, base));
    } else if (route.addressPrefix && /^[A-Za-z][\w.-]*$/.test(route.addressPrefix)) {
      serviceTagRoutes.push({
        prefix: undefined,
        route: {
          source: 'User',
          state: 'Active',
          addressPrefix: route.addressPrefix,
          nextHopType: hop,
          service: route.addressPrefix,
          ...base,
        },
      });
    } else {
      assumptions.push(
        `User route ${route.name} in route table ${table!.name} has prefix ${route.addressPrefix ?? '(none)'}, which plaudit does not model (IPv4 only).`,
      );
    }
  }
  for (const route of learned) {
    const prefix = parseIpv4Prefix(route.addressPrefix);
    if (!prefix) continue;
    drafts.push(
      draft('VirtualNetworkGateway', prefix, nextHop.gateway, {
        ...(route.nextHopIp ? { nextHopIp: route.nextHopIp } : {}),
        ...(route.origin ? { origin: route.origin } : {}),
      }),
    );
  }

  // Azure removes the reserved-range None routes when 0.0.0.0/0 goes to an appliance or a gateway
  // (a user route or one learned over BGP); they are absent then, not invalid (§8 Q1).
  const defaultOverridden = drafts.some(
    (d) =>
      d.prefix.length === 0 &&
      ((d.source === 'User' && (d.nextHopType === nextHop.virtualAppliance || d.nextHopType === nextHop.gateway)) ||
        d.source === 'VirtualNetworkGateway'),
  );
  if (drafts.some((d) => d.source === 'User' && d.prefix.length === 0) && !defaultOverridden) {
    assumptions.push(
      'Whether Azure removes the None routes when 0.0.0.0/0 goes to Internet or None is not documented; plaudit keeps them.',
    );
  }
  drafts.push(draft('Default', parseIpv4Prefix('0.0.0.0/0')!, nextHop.internet, {}));
  if (!defaultOverridden) {
    for (const text of reservedPrefixes) drafts.push(draft('Default', parseIpv4Prefix(text)!, nextHop.none, {}));
  }

  if (vnet && !table?.disableBgpRoutePropagation) {
    const sources = bgpSources(inv, index, vnet);
    if (sources.length > 0) {
      assumptions.push(
        `Routes learned over BGP from the gateway or route server of ${sources.join(', ')} are not in the snapshot and not modelled; they can add routes (a learned 0.0.0.0/0 would also remove the None routes).`,
      );
    }
  }
  // High-scale private endpoints (VNet privateEndpointVNetPolicies: Basic) change how their routes
  // propagate in ways Azure does not document: flag it, do not guess.
  for (const key of endpointVnets) {
    const policies = inv.vnets.get(key)?.privateEndpointVNetPolicies;
    if (policies !== undefined && policies.toLowerCase() !== 'disabled') {
      assumptions.push(
        `VNet ${nameFromId(key)} has privateEndpointVNetPolicies ${policies}; its effect on private endpoint routes is not documented and not modelled.`,
      );
    }
  }
  assumptions.push(
    index.hasNetworkManager
      ? 'Azure Virtual Network Manager connected groups (ConnectedGroup routes) are in scope but not modelled.'
      : 'Azure Virtual Network Manager connected groups (ConnectedGroup routes) are not read and not modelled.',
  );

  const compiled = settle(drafts);
  const systemRoutes = compiled.filter((c) => c.route.source === 'Default');
  const otherRoutes = [...compiled.filter((c) => c.route.source !== 'Default'), ...serviceTagRoutes];
  const userRoutes = compiled
    .filter((c): c is UserRoute => c.route.source === 'User' && c.prefix !== undefined)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return {
    subnet,
    endpointVnets,
    spaces,
    userRoutes,
    systemRoutes,
    serviceRoutes,
    otherRoutes,
    prefixRoutes: compiled,
    rankedRoutes: [...compiled].sort(
      (a, b) => b.prefix!.length - a.prefix!.length || sourceRank[b.route.source] - sourceRank[a.route.source],
    ),
    hasBgp: compiled.some((c) => c.route.source === 'VirtualNetworkGateway'),
    serviceTagRoutes,
    assumptions: Object.freeze(assumptions),
    unknown: unknown.length > 0 ? unknown.join(' ') : undefined,
  };
}

function addPeering(
  inv: Inventory,
  vnet: VirtualNetwork,
  peering: VirtualNetworkPeering,
  drafts: Draft[],
  endpointVnets: Set<string>,
  spaces: Map<string, Ipv4Prefix[]>,
  assumptions: string[],
  unknown: string[],
): void {
  // Only this VNet's side of the peering decides what its NICs get.
  if (!peering.remoteVnetId || (peering.peeringState ?? '').toLowerCase() !== 'connected') return;
  const remoteKey = normalizeId(peering.remoteVnetId);
  const remote = inv.vnets.get(remoteKey);
  // The address space that was peered (what the routes hold), else the remote VNet's current one.
  const peered =
    peering.remoteAddressPrefixes ??
    (remote && remote.addressPrefixes.length > 0 ? remote.addressPrefixes : undefined) ??
    peering.remoteVirtualNetworkAddressPrefixes;
  if (!peered) {
    unknown.push(
      `The address space of VNet ${nameFromId(peering.remoteVnetId)}, peered with ${vnet.name} by ${peering.name}, is unknown.`,
    );
    return;
  }
  if (peering.peerCompleteVnets === false) {
    assumptions.push(`Peering ${peering.name} connects only some subnets; plaudit routes to the whole peered space.`);
  }
  let hop: string = nextHop.peering;
  if (remote?.location && vnet.location) {
    if (region(remote.location) !== region(vnet.location)) hop = nextHop.globalPeering;
  } else {
    assumptions.push(
      `The region of VNet ${nameFromId(peering.remoteVnetId)} is unknown; peering ${peering.name} is taken as regional (VNetPeering).`,
    );
  }
  const prefixes = prefixesOf(peered, `VNet ${nameFromId(peering.remoteVnetId)}`, assumptions);
  endpointVnets.add(remoteKey);
  spaces.set(remoteKey, prefixes);
  for (const prefix of prefixes) {
    drafts.push(draft('Default', prefix, hop, { origin: peering.id, originName: peering.name }));
  }
}

function bgpSources(inv: Inventory, index: InventoryIndex, vnet: VirtualNetwork): string[] {
  const sources: string[] = [];
  if (index.bgpVnets.has(vnet.key)) sources.push(vnet.name);
  for (const peering of vnet.peerings) {
    if (!peering.useRemoteGateways || !peering.remoteVnetId) continue;
    if ((peering.peeringState ?? '').toLowerCase() !== 'connected') continue;
    sources.push(inv.vnets.get(normalizeId(peering.remoteVnetId))?.name ?? nameFromId(peering.remoteVnetId));
  }
  return sources;
}

interface Draft {
  source: RouteSource;
  prefix: Ipv4Prefix;
  nextHopType: string;
  extra: Partial<EffectiveRoute>;
  invalidReason?: string;
}

function draft(source: RouteSource, prefix: Ipv4Prefix, nextHopType: string, extra: Partial<EffectiveRoute>): Draft {
  return { source, prefix, nextHopType, extra };
}

/**
 * Marks routes that lose to another route with the same prefix as `Invalid`: a user route beats
 * everything; a BGP route beats system routes, except those for the VNet, its peerings and
 * service endpoints, which beat BGP routes.
 */
function settle(drafts: readonly Draft[]): Compiled[] {
  const byPrefix = new Map<string, Draft[]>();
  for (const d of drafts) push(byPrefix, d.prefix.text, d);
  for (const group of byPrefix.values()) {
    if (group.length < 2) continue;
    const user = group.find((d) => d.source === 'User');
    const preferred = group.find((d) => d.source === 'Default' && preferredOverBgp.has(d.nextHopType));
    const bgp = group.find((d) => d.source === 'VirtualNetworkGateway');
    for (const d of group) {
      if (user && d !== user) {
        d.invalidReason = `Overridden by user route ${user.extra.originName ?? user.prefix.text} with the same prefix.`;
      } else if (!user && d.source === 'VirtualNetworkGateway' && preferred) {
        d.invalidReason = `Azure prefers the system ${preferred.nextHopType} route with the same prefix over BGP routes.`;
      } else if (!user && bgp && d.source === 'Default' && !preferredOverBgp.has(d.nextHopType)) {
        d.invalidReason = 'Overridden by a BGP route with the same prefix.';
      }
    }
  }
  return drafts.map((d) => ({
    prefix: d.prefix,
    route: {
      source: d.source,
      state: d.invalidReason ? 'Invalid' : 'Active',
      addressPrefix: d.prefix.text,
      nextHopType: d.nextHopType,
      ...d.extra,
      ...(d.invalidReason ? { reason: d.invalidReason } : {}),
    },
  }));
}

/**
 * A private endpoint's /32 route, invalidated by a user route for the same /32, or by a user route
 * covering the IP whose prefix is at least as long as the endpoint VNet's address space holding
 * the IP when the endpoint's subnet enables route-table policies (§2 decision table).
 */
function endpointRoute(view: View, entry: EndpointEntry): EffectiveRoute {
  const base: EffectiveRoute = {
    source: 'Default',
    state: 'Active',
    addressPrefix: entry.prefix.text,
    nextHopType: nextHop.interfaceEndpoint,
    origin: entry.endpoint.id,
    originName: entry.endpoint.name,
  };
  const policy = entry.subnet?.privateEndpointNetworkPolicies ?? 'Disabled';
  const policyHonoursRoutes = ['enabled', 'routetableenabled'].includes(policy.toLowerCase());
  const space = (view.spaces.get(entry.vnetKey) ?? []).find((prefix) => prefixContains(prefix, entry.prefix.network));
  for (const user of view.userRoutes) {
    if (!prefixContains(user.prefix, entry.prefix.network)) continue;
    if (user.prefix.length === 32) {
      return {
        ...base,
        state: 'Invalid',
        reason: `Overridden by user route ${user.route.originName} for the same /32.`,
      };
    }
    if (policyHonoursRoutes && space && user.prefix.length >= space.length) {
      return {
        ...base,
        state: 'Invalid',
        reason: `Invalidated by user route ${user.route.originName} (${user.prefix.text}): subnet ${entry.subnet?.name} has privateEndpointNetworkPolicies ${policy} and the prefix is at least as long as the endpoint VNet's ${space.text}.`,
      };
    }
  }
  return base;
}

function select(candidates: readonly Compiled[]): { winner: Compiled | undefined; setAsideBgp: boolean } {
  const active = candidates.filter((c) => c.route.state === 'Active' && c.prefix !== undefined);
  const preferredSystem = active.some((c) => c.route.source === 'Default' && preferredOverBgp.has(c.route.nextHopType));
  const pool = preferredSystem ? active.filter((c) => c.route.source !== 'VirtualNetworkGateway') : active;
  let winner: Compiled | undefined;
  for (const c of pool) {
    if (
      !winner ||
      c.prefix!.length > winner.prefix!.length ||
      (c.prefix!.length === winner.prefix!.length && sourceRank[c.route.source] > sourceRank[winner.route.source])
    ) {
      winner = c;
    }
  }
  const setAsideBgp =
    pool.length < active.length &&
    active.some((c) => c.route.source === 'VirtualNetworkGateway' && c.prefix!.length >= (winner?.prefix?.length ?? 0));
  return { winner, setAsideBgp };
}

function orderCandidates(candidates: readonly Compiled[], winner: Compiled | undefined): EffectiveRoute[] {
  return [...candidates]
    .sort(
      (a, b) =>
        Number(b === winner) - Number(a === winner) ||
        (b.prefix?.length ?? -1) - (a.prefix?.length ?? -1) ||
        sourceRank[b.route.source] - sourceRank[a.route.source],
    )
    .map((c) => c.route);
}

function appliesTo(route: EffectiveRoute, location: string | undefined): boolean {
  const locations = (route.serviceLocations ?? []).map(region);
  if (route.service?.toLowerCase().endsWith('.global')) return true;
  return (
    location === undefined || locations.length === 0 || locations.includes('*') || locations.includes(region(location))
  );
}

function prefixesOf(texts: readonly string[], owner: string, assumptions: string[]): Ipv4Prefix[] {
  const prefixes: Ipv4Prefix[] = [];
  for (const text of texts) {
    const prefix = parseIpv4Prefix(text);
    if (prefix) prefixes.push(prefix);
    else assumptions.push(`${owner} has address prefix ${text}, which plaudit does not model (IPv4 only).`);
  }
  return prefixes;
}

function region(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
