import { nameFromId } from '../../ids.js';
import { nextHop, type EffectiveRoute } from './types.js';

/** A short description of a route for messages: `user route x (10.2.0.0/16 to VirtualAppliance 10.0.0.4) in rt-app`. */
export function describeRoute(route: EffectiveRoute): string {
  const hop = route.nextHopIp ? `${route.nextHopType} ${route.nextHopIp}` : route.nextHopType;
  if (route.source === 'User') {
    const name = route.originName ? ` ${route.originName}` : '';
    const table = route.routeTableId ? ` in route table ${nameFromId(route.routeTableId)}` : '';
    return `user route${name} (${route.addressPrefix} to ${hop})${table}`;
  }
  if (route.source === 'VirtualNetworkGateway' && route.reason?.startsWith('Programmed by the Virtual WAN hub')) {
    return `Virtual WAN hub route ${route.addressPrefix} to ${hop}${route.originName ? ` (${route.originName})` : ''}`;
  }
  const kind = route.source === 'Default' ? 'system' : 'BGP';
  const origin =
    route.nextHopType === nextHop.interfaceEndpoint && route.originName
      ? ` of private endpoint ${route.originName}`
      : (route.nextHopType === nextHop.peering || route.nextHopType === nextHop.globalPeering) && route.originName
        ? ` of peering ${route.originName}`
        : '';
  return `${kind} route ${route.addressPrefix} to ${hop}${origin}`;
}
