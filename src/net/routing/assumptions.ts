// Route sources that configuration does not show: routes learned over BGP, the effect of high-scale
// private endpoint policies, and Azure Virtual Network Manager connected groups. plaudit names them
// as assumptions beside every route table instead of guessing.
import { nameFromId, normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { RouteTable, VirtualNetwork } from '../../inventory/types.js';
import { routingIndex } from './inventory-index.js';

/** What a subnet's routes may hold beyond what plaudit computed, in the order they are listed. */
export function unmodelledRouteSources(
  inv: Inventory,
  vnet: VirtualNetwork | undefined,
  table: RouteTable | undefined,
  endpointVnets: ReadonlySet<string>,
): string[] {
  const assumptions: string[] = [];
  if (vnet && !table?.disableBgpRoutePropagation) {
    const sources = bgpSources(inv, vnet);
    if (sources.length > 0) {
      assumptions.push(
        `Routes learned over BGP from the gateway or route server of ${sources.join(', ')} are not in the snapshot and not modelled; they can add routes (a learned 0.0.0.0/0 would also remove the None routes).`,
      );
    }
  }
  // High-scale private endpoints (VNet privateEndpointVNetPolicies: Basic) change how their routes
  // propagate in ways Azure does not document: flag it, do not guess.
  for (const key of endpointVnets) {
    const policies = inv.vnets.get(key)?.privateEndpointVNetPolicies;
    if (policies !== undefined && policies.toLowerCase() !== 'disabled') {
      assumptions.push(
        `VNet ${nameFromId(key)} has privateEndpointVNetPolicies ${policies}; its effect on private endpoint routes is not documented and not modelled.`,
      );
    }
  }
  assumptions.push(
    routingIndex(inv).hasNetworkManager
      ? 'Azure Virtual Network Manager connected groups (ConnectedGroup routes) are in scope but not modelled.'
      : 'Azure Virtual Network Manager connected groups (ConnectedGroup routes) are not read and not modelled.',
  );
  return assumptions;
}

/** VNets whose gateway or route server can send this VNet routes: itself, and the remote gateways it uses. */
function bgpSources(inv: Inventory, vnet: VirtualNetwork): string[] {
  const sources: string[] = [];
  if (routingIndex(inv).bgpVnets.has(vnet.key)) sources.push(vnet.name);
  for (const peering of vnet.peerings) {
    if (!peering.useRemoteGateways || !peering.remoteVnetId) continue;
    if ((peering.peeringState ?? '').toLowerCase() !== 'connected') continue;
    sources.push(inv.vnets.get(normalizeId(peering.remoteVnetId))?.name ?? nameFromId(peering.remoteVnetId));
  }
  return sources;
}
