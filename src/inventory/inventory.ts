import { normalizeId, normalizeType } from '../ids.js';
import type { CloudName, RawResource } from '../snapshot/types.js';
import { groupBy, pushTo } from './group-by.js';
import { freezeEntity, freezeRaw, readOnlyMap } from './read-only.js';
import type {
  AzureFirewall,
  ContainerAppsEnvironment,
  DnsResolverOutboundEndpoint,
  ManagedCluster,
  ScaleSet,
  WebSite,
  DnsForwardingRuleset,
  DnsRecordSet,
  DnsResolver,
  DnsResolverInboundEndpoint,
  FirewallPolicy,
  IpGroup,
  IpOwner,
  NetworkDevice,
  NetworkInterface,
  PrivateDnsZone,
  PrivateDnsZoneGroup,
  PrivateEndpoint,
  PrivateLinkTarget,
  RouteTable,
  RuleCollectionGroup,
  SqlFirewallRule,
  SqlVirtualNetworkRule,
  Subnet,
  VirtualMachine,
  VirtualNetwork,
  VirtualNetworkLink,
  VirtualNetworkPeering,
} from './types.js';
import type {
  HubRouteTable,
  HubVirtualNetworkConnection,
  NetworkSecurityGroup,
  RoutingIntent,
  VirtualHub,
} from './security-types.js';

/** Every kind of entity the inventory holds, by the name of its map. */
export interface Entities {
  resources: RawResource;
  vnets: VirtualNetwork;
  subnets: Subnet;
  peerings: VirtualNetworkPeering;
  nics: NetworkInterface;
  privateEndpoints: PrivateEndpoint;
  zoneGroups: PrivateDnsZoneGroup;
  zones: PrivateDnsZone;
  links: VirtualNetworkLink;
  recordSets: DnsRecordSet;
  routeTables: RouteTable;
  firewalls: AzureFirewall;
  firewallPolicies: FirewallPolicy;
  ruleCollectionGroups: RuleCollectionGroup;
  ipGroups: IpGroup;
  dnsResolvers: DnsResolver;
  inboundEndpoints: DnsResolverInboundEndpoint;
  outboundEndpoints: DnsResolverOutboundEndpoint;
  forwardingRulesets: DnsForwardingRuleset;
  devices: NetworkDevice;
  sqlFirewallRules: SqlFirewallRule;
  sqlVirtualNetworkRules: SqlVirtualNetworkRule;
  virtualMachines: VirtualMachine;
  scaleSets: ScaleSet;
  managedClusters: ManagedCluster;
  sites: WebSite;
  containerAppsEnvironments: ContainerAppsEnvironment;
  targets: PrivateLinkTarget;
  networkSecurityGroups: NetworkSecurityGroup;
  virtualHubs: VirtualHub;
  hubConnections: HubVirtualNetworkConnection;
  hubRouteTables: HubRouteTable;
  routingIntents: RoutingIntent;
}

const entityMaps = [
  'resources',
  'vnets',
  'subnets',
  'peerings',
  'nics',
  'privateEndpoints',
  'zoneGroups',
  'zones',
  'links',
  'recordSets',
  'routeTables',
  'firewalls',
  'firewallPolicies',
  'ruleCollectionGroups',
  'ipGroups',
  'dnsResolvers',
  'inboundEndpoints',
  'outboundEndpoints',
  'forwardingRulesets',
  'devices',
  'sqlFirewallRules',
  'sqlVirtualNetworkRules',
  'virtualMachines',
  'scaleSets',
  'managedClusters',
  'sites',
  'containerAppsEnvironments',
  'targets',
  'networkSecurityGroups',
  'virtualHubs',
  'hubConnections',
  'hubRouteTables',
  'routingIntents',
] as const satisfies readonly (keyof Entities)[];

/** What the builders fill: one mutable map per entity kind, by normalized id. */
export type InventoryData = { cloud: CloudName } & { [K in keyof Entities]: Map<string, Entities[K]> };

/** The inventory's maps, read-only. */
export type InventoryMaps = { readonly [K in keyof Entities]: ReadonlyMap<string, Entities[K]> };

export function emptyInventoryData(cloud: CloudName): InventoryData {
  const maps = Object.fromEntries(entityMaps.map((name) => [name, new Map()]));
  return { cloud, ...maps } as InventoryData;
}

/** What an index returns for a key it does not hold: shared, so frozen too. */
const none: readonly never[] = Object.freeze([]);

// Subnets whose NICs are infrastructure, not workloads that consume private endpoints.
const infrastructureSubnets = new Set([
  'azurefirewallsubnet',
  'azurefirewallmanagementsubnet',
  'gatewaysubnet',
  'azurebastionsubnet',
  'routeserversubnet',
]);

// The class and the interface of the same name give the class the entity maps as fields.
/** Workload NICs per subnet, worked out once per inventory (a cache beside it, not part of the model). */
const workloadNicsCache = new WeakMap<Inventory, Map<string, readonly NetworkInterface[]>>();

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Inventory extends InventoryMaps {}

