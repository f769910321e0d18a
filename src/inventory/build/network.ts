// VNets with their subnets and peerings, NICs, route tables, and the other devices that hold
// private IPs (load balancers, gateways, hubs, NVAs).
import { normalizeId, parentId } from '../../ids.js';
import {
  arr,
  flag,
  obj,
  optionalFlag,
  optionalStrings,
  propertiesOf,
  refId,
  refIds,
  str,
  strings,
} from '../../snapshot/json.js';
import type { JsonObject } from '../../snapshot/json.js';
import type { RawResource } from '../../snapshot/types.js';
import type { InventoryData } from '../inventory.js';
import type {
  NetworkDevice,
  NetworkDeviceKind,
  NetworkInterface,
  Route,
  RouteTable,
  Subnet,
  VirtualNetwork,
  VirtualNetworkPeering,
} from '../types.js';
import { asResource, located, replaceOrAppend } from './common.js';

export function addVnet(data: InventoryData, resource: RawResource, key: string, props: JsonObject): void {
  const vnet: VirtualNetwork = {
    ...located(resource, key),
    location: str(resource.location),
    addressPrefixes: strings(obj(props.addressSpace).addressPrefixes),
    dnsServers: strings(obj(props.dhcpOptions).dnsServers),
    subnets: [],
    peerings: [],
    privateEndpointVNetPolicies: str(props.privateEndpointVNetPolicies),
  };
  data.vnets.set(key, vnet);
  for (const subnet of arr(props.subnets))
    addSubnet(data, asResource(subnet, 'Microsoft.Network/virtualNetworks/subnets'), key, true);
  for (const peering of arr(props.virtualNetworkPeerings)) {
    addPeering(data, asResource(peering, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings'), key, true);
  }
}

export function addSubnet(data: InventoryData, resource: RawResource, vnetKey: string, embedded = false): void {
  const key = normalizeId(resource.id);
  const props = propertiesOf(resource);
  const prefixes = strings(props.addressPrefixes);
  const single = str(props.addressPrefix);
  const subnet: Subnet = {
    ...located(resource, key),
    vnetKey,
    addressPrefixes: single && !prefixes.includes(single) ? [single, ...prefixes] : prefixes,
    routeTableId: refId(props.routeTable),
    serviceEndpoints: arr(props.serviceEndpoints).map((endpoint) => ({
      service: str(obj(endpoint).service) ?? '',
      locations: strings(obj(endpoint).locations),
    })),
    privateEndpointNetworkPolicies: str(props.privateEndpointNetworkPolicies) ?? 'Disabled',
    delegations: arr(props.delegations)
      .map((delegation) => str(propertiesOf(delegation).serviceName) ?? str(obj(delegation).serviceName))
      .filter((service): service is string => service !== undefined),
    ipConfigurationIds: Array.isArray(props.ipConfigurations)
      ? [...refIds(props.ipConfigurations), ...refIds(props.applicationGatewayIPConfigurations)]
      : props.applicationGatewayIPConfigurations === undefined
        ? undefined
        : refIds(props.applicationGatewayIPConfigurations),
    privateEndpointIds: refIds(props.privateEndpoints),
    serviceAssociationLinks: arr(props.serviceAssociationLinks).map((link) => ({
      linkedResourceType: str(propertiesOf(link).linkedResourceType) ?? '',
      link: str(propertiesOf(link).link),
    })),
    networkSecurityGroupId: refId(props.networkSecurityGroup),
  };
  data.resources.set(key, resource);
  data.subnets.set(key, subnet);
  attachChild(data.vnets.get(vnetKey)?.subnets, subnet, embedded);
}

export function addPeering(data: InventoryData, resource: RawResource, vnetKey: string, embedded = false): void {
  const key = normalizeId(resource.id);
  const props = propertiesOf(resource);
  const peering: VirtualNetworkPeering = {
    ...located(resource, key),
    vnetKey,
    remoteVnetId: refId(props.remoteVirtualNetwork),
    peeringState: str(props.peeringState),
    allowForwardedTraffic: flag(props.allowForwardedTraffic),
    allowGatewayTransit: flag(props.allowGatewayTransit),
    useRemoteGateways: flag(props.useRemoteGateways),
    remoteAddressPrefixes: addressPrefixesOf(props.remoteAddressSpace),
    remoteVirtualNetworkAddressPrefixes: addressPrefixesOf(props.remoteVirtualNetworkAddressSpace),
    peerCompleteVnets: optionalFlag(props.peerCompleteVnets),
    localSubnetNames: optionalStrings(props.localSubnetNames),
    remoteSubnetNames: optionalStrings(props.remoteSubnetNames),
  };
  data.resources.set(key, resource);
  data.peerings.set(key, peering);
  attachChild(data.vnets.get(vnetKey)?.peerings, peering, embedded);
}

// Embedded children arrive in their VNet's order; a standalone row replaces its embedded copy.
function attachChild<T extends { key: string }>(children: readonly T[] | undefined, child: T, embedded: boolean) {
  if (!children) return;
  if (embedded) (children as T[]).push(child);
  else replaceOrAppend(children as T[], child, (a, b) => a.key === b.key);
}

/** A non-empty address space, or undefined. */
function addressPrefixesOf(value: unknown): readonly string[] | undefined {
  const prefixes = strings(obj(value).addressPrefixes);
  return prefixes.length > 0 ? prefixes : undefined;
}

export function toNic(resource: RawResource, key: string, props: JsonObject): NetworkInterface {
  return {
    ...located(resource, key),
    ipConfigurations: arr(props.ipConfigurations).map((config) => {
      const configProps = propertiesOf(config);
      const linkProps = obj(configProps.privateLinkConnectionProperties);
      return {
        name: str(obj(config).name) ?? '',
        privateIp: str(configProps.privateIPAddress),
        subnetId: refId(configProps.subnet),
        groupId: str(linkProps.groupId),
        fqdns: strings(linkProps.fqdns),
        applicationSecurityGroupIds: refIds(configProps.applicationSecurityGroups),
      };
    }),
    privateEndpointId: refId(props.privateEndpoint),
    virtualMachineId: refId(props.virtualMachine),
    ipForwarding: flag(props.enableIPForwarding),
    dnsServers: strings(obj(props.dnsSettings).dnsServers),
    networkSecurityGroupId: refId(props.networkSecurityGroup),
  };
}

function toRoute(resource: unknown): Route {
  const props = propertiesOf(resource);
  return {
    id: str(obj(resource).id),
    name: str(obj(resource).name) ?? '',
    addressPrefix: str(props.addressPrefix),
    nextHopType: str(props.nextHopType),
    nextHopIpAddress: str(props.nextHopIpAddress),
  };
}

export function addRouteTable(data: InventoryData, resource: RawResource, key: string, props: JsonObject): void {
  const table: RouteTable = {
    ...located(resource, key),
    routes: arr(props.routes).map(toRoute),
    disableBgpRoutePropagation: flag(props.disableBgpRoutePropagation),
  };
  data.routeTables.set(key, table);
  for (const route of arr(props.routes)) {
    const child = asResource(route, 'Microsoft.Network/routeTables/routes');
    if (child.id) data.resources.set(normalizeId(child.id), child);
  }
}

export function addStandaloneRoute(data: InventoryData, resource: RawResource): void {
  const table = data.routeTables.get(normalizeId(parentId(resource.id)));
  if (!table) return;
  replaceOrAppend(table.routes as Route[], toRoute(resource), (a, b) => a.name.toLowerCase() === b.name.toLowerCase());
}

const configIps = (configs: unknown) =>
  arr(configs).flatMap((config) => strings([propertiesOf(config).privateIPAddress]));
const configSubnets = (configs: unknown) => refIds(arr(configs).map((config) => propertiesOf(config).subnet));

/** How each device type lists its private IPs and subnets. */
const deviceReaders: Readonly<
  Record<string, { kind: NetworkDeviceKind; ips: (p: JsonObject) => string[]; subnets: (p: JsonObject) => string[] }>
> = {
  'microsoft.network/loadbalancers': {
    kind: 'loadBalancer',
    ips: (p) => configIps(p.frontendIPConfigurations),
    subnets: (p) => configSubnets(p.frontendIPConfigurations),
  },
  'microsoft.network/applicationgateways': {
    kind: 'applicationGateway',
    ips: (p) => configIps(p.frontendIPConfigurations),
    subnets: (p) => configSubnets(p.gatewayIPConfigurations),
  },
  'microsoft.network/virtualnetworkgateways': {
    kind: 'virtualNetworkGateway',
    ips: (p) => configIps(p.ipConfigurations),
    subnets: (p) => configSubnets(p.ipConfigurations),
  },
  'microsoft.network/virtualhubs': {
    kind: 'virtualHub',
    ips: (p) => strings(p.virtualRouterIps),
    subnets: () => [],
  },
  // A route server's configuration is itself the IP configuration.
  'microsoft.network/virtualhubs/ipconfigurations': {
    kind: 'virtualHubIpConfiguration',
    ips: () => [],
    subnets: (p) => refIds([p.subnet]),
  },
  'microsoft.network/networkvirtualappliances': {
    kind: 'networkVirtualAppliance',
    ips: (p) => arr(p.virtualApplianceNics).flatMap((nic) => strings([obj(nic).privateIpAddress])),
    subnets: () => [],
  },
};

export function toNetworkDevice(resource: RawResource, key: string, type: string): NetworkDevice | undefined {
  const reader = deviceReaders[type];
  if (!reader) return undefined;
  const props = propertiesOf(resource);
  return {
    ...located(resource, key),
    kind: reader.kind,
    privateIps: reader.ips(props).filter((ip) => ip !== ''),
    subnetIds: reader.subnets(props),
  };
}
