// The typed model of an estate. Ids keep the case Azure wrote; every `*Key` field and every
// index key is the normalized (lower-case) id. Optional Azure properties stay `| undefined` so
// that checks decide explicitly what a missing value means.
import type { RawResource } from '../snapshot/types.js';

export interface Located {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly raw: RawResource;
}

export interface VirtualNetwork extends Located {
  readonly location: string | undefined;
  readonly addressPrefixes: readonly string[];
  /** Empty when the VNet uses Azure-provided DNS (168.63.129.16). */
  readonly dnsServers: readonly string[];
  readonly subnets: readonly Subnet[];
  readonly peerings: readonly VirtualNetworkPeering[];
  /** As Azure stores it (`Basic` for high-scale private endpoints); absent means `Disabled`. */
  readonly privateEndpointVNetPolicies: string | undefined;
}

export interface Subnet extends Located {
  readonly vnetKey: string;
  readonly addressPrefixes: readonly string[];
  readonly routeTableId: string | undefined;
  readonly serviceEndpoints: readonly { readonly service: string; readonly locations: readonly string[] }[];
  /** As Azure stores it; absent means the default, `Disabled`. */
  readonly privateEndpointNetworkPolicies: string;
  /** Services the subnet is delegated to (`Microsoft.Web/serverFarms`...), as written. */
  readonly delegations: readonly string[];
  /**
   * The IP configurations ARM lists in the subnet (NICs, scale set instances, gateways, firewalls,
   * application gateways...), by id; undefined when the data does not carry the list.
   */
  readonly ipConfigurationIds: readonly string[] | undefined;
  /** Private endpoints ARM lists in the subnet. */
  readonly privateEndpointIds: readonly string[];
  /** `serviceAssociationLinks`: the resources a delegated service linked to the subnet (App Service plans...). */
  readonly serviceAssociationLinks: readonly {
    readonly linkedResourceType: string;
    readonly link: string | undefined;
  }[];
  readonly networkSecurityGroupId: string | undefined;
}

export interface VirtualNetworkPeering extends Located {
  readonly vnetKey: string;
  readonly remoteVnetId: string | undefined;
  readonly peeringState: string | undefined;
  readonly allowForwardedTraffic: boolean;
  readonly allowGatewayTransit: boolean;
  readonly useRemoteGateways: boolean;
  /** The remote address space that was peered (what the routes hold); undefined when not written. */
  readonly remoteAddressPrefixes: readonly string[] | undefined;
  /** The remote VNet's address space as the peering last saw it. */
  readonly remoteVirtualNetworkAddressPrefixes: readonly string[] | undefined;
  /** False when only some subnets are peered; undefined when not written (whole VNets). */
  readonly peerCompleteVnets: boolean | undefined;
  /** With subnet-level peering: the names of this VNet's subnets that are peered. */
  readonly localSubnetNames: readonly string[] | undefined;
  /** With subnet-level peering: the names of the remote VNet's subnets that are peered. */
  readonly remoteSubnetNames: readonly string[] | undefined;
}

export interface NicIpConfiguration {
  readonly name: string;
  readonly privateIp: string | undefined;
  readonly subnetId: string | undefined;
  /** Set on private endpoint NICs: the group id and FQDNs this IP serves. */
  readonly groupId: string | undefined;
  readonly fqdns: readonly string[];
  readonly applicationSecurityGroupIds: readonly string[];
}

export interface NetworkInterface extends Located {
  readonly ipConfigurations: readonly NicIpConfiguration[];
  readonly privateEndpointId: string | undefined;
  readonly virtualMachineId: string | undefined;
  /** NVAs forward traffic for others: they are appliances, not workloads that consume endpoints. */
  readonly ipForwarding: boolean;
  /** DNS servers set on the NIC, which override its VNet's for this VM; empty means the VNet's. */
  readonly dnsServers: readonly string[];
  readonly networkSecurityGroupId: string | undefined;
}

export interface PrivateEndpointConnection {
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly targetId: string | undefined;
  readonly groupIds: readonly string[];
  readonly status: string | undefined;
  readonly description: string | undefined;
  /** True for `manualPrivateLinkServiceConnections` (approval requested from the target's owner). */
  readonly manual: boolean;
}

export interface PrivateEndpoint extends Located {
  readonly location: string | undefined;
  readonly subnetId: string | undefined;
  readonly nicIds: readonly string[];
  readonly connections: readonly PrivateEndpointConnection[];
  readonly customDnsConfigs: readonly { readonly fqdn: string; readonly ipAddresses: readonly string[] }[];
  /** Application security groups the endpoint's IPs belong to (set on the endpoint, not its NIC). */
  readonly applicationSecurityGroupIds: readonly string[];
}

