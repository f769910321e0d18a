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
}

export interface Subnet extends Located {
  readonly vnetKey: string;
  readonly addressPrefixes: readonly string[];
  readonly routeTableId: string | undefined;
  readonly serviceEndpoints: readonly { readonly service: string; readonly locations: readonly string[] }[];
  /** As Azure stores it; absent means the default, `Disabled`. */
  readonly privateEndpointNetworkPolicies: string;
}

export interface VirtualNetworkPeering extends Located {
  readonly vnetKey: string;
  readonly remoteVnetId: string | undefined;
  readonly peeringState: string | undefined;
  readonly allowForwardedTraffic: boolean;
  readonly allowGatewayTransit: boolean;
  readonly useRemoteGateways: boolean;
}

export interface NicIpConfiguration {
  readonly name: string;
  readonly privateIp: string | undefined;
  readonly subnetId: string | undefined;
  /** Set on private endpoint NICs: the group id and FQDNs this IP serves. */
  readonly groupId: string | undefined;
  readonly fqdns: readonly string[];
}

export interface NetworkInterface extends Located {
  readonly ipConfigurations: readonly NicIpConfiguration[];
  readonly privateEndpointId: string | undefined;
  readonly virtualMachineId: string | undefined;
  /** NVAs forward traffic for others: they are appliances, not workloads that consume endpoints. */
  readonly ipForwarding: boolean;
  /** DNS servers set on the NIC, which override its VNet's for this VM; empty means the VNet's. */
  readonly dnsServers: readonly string[];
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
}

export interface FirewallPolicy extends Located {
  readonly basePolicyId: string | undefined;
  readonly dnsProxy: boolean | undefined;
  readonly dnsServers: readonly string[] | undefined;
  readonly requireProxyForNetworkRules: boolean | undefined;
  readonly snatPrivateRanges: readonly string[] | undefined;
}

export interface RuleCollectionGroup extends Located {
  readonly policyKey: string;
  readonly priority: number | undefined;
}

export interface IpGroup extends Located {
  readonly ipAddresses: readonly string[];
}

export interface DnsResolverInboundEndpoint extends Located {
  readonly resolverKey: string;
  readonly privateIps: readonly string[];
  readonly subnetId: string | undefined;
}

export interface DnsResolver extends Located {
  readonly vnetId: string | undefined;
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
