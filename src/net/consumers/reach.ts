// Which networks reach a private endpoint, and by which path: a breadth-first search over links
// from the endpoint's VNet. Peered VNets reach it directly (its /32 routes propagate to them);
// beyond them traffic must be forwarded, so the search goes on only through a VNet directly linked
// to the endpoint's (the hub, as plaudit has always assumed) or one holding a forwarder (an Azure
// Firewall or an appliance with IP forwarding): the multi-hub pattern, over any number of hubs.
import { nameFromId } from '../../ids.js';
import { pushTo } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory, memoByInventoryKey } from '../../inventory/memo.js';
import type { AzureFirewall } from '../../inventory/types.js';
import { hubFirewallsOfVnet } from '../../inventory/vwan.js';
import { linkConnected, linkName, linksFrom, reversed, type NetworkLink } from './links.js';
import { workloadsIn } from './workloads.js';

export interface ReachPath {
  /** The network the path starts from (the consumer's VNet). */
  readonly from: string;
  /** The endpoint's VNet. */
  readonly to: string;
  /** The links from `from` to `to`, in the direction traffic flows; empty for the endpoint's own VNet. */
  readonly links: readonly NetworkLink[];
}

/** Something in a VNet that forwards traffic for others. */
export interface Forwarder {
  readonly kind: 'firewall' | 'appliance';
  readonly id: string;
  readonly name: string;
  readonly firewall?: AzureFirewall;
}

/** Every network that reaches `homeKey`, with its shortest path, nearest first. */
export function reachTo(inv: Inventory, homeKey: string): ReadonlyMap<string, ReachPath> {
  return reachByHome(inv, homeKey);
}

const reachByHome = memoByInventoryKey((inv, home: string): ReadonlyMap<string, ReachPath> => {
  const paths = new Map<string, ReachPath>([[home, { from: home, to: home, links: [] }]]);
  const queue: string[] = [home];
  for (let next = 0; next < queue.length; next++) {
    const key = queue[next]!;
    const path = paths.get(key)!;
    if (path.links.length > 1 && forwardersIn(inv, key).length === 0) continue;
    for (const link of linksFrom(inv, key)) {
      if (paths.has(link.to)) continue;
      paths.set(link.to, { from: link.to, to: home, links: [reversed(link), ...path.links] });
      queue.push(link.to);
    }
  }
  return paths;
});

/**
 * The links traffic to `homeKey` may cross: every link between two networks that reach it where
 * one of them passes traffic on (the endpoint's VNet, those linked to it, and forwarding hubs).
 */
export function linksToward(inv: Inventory, homeKey: string): readonly NetworkLink[] {
  return linksByHome(inv, homeKey);
}

const linksByHome = memoByInventoryKey((inv, home: string): readonly NetworkLink[] => {
  const reached = reachTo(inv, home);
  const found: NetworkLink[] = [];
  for (const [key, path] of reached) {
    if (path.links.length > 1 && forwardersIn(inv, key).length === 0) continue;
    for (const link of linksFrom(inv, key)) if (reached.has(link.to)) found.push(link);
  }
  return found;
});

/** The forwarders in a VNet: Azure Firewalls, NICs and scale sets with IP forwarding (AKS nodes aside). */
export function forwardersIn(inv: Inventory, vnetKey: string): readonly Forwarder[] {
  return forwarderIndex(inv).get(vnetKey) ?? [];
}

const forwarderIndex = memoByInventory((inv): ReadonlyMap<string, readonly Forwarder[]> => {
  const index = new Map<string, Forwarder[]>();
  for (const vnet of inv.vnets.values()) {
    for (const firewall of inv.firewallsInVnet(vnet.key)) {
      pushTo(index, vnet.key, { kind: 'firewall', id: firewall.id, name: firewall.name, firewall });
    }
    for (const subnet of vnet.subnets) {
      for (const workload of workloadsIn(inv, subnet)) {
        if (workload.kind === 'appliance')
          pushTo(index, vnet.key, { kind: 'appliance', id: workload.id, name: workload.name });
      }
    }
  }
  return index;
});

/**
 * The firewalls that forward along some path to `homeKey`: those in any VNet that reaches it, and
 * the secured Virtual WAN hubs' firewalls those VNets connect to (which sit in no subnet).
 */
