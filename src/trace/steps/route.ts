// Step 6: the route the source's subnet takes to the endpoint's IP, and whether it leads through
// the firewall that should inspect the traffic.
import type { CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { hubFirewallsFor } from '../../inventory/topology.js';
import type { AzureFirewall, PrivateEndpoint } from '../../inventory/types.js';
import { describeRoute, nextHop, routeTo, type RouteDecision } from '../../net/routing/index.js';
import type { TraceSource } from '../source.js';
import { stepOf, type TraceStep } from './step.js';

const sourceRoute = stepOf('route', 'Route from the source');

export interface RouteFromSource {
  readonly step: TraceStep;
  /** The Azure Firewall the route sends the traffic to, which the next steps judge. */
  readonly firewall: AzureFirewall | undefined;
  readonly assumptions: readonly string[];
}

export function routeFromSource(
  inv: Inventory,
  context: CheckContext,
  source: TraceSource,
  ip: string,
  endpoint: PrivateEndpoint | undefined,
): RouteFromSource {
  const decision = routeTo(inv, source.subnet, ip);
  const winner = decision.winner;
  // Without a known endpoint, any firewall in the snapshot could be the one meant to inspect.
  const hubFirewalls = endpoint ? hubFirewallsFor(inv, context, endpoint) : [...inv.firewalls.values()];
  const firewall =
    winner?.nextHopType === nextHop.virtualAppliance
      ? [...inv.firewalls.values()].find((candidate) => candidate.privateIps.includes(winner.nextHopIp ?? ''))
      : undefined;
  return {
    step: routeStep(source, ip, decision, firewall, hubFirewalls),
    firewall,
    assumptions: decision.assumptions,
  };
}

export function routeSkipped(reason: string): TraceStep {
  return sourceRoute.skipped(reason);
}

function routeStep(
  source: TraceSource,
  ip: string,
  decision: RouteDecision,
  firewall: AzureFirewall | undefined,
  hubFirewalls: readonly AzureFirewall[],
): TraceStep {
  const winner = decision.winner;
  const subnet = source.subnet.name;
  const resources = [source.subnet.id, ...(winner?.routeTableId ? [winner.routeTableId] : [])];
  if (decision.unknown) return sourceRoute.unknown(decision.unknown, resources);
  if (!winner || winner.nextHopType === nextHop.none) {
    return sourceRoute.broken(
      `From ${subnet}, ${winner ? `${describeRoute(winner)} drops traffic to ${ip}` : `no route covers ${ip}`}.`,
      resources,
      `Add a route for the endpoint's VNet to the hub firewall in ${subnet}'s route table (az network route-table route create --next-hop-type VirtualAppliance --next-hop-ip-address <firewall IP> ...).`,
    );
  }
  if (firewall) {
    return sourceRoute.ok(`From ${subnet}, ${describeRoute(winner)} sends ${ip} to Azure Firewall ${firewall.name}.`, [
      ...resources,
      firewall.id,
    ]);
  }
  if (winner.nextHopType === nextHop.virtualAppliance) {
    return sourceRoute.broken(
      `From ${subnet}, ${describeRoute(winner)} sends ${ip} to ${winner.nextHopIp ?? 'an appliance'}, which is no firewall in the snapshot.`,
      resources,
      hubFirewalls[0]
        ? `Point the route at the hub firewall's private IP ${hubFirewalls[0].privateIps[0] ?? ''}.`
        : 'Point the route at the firewall that should inspect the traffic.',
    );
  }
  const bypass = hubFirewalls.length > 0;
  return (bypass ? sourceRoute.warning : sourceRoute.ok)(
    `From ${subnet}, ${describeRoute(winner)} delivers ${ip} directly${bypass ? `, past the hub firewall ${hubFirewalls[0]!.name}` : ''}.`,
    resources,
  );
}
