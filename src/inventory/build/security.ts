// Network security groups with their custom and default rules, and the Virtual WAN resources:
// hubs, hub virtual network connections, hub route tables and routing intent.
// https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
// https://learn.microsoft.com/azure/virtual-wan/how-to-routing-policies
import { normalizeId, parentId } from '../../ids.js';
import { arr, flag, num, obj, propertiesOf, refId, refIds, str, strings } from '../../snapshot/json.js';
import type { JsonObject } from '../../snapshot/json.js';
import type { RawResource } from '../../snapshot/types.js';
import type {
  HubRoute,
  HubRouteTable,
  HubVirtualNetworkConnection,
  NetworkSecurityGroup,
  RoutingIntent,
  SecurityRule,
  VirtualHub,
} from '../security-types.js';
import { located } from './common.js';

/** Single and plural fields (`sourceAddressPrefix` and `sourceAddressPrefixes`) as one list. */
function both(props: JsonObject, single: string, plural: string): string[] {
  const one = str(props[single]);
  const many = strings(props[plural]);
  return one !== undefined && one !== '' && !many.includes(one) ? [one, ...many] : many;
}

function toSecurityRule(value: unknown, isDefault: boolean): SecurityRule {
  const props = propertiesOf(value);
  return {
    name: str(obj(value).name) ?? '',
    priority: num(props.priority),
    direction: str(props.direction) ?? '',
    access: str(props.access) ?? '',
    protocol: str(props.protocol) ?? '*',
    sourceAddresses: both(props, 'sourceAddressPrefix', 'sourceAddressPrefixes'),
    destinationAddresses: both(props, 'destinationAddressPrefix', 'destinationAddressPrefixes'),
    sourceAsgIds: refIds(props.sourceApplicationSecurityGroups),
    destinationAsgIds: refIds(props.destinationApplicationSecurityGroups),
    sourcePorts: both(props, 'sourcePortRange', 'sourcePortRanges'),
    destinationPorts: both(props, 'destinationPortRange', 'destinationPortRanges'),
    isDefault,
  };
}

const rule = (
  name: string,
  priority: number,
  direction: string,
  access: string,
  source: string,
  destination: string,
): SecurityRule => ({
  name,
  priority,
  direction,
  access,
  protocol: '*',
  sourceAddresses: [source],
  destinationAddresses: [destination],
  sourceAsgIds: [],
  destinationAsgIds: [],
  sourcePorts: ['*'],
  destinationPorts: ['*'],
  isDefault: true,
});

/** The rules Azure puts in every NSG; Resource Graph rows and some API versions leave them out. */
export const azureDefaultSecurityRules: readonly SecurityRule[] = [
  rule('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  rule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
  rule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
  rule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  rule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'),
  rule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
];

export function toNetworkSecurityGroup(resource: RawResource, key: string, props: JsonObject): NetworkSecurityGroup {
  const defaults = arr(props.defaultSecurityRules).map((value) => toSecurityRule(value, true));
  return {
    ...located(resource, key),
    rules: arr(props.securityRules).map((value) => toSecurityRule(value, false)),
    defaultRules: defaults.length > 0 ? defaults : azureDefaultSecurityRules,
  };
}

export function toVirtualHub(resource: RawResource, key: string, props: JsonObject): VirtualHub {
  return {
    ...located(resource, key),
    location: str(resource.location),
    addressPrefix: str(props.addressPrefix),
    virtualWanId: refId(props.virtualWan),
    firewallId: refId(props.azureFirewall),
    routerIps: strings(props.virtualRouterIps),
  };
}

export function toHubConnection(resource: RawResource, key: string, props: JsonObject): HubVirtualNetworkConnection {
  const routing = props.routingConfiguration === undefined ? undefined : obj(props.routingConfiguration);
  const propagated = routing?.propagatedRouteTables === undefined ? undefined : obj(routing.propagatedRouteTables);
  return {
    ...located(resource, key),
    hubKey: normalizeId(parentId(resource.id)),
    remoteVnetId: refId(props.remoteVirtualNetwork),
    enableInternetSecurity: flag(props.enableInternetSecurity),
    provisioningState: str(props.provisioningState),
    associatedRouteTableId: refId(routing?.associatedRouteTable),
    propagatedRouteTableIds: propagated && 'ids' in propagated ? refIds(propagated.ids) : undefined,
    propagatedLabels: propagated && 'labels' in propagated ? strings(propagated.labels) : undefined,
    staticRoutes: arr(obj(routing?.vnetRoutes).staticRoutes).map((value) => ({
      name: str(obj(value).name) ?? '',
      addressPrefixes: strings(obj(value).addressPrefixes),
      nextHopIp: str(obj(value).nextHopIpAddress),
    })),
  };
}

function toHubRoute(value: unknown): HubRoute {
  const route = obj(value);
  return {
    name: str(route.name) ?? '',
    destinationType: str(route.destinationType),
    destinations: strings(route.destinations),
    nextHopType: str(route.nextHopType),
    nextHop: str(route.nextHop),
  };
}

export function toHubRouteTable(resource: RawResource, key: string, props: JsonObject): HubRouteTable {
  return {
    ...located(resource, key),
    hubKey: normalizeId(parentId(resource.id)),
    routes: arr(props.routes).map(toHubRoute),
    labels: strings(props.labels),
  };
}

export function toRoutingIntent(resource: RawResource, key: string, props: JsonObject): RoutingIntent {
  return {
    ...located(resource, key),
    hubKey: normalizeId(parentId(resource.id)),
    policies: arr(props.routingPolicies).map((value) => ({
      name: str(obj(value).name) ?? '',
      destinations: strings(obj(value).destinations),
      nextHop: str(obj(value).nextHop),
    })),
  };
}
