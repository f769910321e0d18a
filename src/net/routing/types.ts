// What routing answers with: a subnet's effective routes, shaped as
// `az network nic show-effective-route-table` prints them, and the route one destination takes.
export type RouteSource = 'Default' | 'User' | 'VirtualNetworkGateway';
export type RouteState = 'Active' | 'Invalid';

/** Next hop types as `az network nic show-effective-route-table` prints them. */
export const nextHop = {
  vnetLocal: 'VnetLocal',
  peering: 'VNetPeering',
  globalPeering: 'VNetGlobalPeering',
  interfaceEndpoint: 'InterfaceEndpoint',
  serviceEndpoint: 'VirtualNetworkServiceEndpoint',
  internet: 'Internet',
  none: 'None',
  virtualAppliance: 'VirtualAppliance',
  gateway: 'VirtualNetworkGateway',
} as const;

export interface EffectiveRoute {
  readonly source: RouteSource;
  readonly state: RouteState;
  /**
   * A CIDR prefix, except for service endpoint routes and user routes to a service tag, which
   * carry the service's name: plaudit has no list of the public prefixes behind it.
   */
  readonly addressPrefix: string;
  readonly nextHopType: string;
  readonly nextHopIp?: string;
  /** The resource that put the route there: route, peering, VNet, private endpoint, subnet. */
  readonly origin?: string;
  /** A readable name for the origin (route name, peering name, endpoint name...). */
  readonly originName?: string;
  /** For user routes: the route table holding them. */
  readonly routeTableId?: string;
  /** Set on routes to a named service (service endpoint, service tag) rather than a prefix. */
  readonly service?: string;
  /** Regions a service endpoint applies to, as configured (empty: the VNet's region). */
  readonly serviceLocations?: readonly string[];
  /** Why the route is `Invalid`, or what is special about it. */
  readonly reason?: string;
}

export interface RouteTableView {
  readonly subnetId: string;
  readonly routes: readonly EffectiveRoute[];
  readonly assumptions: readonly string[];
  /** Set when part of the table cannot be known from the snapshot (no decision should rest on it). */
  readonly unknown?: string;
}

export interface RouteDecision {
  readonly destination: string;
  /** The route traffic takes; undefined when no route covers the destination or the table is unknown. */
  readonly winner: EffectiveRoute | undefined;
  /** Every route that covers the destination, active and invalid, the winner first. */
  readonly candidates: readonly EffectiveRoute[];
  /** Why the winner won (or why there is none). */
  readonly why: string;
  readonly assumptions: readonly string[];
  readonly unknown?: string;
}

/** Routes learned over BGP, for callers that know them (on-premises prefixes declared in config, tests). */
export interface LearnedRoute {
  readonly addressPrefix: string;
  readonly nextHopIp?: string;
  readonly origin?: string;
}

export interface RouteOptions {
  readonly learnedRoutes?: readonly LearnedRoute[];
}

/** Next hop type values are case-insensitive strings; this returns the spelling used above. */
export function canonicalNextHopType(value: string | undefined): string {
  const known = Object.values(nextHop).find((hop) => hop.toLowerCase() === (value ?? '').toLowerCase());
  return known ?? value ?? 'Unknown';
}

/**
 * The IP a route hands traffic to when an appliance can sit there: a user route's virtual
 * appliance, or the next hop a Virtual WAN hub programs (its firewall, or its router).
 */
export function applianceHopIp(route: EffectiveRoute | undefined): string | undefined {
  if (!route?.nextHopIp) return undefined;
  if (route.nextHopType === nextHop.virtualAppliance) return route.nextHopIp;
  return route.nextHopType === nextHop.gateway && route.source === 'VirtualNetworkGateway'
    ? route.nextHopIp
    : undefined;
}
