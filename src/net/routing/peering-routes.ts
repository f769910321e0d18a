// A peering's system routes in the subnets of the VNet that holds it: one per prefix of the peered
// address space, VNetGlobalPeering across regions and VNetPeering within one. The remote VNet's
// private endpoints then put their /32 routes here too.
// https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview
import { nameFromId, normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { VirtualNetwork, VirtualNetworkPeering } from '../../inventory/types.js';
import { regionKey } from './region.js';
import { nextHop } from './types.js';
import type { ViewParts } from './view-parts.js';

export function addPeeringRoutes(
  parts: ViewParts,
  inv: Inventory,
  vnet: VirtualNetwork,
  peering: VirtualNetworkPeering,
): void {
  // Only this VNet's side of the peering decides what its NICs get.
  if (!peering.remoteVnetId || (peering.peeringState ?? '').toLowerCase() !== 'connected') return;
  const remoteKey = normalizeId(peering.remoteVnetId);
  const remote = inv.vnets.get(remoteKey);
  const remoteName = nameFromId(peering.remoteVnetId);
  // The address space that was peered (what the routes hold), else the remote VNet's current one.
  const peered =
    peering.remoteAddressPrefixes ??
    (remote && remote.addressPrefixes.length > 0 ? remote.addressPrefixes : undefined) ??
    peering.remoteVirtualNetworkAddressPrefixes;
  if (!peered) {
    parts.unknown.push(
      `The address space of VNet ${remoteName}, peered with ${vnet.name} by ${peering.name}, is unknown.`,
    );
    return;
  }
  if (peering.peerCompleteVnets === false) {
    parts.assumptions.push(
      `Peering ${peering.name} connects only some subnets; plaudit routes to the whole peered space.`,
    );
  }
  let hop: string = nextHop.peering;
  if (remote?.location && vnet.location) {
    if (regionKey(remote.location) !== regionKey(vnet.location)) hop = nextHop.globalPeering;
  } else {
    parts.assumptions.push(
      `The region of VNet ${remoteName} is unknown; peering ${peering.name} is taken as regional (VNetPeering).`,
    );
  }
  const prefixes = parts.prefixesOf(peered, `VNet ${remoteName}`);
  parts.reach(remoteKey, prefixes);
  for (const prefix of prefixes) parts.route('Default', prefix, hop, { origin: peering.id, originName: peering.name });
}
