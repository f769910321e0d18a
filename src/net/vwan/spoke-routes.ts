// The routes a Virtual WAN hub programs into a connected spoke VNet, from configuration: with
// routing intent, the private-traffic policy sends the RFC 1918 ranges to the hub's firewall and
// the internet policy sends 0.0.0.0/0 there (to connections with internet security on); without
// it, the spoke learns its associated hub route table: the table's static routes and the address
// spaces (and static routes) of every connection that propagates to it, across the hubs of one
// virtual WAN. The spoke sees them as routes from its virtual network gateway, with the hub
// router or the firewall as next hop. Routes the hub learns over BGP (branches, NVAs) are not in
// configuration: they are named as an assumption.
// https://learn.microsoft.com/azure/virtual-wan/how-to-routing-policies
// https://learn.microsoft.com/azure/virtual-wan/about-virtual-hub-routing
import { nameFromId, normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import type { HubRouteTable, HubVirtualNetworkConnection, VirtualHub } from '../../inventory/security-types.js';
import { hubConnectionsOfHub, hubConnectionsOfVnet, hubsOfSameWan, routingIntentOf } from '../../inventory/vwan.js';

/** One route the hub gives the spoke. */
export interface HubLearnedRoute {
  readonly addressPrefix: string;
  /** The firewall's private IP, an appliance in a spoke, or the hub router; undefined when unknown. */
  readonly nextHopIp: string | undefined;
  /** The resource that put the route there: routing intent, hub route table, connection. */
  readonly origin: string;
  readonly originName: string;
  /** Set when the next hop is the hub's Azure Firewall. */
  readonly firewallId?: string;
}

export interface SpokeHubRoutes {
  readonly routes: readonly HubLearnedRoute[];
  readonly assumptions: readonly string[];
  /** Why the hub's routes cannot be known (a hub or route table not read). */
  readonly unknown: readonly string[];
}

/** RFC 1918: what a private-traffic routing policy covers by default. */
export const privateTrafficPrefixes: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

const empty: SpokeHubRoutes = { routes: [], assumptions: [], unknown: [] };

/** The routes the VNet's hub connections give its subnets (none for a VNet with no connection). */
export function spokeHubRoutes(inv: Inventory, vnetKey: string): SpokeHubRoutes {
  return byVnet(inv, vnetKey);
}

const byVnet = memoByInventoryKey((inv: Inventory, vnetKey: string): SpokeHubRoutes => {
  const connections = hubConnectionsOfVnet(inv, vnetKey);
  if (connections.length === 0) return empty;
  const routes: HubLearnedRoute[] = [];
  const assumptions: string[] = [];
  const unknown: string[] = [];
  for (const connection of connections) {
    if ((connection.provisioningState ?? 'succeeded').toLowerCase() === 'failed') {
      assumptions.push(
        `Hub connection ${connection.name} is in state Failed; plaudit takes it as programming no routes.`,
      );
      continue;
    }
    const hub = inv.virtualHubs.get(connection.hubKey);
    if (!hub) {
      unknown.push(
        `Virtual hub ${nameFromId(connection.hubKey)} of connection ${connection.name} was not read, so the routes it gives the spoke are unknown.`,
      );
      continue;
    }
    const intent = routingIntentOf(inv, hub.key);
    const sink = { routes, assumptions, unknown };
    if (intent) intentRoutes(inv, hub, connection, sink);
    // Without a private-traffic policy, spokes still learn the routes of their hub route table.
    const securesPrivate = intent?.policies.some((policy) =>
      policy.destinations.some((destination) => destination.toLowerCase() === 'privatetraffic'),
    );
    if (!securesPrivate) tableRoutes(inv, hub, connection, sink, intent !== undefined);
    assumptions.push(
      `Routes virtual hub ${hub.name} learns over BGP (VPN and ExpressRoute branches, NVAs peering with the hub) are not in the snapshot and not modelled.`,
    );
  }
  return { routes, assumptions, unknown };
});

interface Sink {
  readonly routes: HubLearnedRoute[];
  readonly assumptions: string[];
  readonly unknown: string[];
}

function intentRoutes(inv: Inventory, hub: VirtualHub, connection: HubVirtualNetworkConnection, sink: Sink): void {
  const intent = routingIntentOf(inv, hub.key)!;
  for (const policy of intent.policies) {
    const destinations = policy.destinations.map((d) => d.toLowerCase());
    const isPrivate = destinations.includes('privatetraffic');
    const isInternet = destinations.includes('internet');
    if (!isPrivate && !isInternet) continue;
    if (isInternet && !isPrivate && !connection.enableInternetSecurity) continue;
    const next = nextHopOf(inv, hub, policy.nextHop, `routing policy ${policy.name}`, sink);
    if (!next) continue;
    const prefixes = [
      ...(isPrivate ? privateTrafficPrefixes : []),
      ...(isInternet && connection.enableInternetSecurity ? ['0.0.0.0/0'] : []),
    ];
    for (const addressPrefix of prefixes) {
      sink.routes.push({ addressPrefix, ...next, origin: intent.id, originName: `${intent.name}/${policy.name}` });
    }
    if (isPrivate) {
      sink.assumptions.push(
        `Routing intent ${intent.name} of hub ${hub.name} is taken to cover the RFC 1918 ranges; additional private prefixes configured for it are not read.`,
      );
    }
  }
}

function tableRoutes(
  inv: Inventory,
  hub: VirtualHub,
  connection: HubVirtualNetworkConnection,
  sink: Sink,
  withIntent: boolean,
): void {
  const tableId = connection.associatedRouteTableId ?? defaultTableId(hub);
  const table = inv.hubRouteTables.get(normalizeId(tableId));
  const isDefault = normalizeId(tableId) === normalizeId(defaultTableId(hub));
  if (!table && !isDefault) {
    sink.unknown.push(
      `Hub route table ${nameFromId(tableId)} associated with connection ${connection.name} was not read, so the routes it gives the spoke are unknown.`,
    );
    return;
  }
  if (!table) {
    sink.assumptions.push(
      `The defaultRouteTable of hub ${hub.name} was not read; plaudit takes it as holding no static routes.`,
    );
  }
  const tableKey = normalizeId(tableId);
  const labels = new Set((table?.labels ?? ['default']).map((label) => label.toLowerCase()));
  const statics = new Set<string>();
  for (const route of table?.routes ?? []) {
    // Routing intent writes its own policies into the table; they are modelled from the intent.
    if (withIntent && route.name.toLowerCase().startsWith('_policy_')) continue;
    staticRoute(inv, hub, connection, table!, route, sink);
    for (const destination of route.destinations) statics.add(destination.trim());
  }
  // Connections (of any hub of the WAN) that propagate to this table by id or by label.
  for (const member of hubsOfSameWan(inv, hub)) {
    for (const other of hubConnectionsOfHub(inv, member.key)) {
      if (other.key === connection.key || !propagatesTo(other, member, tableKey, labels)) continue;
      propagatedRoutes(inv, hub, other, statics, sink);
    }
  }
}

function staticRoute(
  inv: Inventory,
  hub: VirtualHub,
  connection: HubVirtualNetworkConnection,
  table: HubRouteTable,
  route: HubRouteTable['routes'][number],
  sink: Sink,
): void {
  if ((route.destinationType ?? 'CIDR').toLowerCase() !== 'cidr') {
    sink.assumptions.push(
      `Route ${route.name} of hub route table ${table.name} has destination type ${route.destinationType}, which plaudit does not model.`,
    );
    return;
  }
  const next = nextHopOf(inv, hub, route.nextHop, `route ${route.name} of ${table.name}`, sink);
  if (!next) return;
  for (const addressPrefix of route.destinations) {
    // The spoke learns the hub's default route only with internet security on its connection.
    if (addressPrefix.trim() === '0.0.0.0/0' && !connection.enableInternetSecurity) continue;
    sink.routes.push({ addressPrefix, ...next, origin: table.id, originName: `${table.name}/${route.name}` });
  }
}

// A static route in the table beats a propagated route for the same prefix.
function propagatedRoutes(
  inv: Inventory,
  hub: VirtualHub,
  other: HubVirtualNetworkConnection,
  statics: ReadonlySet<string>,
  sink: Sink,
): void {
  const remote = other.remoteVnetId ? inv.vnets.get(normalizeId(other.remoteVnetId)) : undefined;
  if (!remote) {
    sink.assumptions.push(
      `VNet ${other.remoteVnetId ? nameFromId(other.remoteVnetId) : '(none)'} of hub connection ${other.name} was not read; the routes to its address space are not modelled.`,
    );
  }
  const routerIp = hub.routerIps[0];
  for (const addressPrefix of remote?.addressPrefixes ?? []) {
    if (statics.has(addressPrefix)) continue;
    sink.routes.push({ addressPrefix, nextHopIp: routerIp, origin: other.id, originName: other.name });
  }
  for (const route of other.staticRoutes) {
    for (const addressPrefix of route.addressPrefixes) {
      sink.routes.push({
        addressPrefix,
        nextHopIp: route.nextHopIp,
        origin: other.id,
        originName: `${other.name}/${route.name}`,
      });
    }
  }
}

function propagatesTo(
  connection: HubVirtualNetworkConnection,
  hub: VirtualHub,
  tableKey: string,
  labels: ReadonlySet<string>,
): boolean {
  const ids = (connection.propagatedRouteTableIds ?? [defaultTableId(hub)]).map(normalizeId);
  if (ids.includes(tableKey)) return true;
  return (connection.propagatedLabels ?? ['default']).some((label) => labels.has(label.toLowerCase()));
}

function nextHopOf(
  inv: Inventory,
  hub: VirtualHub,
  nextHopId: string | undefined,
  what: string,
  sink: Sink,
): { nextHopIp: string | undefined; firewallId?: string } | undefined {
  if (!nextHopId) return { nextHopIp: hub.routerIps[0] };
  const firewall = inv.firewalls.get(normalizeId(nextHopId));
  const isFirewall = normalizeId(nextHopId).includes('/providers/microsoft.network/azurefirewalls/');
  if (isFirewall) {
    const ip = firewall?.privateIps[0];
    if (!ip) {
      sink.unknown.push(
        `Azure Firewall ${nameFromId(nextHopId)}, next hop of ${what} in hub ${hub.name}, was not read, so its private IP is unknown.`,
      );
      return undefined;
    }
    return { nextHopIp: ip, firewallId: firewall?.id ?? nextHopId };
  }
  sink.assumptions.push(
    `The next hop of ${what} in hub ${hub.name} is ${nameFromId(nextHopId)}, which is not an Azure Firewall; plaudit routes to the hub router.`,
  );
  return { nextHopIp: hub.routerIps[0] };
}

export function defaultTableId(hub: VirtualHub): string {
  return `${hub.id}/hubRouteTables/defaultRouteTable`;
}
