// The routes a subnet holds and the one a packet takes: longest-prefix match over the subnet's view
// and the private endpoint /32s that reach it, with what plaudit assumed along the way. IPv4 only.
// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview
import type { Inventory } from '../../inventory/inventory.js';
import type { Subnet } from '../../inventory/types.js';
import { isIpv6, isPublicIpv4, parseIpv4, prefixContains } from '../cidr.js';
import { endpointRoute, endpointsSeenFrom } from './endpoint-routes.js';
import { routingIndex, type EndpointEntry } from './inventory-index.js';
import { orderCandidates, select, type Compiled } from './precedence.js';
import { regionKey } from './region.js';
import { nextHop, type EffectiveRoute, type RouteDecision, type RouteOptions, type RouteTableView } from './types.js';
import { viewOf, type View } from './view.js';

/** The subnet's whole effective route table (private endpoint /32s included). */
export function effectiveRoutes(inv: Inventory, subnet: Subnet, options: RouteOptions = {}): RouteTableView {
  const view = viewOf(inv, subnet, options);
  const index = routingIndex(inv);
  const endpointRoutes: EffectiveRoute[] = [];
  for (const vnetKey of view.endpointVnets) {
    for (const entry of index.endpointsByVnet.get(vnetKey) ?? []) endpointRoutes.push(endpointRoute(view, entry));
  }
  return {
    subnetId: subnet.id,
    routes: [
      ...view.systemRoutes.map((c) => c.route),
      ...endpointRoutes,
      ...view.serviceRoutes.map((c) => c.route),
      ...view.otherRoutes.map((c) => c.route),
    ],
    assumptions: view.assumptions,
    ...(view.unknown ? { unknown: view.unknown } : {}),
  };
}

/** The route a packet from the subnet to `ip` takes, the routes it was chosen from, and why. */
export function routeTo(inv: Inventory, subnet: Subnet, ip: string, options: RouteOptions = {}): RouteDecision {
  const view = viewOf(inv, subnet, options);
  const address = parseIpv4(ip);
  if (address === undefined) {
    const unknown = isIpv6(ip)
      ? `${ip} is an IPv6 address; plaudit models IPv4 routes only.`
      : `${ip} is not an IPv4 address.`;
    return { destination: ip, winner: undefined, candidates: [], why: unknown, assumptions: view.assumptions, unknown };
  }
  const endpoints = endpointsSeenFrom(view, routingIndex(inv).endpointsByAddress.get(address));
  return new Decision(view, ip, address, endpoints);
}

/**
 * The route traffic from the subnet to a service's public addresses takes: the service endpoint
 * route when the subnet has one for that service and region (it beats every user and BGP route),
 * otherwise the route for public destinations (the active 0.0.0.0/0).
 */
export function routeToService(
  inv: Inventory,
  subnet: Subnet,
  services: readonly string[],
  location?: string,
): RouteDecision {
  const view = viewOf(inv, subnet, {});
  const wanted = new Set(services.map((service) => service.toLowerCase()));
  const destination = services.join(', ');
  const serviceRoutes = view.serviceRoutes.filter(
    (c) => wanted.has((c.route.service ?? '').toLowerCase()) && appliesTo(c.route, location),
  );
  const defaults = view.prefixRoutes.filter((c) => c.prefix!.length === 0);
  const fallback = select(defaults).winner;
  const winner = serviceRoutes[0] ?? fallback;
  const candidates = orderCandidates([...serviceRoutes, ...defaults], winner);
  const assumptions = [
    ...view.assumptions,
    `User routes for specific public prefixes or service tags that hold the addresses of ${destination} are not matched.`,
  ];
  if (view.unknown) {
    return { destination, winner: undefined, candidates, why: view.unknown, assumptions, unknown: view.unknown };
  }
  const why = serviceRoutes[0]
    ? `Subnet ${subnet.name} has the ${serviceRoutes[0].route.service} service endpoint, whose route beats user and BGP routes.`
    : winner
      ? `Subnet ${subnet.name} has no service endpoint for ${destination}; public addresses follow ${winner.route.addressPrefix}.`
      : 'No active route covers public addresses.';
  return { destination, winner: winner?.route, candidates, why, assumptions };
}

// Checks ask for millions of (subnet, endpoint IP) pairs and mostly read only the winner: it is
// found directly when no BGP route is in play, and the candidate table and explanations are worked
// out only when read.
class Decision implements RouteDecision {
  readonly destination: string;
  readonly winner: EffectiveRoute | undefined;
  readonly unknown?: string;
  readonly #view: View;
  readonly #address: number;
  readonly #endpoints: readonly EndpointEntry[];
  #details: Details | undefined;