export interface ZoneGroupRecordSet {
  readonly recordType: string | undefined;
  readonly recordSetName: string | undefined;
  readonly fqdn: string | undefined;
  readonly ipAddresses: readonly string[];
}

export interface PrivateDnsZoneGroup extends Located {
  readonly privateEndpointKey: string;
  readonly configs: readonly {
    readonly name: string | undefined;
    readonly zoneId: string | undefined;
    readonly recordSets: readonly ZoneGroupRecordSet[];
  }[];
}

export interface PrivateDnsZone extends Located {
  /** The zone's DNS name, lower case. */
  readonly zoneName: string;
}

export interface VirtualNetworkLink extends Located {
  readonly zoneKey: string;
  readonly vnetId: string | undefined;
  readonly registrationEnabled: boolean;
  readonly resolutionPolicy: string | undefined;
  readonly linkState: string | undefined;
  readonly provisioningState: string | undefined;
}

export interface DnsRecordSet extends Located {
  readonly zoneKey: string;
  /** Upper case record type: A, AAAA, CNAME, SOA... */
  readonly recordType: string;
  /** The relative name in the zone, lower case (`@` for the apex). */
  readonly relativeName: string;
  readonly aRecords: readonly string[];
  readonly cname: string | undefined;
  readonly isAutoRegistered: boolean;
}

export interface Route {
  readonly id: string | undefined;
  readonly name: string;
  readonly addressPrefix: string | undefined;
  readonly nextHopType: string | undefined;
  readonly nextHopIpAddress: string | undefined;
}

export interface RouteTable extends Located {
  readonly routes: readonly Route[];
  readonly disableBgpRoutePropagation: boolean;
}

export type FirewallRuleType = 'DNAT' | 'Network' | 'Application';

/** One firewall rule, in one shape for Firewall Policy and classic rule collections. */
export interface FirewallRule {
  readonly name: string | undefined;
  /** What the rule is: from its collection (NAT, classic kinds) or its own `ruleType`; undefined when unknown. */
  readonly type: FirewallRuleType | undefined;
  /** `ruleType` as written (policy rules only). */
  readonly ruleTypeText: string | undefined;
  readonly sourceAddresses: readonly string[];
  readonly sourceIpGroups: readonly string[];
  readonly destinationAddresses: readonly string[];
  readonly destinationIpGroups: readonly string[];
  readonly destinationPorts: readonly string[];
  readonly destinationFqdns: readonly string[];
  /** Network and DNAT rules: TCP, UDP, ICMP, Any (policy `ipProtocols`, classic `protocols`). */
  readonly l4Protocols: readonly string[];
  /** Application rules: `{ protocolType, port }`. */
  readonly appProtocols: readonly { readonly protocolType: string; readonly port: number | undefined }[];
  readonly targetFqdns: readonly string[];
  readonly targetUrls: readonly string[];
  readonly fqdnTags: readonly string[];
  readonly webCategories: readonly string[];
  readonly translatedAddress: string | undefined;
  readonly translatedPort: string | undefined;
  readonly translatedFqdn: string | undefined;
}

export interface FirewallRuleCollection {
  readonly name: string | undefined;
  /** Policy collections only: `FirewallPolicyFilterRuleCollection` or `FirewallPolicyNatRuleCollection`. */
  readonly ruleCollectionType: string | undefined;
  readonly priority: number | undefined;
  /** `Allow`, `Deny` or `Dnat`, as written. */
  readonly action: string | undefined;
  readonly rules: readonly FirewallRule[];
}

/** A firewall's classic (non-policy) rule collections, by kind, each in the order ARM lists them. */
export type ClassicRuleCollections = { readonly [K in FirewallRuleType]: readonly FirewallRuleCollection[] };

export interface AzureFirewall extends Located {
  readonly privateIps: readonly string[];
  readonly subnetIds: readonly string[];
  readonly policyId: string | undefined;
  readonly virtualHubId: string | undefined;
  readonly skuName: string | undefined;
  /** Classic (non-policy) DNS settings from `additionalProperties`. */
  readonly classicDnsProxy: boolean | undefined;
  readonly classicDnsServers: readonly string[];
  readonly classicSnatPrivateRanges: readonly string[] | undefined;
  readonly classicRuleCollections: ClassicRuleCollections;
  readonly threatIntelMode: string | undefined;
}

export interface FirewallPolicy extends Located {
  readonly basePolicyId: string | undefined;
  readonly dnsProxy: boolean | undefined;
  readonly dnsServers: readonly string[] | undefined;
  readonly requireProxyForNetworkRules: boolean | undefined;
  readonly snatPrivateRanges: readonly string[] | undefined;
  /** `snat.autoLearnPrivateRanges`: true for `Enabled`, undefined when not written. */
  readonly snatAutoLearn: boolean | undefined;
  readonly threatIntelMode: string | undefined;
  /** The rule collection groups the policy lists (which may not all have been read). */
  readonly ruleCollectionGroupIds: readonly string[];
}