export function firewallsOnPaths(inv: Inventory, homeKey: string): readonly AzureFirewall[] {
  const firewalls = new Set<AzureFirewall>();
  for (const key of reachTo(inv, homeKey).keys()) {
    for (const firewall of inv.firewallsInVnet(key)) firewalls.add(firewall);
    for (const firewall of hubFirewallsOfVnet(inv, key)) firewalls.add(firewall);
  }
  return [...firewalls];
}

/** What stands in a path's way, link by link, worded for a person; `broken` when traffic cannot pass. */
export interface PathNote {
  readonly severity: 'broken' | 'warning';
  readonly link: NetworkLink;
  readonly text: string;
}

export interface PathOptions {
  /** The consumer subnet's name (subnet-level peering decides whether its traffic may cross). */
  readonly subnetName?: string;
  /** The endpoint subnet's name. */
  readonly endpointSubnetName?: string;
  /** The path starts at GatewaySubnet: on-premises must learn the endpoint's prefixes. */
  readonly fromGateway?: boolean;
}

export function pathNotes(inv: Inventory, path: ReachPath, options: PathOptions = {}): readonly PathNote[] {
  const notes: PathNote[] = [];
  const vnetName = (key: string) => inv.vnets.get(key)?.name ?? nameFromId(key);
  path.links.forEach((link, index) => {
    const name = linkName(link);
    const last = index === path.links.length - 1;
    if (!link.local && !link.remote) return;
    if (!linkConnected(link)) {
      const states = [link.local, link.remote]
        .filter((side) => side !== undefined)
        .map((side) => `${side.name} ${side.peeringState ?? 'with no state'}`)
        .join(', ');
      notes.push({
        severity: 'broken',
        link,
        text: `the link from ${vnetName(link.from)} to ${vnetName(link.to)} is not Connected (${states})`,
      });
    }
    // Past the first link the traffic was forwarded by an appliance in the VNet it leaves: the
    // peering of the VNet it enters must accept forwarded traffic (without SNAT, network rules).
    if (index > 0 && link.remote && !link.remote.allowForwardedTraffic) {
      notes.push({
        severity: 'warning',
        link,
        text: `peering ${link.remote.name} on ${vnetName(link.to)} does not allow forwarded traffic, so ${vnetName(link.to)} drops what the appliance in ${vnetName(link.from)} forwards unless it SNATs it`,
      });
    }
    const subnetLevel = (side: typeof link.local, names: readonly string[] | undefined, subnet: string | undefined) =>
      side?.peerCompleteVnets === false &&
      subnet !== undefined &&
      names !== undefined &&
      !names.some((candidate) => candidate.toLowerCase() === subnet.toLowerCase());
    if (index === 0 && subnetLevel(link.local, link.local?.localSubnetNames, options.subnetName)) {
      notes.push({
        severity: 'broken',
        link,
        text: `peering ${name} peers only subnets ${link.local!.localSubnetNames!.join(', ')} of ${vnetName(link.from)}, not ${options.subnetName}`,
      });
    }
    if (last && subnetLevel(link.local, link.local?.remoteSubnetNames, options.endpointSubnetName)) {
      notes.push({
        severity: 'broken',
        link,
        text: `peering ${name} peers only subnets ${link.local!.remoteSubnetNames!.join(', ')} of ${vnetName(link.to)}, not the endpoint's ${options.endpointSubnetName}`,
      });
    }
  });
  if (options.fromGateway && path.links.length > 0) {
    const last = path.links[path.links.length - 1]!;
    // On-premises learns the endpoint VNet's prefixes over BGP only through gateway transit.
    if (last.remote && !last.remote.useRemoteGateways) {
      notes.push({
        severity: 'warning',
        link: last,
        text: `peering ${last.remote.name} on ${vnetName(last.to)} does not use remote gateways, so on-premises learns ${vnetName(last.to)}'s prefixes only from static routes`,
      });
    }
  }
  return notes;
}

/** "vnet-app -> vnet-hub (fw-hub) -> vnet-pep". */
export function describePath(inv: Inventory, path: ReachPath): string {
  const vnetName = (key: string) => inv.vnets.get(key)?.name ?? nameFromId(key);
  const stop = (key: string, index: number) => {
    const forwarders = index > 0 && key !== path.to ? forwardersIn(inv, key).map((forwarder) => forwarder.name) : [];
    return forwarders.length > 0 ? `${vnetName(key)} (${forwarders.join(', ')})` : vnetName(key);
  };
  return [path.from, ...path.links.map((link) => link.to)].map(stop).join(' -> ');
}
