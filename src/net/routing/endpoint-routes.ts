// The /32 routes private endpoints put in their own VNet and in the VNets peered with it, and how
// user routes override them (azure-reference §2 decision table).
// https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy
import { prefixContains } from '../cidr.js';
import type { EndpointEntry } from './inventory-index.js';
import { nextHop, type EffectiveRoute } from './types.js';
import type { View } from './view.js';

const noEndpoints: readonly EndpointEntry[] = [];

// The entries for one address whose /32 reaches the view's subnet. Called for every (subnet,
// endpoint IP) pair: the common cases allocate nothing.
export function endpointsSeenFrom(view: View, entries: readonly EndpointEntry[] | undefined): readonly EndpointEntry[] {
  if (!entries) return noEndpoints;
  if (entries.length === 1) return view.endpointVnets.has(entries[0]!.vnetKey) ? entries : noEndpoints;
  return entries.filter((entry) => view.endpointVnets.has(entry.vnetKey));
}

/**
 * A private endpoint's /32 route, invalidated by a user route for the same /32, or by a user route
 * covering the IP whose prefix is at least as long as the endpoint VNet's address space holding
 * the IP when the endpoint's subnet enables route-table policies.
 */
export function endpointRoute(view: View, entry: EndpointEntry): EffectiveRoute {
  const base: EffectiveRoute = {
    source: 'Default',
    state: 'Active',
    addressPrefix: entry.prefix.text,
    nextHopType: nextHop.interfaceEndpoint,
    origin: entry.endpoint.id,
    originName: entry.endpoint.name,
  };
  const policy = entry.subnet?.privateEndpointNetworkPolicies ?? 'Disabled';
  const policyHonoursRoutes = ['enabled', 'routetableenabled'].includes(policy.toLowerCase());
  const space = (view.spaces.get(entry.vnetKey) ?? []).find((prefix) => prefixContains(prefix, entry.prefix.network));
  for (const user of view.userRoutes) {
    if (!prefixContains(user.prefix, entry.prefix.network)) continue;
    if (user.prefix.length === 32) {
      return {
        ...base,
        state: 'Invalid',
        reason: `Overridden by user route ${user.route.originName} for the same /32.`,
      };
    }
    if (policyHonoursRoutes && space && user.prefix.length >= space.length) {
      return {
        ...base,
        state: 'Invalid',
        reason: `Invalidated by user route ${user.route.originName} (${user.prefix.text}): subnet ${entry.subnet?.name} has privateEndpointNetworkPolicies ${policy} and the prefix is at least as long as the endpoint VNet's ${space.text}.`,
      };
    }
  }
  return base;
}
