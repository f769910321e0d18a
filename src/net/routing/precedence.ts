// Which route Azure uses. Among routes with the same prefix a user route beats everything, and a
// BGP route beats the system routes except those for the VNet, its peerings and service endpoints,
// which beat BGP routes; the losers stay in the table as `Invalid`. Among the active routes that
// cover an address the longest prefix wins, User > BGP > system on equal length.
// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#how-azure-selects-a-route
import { pushTo } from '../../inventory/group-by.js';
import type { Ipv4Prefix } from '../cidr.js';
import { nextHop, type EffectiveRoute, type RouteSource } from './types.js';

/** A route with its prefix parsed for matching. */
export interface Compiled {
  readonly route: EffectiveRoute;
  /** Undefined for routes to a named service. */
  readonly prefix: Ipv4Prefix | undefined;
}

/** A route with a prefix, before routes with the same prefix are weighed against each other. */
export interface Draft {
  readonly source: RouteSource;
  readonly prefix: Ipv4Prefix;
  readonly nextHopType: string;
  readonly extra: Partial<EffectiveRoute>;
}

/** System routes Azure prefers even over more specific BGP routes. */
export const preferredOverBgp: ReadonlySet<string> = new Set<string>([
  nextHop.vnetLocal,
  nextHop.peering,
  nextHop.globalPeering,
  nextHop.serviceEndpoint,
  nextHop.interfaceEndpoint,
]);

export const sourceRank: Readonly<Record<RouteSource, number>> = { User: 3, VirtualNetworkGateway: 2, Default: 1 };

/** The drafts as routes, in the same order, those that lose to another with the same prefix `Invalid`. */
export function settle(drafts: readonly Draft[]): Compiled[] {
  const byPrefix = new Map<string, Draft[]>();
  for (const d of drafts) pushTo(byPrefix, d.prefix.text, d);
  const invalid = new Map<Draft, string>();
  for (const group of byPrefix.values()) {
    if (group.length < 2) continue;
    const user = group.find((d) => d.source === 'User');
    const preferred = group.find((d) => d.source === 'Default' && preferredOverBgp.has(d.nextHopType));
    const bgp = group.find((d) => d.source === 'VirtualNetworkGateway');
    for (const d of group) {
      if (user && d !== user) {
        invalid.set(d, `Overridden by user route ${user.extra.originName ?? user.prefix.text} with the same prefix.`);
      } else if (!user && d.source === 'VirtualNetworkGateway' && preferred) {
        invalid.set(d, `Azure prefers the system ${preferred.nextHopType} route with the same prefix over BGP routes.`);
      } else if (!user && bgp && d.source === 'Default' && !preferredOverBgp.has(d.nextHopType)) {
        invalid.set(d, 'Overridden by a BGP route with the same prefix.');
      }
    }
  }
  return drafts.map((d) => {
    const reason = invalid.get(d);
    return {
      prefix: d.prefix,
      route: {
        source: d.source,
        state: reason ? 'Invalid' : 'Active',
        addressPrefix: d.prefix.text,
        nextHopType: d.nextHopType,
        ...d.extra,
        ...(reason ? { reason } : {}),
      },
    };
  });
}

/**
 * The active route with the longest prefix among the candidates (User > BGP > system on equal
 * length), BGP routes set aside when a VNet, peering or service endpoint route covers the address.
 */
export function select(candidates: readonly Compiled[]): { winner: Compiled | undefined; setAsideBgp: boolean } {
  const active = candidates.filter((c) => c.route.state === 'Active' && c.prefix !== undefined);
  const preferredSystem = active.some((c) => c.route.source === 'Default' && preferredOverBgp.has(c.route.nextHopType));
  const pool = preferredSystem ? active.filter((c) => c.route.source !== 'VirtualNetworkGateway') : active;
  let winner: Compiled | undefined;
  for (const c of pool) {
    if (
      !winner ||
      c.prefix!.length > winner.prefix!.length ||
      (c.prefix!.length === winner.prefix!.length && sourceRank[c.route.source] > sourceRank[winner.route.source])
    ) {
      winner = c;
    }
  }
  const setAsideBgp =
    pool.length < active.length &&
    active.some((c) => c.route.source === 'VirtualNetworkGateway' && c.prefix!.length >= (winner?.prefix?.length ?? 0));
  return { winner, setAsideBgp };
}

/** The candidates' routes, the winner first, then longest prefix and User > BGP > system. */
export function orderCandidates(candidates: readonly Compiled[], winner: Compiled | undefined): EffectiveRoute[] {
  return [...candidates]
    .sort(
      (a, b) =>
        Number(b === winner) - Number(a === winner) ||
        (b.prefix?.length ?? -1) - (a.prefix?.length ?? -1) ||
        sourceRank[b.route.source] - sourceRank[a.route.source],
    )
    .map((c) => c.route);
}
