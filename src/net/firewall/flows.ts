// The flows a hub firewall must pass for private endpoints: from each consumer subnet whose route
// table sends an endpoint's IP to the firewall, to each of the endpoint's public names, on the
// service's port. They are walked once (per inventory and context) for the firewall checks.
//
// "Through the firewall" is decided by the effective route from the subnet to the endpoint IP
// (src/net/routing): its winner must be a user route whose next hop is the firewall's private IP.
//
// Estates hold tens of thousands of endpoints and hundreds of consumer subnets, so there are
// millions of flows. The walk keeps only what the checks report on (flows the firewall drops or
// passes by a network rule that may not SNAT, the names the firewall resolves itself, gaps), and
// judges each distinct (rule path, subnet) once: most endpoints behind a firewall meet the same
// few rules.
import type { CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import type { AzureFirewall, PrivateEndpoint, Subnet } from '../../inventory/types.js';
import { endpointConsumers } from '../endpoints/endpoint-consumers.js';
import { endpointDnsExpectations } from '../dns/private-dns.js';
import type { Judged } from './flow-judgments.js';
import { WalkState, type RoutingVector } from './flow-state.js';
import type { Destination, FirewalledFlows, JudgedFlow, Walked } from './flow-types.js';
import { firewallRouting } from './routing.js';
import { servicePortsOf } from './service-ports.js';
import type { Inconclusive } from '../inconclusive.js';
import type { DestinationPlan } from './index.js';

export type { EndpointFlow, FirewalledFlows, FirewallResolvedName, FlowGap, JudgedFlow } from './flow-types.js';

/** Every endpoint flow that a hub firewall handles, judged against that firewall's rules. */
export function firewalledEndpointFlows(inv: Inventory, ctx: CheckContext): FirewalledFlows {
  return flowsByContext(inv, ctx);
}

const flowsByContext = memoByInventoryKey((inv, ctx: CheckContext): FirewalledFlows => {
  const walked = walk(inv, ctx, false);
  let every: readonly JudgedFlow[] | undefined;
  return {
    get flows() {
      return (every ??= walk(inv, ctx, true).kept);
    },
    notable: walked.kept,
    resolvedNames: walked.resolvedNames,
    gaps: walked.gaps,
    unjudged: walked.unjudged,
  };
});

/**
 * The notable flows (see `FirewalledFlows`), and one inconclusive result per gap and per firewall
 * whose rules depend on data not read.
 */
export function conclusiveEndpointFlows(
  inv: Inventory,
  ctx: CheckContext,
): { readonly flows: readonly JudgedFlow[]; readonly inconclusive: readonly Inconclusive[] } {
  const { notable, gaps, unjudged } = firewalledEndpointFlows(inv, ctx);
  const inconclusive = new Map<string, Inconclusive>();
  for (const gap of gaps) {
    inconclusive.set(`${gap.resourceId}|${gap.reason}`, { inconclusive: gap.reason, resourceId: gap.resourceId });
  }
  for (const entry of unjudged) inconclusive.set(`${entry.resourceId}|${entry.inconclusive}`, entry);
  return { flows: notable, inconclusive: [...inconclusive.values()] };
}

// ---------------------------------------------------------------------------------------------

/**
 * Walks every endpoint's flows. With `byRange` off every flow is walked one by one: the reference
 * that the shared-routing walk is tested against.
 */
export function walk(inv: Inventory, ctx: CheckContext, everyFlow: boolean, byRange = true): Walked {
  const state = new WalkState(inv, everyFlow);
  for (const { endpoint, ips: fallbackIps, clientSubnets: subnets, firewalls } of endpointConsumers(inv, ctx)) {
    if (firewalls.length === 0 || subnets.length === 0) continue;
    const destinations = destinationsOf(inv, endpoint, fallbackIps, firewalls.length);
    const flows = { endpoint, subnets, firewalls, destinations };
    const shared = byRange && !everyFlow && destinations.length > 0 && walkByRange(state, flows);
    if (!shared) walkEach(state, flows, fallbackIps);
  }
  return state.result();
}

/** One endpoint's flows to walk: its client subnets, hub firewalls and destinations. */
interface EndpointFlows {
  readonly endpoint: PrivateEndpoint;
  readonly subnets: readonly Subnet[];
  readonly firewalls: readonly AzureFirewall[];
  readonly destinations: readonly Destination[];
}

/** Every flow of an endpoint, subnet by subnet: the order every walk follows. */
function walkEach(state: WalkState, flows: EndpointFlows, fallbackIps: readonly string[]): void {
  const { inv } = state;
  const { endpoint, subnets, firewalls, destinations } = flows;
  for (const subnet of subnets) {
    const sender = state.senderOf(subnet);
    if (sender.sources.isEmpty) continue;
    // No destination means no name: a name without IPs of its own takes the endpoint's.
    if (destinations.length === 0) {
      if (fallbackIps.some((ip) => firewallRouting(inv, subnet, ip, firewalls).kind === 'firewall')) {
        state.gap(
          endpoint.id,
          `Private endpoint ${endpoint.name} has no FQDN in the snapshot (no NIC FQDNs or customDnsConfigs), so its traffic through the firewall cannot be judged.`,
        );
      }
      continue;
    }
    for (const destination of destinations) {
      const routing = firewallRouting(inv, subnet, destination.ip, firewalls);
      if (routing.kind === 'unknown') {
        state.routeGap(subnet, routing.reason, destination.ip);
        continue;
      }
      if (routing.kind !== 'firewall') continue;
      const firewallIndex = firewalls.indexOf(routing.firewall);
      destination.services.forEach((service, serviceIndex) => {
        const plan = state.plan(destination, routing.firewall, firewallIndex, serviceIndex);
        const judged = state.judgments.of(plan.path, sender, plan.compiled, service.protocol);
        state.visit(endpoint, subnet, sender, destination, firewallIndex, routing.route, serviceIndex, plan, judged);
      });
    }
  }
}

/**
 * The same walk when every client subnet routes each destination's whole endpoint range alike
 * (see uniformRouteWinners): what a firewall makes of a rule path is summarised once per routing
 * of the subnets, and each endpoint replays only the flows that leave a trace (a gap, a name the
 * firewall resolves, an inconclusive judgment, a notable flow), in the order walkEach would.
 * Returns false, having done nothing, when some destination must be routed address by address.
 */
function walkByRange(state: WalkState, flows: EndpointFlows): boolean {
  const { endpoint, subnets, firewalls, destinations } = flows;
  const vectors: RoutingVector[] = [];
  for (const destination of destinations) {
    const vector = state.routingVector(subnets, firewalls, destination.ip);
    if (!vector) return false;
    vectors.push(vector);
  }
  const events: FlowEvent[] = [];
  destinations.forEach((destination, destinationIndex) => {
    const vector = vectors[destinationIndex]!;
    for (const subnetIndex of vector.unknown) events.push({ subnetIndex, destinationIndex, serviceIndex: -1 });
    vector.byFirewall.forEach((indices, firewallIndex) => {
      if (indices.length === 0) return;
      const firewall = firewalls[firewallIndex]!;
      const skipsSnat = state.maySkipSnat(firewall, destination.ip);
      destination.services.forEach((service, serviceIndex) => {
        const plan = state.plan(destination, firewall, firewallIndex, serviceIndex);
        const summary = state.summaryOf(vector, firewallIndex, plan, service.protocol, subnets);
        for (const [subnetIndex, judged] of summary.traced) {
          events.push({ subnetIndex, destinationIndex, serviceIndex, judged, plan });
        }
        if (!skipsSnat) return;
        for (const [subnetIndex, judged] of summary.networkAllowed) {
          events.push({ subnetIndex, destinationIndex, serviceIndex, judged, plan });
        }
      });
    });
  });
  events.sort(
    (a, b) =>
      a.subnetIndex - b.subnetIndex || a.destinationIndex - b.destinationIndex || a.serviceIndex - b.serviceIndex,
  );
  let previous: FlowEvent | undefined;
  for (const event of events) {
    const { subnetIndex, destinationIndex, serviceIndex } = event;
    const repeat =
      previous?.subnetIndex === subnetIndex &&
      previous.destinationIndex === destinationIndex &&
      previous.serviceIndex === serviceIndex;
    previous = event;
    if (repeat) continue;
    const subnet = subnets[subnetIndex]!;
    const destination = destinations[destinationIndex]!;
    const routing = vectors[destinationIndex]!.routings[subnetIndex]!;
    if (routing.kind === 'unknown') state.routeGap(subnet, routing.reason, destination.ip);
    else if (routing.kind === 'firewall' && event.judged && event.plan) {
      const firewallIndex = firewalls.indexOf(routing.firewall);
      const sender = state.senderOf(subnet);
      state.visit(
        endpoint,
        subnet,
        sender,
        destination,
        firewallIndex,
        routing.route,
        serviceIndex,
        event.plan,
        event.judged,
      );
    }
  }
  return true;
}

/** A place in walkEach's order where a flow leaves a trace. */
interface FlowEvent {
  readonly subnetIndex: number;
  readonly destinationIndex: number;
  /** -1 for a route that cannot be told (a gap, before any port). */
  readonly serviceIndex: number;
  readonly judged?: Judged;
  readonly plan?: DestinationPlan;
}

function destinationsOf(
  inv: Inventory,
  endpoint: PrivateEndpoint,
  fallbackIps: readonly string[],
  firewallCount: number,
): Destination[] {
  return endpointDnsExpectations(inv, endpoint).flatMap((expectation) =>
    expectation.names.flatMap((name) => {
      const services = servicePortsOf(expectation.targetType, expectation.groupId);
      const resolved = new Array<boolean>(firewallCount).fill(false);
      const ips = name.ips.length > 0 ? name.ips : fallbackIps;
      return ips.map((ip) => ({ fqdn: name.fqdn, ip, services, plans: [], resolved }));
    }),
  );
}
