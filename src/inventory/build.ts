// Builds the inventory in one pass over the resources plus one pass to index the links between
// them, so the cost is linear in the number of resources.
import { isKnownPrivateLinkType } from '../net/privatelink-zones.js';
import { nameFromId, normalizeId, normalizeType, parentId, typeFromId } from '../ids.js';
import type { CloudName, RawResource, Snapshot } from '../snapshot/types.js';
import { Inventory, type InventoryData } from './inventory.js';
import type {
  AzureFirewall,
  DnsRecordSet,
  DnsResolver,
  DnsResolverInboundEndpoint,
  FirewallPolicy,
  IpGroup,
  NetworkAcls,
  NetworkInterface,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateEndpointConnection,
  PrivateLinkTarget,
  Route,
  RouteTable,
  RuleCollectionGroup,
  Subnet,
  VirtualMachine,
  VirtualNetwork,
  VirtualNetworkLink,
  VirtualNetworkPeering,
} from './types.js';

type Props = Record<string, unknown>;

export function buildInventory(snapshot: Snapshot, cloudOverride?: CloudName): Inventory {
  const data = emptyData(cloudOverride ?? snapshot.cloud ?? 'AzureCloud');
  const standaloneSubnets: RawResource[] = [];
  const standalonePeerings: RawResource[] = [];
  const standaloneRoutes: RawResource[] = [];

  for (const resource of snapshot.resources) {
    const key = normalizeId(resource.id);
    data.resources.set(key, resource);
    const type = normalizeType(resource.type);
    const props = (resource.properties ?? {}) as Props;
    switch (type) {
      case 'microsoft.network/virtualnetworks':
        addVnet(data, resource, key, props);
        break;
      case 'microsoft.network/virtualnetworks/subnets':
        standaloneSubnets.push(resource);
        break;
      case 'microsoft.network/virtualnetworks/virtualnetworkpeerings':
        standalonePeerings.push(resource);
        break;
      case 'microsoft.network/networkinterfaces':
        data.nics.set(key, toNic(resource, key, props));
        break;
      case 'microsoft.network/privateendpoints':
        data.privateEndpoints.set(key, toPrivateEndpoint(resource, key, props));
        break;
      case 'microsoft.network/privateendpoints/privatednszonegroups':
        data.zoneGroups.set(key, toZoneGroup(resource, key, props));
        break;
      case 'microsoft.network/privatednszones':
        data.zones.set(key, {
          ...located(resource, key),
          zoneName: resource.name.toLowerCase(),
        } satisfies PrivateDnsZone);
        break;
      case 'microsoft.network/privatednszones/virtualnetworklinks':
        data.links.set(key, toLink(resource, key, props));
        break;
      case 'microsoft.network/routetables':
        data.routeTables.set(key, toRouteTable(resource, key, props));
        for (const route of arr(props.routes)) {
          const child = asResource(route, 'Microsoft.Network/routeTables/routes');
          if (child.id) data.resources.set(normalizeId(child.id), child);
        }
        break;
      case 'microsoft.network/routetables/routes':
        standaloneRoutes.push(resource);
        break;
      case 'microsoft.network/azurefirewalls':
        data.firewalls.set(key, toFirewall(resource, key, props));
        break;
      case 'microsoft.network/firewallpolicies':
        data.firewallPolicies.set(key, toFirewallPolicy(resource, key, props));
        break;
      case 'microsoft.network/firewallpolicies/rulecollectiongroups':
        data.ruleCollectionGroups.set(key, {
          ...located(resource, key),
          policyKey: normalizeId(parentId(resource.id)),
          priority: num(props.priority),
        } satisfies RuleCollectionGroup);
        break;
      case 'microsoft.network/ipgroups':
        data.ipGroups.set(key, {
          ...located(resource, key),
          ipAddresses: strings(props.ipAddresses),
        } satisfies IpGroup);
        break;
      case 'microsoft.network/dnsresolvers':
        data.dnsResolvers.set(key, {
          ...located(resource, key),
          vnetId: refId(props.virtualNetwork),
        } satisfies DnsResolver);
        break;
      case 'microsoft.network/dnsresolvers/inboundendpoints':
        data.inboundEndpoints.set(key, toInboundEndpoint(resource, key, props));
        break;
      case 'microsoft.compute/virtualmachines':
        data.virtualMachines.set(key, toVirtualMachine(resource, key, props));
        break;
      default:
        if (type.startsWith('microsoft.network/privatednszones/')) {
          data.recordSets.set(key, toRecordSet(resource, key, type, props));
        } else if (isPrivateLinkTarget(type, props)) {
          data.targets.set(key, toTarget(resource, key, type, props));
        }
    }
  }

  // Standalone children (Resource Graph rows, ARM child GETs) override or extend embedded ones.
  for (const resource of standaloneSubnets) addSubnet(data, resource, normalizeId(parentId(resource.id)));
  for (const resource of standalonePeerings) addPeering(data, resource, normalizeId(parentId(resource.id)));
  for (const resource of standaloneRoutes) addStandaloneRoute(data, resource);

  return new Inventory(data);
}

