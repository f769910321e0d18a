// The flows a hub firewall must pass for private endpoints: from each consumer subnet whose route
// table sends an endpoint's IP to the firewall, to each of the endpoint's public names, on the
// service's port. They are walked once (per inventory and context) for the firewall checks.
//
// "Through the firewall" is decided by the effective route from the subnet to the endpoint IP
// (src/net/routing): its winner must be a user route whose next hop is the firewall's private IP.
//
// Estates hold tens of thousands of endpoints and hundreds of consumer subnets, so there are
// millions of flows. The walk keeps only what the checks report on (flows the firewall drops or
// passes by a network rule that may not SNAT, the names the firewall resolves itself, gaps), and
// judges each distinct (rule path, subnet) once: most endpoints behind a firewall meet the same
// few rules.
import type { CheckContext } from '../../inventory/context.js';
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import type { AzureFirewall, PrivateEndpoint, Subnet } from '../../inventory/types.js';
import { parseIpv4 } from '../cidr.js';
import { endpointConsumers } from '../endpoints/endpoint-consumers.js';
import { endpointDnsExpectations } from '../dns/private-dns.js';
import { AddressSet } from './addresses.js';
import { firewallRouting } from './routing.js';
import { servicePortsOf, type ServicePort } from './service-ports.js';
import type { EffectiveRoute } from '../routing/index.js';
import type { Inconclusive } from '../inconclusive.js';
import {
  compileFirewall,
  effectiveSnatSettings,
  networkRuleSnat,
  judgePath,
  planFor,
  type CompiledFirewall,
  type DestinationPlan,
  type FirewallJudgment,
  type FirewallProtocol,
  type FirewallVerdict,
  type RulePath,
  type SnatSettings,
} from './index.js';

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

/** Every endpoint flow that a hub firewall handles, judged against that firewall's rules. */
export function firewalledEndpointFlows(inv: Inventory, ctx: CheckContext): FirewalledFlows {
  return flowsByContext(inv, ctx);
}

const flowsByContext = memoByInventoryKey((inv, ctx: CheckContext): FirewalledFlows => {
  const walked = walk(inv, ctx, false);
  let every: readonly JudgedFlow[] | undefined;
  return {
    get flows() {
      return (every ??= walk(inv, ctx, true).kept);
    },
    notable: walked.kept,
    resolvedNames: walked.resolvedNames,
    gaps: walked.gaps,
    unjudged: walked.unjudged,
  };
});

/**
 * The notable flows (see `FirewalledFlows`), and one inconclusive result per gap and per firewall
 * whose rules depend on data not read.
 */
export function conclusiveEndpointFlows(
  inv: Inventory,
  ctx: CheckContext,
): { readonly flows: readonly JudgedFlow[]; readonly inconclusive: readonly Inconclusive[] } {
  const { notable, gaps, unjudged } = firewalledEndpointFlows(inv, ctx);
  const inconclusive = new Map<string, Inconclusive>();
  for (const gap of gaps) {
    inconclusive.set(`${gap.resourceId}|${gap.reason}`, { inconclusive: gap.reason, resourceId: gap.resourceId });
  }
  for (const entry of unjudged) inconclusive.set(`${entry.resourceId}|${entry.inconclusive}`, entry);
  return { flows: notable, inconclusive: [...inconclusive.values()] };
}

/**
 * Whether the firewall resolves the endpoint's name itself for a flow: application rules always
 * do, FQDN network rules do, network rules that match the packet's address do not. A flow that is
 * denied (or cannot be judged) counts, since the rule that will let it through is likely an
 * application rule.
 */
function firewallResolvesName(
  evaluation: FirewallJudgment,
  verdicts: readonly FirewallVerdict[],
  protocol: FirewallProtocol,
): boolean {
  if (evaluation.inconclusive) return true;
  const layer7 = protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'ICMP';
  return verdicts.some((verdict) => {
    if (verdict.match.kind !== 'rule') return layer7;
    const { rule, matchedBy } = verdict.match;
    if (rule.ruleType === 'Application') return true;
    if (rule.ruleType === 'Network' && matchedBy === 'fqdn') return true;
    return layer7 && verdict.decision === 'Deny';
  });
}

// ---------------------------------------------------------------------------------------------

/** A consumer subnet as a source of flows. */
interface Sender {
  readonly subnet: Subnet;
  readonly sources: AddressSet;
  readonly workloadIps: readonly string[];
  readonly workloadAddresses: readonly number[];
}