export interface RuleCollectionGroup extends Located {
  readonly policyKey: string;
  readonly priority: number | undefined;
  readonly ruleCollections: readonly FirewallRuleCollection[];
}

export interface IpGroup extends Located {
  readonly ipAddresses: readonly string[];
}

export interface DnsResolverInboundEndpoint extends Located {
  readonly resolverKey: string;
  readonly privateIps: readonly string[];
  readonly subnetId: string | undefined;
}

export interface DnsResolverOutboundEndpoint extends Located {
  readonly resolverKey: string;
  readonly subnetId: string | undefined;
}

/** A virtual machine scale set: its instances' NICs are no `networkInterfaces` resources. */
export interface ScaleSet extends Located {
  /** Subnets of the instances' IP configurations. */
  readonly subnetIds: readonly string[];
  /** IP forwarding on any NIC configuration. */
  readonly ipForwarding: boolean;
  /** The AKS node pool it runs (from the `aks-managed-poolName` tag), if any. */
  readonly aksPoolName: string | undefined;
}

export interface AksAgentPool {
  readonly name: string;
  /** `vnetSubnetID`: where the nodes sit; undefined for a cluster on the VNet AKS manages. */
  readonly subnetId: string | undefined;
  /** `podSubnetID` (Azure CNI with dynamic pod IPs): pods take their IPs there. */
  readonly podSubnetId: string | undefined;
}

export interface ManagedCluster extends Located {
  readonly nodeResourceGroup: string | undefined;
  /** `networkProfile.networkPlugin`: kubenet, azure, none. */
  readonly networkPlugin: string | undefined;
  readonly agentPools: readonly AksAgentPool[];
}

/** An App Service or Functions app (or a slot) and the subnet its outbound VNet integration uses. */
export interface WebSite extends Located {
  readonly kind: string | undefined;
  readonly subnetId: string | undefined;
}

/** A Container Apps managed environment and its infrastructure subnet. */
export interface ContainerAppsEnvironment extends Located {
  readonly subnetId: string | undefined;
}

export interface DnsResolver extends Located {
  readonly vnetId: string | undefined;
}

export interface DnsForwardingRule extends Located {
  /** Lower case, without the trailing dot; empty when not written. */
  readonly domain: string;
  readonly enabled: boolean;
  readonly targetIps: readonly string[];
}

export interface DnsForwardingRuleset extends Located {
  /** Its rules, by normalized id. */
  readonly rules: readonly DnsForwardingRule[];
  /** The VNets linked to it, by the links' normalized ids. */
  readonly linkedVnetIds: readonly string[];
}

/** Things other than NICs, firewalls and resolvers that hold private IPs or sit in gateway subnets. */
export type NetworkDeviceKind =
  | 'loadBalancer'
  | 'applicationGateway'
  | 'virtualNetworkGateway'
  | 'virtualHub'
  | 'virtualHubIpConfiguration'
  | 'networkVirtualAppliance';

export interface NetworkDevice extends Located {
  readonly kind: NetworkDeviceKind;
  /** Frontend, gateway, router or appliance NIC IPs. */
  readonly privateIps: readonly string[];
  /** Subnets its IP configurations sit in. */
  readonly subnetIds: readonly string[];
}

export interface SqlFirewallRule extends Located {
  readonly serverKey: string;
  readonly startIp: string | undefined;
  readonly endIp: string | undefined;
}

export interface SqlVirtualNetworkRule extends Located {
  readonly serverKey: string;
  readonly subnetId: string | undefined;
}

export interface VirtualMachine extends Located {
  readonly nicIds: readonly string[];
}

/** A resource that private endpoints connect to (Key Vault, Storage, SQL, ...). */
export interface PrivateLinkTarget extends Located {
  readonly type: string;
  readonly location: string | undefined;
  /** As Azure stores it; undefined when the property is absent (which most services treat as enabled). */
  readonly publicNetworkAccess: string | undefined;
  readonly networkAcls: NetworkAcls | undefined;
  readonly connections: readonly PrivateEndpointConnection[];
}

export interface NetworkAcls {
  readonly defaultAction: string | undefined;
  readonly ipRules: readonly string[];
  readonly virtualNetworkSubnetIds: readonly string[];
}

/** Who answers on a private IP: a NIC, a firewall or a DNS resolver inbound endpoint. */
export type IpOwner =
  | { readonly kind: 'nic'; readonly nic: NetworkInterface; readonly vnetKey: string | undefined }
  | { readonly kind: 'firewall'; readonly firewall: AzureFirewall; readonly vnetKey: string | undefined }
  | {
      readonly kind: 'inboundEndpoint';
      readonly endpoint: DnsResolverInboundEndpoint;
      readonly vnetKey: string | undefined;
    };
