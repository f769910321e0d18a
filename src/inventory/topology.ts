// Which VNets can reach which: peerings read from either side, and the VNets whose workloads
// consume a private endpoint before routes are taken into account.
import { normalizeId } from '../ids.js';
import type { Inventory } from './inventory.js';
import type { CheckContext } from './context.js';
import { hubFirewallsOfVnet, vwanMates } from './vwan.js';
import type {
  AzureFirewall,
  NetworkInterface,
  PrivateEndpoint,
  Subnet,
  VirtualNetwork,
  VirtualNetworkPeering,
} from './types.js';

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

/**
 * The VNet keys within two peering hops (directly peered, or through a hub), nearest first, then
 * those connected to the same Virtual WAN.
 */
export function vnetsWithinTwoHops(inv: Inventory, vnetKey: string): readonly string[] {
  const direct = peeredVnetKeys(inv, vnetKey);
  const result = new Set<string>([vnetKey, ...direct]);
  for (const hub of direct) for (const spoke of peeredVnetKeys(inv, hub)) result.add(spoke);
  for (const mate of vwanMates(inv, vnetKey)) result.add(mate);
  return [...result];
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

/**
 * VNets whose workloads consume an endpoint: its own VNet and VNets peered with it directly or
 * through a hub, each holding workload NICs. (Routing refines this; see src/net/routing.)
 */
export function consumerVnetsOf(inv: Inventory, endpoint: PrivateEndpoint): readonly VirtualNetwork[] {
  const home = endpointVnetKey(inv, endpoint);
  if (!home) return [];
  return vnetsWithinTwoHops(inv, home)
    .map((key) => inv.vnets.get(key))
    .filter((vnet): vnet is VirtualNetwork => vnet !== undefined && workloadNicsInVnet(inv, vnet).length > 0)
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function endpointNics(inv: Inventory, endpoint: PrivateEndpoint): readonly NetworkInterface[] {
  return endpoint.nicIds.map((id) => inv.nic(id)).filter((nic): nic is NetworkInterface => nic !== undefined);
}

/** The endpoint's private IPs, from its NICs (the truth) or its customDnsConfigs when no NIC was read. */
export function endpointIps(inv: Inventory, endpoint: PrivateEndpoint): readonly string[] {
  const fromNics = endpointNics(inv, endpoint).flatMap((nic) =>
    nic.ipConfigurations.map((config) => config.privateIp).filter((ip): ip is string => ip !== undefined),
  );
  const ips = fromNics.length > 0 ? fromNics : endpoint.customDnsConfigs.flatMap((config) => config.ipAddresses);
  return [...new Set(ips)].sort();
}

/**
 * Subnets whose workloads consume an endpoint: those declared in configuration, otherwise every
 * subnet with workload NICs in the endpoint's consumer VNets (routing then decides the path).
 */
export function consumerSubnetsOf(inv: Inventory, ctx: CheckContext, endpoint: PrivateEndpoint): readonly Subnet[] {
  const declared = ctx.consumerSubnetsByEndpoint.get(endpoint.key);
  if (declared) return declared.map((key) => inv.subnets.get(key)).filter((subnet): subnet is Subnet => !!subnet);
  return consumerVnetsOf(inv, endpoint)
    .flatMap((vnet) => vnet.subnets)
    .filter((subnet) => inv.workloadNicsInSubnet(subnet).length > 0);
}

/**
 * The firewalls that should inspect traffic to an endpoint: those declared as the hub's, otherwise
 * every Azure Firewall in a VNet within two peering hops of the endpoint's VNet.
 */
export function hubFirewallsFor(
  inv: Inventory,
  ctx: CheckContext,
  endpoint: PrivateEndpoint,
): readonly AzureFirewall[] {
  if (ctx.hubFirewallKeys.length > 0) {
    return ctx.hubFirewallKeys.map((key) => inv.firewalls.get(key)).filter((fw): fw is AzureFirewall => !!fw);
  }
  const home = endpointVnetKey(inv, endpoint);
  if (!home) return [];
  const firewalls = vnetsWithinTwoHops(inv, home).flatMap((key) => inv.firewallsInVnet(key));
  // A secured Virtual WAN hub's firewall has no subnet: it is the firewall of the hubs the VNets connect to.
  for (const key of [home, ...vwanMates(inv, home)]) {
    for (const firewall of hubFirewallsOfVnet(inv, key)) if (!firewalls.includes(firewall)) firewalls.push(firewall);
  }
  return firewalls;
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