/** What a firewall does with the flows of one sender along one rule path. */
interface Judged {
  readonly evaluation: FirewallJudgment;
  readonly verdicts: readonly FirewallVerdict[];
  readonly resolvesName: boolean;
  readonly denied: boolean;
  readonly allowedByNetworkRule: boolean;
  /** Set when the judgment depends on data not read. */
  readonly unjudged: { readonly key: string; readonly entry: Inconclusive } | undefined;
}

/** One public name and IP of an endpoint, its ports, and what each firewall makes of it. */
interface Destination {
  readonly fqdn: string;
  readonly ip: string;
  readonly services: readonly ServicePort[];
  /** Plans by firewall index, then service index; made when a flow first needs one. */
  readonly plans: (DestinationPlan | undefined)[];
  /** By firewall index: whether that firewall resolving the name was recorded (shared by the name's IPs). */
  readonly resolved: boolean[];
}

interface Walked {
  readonly kept: JudgedFlow[];
  readonly resolvedNames: FirewallResolvedName[];
  readonly gaps: FlowGap[];
  readonly unjudged: Inconclusive[];
}

function walk(inv: Inventory, ctx: CheckContext, everyFlow: boolean): Walked {
  const kept: JudgedFlow[] = [];
  const resolvedNames: FirewallResolvedName[] = [];
  const gaps = new Map<string, FlowGap>();
  const unjudged = new Map<string, Inconclusive>();
  const senders = new Map<string, Sender>();
  const judgments = new Judgments();
  const snat = new Map<string, SnatSettings | undefined>();
  const gap = (resourceId: string, reason: string) =>
    gaps.set(`${normalizeId(resourceId)}|${reason}`, { resourceId, reason });

  for (const { endpoint, ips: fallbackIps, clientSubnets: subnets, firewalls } of endpointConsumers(inv, ctx)) {
    if (firewalls.length === 0 || subnets.length === 0) continue;
    const destinations = destinationsOf(inv, endpoint, fallbackIps, firewalls.length);
    for (const subnet of subnets) {
      let sender = senders.get(subnet.key);
      if (!sender) senders.set(subnet.key, (sender = senderOf(inv, subnet)));
      if (sender.sources.isEmpty) continue;
      // No destination means no name: a name without IPs of its own takes the endpoint's.
      if (destinations.length === 0) {
        if (fallbackIps.some((ip) => firewallRouting(inv, subnet, ip, firewalls).kind === 'firewall')) {
          gap(
            endpoint.id,
            `Private endpoint ${endpoint.name} has no FQDN in the snapshot (no NIC FQDNs or customDnsConfigs), so its traffic through the firewall cannot be judged.`,
          );
        }
        continue;
      }
      for (const destination of destinations) {
        const { fqdn, ip, services } = destination;
        const routing = firewallRouting(inv, subnet, ip, firewalls);
        if (routing.kind === 'unknown') {
          gap(
            subnet.id,
            `The ${routing.reason}, so plaudit cannot tell whether subnet ${subnet.name} reaches ${ip} through a firewall.`,
          );
          continue;
        }
        if (routing.kind !== 'firewall') continue;
        const { firewall, route } = routing;
        const firewallIndex = firewalls.indexOf(firewall);
        for (let serviceIndex = 0; serviceIndex < services.length; serviceIndex++) {
          const service = services[serviceIndex]!;
          const slot = firewallIndex * services.length + serviceIndex;
          const plan = (destination.plans[slot] ??= planFor(
            compileFirewall(inv, firewall),
            { fqdn, ip },
            service.port,
            service.protocol,
          ));
          const { compiled } = plan;
          const judged = judgments.of(plan.path, sender, compiled, service.protocol);
          if (judged.resolvesName && !destination.resolved[firewallIndex]) {
            destination.resolved[firewallIndex] = true;
            resolvedNames.push({ firewall, endpoint, fqdn });
          }
          if (judged.unjudged) unjudged.set(judged.unjudged.key, judged.unjudged.entry);
          const notable =
            !judged.unjudged &&
            (judged.denied || (judged.allowedByNetworkRule && maySkipSnat(inv, snat, firewall, ip)));
          if (!everyFlow && !notable) continue;
          const { sources, workloadIps } = sender;
          const { evaluation, verdicts } = judged;
          kept.push({
            endpoint,
            subnet,
            firewall,
            route,
            fqdn,
            ip,
            service,
            sources,
            workloadIps,
            compiled,
            evaluation,
            verdicts,
          });
        }
      }
    }
  }
  return { kept, resolvedNames, gaps: [...gaps.values()], unjudged: [...unjudged.values()] };
}

