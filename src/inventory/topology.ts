// Which VNets are peered (read from either side), a private endpoint's VNet, NICs and IPs. Who
// consumes an endpoint and how far it reaches is src/net/consumers' to say.
import { normalizeId } from '../ids.js';
import type { Inventory } from './inventory.js';
import type { NetworkInterface, PrivateEndpoint, VirtualNetwork, VirtualNetworkPeering } from './types.js';

/** VNet keys peered with this VNet, whichever side of the peering was read. */
export function peeredVnetKeys(inv: Inventory, vnetKey: string): readonly string[] {
  const keys = new Set<string>();
  for (const peering of inv.vnets.get(vnetKey)?.peerings ?? []) {
    if (peering.remoteVnetId) keys.add(normalizeId(peering.remoteVnetId));
  }
  for (const peering of inv.peeringsTowards(vnetKey)) keys.add(peering.vnetKey);
  keys.delete(vnetKey);
  return [...keys].sort();
}

/** The peerings (both directions) between two VNets, embedded or standalone. */
export function peeringsBetween(inv: Inventory, a: string, b: string): readonly VirtualNetworkPeering[] {
  return [
    ...inv.peeringsTowards(b).filter((peering) => peering.vnetKey === a),
    ...inv.peeringsTowards(a).filter((peering) => peering.vnetKey === b),
  ];
}

export function workloadNicsInVnet(inv: Inventory, vnet: VirtualNetwork): readonly NetworkInterface[] {
  return vnet.subnets.flatMap((subnet) => inv.workloadNicsInSubnet(subnet));
}

export function endpointVnetKey(inv: Inventory, endpoint: PrivateEndpoint): string | undefined {
  return endpoint.subnetId ? inv.vnetKeyOfSubnet(normalizeId(endpoint.subnetId)) : undefined;
}

export function endpointNics(inv: Inventory, endpoint: PrivateEndpoint): readonly NetworkInterface[] {
  return endpoint.nicIds.map((id) => inv.nic(id)).filter((nic): nic is NetworkInterface => nic !== undefined);
}

/** The endpoint's private IPs, from its NICs (the truth) or its customDnsConfigs when no NIC was read. */
export function endpointIps(inv: Inventory, endpoint: PrivateEndpoint): readonly string[] {
  // Asked by many checks for every endpoint; an endpoint belongs to one inventory, which never changes.
  let ips = ipsOfEndpoint.get(endpoint);
  if (!ips) ipsOfEndpoint.set(endpoint, (ips = Object.freeze(ipsOf(inv, endpoint))));
  return ips;
}

const ipsOfEndpoint = new WeakMap<PrivateEndpoint, readonly string[]>();

function ipsOf(inv: Inventory, endpoint: PrivateEndpoint): string[] {
  const fromNics = endpointNics(inv, endpoint).flatMap((nic) =>
    nic.ipConfigurations.map((config) => config.privateIp).filter((ip): ip is string => ip !== undefined),
  );
  const ips = fromNics.length > 0 ? fromNics : endpoint.customDnsConfigs.flatMap((config) => config.ipAddresses);
  return [...new Set(ips)].sort();
}

/** The private endpoints whose NICs list a name (lower case) among their FQDNs, in NIC order. */
export function* endpointsServingName(inv: Inventory, fqdn: string): Generator<PrivateEndpoint> {
  for (const nic of inv.nics.values()) {
    if (!nic.privateEndpointId) continue;
    if (!nic.ipConfigurations.some((config) => config.fqdns.some((name) => name.toLowerCase() === fqdn))) continue;
    const endpoint = inv.privateEndpoints.get(normalizeId(nic.privateEndpointId));
    if (endpoint) yield endpoint;
  }
}
