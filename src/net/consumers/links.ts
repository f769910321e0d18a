// The links traffic crosses between networks, as one abstraction over their kinds: VNet peerings,
// read from whichever side was read, and Virtual WAN hub connections (a VNet reaches every VNet
// connected to a hub of the same WAN). Reach (./reach.ts) walks whatever links they return.
import { normalizeId } from '../../ids.js';
import { pushTo } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import type { VirtualNetworkPeering } from '../../inventory/types.js';
import { vwanMates } from '../../inventory/vwan.js';

export interface NetworkLink {
  /** `hub`: through Virtual WAN hub connections, which carry no peering of their own. */
  readonly kind: 'peering' | 'hub';
  /** The network traffic leaves (a VNet key). */
  readonly from: string;
  /** The network traffic enters. */
  readonly to: string;
  /** The link as defined on `from` (its peering), when read. */
  readonly local: VirtualNetworkPeering | undefined;
  /** The link as defined on `to`, when read. */
  readonly remote: VirtualNetworkPeering | undefined;
}

/** Every link leaving a network. */
export type LinkSource = (inv: Inventory, networkKey: string) => readonly NetworkLink[];

export function linksFrom(inv: Inventory, networkKey: string): readonly NetworkLink[] {
  return linkSources.flatMap((source) => source(inv, networkKey));
}

/** The same link, walked the other way. */
export function reversed(link: NetworkLink): NetworkLink {
  return { ...link, from: link.to, to: link.from, local: link.remote, remote: link.local };
}

/** The resource to name for a link: its local side, else its remote side. */
export function linkName(link: NetworkLink): string {
  return link.local?.name ?? link.remote?.name ?? `${link.from} -> ${link.to}`;
}

/** Whether every side read is Connected (a link with a missing side does not carry traffic). */
export function linkConnected(link: NetworkLink): boolean {
  const connected = (peering: VirtualNetworkPeering | undefined) =>
    (peering?.peeringState ?? '').toLowerCase() === 'connected';
  return connected(link.local) && (link.remote === undefined || connected(link.remote));
}

const peeringLinks: LinkSource = (inv, networkKey) => peeringIndex(inv).get(networkKey) ?? [];

const peeringIndex = memoByInventory((inv): ReadonlyMap<string, readonly NetworkLink[]> => {
  const byPair = new Map<string, VirtualNetworkPeering>();
  for (const peering of inv.peerings.values()) {
    if (peering.remoteVnetId) byPair.set(`${peering.vnetKey}|${normalizeId(peering.remoteVnetId)}`, peering);
  }
  const links = new Map<string, NetworkLink[]>();
  const seen = new Set<string>();
  for (const [pair, peering] of byPair) {
    const [a, b] = pair.split('|') as [string, string];
    if (a === b) continue;
    const back = byPair.get(`${b}|${a}`);
    for (const [from, to, local, remote] of [
      [a, b, peering, back],
      [b, a, back, peering],
    ] as const) {
      if (seen.has(`${from}|${to}`)) continue;
      seen.add(`${from}|${to}`);
      pushTo(links, from, { kind: 'peering', from, to, local, remote });
    }
  }
  for (const list of links.values()) list.sort((x, y) => x.to.localeCompare(y.to));
  return links;
});

/** VNets connected to hubs of one Virtual WAN reach each other through the hubs' routers. */
const hubLinks: LinkSource = (inv, networkKey) =>
  vwanMates(inv, networkKey).map((to) => ({ kind: 'hub', from: networkKey, to, local: undefined, remote: undefined }));

/** Where links come from; a new kind of link joins here. */
const linkSources: readonly LinkSource[] = [peeringLinks, hubLinks];