function destinationsOf(
  inv: Inventory,
  endpoint: PrivateEndpoint,
  fallbackIps: readonly string[],
  firewallCount: number,
): Destination[] {
  return endpointDnsExpectations(inv, endpoint).flatMap((expectation) =>
    expectation.names.flatMap((name) => {
      const services = servicePortsOf(expectation.targetType, expectation.groupId);
      const resolved = new Array<boolean>(firewallCount).fill(false);
      const ips = name.ips.length > 0 ? name.ips : fallbackIps;
      return ips.map((ip) => ({ fqdn: name.fqdn, ip, services, plans: [], resolved }));
    }),
  );
}

/**
 * Judgments by rule path and sender. Estates where nearly every destination has a rule path of its
 * own gain nothing from keeping them, so the cache starts over past a bound instead of growing with
 * subnets times endpoints.
 */
class Judgments {
  static readonly bound = 20_000;
  #byPath = new Map<RulePath, Map<Sender, Judged>>();
  #size = 0;

  of(path: RulePath, sender: Sender, compiled: CompiledFirewall, protocol: FirewallProtocol): Judged {
    let bySender = this.#byPath.get(path);
    let judged = bySender?.get(sender);
    if (judged) return judged;
    if (this.#size >= Judgments.bound) {
      this.#byPath.clear();
      this.#size = 0;
      bySender = undefined;
    }
    if (!bySender) this.#byPath.set(path, (bySender = new Map()));
    judged = judge(path, sender, compiled, protocol);
    bySender.set(sender, judged);
    this.#size++;
    return judged;
  }
}

function judge(path: RulePath, sender: Sender, compiled: CompiledFirewall, protocol: FirewallProtocol): Judged {
  const evaluation = judgePath(path, sender.sources);
  const { workloadAddresses } = sender;
  const verdicts =
    workloadAddresses.length === 0
      ? evaluation.verdicts
      : evaluation.verdicts.filter((verdict) => workloadAddresses.some((address) => verdict.sources.has(address)));
  const reason =
    evaluation.inconclusive &&
    `Cannot judge traffic through Azure Firewall ${compiled.firewall.name}: ${evaluation.inconclusive}.`;
  return {
    evaluation,
    verdicts,
    resolvesName: firewallResolvesName(evaluation, verdicts, protocol),
    denied: verdicts.some((verdict) => verdict.decision === 'Deny'),
    allowedByNetworkRule: verdicts.some(
      (verdict) =>
        verdict.decision === 'Allow' && verdict.match.kind === 'rule' && verdict.match.rule.ruleType === 'Network',
    ),
    unjudged: reason
      ? { key: `${compiled.configId}|${reason}`, entry: { inconclusive: reason, resourceId: compiled.configId } }
      : undefined,
  };
}

/**
 * Whether replies to a network-rule flow may bypass the firewall: it keeps the client's address
 * for destinations in its private ranges, and learned ranges may add any destination. When the
 * policy was not read the flow is not judged at all.
 */
function maySkipSnat(
  inv: Inventory,
  known: Map<string, SnatSettings | undefined>,
  firewall: AzureFirewall,
  ip: string,
): boolean {
  if (!known.has(firewall.key)) known.set(firewall.key, effectiveSnatSettings(inv, firewall));
  const settings = known.get(firewall.key);
  return settings !== undefined && networkRuleSnat(settings, ip) !== 'snat';
}

function senderOf(inv: Inventory, subnet: Subnet): Sender {
  const workloadIps = workloadIpsOf(inv, subnet);
  const workloadAddresses = workloadIps.map((ip) => parseIpv4(ip)!);
  return { subnet, sources: sourcesOf(subnet, workloadIps), workloadIps, workloadAddresses };
}

function workloadIpsOf(inv: Inventory, subnet: Subnet): string[] {
  const ips = inv
    .workloadNicsInSubnet(subnet)
    .flatMap((nic) => nic.ipConfigurations)
    .filter((config) => config.subnetId && normalizeId(config.subnetId) === subnet.key)
    .map((config) => config.privateIp)
    .filter((ip): ip is string => ip !== undefined && parseIpv4(ip) !== undefined);
  return [...new Set(ips)].sort();
}

function sourcesOf(subnet: Subnet, workloadIps: readonly string[]): AddressSet {
  const prefixes = AddressSet.parse(subnet.addressPrefixes);
  return prefixes.isEmpty ? AddressSet.parse(workloadIps) : prefixes;
}
