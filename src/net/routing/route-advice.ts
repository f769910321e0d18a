// What to change so that a subnet's traffic to a private endpoint goes to a given appliance (the hub
// firewall): a user route for the endpoint VNet's address space, plus route-table network policies
// on the endpoint's subnet wherever the endpoint's /32 reaches the subnet, since without them no
// user route shorter than /32 overrides it (azure-reference §2).
import { nameFromId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { PrivateEndpoint, Subnet } from '../../inventory/types.js';
import { parseIpv4, parseIpv4Prefix, prefixContains } from '../cidr.js';
import { nextHop, type RouteDecision } from './types.js';

/**
 * The prefix to route for an endpoint IP: the address space of the endpoint's VNet that holds it, or,
 * for a client in that same VNet, the endpoint subnet's prefix (routing the whole VNet would also
 * send the client's own subnet through the appliance); `ip/32` when neither is known.
 */
export function endpointSpace(inv: Inventory, endpoint: PrivateEndpoint, ip: string, client?: Subnet): string {
  const address = parseIpv4(ip);
  const vnet = inv.vnetOfSubnet(endpoint.subnetId);
  const texts =
    client && vnet?.key === client.vnetKey
      ? (inv.subnet(endpoint.subnetId)?.addressPrefixes ?? [])
      : (vnet?.addressPrefixes ?? []);
  const prefix = texts
    .map((text) => parseIpv4Prefix(text))
    .find((candidate) => candidate !== undefined && address !== undefined && prefixContains(candidate, address));
  return prefix?.text ?? `${ip}/32`;
}

/** A clause (no capital, no period) saying how to send the subnet's traffic to `ip` to `applianceIp`. */
export function steeringAdvice(
  inv: Inventory,
  subnet: Subnet,
  endpoint: PrivateEndpoint,
  decision: RouteDecision,
  applianceIp: string,
): string {
  const where = subnet.routeTableId
    ? `route table ${nameFromId(subnet.routeTableId)}`
    : `a route table attached to ${subnet.name}`;
  const winner = decision.winner;
  if (winner?.source === 'User' && winner.originName) {
    return `point user route ${winner.originName} in ${where} at VirtualAppliance ${applianceIp}`;
  }
  const route = `route ${endpointSpace(inv, endpoint, decision.destination, subnet)} to VirtualAppliance ${applianceIp} in ${where}`;
  const slash32 = decision.candidates.some((candidate) => candidate.nextHopType === nextHop.interfaceEndpoint);
  const endpointSubnet = inv.subnet(endpoint.subnetId);
  const policy = endpointSubnet?.privateEndpointNetworkPolicies.toLowerCase() ?? 'disabled';
  if (slash32 && policy !== 'enabled' && policy !== 'routetableenabled') {
    const subnetName = endpointSubnet?.name ?? (endpoint.subnetId ? nameFromId(endpoint.subnetId) : 'its subnet');
    return `set privateEndpointNetworkPolicies to RouteTableEnabled on subnet ${subnetName} and ${route}`;
  }
  return route;
}
