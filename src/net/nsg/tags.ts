// What the service tags in NSG rules hold, as far as the estate tells. `VirtualNetwork` is
// relative to the VNet of the subnet or NIC the NSG sits on: its address space, the address spaces
// of its peered VNets, the prefixes of its user routes and of the routes a Virtual WAN hub gives it
// (a user route or hub route for 0.0.0.0/0 puts everything in it), and the on-premises ranges
// learned over BGP, which plaudit cannot see; `Internet` holds public addresses;
// `AzureLoadBalancer` is 168.63.129.16; every other Azure service tag lists public prefixes only,
// so it never holds a private address, and plaudit cannot tell for a public one.
// https://learn.microsoft.com/azure/virtual-network/service-tags-overview
// https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules
import { nameFromId, normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import { hubConnectionsOfVnet } from '../../inventory/vwan.js';
import { AddressSet, ianaPrivateRanges } from '../firewall/addresses.js';
import { spokeHubRoutes } from '../vwan/spoke-routes.js';

export interface TagSet {
  /** Addresses certainly in the tag. */
  readonly known: AddressSet;
  /** Set when the tag may hold more than `known` (routes learned over BGP); the sentence says why. */
  readonly open: string | undefined;
}

const privateRanges = AddressSet.parse([...ianaPrivateRanges]);
const azurePlatform = AddressSet.parse(['168.63.129.16']);

/** The addresses a tag holds, relative to a VNet; undefined for a tag plaudit cannot place at all. */
export function tagSet(inv: Inventory, tag: string, vnetKey: string): TagSet | undefined {
  const name = tag.toLowerCase();
  if (name === 'virtualnetwork') return virtualNetworkTag(inv, vnetKey);
  if (name === 'internet')
    return { known: AddressSet.all.subtract(privateRanges).subtract(azurePlatform), open: undefined };
  if (name === 'azureloadbalancer') return { known: azurePlatform, open: undefined };
  return undefined;
}

/** Whether an address set lies wholly in the private ranges, where Azure service tags hold nothing. */
export function allPrivate(addresses: AddressSet): boolean {
  return addresses.subtract(privateRanges).isEmpty;
}

const virtualNetworkTag = memoByInventoryKey((inv: Inventory, vnetKey: string): TagSet => {
  const vnet = inv.vnets.get(vnetKey);
  const texts: string[] = [...(vnet?.addressPrefixes ?? [])];
  let open: string | undefined = vnet ? undefined : `VNet ${nameFromId(vnetKey)} was not read`;
  for (const peering of vnet?.peerings ?? []) {
    if ((peering.peeringState ?? '').toLowerCase() !== 'connected' || !peering.remoteVnetId) continue;
    const remote = inv.vnets.get(normalizeId(peering.remoteVnetId));
    const peered =
      peering.remoteAddressPrefixes ?? remote?.addressPrefixes ?? peering.remoteVirtualNetworkAddressPrefixes;
    if (peered) texts.push(...peered);
    else
      open ??= `the address space of VNet ${nameFromId(peering.remoteVnetId)}, peered with ${vnet!.name}, is unknown`;
    if (peering.useRemoteGateways)
      open ??= `VNet ${vnet!.name} uses the gateway of ${nameFromId(peering.remoteVnetId)}, whose learned ranges are not read`;
  }
  for (const subnet of vnet?.subnets ?? []) {
    const table = subnet.routeTableId ? inv.routeTable(subnet.routeTableId) : undefined;
    for (const route of table?.routes ?? []) if (route.addressPrefix) texts.push(route.addressPrefix);
    if (['gatewaysubnet', 'routeserversubnet'].includes(subnet.name.toLowerCase())) {
      open ??= `VNet ${vnet!.name} has a gateway, whose learned on-premises ranges are not read`;
    }
  }
  if (hubConnectionsOfVnet(inv, vnetKey).length > 0) {
    texts.push(...spokeHubRoutes(inv, vnetKey).routes.map((route) => route.addressPrefix));
    open ??= `VNet ${vnet?.name ?? nameFromId(vnetKey)} is connected to a Virtual WAN hub, whose routes learned over BGP are not read`;
  }
  return { known: AddressSet.parse(texts), open };
});
