// The shapes of firewall reasoning: flows, compiled rules, plans and verdicts.
import type { FirewallRuleType } from '../../inventory/types.js';
import type { AddressSet, Interval } from './addresses.js';
import type { FqdnPattern } from './fqdn.js';
import type { AzureFirewall } from '../../inventory/types.js';
export type FirewallProtocol = 'TCP' | 'UDP' | 'ICMP' | 'HTTP' | 'HTTPS' | 'MSSQL';
export type { FirewallRuleType };
export type FirewallDecision = 'Allow' | 'Deny';

export interface FirewallDestination {
  /** The name the client uses (TLS SNI / HTTP Host): the public FQDN, never the privatelink name. */
  readonly fqdn?: string | undefined;
  readonly ip?: string | undefined;
}

export interface FirewallFlow {
  /** An IP, a CIDR or an `a-b` range (a whole subnet), or several of them. */
  readonly sourceIp: string | readonly string[];
  readonly destination: FirewallDestination;
  readonly port: number;
  readonly protocol: FirewallProtocol;
}

/** Where a rule sits, by id and name. */
export interface FirewallRuleRef {
  readonly ruleType: FirewallRuleType;
  readonly action: 'Allow' | 'Deny' | 'DNAT';
  /** The resource that holds the rule: the policy, or the firewall for classic collections. */
  readonly ownerId: string;
  readonly ownerName: string;
  readonly policyId: string | undefined;
  readonly ruleCollectionGroupId: string | undefined;
  readonly ruleCollectionGroupName: string | undefined;
  readonly ruleCollectionGroupPriority: number | undefined;
  readonly collectionName: string;
  readonly collectionPriority: number | undefined;
  readonly ruleName: string;
}

export type FirewallMatch =
  | {
      readonly kind: 'rule';
      readonly rule: FirewallRuleRef;
      /** What matched the destination: an address (or IP group), a name, or `*`. */
      readonly matchedBy: 'address' | 'fqdn' | 'any';
    }
  | { readonly kind: 'defaultDeny' };

export interface FirewallVerdict {
  readonly decision: FirewallDecision;
  readonly match: FirewallMatch;
  /** The part of the flow's source this verdict covers. */
  readonly sources: AddressSet;
}

/** What the firewall does with a flow. */
export interface FirewallJudgment {
  /** `Allow` only when every address of the source is allowed. */
  readonly decision: FirewallDecision;
  /** What decided; for a source split between rules, the first part that is denied. */
  readonly match: FirewallMatch;
  readonly verdicts: readonly FirewallVerdict[];
  /** Set when the snapshot lacks something the decision depends on (a policy, an IP group). */
  readonly inconclusive: string | undefined;
  readonly assumptions: readonly string[];
}

/** A judgment with the steps that led to it, for people. */
export interface FirewallEvaluation extends FirewallJudgment {
  readonly trace: readonly string[];
}

/** A firewall's rules in processing order, with what applies to every flow through it. */
export interface CompiledFirewall {
  readonly firewall: AzureFirewall;
  readonly rules: readonly CompiledRule[];
  /** Effective DNS proxy setting; undefined when the policy was not read. */
  readonly dnsProxy: boolean | undefined;
  /** Where the firewall's settings live: its policy, or the firewall itself for classic rules. */
  readonly configId: string;
  readonly configName: string;
  readonly inconclusive: string | undefined;
  readonly assumptions: readonly string[];
  readonly notes: readonly string[];
  readonly plans: Map<string, DestinationPlan>;
}

export interface CompiledRule {
  readonly ref: FirewallRuleRef;
  readonly stage: 0 | 1 | 2;
  readonly allows: boolean;
  readonly sourceAny: boolean;
  readonly sources: AddressSet;
  readonly missingSourceGroups: readonly string[];
  /** TCP = 1, UDP = 2, ICMP = 4 (network and DNAT rules). */
  readonly l4: number;
  readonly portsAny: boolean;
  readonly ports: readonly Interval[];
  readonly destinationAny: boolean;
  readonly destinations: AddressSet;
  readonly missingDestinationGroups: readonly string[];
  /** Destinations plaudit cannot place (service tags and the like). */
  readonly unplacedDestinations: readonly string[];
  /** Network rules: exact names, lower case. */
  readonly destinationFqdns: ReadonlySet<string>;
  /** Application rules. */
  readonly appProtocols: readonly { readonly protocol: FirewallProtocol; readonly port: number }[];
  readonly targetFqdns: readonly FqdnPattern[];
  /** Application targets that configuration alone cannot evaluate (FQDN tags, web categories, URLs). */
  readonly unevaluated: readonly string[];
}

/** The rules that can apply to one destination, port and protocol, in order. */
export interface DestinationPlan {
  readonly compiled: CompiledFirewall;
  readonly path: RulePath;
  /** What the trace tells about this destination beyond the verdicts. */
  readonly notes: readonly string[];
}

/** The rules a flow walks, shared by every destination of a firewall they apply to alike. */
export interface RulePath {
  readonly steps: readonly PlanStep[];
  /** The firewall's unknowns, which make every verdict along the path inconclusive. */
  readonly inconclusive: string | undefined;
  /** What every verdict along the path assumes (the firewall's and the protocol's). */
  readonly assumptions: readonly string[];
}

export interface PlanStep {
  readonly rule: CompiledRule;
  /** How the destination matched; undefined when it cannot be decided or does not match. */
  readonly matchedBy: 'address' | 'fqdn' | 'any' | undefined;
  /** The destination depends on an IP group that was not read. */
  readonly unknown?: string;
  /** The destination might match through something plaudit cannot evaluate. */
  readonly assumption?: string;
}

/** Layer-4 protocol bits of network and DNAT rules. */
export const TCP = 1;
export const UDP = 2;
export const ICMP = 4;
export const layer7: ReadonlySet<FirewallProtocol> = new Set(['HTTP', 'HTTPS', 'MSSQL']);
