// Step 6: the route the source's subnet takes to the endpoint's IP, and whether it leads through
// the firewall that should inspect the traffic.
import type { CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { hubFirewallsFor } from '../../net/endpoints/endpoint-consumers.js';
import type { AzureFirewall, PrivateEndpoint } from '../../inventory/types.js';
import { nameFromId } from '../../ids.js';
import { endpointSpace } from '../../net/routing/index.js';
import { applianceHopIp, describeRoute, nextHop, routeTo, type RouteDecision } from '../../net/routing/index.js';
import { hubConnectionsOfVnet, hubOfFirewall } from '../../inventory/vwan.js';
import type { TraceSource } from '../source.js';
import { azTarget, shellWord } from './commands.js';
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
  const hopIp = applianceHopIp(winner);
  const firewall = hopIp
    ? [...inv.firewalls.values()].find((candidate) => candidate.privateIps.includes(hopIp))
    : undefined;
  return {
    step: routeStep(inv, { source, ip, endpoint }, decision, firewall, hubFirewalls),
    firewall,
    assumptions: decision.assumptions,
  };
}

/** A user route for the endpoint's addresses to the hub firewall, in the source subnet's route table. */
function routeToFirewall(
  inv: Inventory,
  source: TraceSource,
  prefix: string,
  firewall: AzureFirewall | undefined,
): string {
  const firewallIp = firewall?.privateIps[0];
  // A Virtual WAN spoke whose route table refuses gateway routes never learns its hub's routes.
  const hubConnection = hubConnectionsOfVnet(inv, source.subnet.vnetKey)[0];
  const refusing = source.subnet.routeTableId ? inv.routeTable(source.subnet.routeTableId) : undefined;
  if (hubConnection && refusing?.disableBgpRoutePropagation) {
    return `Turn gateway route propagation back on in route table ${refusing.name} so ${source.subnet.name} learns the routes of virtual hub ${nameFromId(hubConnection.hubKey)}: az network route-table update ${azTarget(refusing.id)} --name ${shellWord(refusing.name)} --disable-bgp-route-propagation false`;
  }
  if (!firewall || !firewallIp) {
    return `Route ${prefix} from ${source.subnet.name} to the firewall that should inspect the traffic, or peer its VNet with the endpoint's.`;
  }
  const tableId = source.subnet.routeTableId;
  const table = tableId ? nameFromId(tableId) : `rt-${source.subnet.name}`;
  const route = `az network route-table route create ${azTarget(tableId ?? source.subnet.id)} --route-table-name ${shellWord(table)} --name to-pep-via-firewall --address-prefix ${prefix} --next-hop-type VirtualAppliance --next-hop-ip-address ${firewallIp}`;
  if (tableId) return `Route ${prefix} to firewall ${firewall.name} in route table ${table}: ${route}`;
  const vnet = inv.vnets.get(source.subnet.vnetKey) ?? source.vnet;
  const location = vnet.location ? ` --location ${vnet.location}` : '';
  return `Give ${source.subnet.name} a route table that sends ${prefix} to firewall ${firewall.name}: az network route-table create ${azTarget(source.subnet.id)} --name ${shellWord(table)}${location} && ${route} && az network vnet subnet update ${azTarget(source.subnet.id)} --vnet-name ${shellWord(vnet.name)} --name ${shellWord(source.subnet.name)} --route-table ${shellWord(table)}`;
}

export function routeSkipped(reason: string): TraceStep {
  return sourceRoute.skipped(reason);
}

function routeStep(
  inv: Inventory,
  { source, ip, endpoint }: { source: TraceSource; ip: string; endpoint: PrivateEndpoint | undefined },
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
      routeToFirewall(
        inv,
        source,
        endpoint ? endpointSpace(inv, endpoint, ip, source.subnet) : `${ip}/32`,
        hubFirewalls[0],
      ),
    );
  }
  if (firewall) {
    const hub = hubOfFirewall(inv, firewall);
    const where = hub ? ` in secured virtual hub ${hub.name}` : '';
    return sourceRoute.ok(
      `From ${subnet}, ${describeRoute(winner)} sends ${ip} to Azure Firewall ${firewall.name}${where}.`,
      [...resources, firewall.id],
    );
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
