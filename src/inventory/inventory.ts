import { normalizeId, normalizeType } from '../ids.js';
import type { CloudName, RawResource } from '../snapshot/types.js';
import type {
  AzureFirewall,
  DnsRecordSet,
  DnsResolver,
  DnsResolverInboundEndpoint,
  FirewallPolicy,
  IpGroup,
  IpOwner,
  NetworkInterface,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateLinkTarget,
  RouteTable,
  RuleCollectionGroup,
  Subnet,
  VirtualMachine,
  VirtualNetwork,
  VirtualNetworkLink,
  VirtualNetworkPeering,
} from './types.js';

export interface InventoryData {
  cloud: CloudName;
  resources: Map<string, RawResource>;
  vnets: Map<string, VirtualNetwork>;
  subnets: Map<string, Subnet>;
  peerings: Map<string, VirtualNetworkPeering>;
  nics: Map<string, NetworkInterface>;
  privateEndpoints: Map<string, PrivateEndpoint>;
  zoneGroups: Map<string, PrivateDnsZoneGroup>;
  zones: Map<string, PrivateDnsZone>;
  links: Map<string, VirtualNetworkLink>;
  recordSets: Map<string, DnsRecordSet>;
  routeTables: Map<string, RouteTable>;
  firewalls: Map<string, AzureFirewall>;
  firewallPolicies: Map<string, FirewallPolicy>;
  ruleCollectionGroups: Map<string, RuleCollectionGroup>;
  ipGroups: Map<string, IpGroup>;
  dnsResolvers: Map<string, DnsResolver>;
  inboundEndpoints: Map<string, DnsResolverInboundEndpoint>;
  virtualMachines: Map<string, VirtualMachine>;
  targets: Map<string, PrivateLinkTarget>;
}

// Subnets whose NICs are infrastructure, not workloads that consume private endpoints.
const infrastructureSubnets = new Set([
  'azurefirewallsubnet',
  'azurefirewallmanagementsubnet',
  'gatewaysubnet',
  'azurebastionsubnet',
  'routeserversubnet',
]);

/** The estate as typed entities with indexes by normalized id, private IP, zone name and VNet. */
export class Inventory {
  readonly cloud: CloudName;
  readonly resources: ReadonlyMap<string, RawResource>;
  readonly vnets: ReadonlyMap<string, VirtualNetwork>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly peerings: ReadonlyMap<string, VirtualNetworkPeering>;
  readonly nics: ReadonlyMap<string, NetworkInterface>;
  readonly privateEndpoints: ReadonlyMap<string, PrivateEndpoint>;
  readonly zoneGroups: ReadonlyMap<string, PrivateDnsZoneGroup>;
  readonly zones: ReadonlyMap<string, PrivateDnsZone>;
  readonly links: ReadonlyMap<string, VirtualNetworkLink>;
  readonly recordSets: ReadonlyMap<string, DnsRecordSet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly firewalls: ReadonlyMap<string, AzureFirewall>;
  readonly firewallPolicies: ReadonlyMap<string, FirewallPolicy>;
  readonly ruleCollectionGroups: ReadonlyMap<string, RuleCollectionGroup>;
  readonly ipGroups: ReadonlyMap<string, IpGroup>;
  readonly dnsResolvers: ReadonlyMap<string, DnsResolver>;
  readonly inboundEndpoints: ReadonlyMap<string, DnsResolverInboundEndpoint>;
  readonly virtualMachines: ReadonlyMap<string, VirtualMachine>;
  readonly targets: ReadonlyMap<string, PrivateLinkTarget>;

  private readonly zonesByName = new Map<string, PrivateDnsZone[]>();
  private readonly linksByZone = new Map<string, VirtualNetworkLink[]>();
  private readonly linksByVnet = new Map<string, VirtualNetworkLink[]>();
  private readonly recordSetsByZone = new Map<string, DnsRecordSet[]>();
  private readonly recordSetsByName = new Map<string, DnsRecordSet>();
  private readonly zoneGroupsByEndpoint = new Map<string, PrivateDnsZoneGroup[]>();
  private readonly nicsBySubnet = new Map<string, NetworkInterface[]>();
  private readonly ipOwners = new Map<string, IpOwner[]>();
  private readonly endpointsByTarget = new Map<string, PrivateEndpoint[]>();
  private readonly groupsByPolicy = new Map<string, RuleCollectionGroup[]>();
  private readonly firewallsByVnet = new Map<string, AzureFirewall[]>();
  private readonly peeringsByRemote = new Map<string, VirtualNetworkPeering[]>();
  private readonly nameIndex = new Map<string, RawResource[]>();