// Services are judged by their network settings even when a list call left out their connections.
function isPrivateLinkTarget(type: string, props: Props): boolean {
  return (
    Array.isArray(props.privateEndpointConnections) ||
    'publicNetworkAccess' in props ||
    'networkAcls' in props ||
    'networkRuleSet' in props ||
    isKnownPrivateLinkType(type)
  );
}

function emptyData(cloud: CloudName): InventoryData {
  return {
    cloud,
    resources: new Map(),
    vnets: new Map(),
    subnets: new Map(),
    peerings: new Map(),
    nics: new Map(),
    privateEndpoints: new Map(),
    zoneGroups: new Map(),
    zones: new Map(),
    links: new Map(),
    recordSets: new Map(),
    routeTables: new Map(),
    firewalls: new Map(),
    firewallPolicies: new Map(),
    ruleCollectionGroups: new Map(),
    ipGroups: new Map(),
    dnsResolvers: new Map(),
    inboundEndpoints: new Map(),
    virtualMachines: new Map(),
    targets: new Map(),
  };
}

function located(resource: RawResource, key: string) {
  return { id: resource.id, key, name: resource.name, raw: resource };
}

function addVnet(data: InventoryData, resource: RawResource, key: string, props: Props): void {
  const vnet: VirtualNetwork = {
    ...located(resource, key),
    location: str(resource.location),
    addressPrefixes: strings(obj(props.addressSpace).addressPrefixes),
    dnsServers: strings(obj(props.dhcpOptions).dnsServers),
    subnets: [],
    peerings: [],
  };
  data.vnets.set(key, vnet);
  for (const subnet of arr(props.subnets))
    addSubnet(data, asResource(subnet, 'Microsoft.Network/virtualNetworks/subnets'), key, true);
  for (const peering of arr(props.virtualNetworkPeerings)) {
    addPeering(data, asResource(peering, 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings'), key, true);
  }
}

function addSubnet(data: InventoryData, resource: RawResource, vnetKey: string, embedded = false): void {
  const key = normalizeId(resource.id);
  const props = (resource.properties ?? {}) as Props;
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
  };
  data.resources.set(key, resource);
  data.subnets.set(key, subnet);
  const vnet = data.vnets.get(vnetKey);
  if (vnet && embedded) (vnet.subnets as Subnet[]).push(subnet);
  else if (vnet) replaceOrAppend(vnet.subnets as Subnet[], subnet);
}

function addPeering(data: InventoryData, resource: RawResource, vnetKey: string, embedded = false): void {
  const key = normalizeId(resource.id);
  const props = (resource.properties ?? {}) as Props;
  const peering: VirtualNetworkPeering = {
    ...located(resource, key),
    vnetKey,
    remoteVnetId: refId(props.remoteVirtualNetwork),
    peeringState: str(props.peeringState),
    allowForwardedTraffic: props.allowForwardedTraffic === true,
    allowGatewayTransit: props.allowGatewayTransit === true,
    useRemoteGateways: props.useRemoteGateways === true,
  };
  data.resources.set(key, resource);
  data.peerings.set(key, peering);
  const vnet = data.vnets.get(vnetKey);
  if (vnet && embedded) (vnet.peerings as VirtualNetworkPeering[]).push(peering);
  else if (vnet) replaceOrAppend(vnet.peerings as VirtualNetworkPeering[], peering);
}

/** A standalone child replaces the embedded copy of itself (rare: Resource Graph embeds them). */
function replaceOrAppend<T extends { key: string }>(children: T[], child: T): void {
  const existing = children.findIndex((candidate) => candidate.key === child.key);
  if (existing >= 0) children[existing] = child;
  else children.push(child);
}

function addStandaloneRoute(data: InventoryData, resource: RawResource): void {
  const table = data.routeTables.get(normalizeId(parentId(resource.id)));
  if (!table) return;
  const route = toRoute(resource);
  const routes = table.routes as Route[];
  const existing = routes.findIndex((candidate) => candidate.name.toLowerCase() === route.name.toLowerCase());
  if (existing >= 0) routes[existing] = route;
  else routes.push(route);
}

function toNic(resource: RawResource, key: string, props: Props): NetworkInterface {
  return {
    ...located(resource, key),
    ipConfigurations: arr(props.ipConfigurations).map((config) => {
      const configProps = obj(obj(config).properties);
      const linkProps = obj(configProps.privateLinkConnectionProperties);
      return {
        name: str(obj(config).name) ?? '',
        privateIp: str(configProps.privateIPAddress),
        subnetId: refId(configProps.subnet),
        groupId: str(linkProps.groupId),
        fqdns: strings(linkProps.fqdns),
      };
    }),
    privateEndpointId: refId(props.privateEndpoint),
    virtualMachineId: refId(props.virtualMachine),
    ipForwarding: props.enableIPForwarding === true,
    dnsServers: strings(obj(props.dnsSettings).dnsServers),
  };
}

function toConnections(value: unknown, manual: boolean): PrivateEndpointConnection[] {
  return arr(value).map((connection) => {
    const props = obj(obj(connection).properties);
    const state = obj(props.privateLinkServiceConnectionState);
    return {
      id: str(obj(connection).id),
      name: str(obj(connection).name),
      targetId: str(props.privateLinkServiceId),
      groupIds: strings(props.groupIds),
      status: str(state.status),
      description: str(state.description),
      manual,
    };
  });
}

function toPrivateEndpoint(resource: RawResource, key: string, props: Props): PrivateEndpoint {
  return {
    ...located(resource, key),
    location: str(resource.location),
    subnetId: refId(props.subnet),
    nicIds: arr(props.networkInterfaces)
      .map(refId)
      .filter((id): id is string => id !== undefined),
    connections: [
      ...toConnections(props.privateLinkServiceConnections, false),
      ...toConnections(props.manualPrivateLinkServiceConnections, true),
    ],
    customDnsConfigs: arr(props.customDnsConfigs).map((config) => ({
      fqdn: str(obj(config).fqdn) ?? '',
      ipAddresses: strings(obj(config).ipAddresses),
    })),
  };
}

function toZoneGroup(resource: RawResource, key: string, props: Props): PrivateDnsZoneGroup {
  return {
    ...located(resource, key),
    privateEndpointKey: normalizeId(parentId(resource.id)),
    configs: arr(props.privateDnsZoneConfigs).map((config) => {
      const configProps = obj(obj(config).properties);
      return {
        name: str(obj(config).name),
        zoneId: str(configProps.privateDnsZoneId),
        recordSets: arr(configProps.recordSets).map((recordSet) => ({
          recordType: str(obj(recordSet).recordType),
          recordSetName: str(obj(recordSet).recordSetName),
          fqdn: str(obj(recordSet).fqdn),
          ipAddresses: strings(obj(recordSet).ipAddresses),
        })),
      };
    }),
  };
}

function toLink(resource: RawResource, key: string, props: Props): VirtualNetworkLink {
  return {
    ...located(resource, key),
    zoneKey: normalizeId(parentId(resource.id)),
    vnetId: refId(props.virtualNetwork),
    registrationEnabled: props.registrationEnabled === true,
    resolutionPolicy: str(props.resolutionPolicy),
    linkState: str(props.virtualNetworkLinkState),
    provisioningState: str(props.provisioningState),
  };
}

function toRecordSet(resource: RawResource, key: string, type: string, props: Props): DnsRecordSet {
  return {
    ...located(resource, key),
    zoneKey: normalizeId(parentId(resource.id)),
    recordType: (type.split('/').pop() ?? typeFromId(resource.id) ?? '').toUpperCase(),
    relativeName: resource.name.toLowerCase(),
    aRecords: arr(props.aRecords)
      .map((record) => str(obj(record).ipv4Address))
      .filter((ip): ip is string => ip !== undefined),
    cname: str(obj(props.cnameRecord).cname),
    isAutoRegistered: props.isAutoRegistered === true,
  };
}

function toRoute(resource: unknown): Route {
  const props = obj(obj(resource).properties);
  return {
    id: str(obj(resource).id),
    name: str(obj(resource).name) ?? '',
    addressPrefix: str(props.addressPrefix),
    nextHopType: str(props.nextHopType),
    nextHopIpAddress: str(props.nextHopIpAddress),
  };
}

function toRouteTable(resource: RawResource, key: string, props: Props): RouteTable {
  return {
    ...located(resource, key),
    routes: arr(props.routes).map(toRoute),
    disableBgpRoutePropagation: props.disableBgpRoutePropagation === true,
  };
}

function toFirewall(resource: RawResource, key: string, props: Props): AzureFirewall {
  const configs = arr(props.ipConfigurations).map((config) => obj(obj(config).properties));
  const hubIps = obj(obj(props.hubIPAddresses).privateIPAddress ? props.hubIPAddresses : {});
  const additional = obj(props.additionalProperties);
  const proxySetting = str(additional['Network.DNS.EnableProxy']);
  const snatSetting = str(additional['Network.SNAT.PrivateRanges']);
  return {
    ...located(resource, key),
    privateIps: [...configs.map((config) => str(config.privateIPAddress)), str(hubIps.privateIPAddress)].filter(
      (ip): ip is string => ip !== undefined,
    ),
    subnetIds: configs.map((config) => refId(config.subnet)).filter((id): id is string => id !== undefined),
    policyId: refId(props.firewallPolicy),
    virtualHubId: refId(props.virtualHub),
    skuName: str(obj(props.sku).name),
    classicDnsProxy: proxySetting === undefined ? undefined : proxySetting.toLowerCase() === 'true',
    classicDnsServers: (str(additional['Network.DNS.Servers']) ?? '')
      .split(',')
      .map((server) => server.trim())
      .filter(Boolean),
    classicSnatPrivateRanges: snatSetting?.split(',').map((range) => range.trim()),
  };
}

function toFirewallPolicy(resource: RawResource, key: string, props: Props): FirewallPolicy {
  const dns = props.dnsSettings === undefined ? undefined : obj(props.dnsSettings);
  const snat = props.snat === undefined ? undefined : obj(props.snat);
  return {
    ...located(resource, key),
    basePolicyId: refId(props.basePolicy),
    dnsProxy: typeof dns?.enableProxy === 'boolean' ? dns.enableProxy : undefined,
    dnsServers: dns && Array.isArray(dns.servers) ? strings(dns.servers) : undefined,
    requireProxyForNetworkRules:
      typeof dns?.requireProxyForNetworkRules === 'boolean' ? dns.requireProxyForNetworkRules : undefined,
    snatPrivateRanges: snat && Array.isArray(snat.privateRanges) ? strings(snat.privateRanges) : undefined,
  };
}

function toInboundEndpoint(resource: RawResource, key: string, props: Props): DnsResolverInboundEndpoint {
  const configs = arr(props.ipConfigurations).map(obj);
  return {
    ...located(resource, key),
    resolverKey: normalizeId(parentId(resource.id)),
    privateIps: configs.map((config) => str(config.privateIpAddress)).filter((ip): ip is string => ip !== undefined),
    subnetId: configs.map((config) => refId(config.subnet)).find((id) => id !== undefined),
  };
}

function toVirtualMachine(resource: RawResource, key: string, props: Props): VirtualMachine {
  return {
    ...located(resource, key),
    nicIds: arr(obj(props.networkProfile).networkInterfaces)
      .map(refId)
      .filter((id): id is string => id !== undefined),
  };
}

function toTarget(resource: RawResource, key: string, type: string, props: Props): PrivateLinkTarget {
  return {
    ...located(resource, key),
    type,
    location: str(resource.location),
    publicNetworkAccess: str(props.publicNetworkAccess),
    networkAcls: toNetworkAcls(props.networkAcls ?? props.networkRuleSet),
    // The service side lists the endpoint, not the target: record the endpoint id in targetId's place.
    connections: arr(props.privateEndpointConnections).map((connection) => {
      const connectionProps = obj(obj(connection).properties);
      const state = obj(connectionProps.privateLinkServiceConnectionState);
      return {
        id: str(obj(connection).id),
        name: str(obj(connection).name),
        targetId: refId(connectionProps.privateEndpoint),
        groupIds: strings(connectionProps.groupIds),
        status: str(state.status),
        description: str(state.description),
        manual: false,
      };
    }),
  };
}

function toNetworkAcls(value: unknown): NetworkAcls | undefined {
  if (value === undefined || value === null) return undefined;
  const acls = obj(value);
  return {
    defaultAction: str(acls.defaultAction),
    ipRules: arr(acls.ipRules)
      .map((rule) => str(obj(rule).value) ?? str(obj(rule).ipAddressOrRange))
      .filter((rule): rule is string => rule !== undefined),
    virtualNetworkSubnetIds: arr(acls.virtualNetworkRules)
      .map((rule) => str(obj(rule).id) ?? str(obj(rule).subnetId))
      .filter((id): id is string => id !== undefined),
  };
}

/** Embedded children carry id, name and properties but often no type. */
function asResource(value: unknown, type: string): RawResource {
  const child = obj(value);
  const id = str(child.id) ?? '';
  return { ...child, id, type: str(child.type) ?? type, name: str(child.name) ?? nameFromId(id) } as RawResource;
}

function obj(value: unknown): Props {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Props) : {};
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function strings(value: unknown): string[] {
  return arr(value).filter((item): item is string => typeof item === 'string');
}

function refId(value: unknown): string | undefined {
  return str(obj(value).id);
}
