// Which private DNS zones a VNet sees. Azure DNS answers from a private zone only for queries that
// come from a VNet linked to it, and a VNet sees nothing of a same-named zone it is not linked to;
// with custom DNS servers the query reaches Azure DNS from the servers' VNet instead.
// https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links
import { nameFromId, normalizeId, parentId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall, VirtualNetworkLink } from '../../inventory/types.js';
import { followForwardingRules, type ResolutionPath } from './resolvers.js';

/** The DNS name of a link's zone, lower case; taken from the link id when the zone itself was not read. */
export function zoneNameOfLink(inv: Inventory, link: VirtualNetworkLink): string {
  return inv.zones.get(link.zoneKey)?.zoneName ?? nameFromId(parentId(link.id)).toLowerCase();
}

/** Keys of the zones named `zoneName` that a VNet is linked to, whatever the state of the link. */
export function linkedZoneKeysNamed(inv: Inventory, vnetKey: string, zoneName: string): readonly string[] {
  const wanted = zoneName.toLowerCase();
  const keys = inv
    .linksOfVnet(normalizeId(vnetKey))
    .filter((link) => zoneNameOfLink(inv, link) === wanted)
    .map((link) => link.zoneKey);
  return [...new Set(keys)].sort();
}

/** Ids of the VNets a zone is linked to, as the links write them, sorted and without duplicates. */
export function linkedVnetIds(inv: Inventory, zoneKey: string): readonly string[] {
  const byKey = new Map<string, string>();
  for (const link of inv.linksOfZone(zoneKey)) {
    if (link.vnetId && !byKey.has(normalizeId(link.vnetId))) byKey.set(normalizeId(link.vnetId), link.vnetId);
  }
  return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, id]) => id);
}

/** A VNet's name for messages: the read VNet's name, or the last segment of its id. */
export function vnetName(inv: Inventory, vnetId: string): string {
  return inv.vnet(vnetId)?.name ?? nameFromId(vnetId);
}

/** The zone and VNet of a link that were read, to cite as related resources. */
export function linkRelatedIds(inv: Inventory, link: VirtualNetworkLink): readonly string[] {
  const zone = inv.zones.get(link.zoneKey);
  const vnet = inv.vnet(link.vnetId);
  return [zone?.id, vnet?.id].filter((id): id is string => id !== undefined);
}

/** Whether a query that follows a resolution path can see a zone of the given name. */
export type ZoneReach =
  /** The VNet where Azure DNS answers is linked to a zone of that name. */
  | { readonly kind: 'linked'; readonly vnetKey: string; readonly zoneKeys: readonly string[] }
  /** The VNet where Azure DNS answers has no link to a zone of that name. */
  | { readonly kind: 'notLinked'; readonly vnetKey: string }
  /** The path ends at a DNS server plaudit cannot see into (on-premises, outside the snapshot). */
  | { readonly kind: 'unknownServer'; readonly ip: string }
  /** The path ends at a public resolver, which sees no private zone. */
  | { readonly kind: 'publicResolver'; readonly ip: string; readonly name: string }
  /** The path ends at an Azure Firewall whose DNS proxy is off, so nothing answers. */
  | { readonly kind: 'proxyDisabled'; readonly firewall: AzureFirewall };

export function zoneReachOf(inv: Inventory, path: ResolutionPath, zoneName: string): ZoneReach {
  const end = followForwardingRules(inv, path, zoneName).end;
  switch (end.kind) {
    case 'unknownServer':
      return { kind: 'unknownServer', ip: end.ip };
    case 'publicResolver':
      return { kind: 'publicResolver', ip: end.ip, name: end.name };
    case 'proxyDisabled':
      return { kind: 'proxyDisabled', firewall: end.firewall };
    case 'azureDns': {
      const zoneKeys = linkedZoneKeysNamed(inv, end.vnetKey, zoneName);
      return zoneKeys.length > 0
        ? { kind: 'linked', vnetKey: end.vnetKey, zoneKeys }
        : { kind: 'notLinked', vnetKey: end.vnetKey };
    }
  }
}

/**
 * The path a client's query really takes for a name of a private endpoint: the public name is asked
 * first (`kv.vault.azure.net`, which a forwarding rule for `vault.azure.net` may send elsewhere),
 * then the privatelink name its CNAME points to, from wherever the first question was answered.
 */
export function namePath(
  inv: Inventory,
  path: ResolutionPath,
  publicName: string,
  privatelinkName: string,
): ResolutionPath {
  return followForwardingRules(inv, followForwardingRules(inv, path, publicName), privatelinkName);
}

/** The resource group a zone lives in, as its id writes it: what tells same-named zones apart in messages. */
export function zoneResourceGroup(zoneId: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(zoneId)?.[1] ?? zoneId;
}