  constructor(data: InventoryData) {
    this.cloud = data.cloud;
    this.resources = data.resources;
    this.vnets = data.vnets;
    this.subnets = data.subnets;
    this.peerings = data.peerings;
    this.nics = data.nics;
    this.privateEndpoints = data.privateEndpoints;
    this.zoneGroups = data.zoneGroups;
    this.zones = data.zones;
    this.links = data.links;
    this.recordSets = data.recordSets;
    this.routeTables = data.routeTables;
    this.firewalls = data.firewalls;
    this.firewallPolicies = data.firewallPolicies;
    this.ruleCollectionGroups = data.ruleCollectionGroups;
    this.ipGroups = data.ipGroups;
    this.dnsResolvers = data.dnsResolvers;
    this.inboundEndpoints = data.inboundEndpoints;
    this.virtualMachines = data.virtualMachines;
    this.targets = data.targets;

    for (const zone of data.zones.values()) push(this.zonesByName, zone.zoneName, zone);
    for (const link of data.links.values()) {
      push(this.linksByZone, link.zoneKey, link);
      if (link.vnetId) push(this.linksByVnet, normalizeId(link.vnetId), link);
    }
    for (const recordSet of data.recordSets.values()) {
      push(this.recordSetsByZone, recordSet.zoneKey, recordSet);
      this.recordSetsByName.set(recordKey(recordSet.zoneKey, recordSet.recordType, recordSet.relativeName), recordSet);
    }
    for (const group of data.zoneGroups.values()) push(this.zoneGroupsByEndpoint, group.privateEndpointKey, group);
    for (const nic of data.nics.values()) {
      for (const config of nic.ipConfigurations) {
        const subnetKey = config.subnetId ? normalizeId(config.subnetId) : undefined;
        if (subnetKey) push(this.nicsBySubnet, subnetKey, nic);
        if (config.privateIp) {
          push(this.ipOwners, config.privateIp, {
            kind: 'nic',
            nic,
            vnetKey: subnetKey && this.vnetKeyOfSubnet(subnetKey),
          });
        }
      }
    }
    for (const firewall of data.firewalls.values()) {
      const vnetKey = firewall.subnetIds.map((id) => this.vnetKeyOfSubnet(normalizeId(id))).find(Boolean);
      if (vnetKey) push(this.firewallsByVnet, vnetKey, firewall);
      for (const ip of firewall.privateIps) push(this.ipOwners, ip, { kind: 'firewall', firewall, vnetKey });
    }
    for (const endpoint of data.inboundEndpoints.values()) {
      const resolver = data.dnsResolvers.get(endpoint.resolverKey);
      const vnetKey =
        (resolver?.vnetId && normalizeId(resolver.vnetId)) ||
        (endpoint.subnetId ? this.vnetKeyOfSubnet(normalizeId(endpoint.subnetId)) : undefined);
      for (const ip of endpoint.privateIps) push(this.ipOwners, ip, { kind: 'inboundEndpoint', endpoint, vnetKey });
    }
    for (const endpoint of data.privateEndpoints.values()) {
      const targets = new Set(endpoint.connections.map((c) => c.targetId && normalizeId(c.targetId)).filter(Boolean));
      for (const target of targets) push(this.endpointsByTarget, target as string, endpoint);
    }
    for (const group of data.ruleCollectionGroups.values()) push(this.groupsByPolicy, group.policyKey, group);
    for (const peering of data.peerings.values()) {
      if (peering.remoteVnetId) push(this.peeringsByRemote, normalizeId(peering.remoteVnetId), peering);
    }
    for (const resource of data.resources.values()) push(this.nameIndex, resource.name.toLowerCase(), resource);
  }

  /** Whether a resource with this id was read (embedded subnets and peerings included). */
  has(id: string | undefined): boolean {
    return id !== undefined && this.resources.has(normalizeId(id));
  }

  resource(id: string | undefined): RawResource | undefined {
    return id === undefined ? undefined : this.resources.get(normalizeId(id));
  }

  resourcesNamed(name: string, type?: string): readonly RawResource[] {
    const all = this.nameIndex.get(name.toLowerCase()) ?? [];
    return type ? all.filter((resource) => normalizeType(resource.type) === normalizeType(type)) : all;
  }

  vnet(id: string | undefined): VirtualNetwork | undefined {
    return id === undefined ? undefined : this.vnets.get(normalizeId(id));
  }

  subnet(id: string | undefined): Subnet | undefined {
    return id === undefined ? undefined : this.subnets.get(normalizeId(id));
  }

  nic(id: string | undefined): NetworkInterface | undefined {
    return id === undefined ? undefined : this.nics.get(normalizeId(id));
  }