/**
 * The estate as typed entities with indexes by normalized id, private IP, zone name and VNet.
 * Read-only once built: its maps have no `set` or `delete`, and every entity and index list is
 * frozen, raw resources at their top level and `properties`, so no check can change what the next one sees.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Inventory {
  readonly cloud: CloudName;

  private readonly zonesByName: ReadonlyMap<string, readonly PrivateDnsZone[]>;
  private readonly linksByZone: ReadonlyMap<string, readonly VirtualNetworkLink[]>;
  private readonly linksByVnet: ReadonlyMap<string, readonly VirtualNetworkLink[]>;
  private readonly recordSetsByZone: ReadonlyMap<string, readonly DnsRecordSet[]>;
  private readonly recordSetsByName = new Map<string, DnsRecordSet>();
  private readonly zoneGroupsByEndpoint: ReadonlyMap<string, readonly PrivateDnsZoneGroup[]>;
  private readonly nicsBySubnet = new Map<string, NetworkInterface[]>();
  private readonly ipOwners = new Map<string, IpOwner[]>();
  private readonly endpointsByTarget = new Map<string, PrivateEndpoint[]>();
  private readonly groupsByPolicy: ReadonlyMap<string, readonly RuleCollectionGroup[]>;
  private readonly firewallsByVnet = new Map<string, AzureFirewall[]>();
  private readonly peeringsByRemote = new Map<string, VirtualNetworkPeering[]>();
  private readonly nameIndex: ReadonlyMap<string, readonly RawResource[]>;
  private readonly sqlFirewallRulesByServer: ReadonlyMap<string, readonly SqlFirewallRule[]>;
  private readonly sqlVirtualNetworkRulesByServer: ReadonlyMap<string, readonly SqlVirtualNetworkRule[]>;

  constructor(data: InventoryData) {
    this.cloud = data.cloud;
    for (const name of entityMaps)
      Object.defineProperty(this, name, { value: readOnlyMap<string, unknown>(data[name]), enumerable: true });

    this.zonesByName = groupBy(data.zones.values(), (zone) => zone.zoneName);
    this.linksByZone = groupBy(data.links.values(), (link) => link.zoneKey);
    this.linksByVnet = groupBy(data.links.values(), (link) => link.vnetId && normalizeId(link.vnetId));
    this.recordSetsByZone = groupBy(data.recordSets.values(), (recordSet) => recordSet.zoneKey);
    for (const recordSet of data.recordSets.values()) {
      this.recordSetsByName.set(recordKey(recordSet.zoneKey, recordSet.recordType, recordSet.relativeName), recordSet);
    }
    this.zoneGroupsByEndpoint = groupBy(data.zoneGroups.values(), (group) => group.privateEndpointKey);
    this.groupsByPolicy = groupBy(data.ruleCollectionGroups.values(), (group) => group.policyKey);
    this.nameIndex = groupBy(data.resources.values(), (resource) => resource.name.toLowerCase());
    const byId = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    this.sqlFirewallRulesByServer = groupBy([...data.sqlFirewallRules.values()].sort(byId), (rule) => rule.serverKey);
    this.sqlVirtualNetworkRulesByServer = groupBy(
      [...data.sqlVirtualNetworkRules.values()].sort(byId),
      (rule) => rule.serverKey,
    );
    for (const nic of data.nics.values()) {
      for (const config of nic.ipConfigurations) {
        const subnetKey = config.subnetId ? normalizeId(config.subnetId) : undefined;
        if (subnetKey) pushTo(this.nicsBySubnet, subnetKey, nic);
        if (config.privateIp) {
          pushTo(this.ipOwners, config.privateIp, {
            kind: 'nic',
            nic,
            vnetKey: subnetKey && this.vnetKeyOfSubnet(subnetKey),
          });
        }
      }
    }
    for (const firewall of data.firewalls.values()) {
      const vnetKey = firewall.subnetIds.map((id) => this.vnetKeyOfSubnet(normalizeId(id))).find(Boolean);
      if (vnetKey) pushTo(this.firewallsByVnet, vnetKey, firewall);
      // A secured Virtual WAN hub's firewall answers from the hub: its queries start there.
      const where = vnetKey ?? (firewall.virtualHubId ? normalizeId(firewall.virtualHubId) : undefined);
      for (const ip of firewall.privateIps) pushTo(this.ipOwners, ip, { kind: 'firewall', firewall, vnetKey: where });
    }
    for (const endpoint of data.inboundEndpoints.values()) {
      const resolver = data.dnsResolvers.get(endpoint.resolverKey);
      const vnetKey =
        (resolver?.vnetId && normalizeId(resolver.vnetId)) ||
        (endpoint.subnetId ? this.vnetKeyOfSubnet(normalizeId(endpoint.subnetId)) : undefined);
      for (const ip of endpoint.privateIps) pushTo(this.ipOwners, ip, { kind: 'inboundEndpoint', endpoint, vnetKey });
    }
    for (const endpoint of data.privateEndpoints.values()) {
      const targets = new Set(endpoint.connections.map((c) => c.targetId && normalizeId(c.targetId)).filter(Boolean));
      for (const target of targets) pushTo(this.endpointsByTarget, target as string, endpoint);
    }
    for (const peering of data.peerings.values()) {
      if (peering.remoteVnetId) pushTo(this.peeringsByRemote, normalizeId(peering.remoteVnetId), peering);
    }
    // Index lists are handed to callers: freeze them with the entities they hold.
    const indexes: ReadonlyMap<string, readonly unknown[]>[] = [
      this.zonesByName,
      this.linksByZone,
      this.linksByVnet,
      this.recordSetsByZone,
      this.zoneGroupsByEndpoint,
      this.nicsBySubnet,
      this.ipOwners,
      this.endpointsByTarget,
      this.groupsByPolicy,
      this.firewallsByVnet,
      this.peeringsByRemote,
      this.nameIndex,
      this.sqlFirewallRulesByServer,
      this.sqlVirtualNetworkRulesByServer,
    ];
    for (const index of indexes) for (const list of index.values()) Object.freeze(list);
    Object.freeze(this);
    for (const raw of data.resources.values()) freezeRaw(raw);
    for (const name of entityMaps) {
      if (name !== 'resources') for (const entity of data[name].values()) freezeEntity(entity);
    }
  }

  /** Whether a resource with this id was read (embedded subnets and peerings included). */
  has(id: string | undefined): boolean {
    return id !== undefined && this.resources.has(normalizeId(id));
  }

  resource(id: string | undefined): RawResource | undefined {
    return id === undefined ? undefined : this.resources.get(normalizeId(id));
  }

  resourcesNamed(name: string, type?: string): readonly RawResource[] {
    const all = this.nameIndex.get(name.toLowerCase()) ?? none;
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

  sqlFirewallRulesOf(serverId: string): readonly SqlFirewallRule[] {
    return this.sqlFirewallRulesByServer.get(normalizeId(serverId)) ?? none;
  }

  sqlVirtualNetworkRulesOf(serverId: string): readonly SqlVirtualNetworkRule[] {
    return this.sqlVirtualNetworkRulesByServer.get(normalizeId(serverId)) ?? none;
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
    return this.zonesByName.get(name.toLowerCase()) ?? none;
  }

  linksOfZone(zoneKey: string): readonly VirtualNetworkLink[] {
    return this.linksByZone.get(zoneKey) ?? none;
  }

  linksOfVnet(vnetKey: string): readonly VirtualNetworkLink[] {
    return this.linksByVnet.get(vnetKey) ?? none;
  }

  recordSetsOfZone(zoneKey: string): readonly DnsRecordSet[] {
    return this.recordSetsByZone.get(zoneKey) ?? none;
  }

  recordSet(zoneKey: string, recordType: string, relativeName: string): DnsRecordSet | undefined {
    return this.recordSetsByName.get(recordKey(zoneKey, recordType.toUpperCase(), relativeName.toLowerCase()));
  }

  zoneGroupsOf(endpoint: PrivateEndpoint): readonly PrivateDnsZoneGroup[] {
    return this.zoneGroupsByEndpoint.get(endpoint.key) ?? none;
  }

  nicsInSubnet(subnetKey: string): readonly NetworkInterface[] {
    return this.nicsBySubnet.get(subnetKey) ?? none;
  }

  /** NICs of VMs and other workloads: not private endpoint NICs, not NVAs, not in gateway or firewall subnets. */
  isWorkloadSubnet(subnet: Subnet): boolean {
    return !infrastructureSubnets.has(subnet.name.toLowerCase());
  }

  /** Worked out once per subnet (consumer and resolver lookups ask for every endpoint). */
  workloadNicsInSubnet(subnet: Subnet): readonly NetworkInterface[] {
    if (!this.isWorkloadSubnet(subnet)) return none;
    let bySubnet = workloadNicsCache.get(this);
    if (!bySubnet) workloadNicsCache.set(this, (bySubnet = new Map()));
    let nics = bySubnet.get(subnet.key);
    if (!nics) {
      nics = Object.freeze(
        this.nicsInSubnet(subnet.key).filter((nic) => nic.privateEndpointId === undefined && !nic.ipForwarding),
      );
      bySubnet.set(subnet.key, nics);
    }
    return nics;
  }

  /** Who owns a private IP address (a NIC, a firewall, a resolver inbound endpoint). */
  ipOwnersOf(ip: string): readonly IpOwner[] {
    return this.ipOwners.get(ip) ?? none;
  }

  endpointsTargeting(targetId: string): readonly PrivateEndpoint[] {
    return this.endpointsByTarget.get(normalizeId(targetId)) ?? none;
  }

  firewallsInVnet(vnetKey: string): readonly AzureFirewall[] {
    return this.firewallsByVnet.get(vnetKey) ?? none;
  }

  /** Peerings defined on other VNets that point at this one. */
  peeringsTowards(vnetKey: string): readonly VirtualNetworkPeering[] {
    return this.peeringsByRemote.get(vnetKey) ?? none;
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

function recordKey(zoneKey: string, recordType: string, relativeName: string): string {
  return `${zoneKey}|${recordType}|${relativeName}`;
}
