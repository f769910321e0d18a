// What every subnet's routes draw on, indexed once per inventory: the private endpoints' /32s by
// address and by VNet, and the VNets that can learn routes over BGP.
import { normalizeId, normalizeType } from '../../ids.js';
import { pushTo } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import { endpointIps } from '../../inventory/topology.js';
import type { PrivateEndpoint, Subnet } from '../../inventory/types.js';
import { parseIpv4Prefix, type Ipv4Prefix } from '../cidr.js';

/** One private endpoint IP, the /32 route it puts in its own VNet and the VNets peered with it. */
export interface EndpointEntry {
  readonly endpoint: PrivateEndpoint;
  readonly prefix: Ipv4Prefix;
  readonly vnetKey: string;
  readonly subnet: Subnet | undefined;
}

export interface RoutingIndex {
  readonly endpointsByAddress: ReadonlyMap<number, readonly EndpointEntry[]>;
  /** Each VNet's entries, by address. */
  readonly endpointsByVnet: ReadonlyMap<string, readonly EndpointEntry[]>;
  /** VNets with a gateway or route server (or the subnet for one): sources of BGP routes. */
  readonly bgpVnets: ReadonlySet<string>;
  readonly hasNetworkManager: boolean;
}

export const routingIndex = memoByInventory((inv): RoutingIndex => ({
  ...endpointEntries(inv),
  bgpVnets: bgpVnetsOf(inv),
  hasNetworkManager: [...inv.resources.values()].some((resource) =>
    normalizeType(resource.type).startsWith('microsoft.network/networkmanagers'),
  ),
}));

function endpointEntries(inv: Inventory): Pick<RoutingIndex, 'endpointsByAddress' | 'endpointsByVnet'> {
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
      pushTo(endpointsByAddress, prefix.network, entry);
      pushTo(endpointsByVnet, vnetKey, entry);
    }
  }
  for (const entries of endpointsByVnet.values()) entries.sort((a, b) => a.prefix.network - b.prefix.network);
  return { endpointsByAddress, endpointsByVnet };
}

function bgpVnetsOf(inv: Inventory): ReadonlySet<string> {
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
  return bgpVnets;
}