  constructor(view: View, ip: string, address: number, endpoints: readonly EndpointEntry[]) {
    this.destination = ip;
    this.#view = view;
    this.#address = address;
    this.#endpoints = endpoints;
    if (view.unknown) this.unknown = view.unknown;
    this.winner = view.unknown
      ? undefined
      : view.hasBgp
        ? this.#explain().winner
        : fastWinner(view, address, endpoints);
  }

  get candidates(): readonly EffectiveRoute[] {
    return this.#explain().candidates;
  }

  get why(): string {
    return this.unknown ?? this.#explain().why;
  }

  get assumptions(): readonly string[] {
    return this.#explain().assumptions;
  }

  #explain(): Details {
    return (this.#details ??= explainRoute(this.#view, this.destination, this.#address, this.#endpoints));
  }
}

interface Details {
  readonly winner: EffectiveRoute | undefined;
  readonly candidates: readonly EffectiveRoute[];
  readonly why: string;
  readonly assumptions: readonly string[];
}

function explainRoute(view: View, ip: string, address: number, endpoints: readonly EndpointEntry[]): Details {
  const candidates: Compiled[] = view.prefixRoutes.filter((compiled) => prefixContains(compiled.prefix!, address));
  const extra: string[] = [];
  for (const entry of endpoints) {
    candidates.push({ route: endpointRoute(view, entry), prefix: entry.prefix });
    if (!entry.subnet) {
      extra.push(
        `The subnet of private endpoint ${entry.endpoint.name} was not read; its privateEndpointNetworkPolicies are assumed to be the default, Disabled.`,
      );
    }
  }
  const { winner, setAsideBgp } = select(candidates);
  extra.push(...destinationAssumptions(view, ip, winner));
  const why = winner
    ? `${winner.route.addressPrefix} is the longest active prefix that covers ${ip}${
        setAsideBgp ? ' (routes for the VNet, its peerings and service endpoints beat BGP routes)' : ''
      }.`
    : `No active route covers ${ip}.`;
  return {
    winner: winner?.route,
    candidates: orderCandidates(candidates, winner),
    why,
    assumptions: extra.length > 0 ? [...view.assumptions, ...extra] : view.assumptions,
  };
}

/** What the route to one destination leaves open: the appliance's own forwarding, service routes. */
function destinationAssumptions(view: View, ip: string, winner: Compiled | undefined): string[] {
  const assumptions: string[] = [];
  if (winner?.route.nextHopType === nextHop.virtualAppliance) {
    assumptions.push(
      `Where the appliance at ${winner.route.nextHopIp ?? '(no IP)'} forwards the traffic depends on its own configuration, which plaudit does not read.`,
    );
  }
  if (view.serviceRoutes.length > 0 && isPublicIpv4(ip)) {
    assumptions.push(
      `If ${ip} belongs to ${view.serviceRoutes.map((c) => c.route.service).join(', ')}, the service endpoint route wins over every user and BGP route.`,
    );
  }
  if (view.serviceTagRoutes.length > 0 && isPublicIpv4(ip)) {
    assumptions.push(
      `User routes to service tags (${view.serviceTagRoutes.map((c) => c.route.addressPrefix).join(', ')}) are not matched: plaudit does not know their prefixes.`,
    );
  }
  return assumptions;
}

/**
 * The winner without BGP routes: an active endpoint /32, else the first active route containing
 * the address in (longest prefix, User before system) order, which is what `select` picks.
 */
function fastWinner(view: View, address: number, endpoints: readonly EndpointEntry[]): EffectiveRoute | undefined {
  for (const entry of endpoints) {
    const route = endpointRoute(view, entry);
    if (route.state === 'Active') return route;
  }
  for (const compiled of view.rankedRoutes) {
    if (compiled.route.state === 'Active' && prefixContains(compiled.prefix!, address)) return compiled.route;
  }
  return undefined;
}

function appliesTo(route: EffectiveRoute, location: string | undefined): boolean {
  const locations = (route.serviceLocations ?? []).map(regionKey);
  if (route.service?.toLowerCase().endsWith('.global')) return true;
  return (
    location === undefined ||
    locations.length === 0 ||
    locations.includes('*') ||
    locations.includes(regionKey(location))
  );
}
