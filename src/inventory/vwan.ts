// Who is connected to which Virtual WAN hub: a VNet's hub connections, a hub's connections, route
// tables and routing intent, the hubs of one virtual WAN (which route to each other), and a secured
// hub's Azure Firewall. Indexed once per inventory.
import { normalizeId } from '../ids.js';
import { pushTo } from './group-by.js';
import type { Inventory } from './inventory.js';
import { memoByInventory } from './memo.js';
import type { HubRouteTable, HubVirtualNetworkConnection, RoutingIntent, VirtualHub } from './security-types.js';
import type { AzureFirewall } from './types.js';

interface VwanIndex {
  readonly connectionsByVnet: ReadonlyMap<string, readonly HubVirtualNetworkConnection[]>;
  readonly connectionsByHub: ReadonlyMap<string, readonly HubVirtualNetworkConnection[]>;
  readonly routeTablesByHub: ReadonlyMap<string, readonly HubRouteTable[]>;
  readonly intentByHub: ReadonlyMap<string, RoutingIntent>;
  readonly hubsByWan: ReadonlyMap<string, readonly VirtualHub[]>;
  readonly hubByFirewall: ReadonlyMap<string, VirtualHub>;
}

const none: readonly never[] = Object.freeze([]);

const vwanIndex = memoByInventory((inv): VwanIndex => {
  const connectionsByVnet = new Map<string, HubVirtualNetworkConnection[]>();
  const connectionsByHub = new Map<string, HubVirtualNetworkConnection[]>();
  const sorted = [...inv.hubConnections.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const connection of sorted) {
    pushTo(connectionsByHub, connection.hubKey, connection);
    if (connection.remoteVnetId) pushTo(connectionsByVnet, normalizeId(connection.remoteVnetId), connection);
  }
  const routeTablesByHub = new Map<string, HubRouteTable[]>();
  for (const table of inv.hubRouteTables.values()) pushTo(routeTablesByHub, table.hubKey, table);
  const intentByHub = new Map<string, RoutingIntent>();
  for (const intent of inv.routingIntents.values()) intentByHub.set(intent.hubKey, intent);
  const hubsByWan = new Map<string, VirtualHub[]>();
  const hubByFirewall = new Map<string, VirtualHub>();
  for (const hub of [...inv.virtualHubs.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    pushTo(hubsByWan, hub.virtualWanId ? normalizeId(hub.virtualWanId) : `hub:${hub.key}`, hub);
    if (hub.firewallId) hubByFirewall.set(normalizeId(hub.firewallId), hub);
  }
  for (const firewall of inv.firewalls.values()) {
    const hub = firewall.virtualHubId ? inv.virtualHubs.get(normalizeId(firewall.virtualHubId)) : undefined;
    if (hub && !hubByFirewall.has(firewall.key)) hubByFirewall.set(firewall.key, hub);
  }
  return { connectionsByVnet, connectionsByHub, routeTablesByHub, intentByHub, hubsByWan, hubByFirewall };
});

/** The hub connections that connect a VNet (normally one). */
export function hubConnectionsOfVnet(inv: Inventory, vnetKey: string): readonly HubVirtualNetworkConnection[] {
  return vwanIndex(inv).connectionsByVnet.get(vnetKey) ?? none;
}

export function hubConnectionsOfHub(inv: Inventory, hubKey: string): readonly HubVirtualNetworkConnection[] {
  return vwanIndex(inv).connectionsByHub.get(hubKey) ?? none;
}

export function hubRouteTablesOf(inv: Inventory, hubKey: string): readonly HubRouteTable[] {
  return vwanIndex(inv).routeTablesByHub.get(hubKey) ?? none;
}

export function routingIntentOf(inv: Inventory, hubKey: string): RoutingIntent | undefined {
  return vwanIndex(inv).intentByHub.get(hubKey);
}

/** The hubs of the virtual WAN a hub belongs to (itself included): hubs of one WAN route to each other. */
export function hubsOfSameWan(inv: Inventory, hub: VirtualHub): readonly VirtualHub[] {
  return vwanIndex(inv).hubsByWan.get(hub.virtualWanId ? normalizeId(hub.virtualWanId) : `hub:${hub.key}`) ?? [hub];
}

/** The secured hub an Azure Firewall sits in (`AZFW_Hub`), if any. */
export function hubOfFirewall(inv: Inventory, firewall: AzureFirewall): VirtualHub | undefined {
  return vwanIndex(inv).hubByFirewall.get(firewall.key);
}

/** The Azure Firewall of a secured hub, when it was read. */
export function firewallOfHub(inv: Inventory, hub: VirtualHub): AzureFirewall | undefined {
  if (hub.firewallId) return inv.firewalls.get(normalizeId(hub.firewallId));
  return [...inv.firewalls.values()].find((fw) => fw.virtualHubId && normalizeId(fw.virtualHubId) === hub.key);
}

/** VNets connected to a hub of the same virtual WAN as one this VNet is connected to (itself excluded). */
export function vwanMates(inv: Inventory, vnetKey: string): readonly string[] {
  const mates = new Set<string>();
  for (const connection of hubConnectionsOfVnet(inv, vnetKey)) {
    const hub = inv.virtualHubs.get(connection.hubKey);
    for (const member of hub ? hubsOfSameWan(inv, hub) : []) {
      for (const other of hubConnectionsOfHub(inv, member.key)) {
        if (other.remoteVnetId) mates.add(normalizeId(other.remoteVnetId));
      }
    }
  }
  mates.delete(vnetKey);
  return [...mates].sort();
}

/** Secured hubs' firewalls that a VNet's hub connections lead to. */
export function hubFirewallsOfVnet(inv: Inventory, vnetKey: string): readonly AzureFirewall[] {
  const firewalls: AzureFirewall[] = [];
  for (const connection of hubConnectionsOfVnet(inv, vnetKey)) {
    const hub = inv.virtualHubs.get(connection.hubKey);
    const firewall = hub && firewallOfHub(inv, hub);
    if (firewall && !firewalls.includes(firewall)) firewalls.push(firewall);
  }
  return firewalls;
}
