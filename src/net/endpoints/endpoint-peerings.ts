// The VNet peerings that traffic to a private endpoint crosses in a hub-and-spoke estate: those of
// the endpoint's own VNet (to the hub), those joining the hub to the spokes whose clients reach the
// endpoint through it, and on through further hubs that forward (src/net/consumers' reach). Both
// directions of a peering count: Azure forwards traffic only while each side is `Connected`.
// The path depends only on the endpoint's VNet, so it is worked out once per VNet: estates hold tens
// of thousands of endpoints in a handful of endpoint spokes, behind a hub with hundreds of peerings.
import { groupBy } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import { endpointVnetKey } from '../../inventory/topology.js';
import { linksToward } from '../consumers/reach.js';
import type { PrivateEndpoint, VirtualNetworkPeering } from '../../inventory/types.js';

export interface EndpointPeering {
  readonly peering: VirtualNetworkPeering;
  /** The endpoints whose paths cross this peering, sorted by key. */
  readonly endpoints: readonly PrivateEndpoint[];
}

/** Every peering on some endpoint's path, once, with the endpoints that depend on it. */
export function peeringsOnEndpointPaths(inv: Inventory): readonly EndpointPeering[] {
  return onPaths(inv);
}

const onPaths = memoByInventory(collect);

/**
 * The peerings on the way to an endpoint's VNet: between it and each directly peered VNet (the
 * hub), between each of those and their other peers (the spokes behind the hub), and on from every
 * hub that forwards to the VNets it reaches.
 */
export function peeringsOnPath(inv: Inventory, endpoint: PrivateEndpoint): readonly VirtualNetworkPeering[] {
  const home = endpointVnetKey(inv, endpoint);
  return home ? peeringsToward(inv, home) : [];
}

function collect(inv: Inventory): EndpointPeering[] {
  const endpointsByHome = groupBy(
    inv.privateEndpoints.values(),
    (endpoint) => endpointVnetKey(inv, endpoint) || undefined,
  );
  const homesByPeering = new Map<string, { peering: VirtualNetworkPeering; homes: string[] }>();
  for (const home of endpointsByHome.keys()) {
    for (const peering of peeringsToward(inv, home)) {
      const entry = homesByPeering.get(peering.key) ?? { peering, homes: [] };
      entry.homes.push(home);
      homesByPeering.set(peering.key, entry);
    }
  }
  // A hub's peerings are on the path of every endpoint behind it: peerings serving the same VNets
  // share one endpoint list.
  const endpointsOfHomes = new Map<string, readonly PrivateEndpoint[]>();
  const result: EndpointPeering[] = [];
  for (const { peering, homes } of homesByPeering.values()) {
    const key = homes.sort().join('|');
    let endpoints = endpointsOfHomes.get(key);
    if (!endpoints) {
      endpoints = homes.flatMap((home) => endpointsByHome.get(home)!).sort((a, b) => a.key.localeCompare(b.key));
      endpointsOfHomes.set(key, endpoints);
    }
    result.push({ peering, endpoints });
  }
  return result.sort((a, b) => a.peering.key.localeCompare(b.peering.key));
}

function peeringsToward(inv: Inventory, home: string): VirtualNetworkPeering[] {
  const found = new Map<string, VirtualNetworkPeering>();
  for (const link of linksToward(inv, home)) {
    for (const peering of [link.local, link.remote]) if (peering) found.set(peering.key, peering);
  }
  return [...found.values()];
}
