// Effective routes of a subnet, computed from configuration the way Azure programs them into the
// subnet's NICs (azure-reference §2, §7, §8): VNet and peering system routes, private endpoint /32
// routes, service endpoint routes, the default routes, and the subnet's user-defined routes, then
// longest-prefix match with User > BGP > system on equal prefixes. What configuration cannot tell
// (BGP, appliance tables, AVNM connected groups) is returned as named assumptions; a route table
// that was not read makes the result unknown instead of a guess. IPv4 only.
// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview
export { describeRoute } from './describe.js';
export { effectiveRoutes, routeTo, routeToService } from './lookup.js';
export {
  endpointRangeOf,
  rangeRouteFrom,
  routeWinnersTo,
  routeWinnerTo,
  uniformRouteWinners,
  type RangeRoute,
} from './range-winner.js';
export { describeOwner, nextHopIpStatus, type NextHopIpStatus, type NextHopOwner } from './next-hops.js';
export { endpointSpace, steeringAdvice } from './route-advice.js';
export {
  applianceHopIp,
  canonicalNextHopType,
  nextHop,
  type EffectiveRoute,
  type LearnedRoute,
  type RouteDecision,
  type RouteOptions,
  type RouteSource,
  type RouteState,
  type RouteTableView,
} from './types.js';
