// Network security groups and the Virtual WAN resources that decide how a packet reaches a private
// endpoint besides routes: NSG rules on the way out of a client and into an endpoint's subnet, and
// the hubs, hub connections, hub route tables and routing intent of a Virtual WAN.
import type { Located } from './types.js';

/** One NSG rule, custom or default, with single and list fields merged. */
export interface SecurityRule {
  readonly name: string;
  readonly priority: number | undefined;
  /** `Inbound` or `Outbound`, as written. */
  readonly direction: string;
  /** `Allow` or `Deny`, as written. */
  readonly access: string;
  /** `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*`, as written. */
  readonly protocol: string;
  /** Addresses, CIDRs, ranges, `*` or service tags (`sourceAddressPrefix` and `sourceAddressPrefixes`). */
  readonly sourceAddresses: readonly string[];
  readonly destinationAddresses: readonly string[];
  readonly sourceAsgIds: readonly string[];
  readonly destinationAsgIds: readonly string[];
  readonly sourcePorts: readonly string[];
  readonly destinationPorts: readonly string[];
  /** One of Azure's default rules (priority 65000 and above). */
  readonly isDefault: boolean;
}

export interface NetworkSecurityGroup extends Located {
  /** Custom rules, in the order ARM lists them. */
  readonly rules: readonly SecurityRule[];
  /** `defaultSecurityRules` as read, or Azure's documented defaults when the snapshot leaves them out. */
  readonly defaultRules: readonly SecurityRule[];
}

export interface VirtualHub extends Located {
  readonly location: string | undefined;
  readonly addressPrefix: string | undefined;
  readonly virtualWanId: string | undefined;
  readonly firewallId: string | undefined;
  /** The hub router's IPs (next hop of routes the hub programs into spokes). */
  readonly routerIps: readonly string[];
}

export interface HubStaticRoute {
  readonly name: string;
  readonly addressPrefixes: readonly string[];
  readonly nextHopIp: string | undefined;
}

export interface HubVirtualNetworkConnection extends Located {
  readonly hubKey: string;
  readonly remoteVnetId: string | undefined;
  /** Whether the spoke learns the hub's 0.0.0.0/0 ("propagate default route"). */
  readonly enableInternetSecurity: boolean;
  readonly provisioningState: string | undefined;
  /** Undefined: the hub's defaultRouteTable. */
  readonly associatedRouteTableId: string | undefined;
  /** Undefined when not written: the defaultRouteTable and the `default` label. */
  readonly propagatedRouteTableIds: readonly string[] | undefined;
  readonly propagatedLabels: readonly string[] | undefined;
  /** Static routes in the hub towards appliances in the spoke (`vnetRoutes.staticRoutes`). */
  readonly staticRoutes: readonly HubStaticRoute[];
}

export interface HubRoute {
  readonly name: string;
  /** `CIDR`, `ResourceId` or `Service`, as written. */
  readonly destinationType: string | undefined;
  readonly destinations: readonly string[];
  readonly nextHopType: string | undefined;
  /** A resource id (Azure Firewall, hub connection) for `ResourceId` next hops. */
  readonly nextHop: string | undefined;
}

export interface HubRouteTable extends Located {
  readonly hubKey: string;
  readonly routes: readonly HubRoute[];
  readonly labels: readonly string[];
}

export interface RoutingPolicy {
  readonly name: string;
  /** `PrivateTraffic`, `Internet`. */
  readonly destinations: readonly string[];
  readonly nextHop: string | undefined;
}

export interface RoutingIntent extends Located {
  readonly hubKey: string;
  readonly policies: readonly RoutingPolicy[];
}
