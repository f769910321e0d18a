// The route a subnet sends a whole address range along, worked out once per (subnet, range): every
// address of an endpoint subnet takes the same route from a consumer subnet unless a route or a
// private endpoint /32 that the consumer sees lies inside the range. Checks and the firewall walk
// ask about tens of thousands of endpoint IPs per consumer subnet; they share one answer per
// endpoint subnet. The answer is exact: when the range is not uniform, there is none, and the
// caller asks per address (routeTo).
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory, memoByInventoryKey } from '../../inventory/memo.js';
import type { Subnet } from '../../inventory/types.js';
import { parseIpv4, parseIpv4Prefix, prefixContains, prefixRange, type Ipv4Prefix } from '../cidr.js';
import { routingIndex, type EndpointEntry } from './inventory-index.js';
import { routeTo } from './lookup.js';
import type { EffectiveRoute } from './types.js';
import { viewOf, type View } from './view.js';

/** The winner shared by every address of a range, or why the subnet's routes are unknown. */
export interface RangeRoute {
  readonly winner: EffectiveRoute | undefined;
  readonly unknown?: string;
}

/**
 * The route every address of `range` takes from `subnet` (no learned routes), when it is the same
 * for all of them; undefined when it may differ (a route or a visible endpoint /32 inside the
 * range, or BGP routes in play), which leaves the caller to ask per address.
 */
export function rangeRouteFrom(inv: Inventory, subnet: Subnet, range: Ipv4Prefix): RangeRoute | undefined {
  const bySubnet = rangeCache(inv, subnet.key);
  const key = range.network * 64 + range.length;
  if (bySubnet.has(key)) return bySubnet.get(key);
  const found = uniformRoute(inv, viewOf(inv, subnet, {}), range);
  bySubnet.set(key, found);
  return found;
}

/**
 * The winning route from `subnet` to `ip`, or why it is unknown: the endpoint subnet's shared
 * answer when there is one, otherwise the route for this address alone. Checks that need only the
 * winner ask this for every (consumer subnet, endpoint IP) pair; `routeTo` gives the full decision.
 */
export function routeWinnerTo(inv: Inventory, subnet: Subnet, ip: string): RangeRoute {
  const address = parseIpv4(ip);
  const range = address === undefined ? undefined : endpointRangeOf(inv, address);
  const shared = range && rangeRouteFrom(inv, subnet, range);
  if (shared) return shared;
  const decision = routeTo(inv, subnet, ip);
  return decision.unknown ? { winner: undefined, unknown: decision.unknown } : { winner: decision.winner };
}

/**
 * The winners from each of `subnets` to `ip`, by index into `subnets`. The answers shared by an
 * endpoint subnet's range are worked out once per list of subnets (checks pass the same list for
 * every endpoint of a VNet), so asking for every endpoint IP costs an array read per subnet.
 */
export function routeWinnersTo(inv: Inventory, subnets: readonly Subnet[], ip: string): (index: number) => RangeRoute {
  const shared = sharedVector(inv, subnets, ip);
  if (!shared) return (index) => routeWinnerTo(inv, subnets[index]!, ip);
  const { vector } = shared;
  return (index) => vector[index] ?? routeWinnerTo(inv, subnets[index]!, ip);
}

/**
 * The winner from each of `subnets` (same order) when every one of them is the same for the whole
 * endpoint range holding `ip`; the same array is returned for every address of that range, so
 * callers may key their own work by it. Undefined when some subnet must be asked per address.
 */
export function uniformRouteWinners(
  inv: Inventory,
  subnets: readonly Subnet[],
  ip: string,
): readonly RangeRoute[] | undefined {
  const shared = sharedVector(inv, subnets, ip);
  return shared?.uniform ? (shared.vector as readonly RangeRoute[]) : undefined;
}

interface SharedVector {
  readonly vector: readonly (RangeRoute | undefined)[];
  readonly uniform: boolean;
}

function sharedVector(inv: Inventory, subnets: readonly Subnet[], ip: string): SharedVector | undefined {
  const address = parseIpv4(ip);
  const range = address === undefined ? undefined : endpointRangeOf(inv, address);
  if (!range) return undefined;
  const byRange = vectorCache(inv, subnets);
  const key = range.network * 64 + range.length;
  let shared = byRange.get(key);
  if (!shared) {
    const vector = subnets.map((subnet) => rangeRouteFrom(inv, subnet, range));
    byRange.set(key, (shared = { vector, uniform: vector.every((route) => route !== undefined) }));
  }
  return shared;
}

const vectorCache = memoByInventoryKey((_inv, _subnets: readonly Subnet[]) => new Map<number, SharedVector>());

/**
 * The address range of the endpoint subnet that holds `address`, when the address is a private
 * endpoint IP of exactly one endpoint whose subnet was read.
 */
export function endpointRangeOf(inv: Inventory, address: number): Ipv4Prefix | undefined {
  return endpointRanges(inv).get(address) ?? undefined;
}

const rangeCache = memoByInventoryKey(
  (_inv, _subnetKey: string) => new Map<number, RangeRoute | undefined>(),
  (subnetKey) => subnetKey,
);

const endpointRanges = memoByInventory((inv) => {
  const ranges = new Map<number, Ipv4Prefix | null>();
  const prefixes = new Map<string, readonly Ipv4Prefix[]>();
  for (const [address, entries] of routingIndex(inv).endpointsByAddress) {
    const subnet = entries.length === 1 ? entries[0]!.subnet : undefined;
    if (!subnet) {
      ranges.set(address, null);
      continue;
    }
    let parsed = prefixes.get(subnet.key);
    if (!parsed) {
      parsed = subnet.addressPrefixes.map(parseIpv4Prefix).filter((p): p is Ipv4Prefix => p !== undefined);
      prefixes.set(subnet.key, parsed);
    }
    ranges.set(address, parsed.find((prefix) => prefixContains(prefix, address)) ?? null);
  }
  return ranges;
});

function uniformRoute(inv: Inventory, view: View, range: Ipv4Prefix): RangeRoute | undefined {
  if (view.unknown) return { winner: undefined, unknown: view.unknown };
  if (view.hasBgp) return undefined;
  const [low, high] = prefixRange(range);
  const index = routingIndex(inv);
  for (const vnetKey of view.endpointVnets) {
    if (holdsAddressIn(index.endpointsByVnet.get(vnetKey), low, high)) return undefined;
  }
  let winner: EffectiveRoute | undefined;
  for (const compiled of view.rankedRoutes) {
    const prefix = compiled.prefix!;
    // Prefixes nest or are disjoint: one longer than the range that starts inside it splits it.
    if (prefix.length > range.length && prefixContains(range, prefix.network)) return undefined;
    if (winner === undefined && compiled.route.state === 'Active' && prefixContains(prefix, low)) {
      winner = compiled.route;
    }
  }
  return { winner };
}

/** Whether a list sorted by address holds one in [low, high]. */
function holdsAddressIn(entries: readonly EndpointEntry[] | undefined, low: number, high: number): boolean {
  if (!entries || entries.length === 0) return false;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.prefix.network < low) lo = mid + 1;
    else hi = mid;
  }
  return lo < entries.length && entries[lo]!.prefix.network <= high;
}
