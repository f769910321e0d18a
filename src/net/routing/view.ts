// A subnet's routes as Azure programs them into its NICs (azure-reference §2, §7, §8): the VNet and
// peering system routes, service endpoint routes, the subnet's user-defined routes, routes learned
// over BGP when a caller knows them, and the default routes. Private endpoint /32s are added per
// destination (see lookup.ts). Built once per subnet; a route table or VNet that was not read makes
// the view unknown instead of a guess.
import { nameFromId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import type { RouteTable, Subnet, VirtualNetwork } from '../../inventory/types.js';
import { parseIpv4Prefix, type Ipv4Prefix } from '../cidr.js';
import { unmodelledRouteSources } from './assumptions.js';
import { addPeeringRoutes } from './peering-routes.js';
import { settle, sourceRank, type Compiled } from './precedence.js';
import { canonicalNextHopType, nextHop, type LearnedRoute, type RouteOptions } from './types.js';
import { ViewParts } from './view-parts.js';
import { addHubRoutes } from './hub-routes.js';

export interface UserRoute {
  readonly route: Compiled['route'];
  readonly prefix: Ipv4Prefix;
}

export interface View {
  readonly subnet: Subnet;
  /** VNets whose private endpoints put /32 routes in this subnet: its own and those peered (Connected). */
  readonly endpointVnets: ReadonlySet<string>;
  /** Address spaces of those VNets, as this subnet's routes see them. */
  readonly spaces: ReadonlyMap<string, readonly Ipv4Prefix[]>;
  /** Longest prefix first. */
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

/** The subnet's view: once per subnet, or afresh when the caller brings routes learned over BGP. */
export function viewOf(inv: Inventory, subnet: Subnet, options: RouteOptions): View {
  if (options.learnedRoutes?.length) return buildView(inv, subnet, options.learnedRoutes);
  return viewOfSubnet(inv, subnet);
}

const viewOfSubnet = memoByInventoryKey(
  (inv, subnet: Subnet) => buildView(inv, subnet, []),
  (subnet) => subnet.key,
);

const reservedPrefixes = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

function buildView(inv: Inventory, subnet: Subnet, learned: readonly LearnedRoute[]): View {
  const parts = new ViewParts();
  const vnet = inv.vnets.get(subnet.vnetKey);
  const table = subnet.routeTableId ? inv.routeTable(subnet.routeTableId) : undefined;
  if (!vnet) {
    parts.unknown.push(
      `VNet ${nameFromId(subnet.vnetKey)} of subnet ${subnet.name} was not read, so its address space and peerings are unknown.`,
    );
  }
  if (subnet.routeTableId && !table) {
    parts.unknown.push(
      `Route table ${nameFromId(subnet.routeTableId)} attached to subnet ${subnet.name} was not read, so its user-defined routes are unknown.`,
    );
  }
  if (vnet) addVnetRoutes(parts, inv, vnet);
  if (table) addUserRoutes(parts, table);
  // Routes a Virtual WAN hub programs arrive like gateway routes: the route table can refuse them.
  if (vnet && !table?.disableBgpRoutePropagation) addHubRoutes(parts, inv, vnet);
  addLearnedRoutes(parts, learned);
  addDefaultRoutes(parts);
  parts.assumptions.push(...unmodelledRouteSources(inv, vnet, table, parts.endpointVnets));
  return assemble(parts, subnet);
}

function addVnetRoutes(parts: ViewParts, inv: Inventory, vnet: VirtualNetwork): void {
  const local = parts.prefixesOf(vnet.addressPrefixes, `VNet ${vnet.name}`);
  parts.reach(vnet.key, local);
  for (const prefix of local) {
    parts.route('Default', prefix, nextHop.vnetLocal, { origin: vnet.id, originName: vnet.name });
  }
  for (const peering of vnet.peerings) addPeeringRoutes(parts, inv, vnet, peering);
}

function serviceEndpointRoutes(subnet: Subnet): Compiled[] {
  return subnet.serviceEndpoints
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
}

function addUserRoutes(parts: ViewParts, table: RouteTable): void {
  for (const route of table.routes) {
    const base = {
      origin: route.id ?? `${table.id}/routes/${route.name}`,
      originName: route.name,
      routeTableId: table.id,
      ...(route.nextHopIpAddress ? { nextHopIp: route.nextHopIpAddress } : {}),
    };
    const hop = canonicalNextHopType(route.nextHopType);
    const prefix = route.addressPrefix ? parseIpv4Prefix(route.addressPrefix) : undefined;
    if (prefix) {
      parts.route('User', prefix, hop, base);
    } else if (route.addressPrefix && /^[A-Za-z][\w.-]*$/.test(route.addressPrefix)) {
      parts.serviceTagRoutes.push({
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
      parts.assumptions.push(
        `User route ${route.name} in route table ${table.name} has prefix ${route.addressPrefix ?? '(none)'}, which plaudit does not model (IPv4 only).`,
      );
    }
  }
}

function addLearnedRoutes(parts: ViewParts, learned: readonly LearnedRoute[]): void {
  for (const route of learned) {
    const prefix = parseIpv4Prefix(route.addressPrefix);
    if (!prefix) continue;
    parts.route('VirtualNetworkGateway', prefix, nextHop.gateway, {
      ...(route.nextHopIp ? { nextHopIp: route.nextHopIp } : {}),
      ...(route.origin ? { origin: route.origin } : {}),
    });
  }
}

function addDefaultRoutes(parts: ViewParts): void {
  // Azure removes the reserved-range None routes when 0.0.0.0/0 goes to an appliance or a gateway
  // (a user route or one learned over BGP); they are absent then, not invalid (§8 Q1).
  const defaultOverridden = parts.drafts.some(
    (d) =>
      d.prefix.length === 0 &&
      ((d.source === 'User' && (d.nextHopType === nextHop.virtualAppliance || d.nextHopType === nextHop.gateway)) ||
        d.source === 'VirtualNetworkGateway'),
  );
  if (parts.drafts.some((d) => d.source === 'User' && d.prefix.length === 0) && !defaultOverridden) {
    parts.assumptions.push(
      'Whether Azure removes the None routes when 0.0.0.0/0 goes to Internet or None is not documented; plaudit keeps them.',
    );
  }
  parts.route('Default', parseIpv4Prefix('0.0.0.0/0')!, nextHop.internet, {});
  if (!defaultOverridden) {
    for (const text of reservedPrefixes) parts.route('Default', parseIpv4Prefix(text)!, nextHop.none, {});
  }
}

function assemble(parts: ViewParts, subnet: Subnet): View {
  const compiled = settle(parts.drafts);
  const userRoutes = compiled
    .filter((c): c is UserRoute => c.route.source === 'User' && c.prefix !== undefined)
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return {
    subnet,
    endpointVnets: parts.endpointVnets,
    spaces: parts.spaces,
    userRoutes,
    systemRoutes: compiled.filter((c) => c.route.source === 'Default'),
    serviceRoutes: serviceEndpointRoutes(subnet),
    otherRoutes: [...compiled.filter((c) => c.route.source !== 'Default'), ...parts.serviceTagRoutes],
    prefixRoutes: compiled,
    rankedRoutes: [...compiled].sort(
      (a, b) => b.prefix!.length - a.prefix!.length || sourceRank[b.route.source] - sourceRank[a.route.source],
    ),
    hasBgp: compiled.some((c) => c.route.source === 'VirtualNetworkGateway'),
    serviceTagRoutes: parts.serviceTagRoutes,
    assumptions: Object.freeze(parts.assumptions),
    unknown: parts.unknown.length > 0 ? parts.unknown.join(' ') : undefined,
  };
}
