// The flows a hub firewall must pass for private endpoints, as the walk (flows.ts) hands them out.
import type { AzureFirewall, PrivateEndpoint, Subnet } from '../../inventory/types.js';
import type { Inconclusive } from '../inconclusive.js';
import type { AddressSet } from './addresses.js';
import type { ServicePort } from './service-ports.js';
import type { EffectiveRoute } from '../routing/index.js';
import type { CompiledFirewall, DestinationPlan, FirewallJudgment, FirewallVerdict } from './index.js';

/** One flow from a consumer subnet, through a firewall, to one name and IP of an endpoint. */
export interface EndpointFlow {
  readonly endpoint: PrivateEndpoint;
  readonly subnet: Subnet;
  readonly firewall: AzureFirewall;
  /** The effective route that sends the endpoint IP to the firewall. */
  readonly route: EffectiveRoute;
  readonly fqdn: string;
  readonly ip: string;
  readonly service: ServicePort;
  /** The subnet's IPv4 prefixes (or its workload IPs when it has none). */
  readonly sources: AddressSet;
  /** Workload NIC IPs in the subnet: the addresses that really send. */
  readonly workloadIps: readonly string[];
}

export interface JudgedFlow extends EndpointFlow {
  readonly compiled: CompiledFirewall;
  readonly evaluation: FirewallJudgment;
  /** The verdicts that cover a workload IP (all verdicts when the subnet has no known workload IP). */
  readonly verdicts: readonly FirewallVerdict[];
}

export interface FlowGap {
  readonly resourceId: string;
  /** A sentence for an inconclusive check result. */
  readonly reason: string;
}

/** An endpoint name that a firewall resolves itself for some flow it handles. */
export interface FirewallResolvedName {
  readonly firewall: AzureFirewall;
  readonly endpoint: PrivateEndpoint;
  readonly fqdn: string;
}

/** All lists are in flow order: endpoints by key, then consumer subnets, names, IPs and ports. */
export interface FirewalledFlows {
  /**
   * Every flow, built on first read: consumer subnets times endpoint names, far too many to hold
   * for a large estate, which is why checks read the lists below instead.
   */
  readonly flows: readonly JudgedFlow[];
  /**
   * The conclusively judged flows a check reports on: those the firewall drops, in part or whole,
   * and those it lets through by a network rule that may not SNAT them.
   */
  readonly notable: readonly JudgedFlow[];
  /** Names a firewall resolves itself to connect (see `firewallResolvesName`), once per firewall and name. */
  readonly resolvedNames: readonly FirewallResolvedName[];
  /** Pairs plaudit could not place on or off the firewall (a route table or endpoint name not read). */
  readonly gaps: readonly FlowGap[];
  /** One per firewall and reason: flows whose rules depend on data not read. */
  readonly unjudged: readonly Inconclusive[];
}

/** One public name and IP of an endpoint, its ports, and what each firewall makes of it. */
export interface Destination {
  readonly fqdn: string;
  readonly ip: string;
  readonly services: readonly ServicePort[];
  /** Plans by firewall index, then service index; made when a flow first needs one. */
  readonly plans: (DestinationPlan | undefined)[];
  /** By firewall index: whether that firewall resolving the name was recorded (shared by the name's IPs). */
  readonly resolved: boolean[];
}

export interface Walked {
  readonly kept: JudgedFlow[];
  readonly resolvedNames: FirewallResolvedName[];
  readonly gaps: FlowGap[];
  readonly unjudged: Inconclusive[];
}
