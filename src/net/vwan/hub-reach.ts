// Where a secured hub (its firewall, its router) sends a packet: to the spoke whose hub connection
// holds the address, on any hub of the same virtual WAN. A spoke with no connection is out of the
// hub's reach, whatever routes the clients have.
import { nameFromId, normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { HubVirtualNetworkConnection, VirtualHub } from '../../inventory/security-types.js';
import type { VirtualNetwork } from '../../inventory/types.js';
import { hubConnectionsOfHub, hubsOfSameWan } from '../../inventory/vwan.js';
import { parseIpv4, parseIpv4Prefix, prefixContains } from '../cidr.js';

export type HubReach =
  | { readonly kind: 'connected'; readonly connection: HubVirtualNetworkConnection; readonly vnet: VirtualNetwork }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string };

export function hubReach(inv: Inventory, hub: VirtualHub, ip: string): HubReach {
  const address = parseIpv4(ip);
  if (address === undefined) return { kind: 'unknown', reason: `${ip} is not an IPv4 address.` };
  const unread: string[] = [];
  for (const member of hubsOfSameWan(inv, hub)) {
    for (const connection of hubConnectionsOfHub(inv, member.key)) {
      if ((connection.provisioningState ?? 'succeeded').toLowerCase() === 'failed') continue;
      const vnet = connection.remoteVnetId ? inv.vnets.get(normalizeId(connection.remoteVnetId)) : undefined;
      if (!vnet) {
        unread.push(connection.remoteVnetId ? nameFromId(connection.remoteVnetId) : connection.name);
        continue;
      }
      const holds = vnet.addressPrefixes.some((text) => {
        const prefix = parseIpv4Prefix(text);
        return prefix !== undefined && prefixContains(prefix, address);
      });
      if (holds) return { kind: 'connected', connection, vnet };
    }
  }
  if (unread.length > 0) {
    return {
      kind: 'unknown',
      reason: `VNets connected to virtual hub ${hub.name} were not read (${unread.join(', ')}), so whether the hub reaches ${ip} is unknown.`,
    };
  }
  return { kind: 'none' };
}
