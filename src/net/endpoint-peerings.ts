// The VNet peerings that traffic to a private endpoint crosses in a hub-and-spoke estate: those of
// the endpoint's own VNet (to the hub), and those joining the hub to the spokes whose clients reach
// the endpoint through it. Both directions of a peering count: Azure forwards traffic only while
// each side is `Connected`.
import type { Inventory } from '../inventory/inventory.js';
import { endpointVnetKey, peeredVnetKeys } from '../inventory/topology.js';
import type { PrivateEndpoint, VirtualNetworkPeering } from '../inventory/types.js';

export interface EndpointPeering {
  readonly peering: VirtualNetworkPeering;
  /** The endpoints whose paths cross this peering, sorted by key. */
  readonly endpoints: readonly PrivateEndpoint[];
}

/** Every peering on some endpoint's path, once, with the endpoints that depend on it. */
export function peeringsOnEndpointPaths(inv: Inventory): readonly EndpointPeering[] {
  const byPeering = new Map<string, { peering: VirtualNetworkPeering; endpoints: Map<string, PrivateEndpoint> }>();
  for (const endpoint of inv.privateEndpoints.values()) {
    for (const peering of peeringsOnPath(inv, endpoint)) {
      const entry = byPeering.get(peering.key) ?? { peering, endpoints: new Map<string, PrivateEndpoint>() };
      entry.endpoints.set(endpoint.key, endpoint);
      byPeering.set(peering.key, entry);
    }
  }
  return [...byPeering.values()]
    .map(({ peering, endpoints }) => ({
      peering,
      endpoints: [...endpoints.values()].sort((a, b) => a.key.localeCompare(b.key)),
    }))
    .sort((a, b) => a.peering.key.localeCompare(b.peering.key));
}

/**
 * The peerings within two hops of an endpoint's VNet: between it and each directly peered VNet
 * (the hub), and between each of those and their other peers (the spokes behind the hub).
 */
export function peeringsOnPath(inv: Inventory, endpoint: PrivateEndpoint): readonly VirtualNetworkPeering[] {
  const home = endpointVnetKey(inv, endpoint);
  if (!home) return [];
  const found = new Map<string, VirtualNetworkPeering>();
  for (const hub of peeredVnetKeys(inv, home)) {
    for (const peering of peeringsJoining(inv, home, hub)) found.set(peering.key, peering);
    for (const spoke of peeredVnetKeys(inv, hub)) {
      if (spoke === home) continue;
      for (const peering of peeringsJoining(inv, hub, spoke)) found.set(peering.key, peering);
    }
  }
  return [...found.values()];
}

// Both directions, from the index of peerings by remote VNet: unlike walking each VNet's own
// peerings, this also finds peerings read on their own whose local VNet was not read.
function peeringsJoining(inv: Inventory, a: string, b: string): readonly VirtualNetworkPeering[] {
  return [
    ...inv.peeringsTowards(b).filter((peering) => peering.vnetKey === a),
    ...inv.peeringsTowards(a).filter((peering) => peering.vnetKey === b),
  ];
}
