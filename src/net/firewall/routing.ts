// Whether a flow from a subnet to an endpoint IP meets a hub firewall: the winner of the effective
// route must be a user route whose next hop is one of the firewall's private IPs.
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall, Subnet } from '../../inventory/types.js';
import { applianceHopIp, routeWinnerTo, type EffectiveRoute, type RangeRoute } from '../routing/index.js';

export type FirewallRouting =
  | { readonly kind: 'firewall'; readonly firewall: AzureFirewall; readonly route: EffectiveRoute }
  | { readonly kind: 'elsewhere' }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Whether the effective route from a subnet to an endpoint IP goes to one of the firewalls. The
 * route is shared by the endpoint's whole subnet when no route splits it (see rangeRouteFrom).
 */
export function firewallRouting(
  inv: Inventory,
  subnet: Subnet,
  ip: string,
  firewalls: readonly AzureFirewall[],
): FirewallRouting {
  return firewallRoutingOf(routeWinnerTo(inv, subnet, ip), firewalls);
}

/** Whether a route decision sends the flow to one of the firewalls. */
export function firewallRoutingOf(decision: RangeRoute, firewalls: readonly AzureFirewall[]): FirewallRouting {
  if (decision.unknown) return { kind: 'unknown', reason: decision.unknown };
  const winner = decision.winner;
  const hopIp = applianceHopIp(winner);
  if (!winner || !hopIp) return { kind: 'elsewhere' };
  const firewall = firewalls.find((candidate) => candidate.privateIps.includes(hopIp));
  return firewall ? { kind: 'firewall', firewall, route: winner } : { kind: 'elsewhere' };
}