  zone(id: string | undefined): PrivateDnsZone | undefined {
    return id === undefined ? undefined : this.zones.get(normalizeId(id));
  }

  target(id: string | undefined): PrivateLinkTarget | undefined {
    return id === undefined ? undefined : this.targets.get(normalizeId(id));
  }

  routeTable(id: string | undefined): RouteTable | undefined {
    return id === undefined ? undefined : this.routeTables.get(normalizeId(id));
  }

  firewallPolicy(id: string | undefined): FirewallPolicy | undefined {
    return id === undefined ? undefined : this.firewallPolicies.get(normalizeId(id));
  }

  /** The VNet that holds a subnet, derived from the subnet id even when the VNet was not read. */
  vnetKeyOfSubnet(subnetKey: string): string {
    return this.subnets.get(subnetKey)?.vnetKey ?? subnetKey.replace(/\/subnets\/[^/]+$/, '');
  }

  vnetOfSubnet(subnetId: string | undefined): VirtualNetwork | undefined {
    return subnetId === undefined ? undefined : this.vnets.get(this.vnetKeyOfSubnet(normalizeId(subnetId)));
  }

  zonesNamed(name: string): readonly PrivateDnsZone[] {
    return this.zonesByName.get(name.toLowerCase()) ?? [];
  }

  linksOfZone(zoneKey: string): readonly VirtualNetworkLink[] {
    return this.linksByZone.get(zoneKey) ?? [];
  }

  linksOfVnet(vnetKey: string): readonly VirtualNetworkLink[] {
    return this.linksByVnet.get(vnetKey) ?? [];
  }

  recordSetsOfZone(zoneKey: string): readonly DnsRecordSet[] {
    return this.recordSetsByZone.get(zoneKey) ?? [];
  }

  recordSet(zoneKey: string, recordType: string, relativeName: string): DnsRecordSet | undefined {
    return this.recordSetsByName.get(recordKey(zoneKey, recordType.toUpperCase(), relativeName.toLowerCase()));
  }

  zoneGroupsOf(endpoint: PrivateEndpoint): readonly PrivateDnsZoneGroup[] {
    return this.zoneGroupsByEndpoint.get(endpoint.key) ?? [];
  }

  nicsInSubnet(subnetKey: string): readonly NetworkInterface[] {
    return this.nicsBySubnet.get(subnetKey) ?? [];
  }

  /** NICs of VMs and other workloads: not private endpoint NICs, not NVAs, not in gateway or firewall subnets. */
  isWorkloadSubnet(subnet: Subnet): boolean {
    return !infrastructureSubnets.has(subnet.name.toLowerCase());
  }

  workloadNicsInSubnet(subnet: Subnet): readonly NetworkInterface[] {
    if (!this.isWorkloadSubnet(subnet)) return [];
    return this.nicsInSubnet(subnet.key).filter((nic) => nic.privateEndpointId === undefined && !nic.ipForwarding);
  }

  /** Who owns a private IP address (a NIC, a firewall, a resolver inbound endpoint). */
  ipOwnersOf(ip: string): readonly IpOwner[] {
    return this.ipOwners.get(ip) ?? [];
  }

  endpointsTargeting(targetId: string): readonly PrivateEndpoint[] {
    return this.endpointsByTarget.get(normalizeId(targetId)) ?? [];
  }

  firewallsInVnet(vnetKey: string): readonly AzureFirewall[] {
    return this.firewallsByVnet.get(vnetKey) ?? [];
  }

  /** Peerings defined on other VNets that point at this one. */
  peeringsTowards(vnetKey: string): readonly VirtualNetworkPeering[] {
    return this.peeringsByRemote.get(vnetKey) ?? [];
  }

  /** The rule collection groups of a policy, sorted by priority. */
  ruleCollectionGroupsOf(policyKey: string): readonly RuleCollectionGroup[] {
    return [...(this.groupsByPolicy.get(policyKey) ?? [])].sort(
      (a, b) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER),
    );
  }

  /** A policy and its ancestors, the root parent first (parent rule collection groups run first). */
  policyChain(policyId: string): readonly FirewallPolicy[] {
    const chain: FirewallPolicy[] = [];
    const seen = new Set<string>();
    let current = this.firewallPolicy(policyId);
    while (current && !seen.has(current.key)) {
      seen.add(current.key);
      chain.unshift(current);
      current = this.firewallPolicy(current.basePolicyId);
    }
    return chain;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function recordKey(zoneKey: string, recordType: string, relativeName: string): string {
  return `${zoneKey}|${recordType}|${relativeName}`;
}
