// The network part of a trace: the NSGs the traffic leaves through, the route from the source,
// the links on the way (peerings and their flags), then each Azure Firewall the traffic crosses, its rule, its own resolution and its
// route onwards, hop after hop through any number of hubs. A broken step does not end the walk:
// once the endpoint's IP is known, the next steps are judged as if the broken one were fixed (the
// traffic reaching the firewall the fix names), so one trace shows every fix the path needs. The
// endpoint subnet's NSG comes last, on the way in.
import { nameFromId } from '../../ids.js';
import type { CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { endpointVnetKey } from '../../inventory/topology.js';
import type { VirtualHub } from '../../inventory/security-types.js';
import type { AzureFirewall, PrivateEndpoint } from '../../inventory/types.js';
import { hubOfFirewall } from '../../inventory/vwan.js';
import { describePath, forwardersIn, pathNotes, reachTo } from '../../net/consumers/index.js';
import { hubFirewallsFor } from '../../net/endpoints/endpoint-consumers.js';
import { describeRoute, endpointSpace, nextHop, routeTo } from '../../net/routing/index.js';
import { hubReach } from '../../net/vwan/hub-reach.js';
import { azTarget, shellWord } from './commands.js';
import { firewallSteps, firewallStepsSkipped, type ResolvedFlow } from './firewall.js';
import { nsgSteps } from './nsg.js';
import { routeFromSource } from './route.js';
import { stepOf, type JudgedSteps, type TraceStep } from './step.js';

const links = stepOf('links', 'Links on the way');
const maxFirewalls = 8;

export function networkSteps(
  inv: Inventory,
  context: CheckContext,
  flow: ResolvedFlow,
  endpoint: PrivateEndpoint | undefined,
): JudgedSteps {
  const planned = plannedFirewalls(inv, context, flow, endpoint);
  const route = routeFromSource(inv, context, flow.source, flow.ip, endpoint);
  const assumptions = [...route.assumptions];
  let firewall = route.firewall;
  if (!firewall && route.step.verdict === 'broken' && planned[0]) {
    firewall = planned[0];
    assumptions.push(asIfFixed(route.step.title, firewall));
  }
  const nsgs = nsgSteps(inv, flow, endpoint, firewall);
  const steps: TraceStep[] = [...nsgs.outbound, route.step, linksStep(inv, flow, endpoint)];
  if (!firewall) {
    steps.push(...firewallStepsSkipped('traffic does not pass a firewall'), ...nsgs.inbound);
    return { steps, assumptions };
  }
  const crossed = new Set<string>();
  while (firewall && crossed.size < maxFirewalls) {
    crossed.add(firewall.key);
    const crossing = firewallSteps(inv, firewall, flow);
    steps.push(...crossing.steps);
    assumptions.push(...crossing.assumptions);
    const onward = onwardRoute(inv, firewall, flow.ip, planned, crossed, endpoint);
    steps.push(onward.step);
    assumptions.push(...onward.assumptions);
    firewall = onward.next;
    if (firewall && onward.step.verdict === 'broken') assumptions.push(asIfFixed(onward.step.title, firewall));
  }
  steps.push(...nsgs.inbound);
  return { steps, assumptions };
}

function asIfFixed(title: string, firewall: AzureFirewall): string {
  return `After the broken step "${title}", the trace goes on as if it were fixed: the traffic reaches firewall ${firewall.name}.`;
}

/**
 * The firewalls the traffic should cross, nearest the source first: those in the VNets on the path
 * from the source's VNet to the endpoint's, else the hub firewalls (declared, or on any path).
 */
function plannedFirewalls(
  inv: Inventory,
  context: CheckContext,
  flow: ResolvedFlow,
  endpoint: PrivateEndpoint | undefined,
): readonly AzureFirewall[] {
  if (!endpoint) return [...inv.firewalls.values()].slice(0, 1);
  const home = endpointVnetKey(inv, endpoint);
  const path = home ? reachTo(inv, home).get(flow.source.vnet.key) : undefined;
  const onPath = path
    ? [path.from, ...path.links.map((link) => link.to)]
        .filter((key) => key !== home)
        .flatMap((key) =>
          forwardersIn(inv, key).flatMap((forwarder) => (forwarder.firewall ? [forwarder.firewall] : [])),
        )
    : [];
  if (context.hubFirewallKeys.length > 0 || onPath.length === 0) return hubFirewallsFor(inv, context, endpoint);
  return onPath;
}

function linksStep(inv: Inventory, flow: ResolvedFlow, endpoint: PrivateEndpoint | undefined): TraceStep {
  if (!endpoint) return links.skipped('the address belongs to no private endpoint in the snapshot');
  const home = endpointVnetKey(inv, endpoint);
  if (!home) return links.unknown(`The subnet of private endpoint ${endpoint.name} is not known.`, [endpoint.id]);
  if (home === flow.source.vnet.key) return links.skipped("the source is in the endpoint's own VNet");
  const homeName = inv.vnets.get(home)?.name ?? nameFromId(home);
  const path = reachTo(inv, home).get(flow.source.vnet.key);
  if (!path) {
    return links.broken(
      `No chain of peerings through hubs that forward joins ${flow.source.vnet.name} to ${homeName}.`,
      [flow.source.vnet.id],
      `Peer ${flow.source.vnet.name} with the hub that ${homeName} is peered with (allowForwardedTraffic on the spoke side), or with ${homeName} itself.`,
    );
  }
  const notes = pathNotes(inv, path, {
    subnetName: flow.source.subnet.name,
    ...(endpoint.subnetId ? { endpointSubnetName: nameFromId(endpoint.subnetId) } : {}),
    ...(flow.source.onPremises ? { fromGateway: true } : {}),
  });
  const peerings = path.links.flatMap((link) => [link.local?.id, link.remote?.id]).filter((id) => id !== undefined);
  const detail = `${describePath(inv, path)}${notes.length > 0 ? `: ${notes.map((note) => note.text).join('; ')}` : ''}.`;
  const broken = notes.find((note) => note.severity === 'broken');
  if (broken) {
    return links.broken(
      detail,
      peerings,
      `Make every link on the way Connected and peer the subnets that need it: delete a Disconnected peering and create it again on both VNets.`,
    );
  }
  return (notes.length > 0 ? links.warning : links.ok)(detail, peerings);
}

interface Onward {
  readonly step: TraceStep;
  /** The firewall the traffic reaches next (or would, once this step is fixed). */
  readonly next: AzureFirewall | undefined;
  readonly assumptions: readonly string[];
}

const delivered = new Set<string>([
  nextHop.vnetLocal,
  nextHop.peering,
  nextHop.globalPeering,
  nextHop.interfaceEndpoint,
]);

function onwardRoute(
  inv: Inventory,
  firewall: AzureFirewall,
  ip: string,
  planned: readonly AzureFirewall[],
  crossed: ReadonlySet<string>,
  endpoint: PrivateEndpoint | undefined,
): Onward {
  const title = `Route from firewall ${firewall.name}`;
  const step = stepOf('firewallRoute', title);
  const hub = hubOfFirewall(inv, firewall);
  if (hub && firewall.subnetIds.length === 0)
    return { step: hubRoute(inv, hub, firewall, ip, step), next: undefined, assumptions: [] };
  const subnet = inv.subnet(firewall.subnetIds[0]);
  if (!subnet) {
    return {
      step: step.unknown(`The subnet of ${firewall.name} is not in the snapshot.`, [firewall.id]),
      next: undefined,
      assumptions: [],
    };
  }
  const decision = routeTo(inv, subnet, ip);
  const winner = decision.winner;
  const resources = [subnet.id, ...(winner?.routeTableId ? [winner.routeTableId] : [])];
  if (decision.unknown) return { step: step.unknown(decision.unknown, resources), next: undefined, assumptions: [] };
  const nextPlanned = planned.find((candidate) => !crossed.has(candidate.key));
  if (winner && delivered.has(winner.nextHopType)) {
    return {
      step: step.ok(`From ${subnet.name}, ${describeRoute(winner)} delivers ${ip}.`, resources),
      next: undefined,
      assumptions: [],
    };
  }
  if (winner?.nextHopType === nextHop.virtualAppliance) {
    const nextFirewall = [...inv.firewalls.values()].find((candidate) =>
      candidate.privateIps.includes(winner.nextHopIp ?? ''),
    );
    if (nextFirewall && !crossed.has(nextFirewall.key)) {
      return {
        step: step.ok(
          `From ${subnet.name}, ${describeRoute(winner)} sends ${ip} to Azure Firewall ${nextFirewall.name}.`,
          [...resources, nextFirewall.id],
        ),
        next: nextFirewall,
        assumptions: [],
      };
    }
    if (!nextFirewall) {
      return {
        step: step.unknown(
          `From ${subnet.name}, ${describeRoute(winner)} sends ${ip} to ${winner.nextHopIp ?? 'an appliance'}, which is no firewall in the snapshot; where it goes on is the appliance's own configuration.`,
          resources,
        ),
        next: undefined,
        assumptions: [],
      };
    }
    return {
      step: step.broken(
        `From ${subnet.name}, ${describeRoute(winner)} sends ${ip} back to firewall ${nextFirewall.name}, which it has crossed already: a routing loop.`,
        resources,
        `Route ${ip} from ${subnet.name} towards the endpoint's VNet instead.`,
      ),
      next: undefined,
      assumptions: [],
    };
  }
  // No route, a None route or the internet: the peering to the endpoint's VNet is missing or not
  // Connected, or (multi-hub) the firewall's subnet lacks the route to the next hub's firewall.
  const what = `From ${subnet.name}, ${winner ? describeRoute(winner) : 'no route'} ${winner ? 'takes' : 'covers'} ${ip}`;
  const prefix = endpoint ? endpointSpace(inv, endpoint, ip) : `${ip}/32`;
  const nextIp = nextPlanned?.privateIps[0];
  const fix =
    nextPlanned && nextIp
      ? `Send ${prefix} from ${subnet.name} to firewall ${nextPlanned.name} in the next hub: az network route-table route create ${azTarget(subnet.routeTableId ?? subnet.id)} --route-table-name ${shellWord(subnet.routeTableId ? nameFromId(subnet.routeTableId) : `rt-${firewall.name}`)} --name to-endpoint-via-${shellWord(nextPlanned.name)} --address-prefix ${prefix} --next-hop-type VirtualAppliance --next-hop-ip-address ${nextIp}`
      : "Reconnect the hub-to-endpoint-spoke peering (delete the Disconnected side and create the peering again on both VNets), or peer the firewall's VNet with the endpoint's.";
  return {
    step: step.broken(
      `${what}: the peering to the endpoint's VNet is missing or not Connected, or no route leads to the next hub.`,
      resources,
      fix,
    ),
    next: nextPlanned,
    assumptions: [],
  };
}

/** A secured hub's firewall hands the packet to the hub, which delivers it over a hub connection. */
function hubRoute(
  inv: Inventory,
  hub: VirtualHub,
  firewall: AzureFirewall,
  ip: string,
  step: ReturnType<typeof stepOf>,
): TraceStep {
  const reach = hubReach(inv, hub, ip);
  if (reach.kind === 'unknown') return step.unknown(reach.reason, [hub.id]);
  if (reach.kind === 'none') {
    return step.broken(
      `Virtual hub ${hub.name} of ${firewall.name} has no hub connection in its virtual WAN to a VNet holding ${ip}.`,
      [hub.id],
      `Connect the endpoint's VNet to the hub: az network vhub connection create --vhub-name ${hub.name} --name conn-<vnet> --remote-vnet <endpoint vnet id> --resource-group <hub rg>`,
    );
  }
  return step.ok(
    `Virtual hub ${hub.name} delivers ${ip} over hub connection ${reach.connection.name} to VNet ${reach.vnet.name}.`,
    [hub.id, reach.connection.id],
  );
}
