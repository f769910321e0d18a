// Azure Firewall rule evaluation: would this firewall let a flow from a source to a destination
// through, which rule decides, and what plaudit had to assume. Rules come from the classic rule
// collections on the firewall or from its Firewall Policy (and the policy's parents).
//
// Processing order (https://learn.microsoft.com/azure/firewall/rule-processing):
// - all DNAT rules, then all network rules, then application rules, whatever the priorities;
// - within a type: parent policy rule collection groups before the child's, then rule collection
//   group priority, then rule collection priority (classic: collection priority), then rule order;
// - rules are terminating: the first match decides;
// - application rules only for HTTP, HTTPS and MSSQL, after no network rule matched;
// - then the built-in infrastructure collection and the default deny.
// Rules are compiled once per firewall and indexed once per port and protocol by the names and
// addresses they match, so a destination's plan looks only at the rules that can apply to it.
// Destinations that the same rules apply to alike share one rule path, and a verdict depends only
// on that path and the sources: estates hold tens of thousands of endpoints behind a few rules.
import { normalizeId } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import type { AzureFirewall, FirewallPolicy } from '../inventory/types.js';
import {
  AddressSet,
  ianaPrivateRanges,
  ipv4ToNumber,
  parseAddressEntry,
  parseIpv4Interval,
  type Interval,
} from './firewall-addresses.js';
import { compileFqdnPattern, fqdnPatternMatches, normalizeFqdn, type FqdnPattern } from './fqdn.js';
import { firewallDnsProxyEnabled } from './resolvers.js';

export type FirewallProtocol = 'TCP' | 'UDP' | 'ICMP' | 'HTTP' | 'HTTPS' | 'MSSQL';
export type FirewallRuleType = 'DNAT' | 'Network' | 'Application';
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

const TCP = 1;
const UDP = 2;
const ICMP = 4;
const layer7: ReadonlySet<FirewallProtocol> = new Set(['HTTP', 'HTTPS', 'MSSQL']);

const compiledByInventory = new WeakMap<Inventory, Map<string, CompiledFirewall>>();

/** Would the firewall let this flow through, and why. */
export function evaluateFirewall(inv: Inventory, firewall: AzureFirewall, flow: FirewallFlow): FirewallEvaluation {
  const plan = planFor(compileFirewall(inv, firewall), flow.destination, flow.port, flow.protocol);
  const texts = typeof flow.sourceIp === 'string' ? [flow.sourceIp] : flow.sourceIp;
  const intervals = texts.map(parseIpv4Interval);
  if (intervals.some((interval) => !interval)) {
    throw new Error(`firewall flow source "${texts.join(', ')}" is not an IPv4 address, CIDR or range`);
  }
  return evaluatePlan(plan, AddressSet.of(intervals as Interval[]));
}

/** The firewall's rules, compiled once per inventory. */
export function compileFirewall(inv: Inventory, firewall: AzureFirewall): CompiledFirewall {
  let byKey = compiledByInventory.get(inv);
  if (!byKey) compiledByInventory.set(inv, (byKey = new Map()));
  let compiled = byKey.get(firewall.key);
  if (!compiled) byKey.set(firewall.key, (compiled = compile(inv, firewall)));
  return compiled;
}

/** The rules that can apply to a destination, computed once per (destination, port, protocol). */
export function planFor(
  compiled: CompiledFirewall,
  destination: FirewallDestination,
  port: number,
  protocol: FirewallProtocol,
): DestinationPlan {
  const fqdn = destination.fqdn ? normalizeFqdn(destination.fqdn) : undefined;
  const key = `${fqdn ?? ''}|${destination.ip ?? ''}|${port}|${protocol}`;
  let plan = compiled.plans.get(key);
  if (!plan) compiled.plans.set(key, (plan = buildPlan(compiled, fqdn, destination.ip, port, protocol)));
  return plan;
}

/** Walks a rule path for a set of sources; each part of the source gets the first rule that matches it. */
export function judgePath(path: RulePath, sources: AddressSet): FirewallJudgment {
  // Flow checks judge millions of (path, sources) pairs: the sets are made only when a step adds to them.
  let assumptions: Set<string> | undefined;
  let unknowns: Set<string> | undefined;
  const assume = (text: string) => (assumptions ??= new Set(path.assumptions)).add(text);
  const unknown = (text: string) => (unknowns ??= new Set(path.inconclusive ? [path.inconclusive] : [])).add(text);
  const verdicts: FirewallVerdict[] = [];
  let undecided = sources;
  for (const step of path.steps) {
    if (undecided.isEmpty) break;
    const rule = step.rule;
    const covered = rule.sourceAny ? undecided : undecided.intersect(rule.sources);
    // Addresses the rule's known sources miss might still be in an IP group that was not read.
    const uncertainSource = rule.missingSourceGroups.length > 0 && !undecided.subtract(covered).isEmpty;
    if (step.unknown || step.assumption) {
      if (covered.isEmpty && !uncertainSource) continue;
      if (step.unknown) unknown(step.unknown);
      if (step.assumption) assume(step.assumption);
      continue;
    }
    if (uncertainSource) {
      unknown(
        `${describeRule(rule.ref)} takes sources from IP group ${rule.missingSourceGroups.join(', ')}, which is not in the snapshot`,
      );
    }
    if (covered.isEmpty) continue;
    const match: FirewallMatch = { kind: 'rule', rule: rule.ref, matchedBy: step.matchedBy ?? 'any' };
    verdicts.push({ decision: rule.allows ? 'Allow' : 'Deny', match, sources: covered });
    if (step.matchedBy === 'fqdn' && rule.stage === 1) {
      assume(
        `${capitalize(describeRule(rule.ref))} matches by name; plaudit assumes the firewall resolves the name to the address the client uses.`,
      );
    }
    undecided = undecided.subtract(covered);
  }
  if (!undecided.isEmpty) verdicts.push({ decision: 'Deny', match: { kind: 'defaultDeny' }, sources: undecided });
  const denied = verdicts.find((verdict) => verdict.decision === 'Deny');
  const deciding = denied ?? verdicts[0] ?? { decision: 'Deny' as const, match: { kind: 'defaultDeny' as const } };
  return {
    decision: deciding.decision,
    match: deciding.match,
    verdicts,
    inconclusive: unknowns ? [...unknowns].join('; ') : path.inconclusive,
    assumptions: assumptions ? [...assumptions] : path.assumptions,
  };
}

/** The judgment of a plan for a set of sources, with a trace of the rules that decided each part. */
export function evaluatePlan(plan: DestinationPlan, sources: AddressSet): FirewallEvaluation {
  const judgment = judgePath(plan.path, sources);
  const decided = judgment.verdicts.map(({ match, sources: part }) =>
    match.kind === 'rule'
      ? `${part.toStrings().join(', ')}: ${describeRule(match.rule)} matches by ${match.matchedBy}: ${match.rule.action}.`
      : `${part.toStrings().join(', ')}: no rule matches: default deny.`,
  );
  return { ...judgment, trace: [...plan.compiled.notes, ...plan.notes, ...decided] };
}

/** "rule r in collection c (priority 100) of rule collection group g (priority 300) in policy p". */
export function describeRule(ref: FirewallRuleRef): string {
  const kind = ref.ruleType === 'DNAT' ? 'DNAT' : ref.ruleType.toLowerCase();
  const collection = `${kind} rule collection ${ref.collectionName}${priorityText(ref.collectionPriority)}`;
  if (ref.ruleCollectionGroupName) {
    return `rule ${ref.ruleName} in ${collection} of rule collection group ${ref.ruleCollectionGroupName}${priorityText(ref.ruleCollectionGroupPriority)} in policy ${ref.ownerName}`;
  }
  return `rule ${ref.ruleName} in ${collection} of firewall ${ref.ownerName}`;
}

/** "Deny rule ..." or "the default deny (no rule matches)". */
export function describeMatch(match: FirewallMatch): string {
  return match.kind === 'defaultDeny'
    ? 'the default deny (no rule matches)'
    : `${match.rule.action} ${describeRule(match.rule)}`;
}

export interface SnatSettings {
  /** Destinations a network rule does not SNAT. */
  readonly privateRanges: AddressSet;
  /** The configured entries, as written (or the default). */
  readonly configured: readonly string[];
  readonly source: 'policy' | 'classic' | 'default';
  /** The resource that holds the setting: the policy, or the firewall. */
  readonly configId: string;
  /** `snat.autoLearnPrivateRanges: Enabled` adds learned ranges plaudit cannot see. */
  readonly autoLearn: boolean;
}

/**
 * The ranges a firewall's network rules do not SNAT. Firewalls with a policy read only the policy's
 * `snat.privateRanges` (a child inheriting its parent's setting is UNCONFIRMED; plaudit assumes it);
 * classic firewalls read `additionalProperties['Network.SNAT.PrivateRanges']`; without either the
 * IANA private ranges (RFC 1918, RFC 6598) apply. `255.255.255.255/32` alone means "always SNAT"
 * and `0.0.0.0/0` "never": both fall out of plain range membership.
 * https://learn.microsoft.com/azure/firewall/snat-private-range
 * Undefined when the firewall's policy was not read.
 */
export function effectiveSnatSettings(inv: Inventory, firewall: AzureFirewall): SnatSettings | undefined {
  if (firewall.policyId) {
    const chain = inv.policyChain(firewall.policyId);
    if (chain.length === 0) return undefined;
    const attached = chain[chain.length - 1]!;
    const setter = [...chain].reverse().find((policy) => policy.snatPrivateRanges !== undefined);
    const configured = setter?.snatPrivateRanges ?? ['IANAPrivateRanges'];
    return {
      privateRanges: expandPrivateRanges(configured),
      configured,
      source: setter ? 'policy' : 'default',
      configId: (setter ?? attached).id,
      autoLearn: [...chain].reverse().some((policy) => autoLearnOf(policy) === true),
    };
  }
  const configured = firewall.classicSnatPrivateRanges ?? ['IANAPrivateRanges'];
  return {
    privateRanges: expandPrivateRanges(configured),
    configured,
    source: firewall.classicSnatPrivateRanges ? 'classic' : 'default',
    configId: firewall.id,
    autoLearn: false,
  };
}

/**
 * Whether the firewall SNATs a flow it lets through: application rules always do (the firewall is a
 * transparent proxy), network rules only towards destinations outside the private ranges. DNAT'ed
 * traffic is SNATed to the firewall as well. Undefined when the answer depends on data not read.
 */
export function snatApplies(
  inv: Inventory,
  firewall: AzureFirewall,
  destinationIp: string,
  ruleType: FirewallRuleType,
): boolean | undefined {
  if (ruleType !== 'Network') return true;
  const settings = effectiveSnatSettings(inv, firewall);
  if (!settings || ipv4ToNumber(destinationIp) === undefined) return undefined;
  const snat = networkRuleSnat(settings, destinationIp);
  return snat === 'unknown' ? undefined : snat === 'snat';
}

/**
 * Whether network-rule traffic to an IP is SNATed under these settings: not towards the private
 * ranges; learned ranges (autoLearnPrivateRanges) can only add private ranges, so any other
 * destination may lose its SNAT too.
 */
export function networkRuleSnat(settings: SnatSettings, destinationIp: string): 'snat' | 'noSnat' | 'unknown' {
  if (settings.privateRanges.hasIp(destinationIp)) return 'noSnat';
  return settings.autoLearn ? 'unknown' : 'snat';
}

export function expandPrivateRanges(entries: readonly string[]): AddressSet {
  const texts = entries.flatMap((entry) =>
    entry.trim().toLowerCase() === 'ianaprivateranges' ? ianaPrivateRanges : [entry],
  );
  return AddressSet.parse(texts);
}

// ---------------------------------------------------------------------------------------------
// Compilation

type Json = Record<string, unknown>;

interface Collected {
  readonly rules: { readonly sortKey: readonly (number | string)[]; readonly rule: CompiledRule }[];
  readonly unknowns: string[];
  readonly assumptions: string[];
}

function compile(inv: Inventory, firewall: AzureFirewall): CompiledFirewall {
  const collected: Collected = { rules: [], unknowns: [], assumptions: [] };
  const notes: string[] = [];
  let configId = firewall.id;
  let configName = firewall.name;
  let threatIntel = str(props(firewall.raw).threatIntelMode);
  if (firewall.policyId) {
    const chain = inv.policyChain(firewall.policyId);
    const attached = chain[chain.length - 1];
    if (!attached) {
      collected.unknowns.push(`firewall policy ${firewall.policyId} of ${firewall.name} is not in the snapshot`);
    } else {
      configId = attached.id;
      configName = attached.name;
      const root = chain[0]!;
      if (root.basePolicyId && !inv.firewallPolicy(root.basePolicyId)) {
        collected.unknowns.push(`parent policy ${root.basePolicyId} of ${root.name} is not in the snapshot`);
      }
      chain.forEach((policy, index) => collectPolicy(inv, policy, index, collected));
      threatIntel =
        [...chain]
          .reverse()
          .map((policy) => str(props(policy.raw).threatIntelMode))
          .find(Boolean) ?? threatIntel;
      if (hasClassicCollections(firewall)) {
        collected.assumptions.push(
          `Classic rule collections on firewall ${firewall.name} are ignored because policy ${attached.name} is attached.`,
        );
      }
    }
  } else {
    collectClassic(inv, firewall, collected);
  }
  if (threatIntel?.toLowerCase() === 'deny') {
    collected.assumptions.push(
      `Threat intelligence in Deny mode runs before every rule on ${firewall.name}; plaudit cannot evaluate it.`,
    );
  }
  if (firewall.virtualHubId) {
    collected.assumptions.push(
      `Firewall ${firewall.name} is in Virtual WAN hub ${firewall.virtualHubId.split('/').pop()}; its rules are evaluated as for a hub VNet firewall, hub routing is not modelled.`,
    );
  }
  const dnsProxy = firewallDnsProxyEnabled(inv, firewall);
  notes.push(`DNS proxy on ${firewall.name} is ${dnsProxy === undefined ? 'unknown' : dnsProxy ? 'on' : 'off'}.`);
  const rules = collected.rules.sort((a, b) => compareKeys(a.sortKey, b.sortKey)).map((entry) => entry.rule);
  return {
    firewall,
    rules,
    dnsProxy,
    configId,
    configName,
    inconclusive: collected.unknowns.length > 0 ? collected.unknowns.join('; ') : undefined,
    assumptions: collected.assumptions,
    notes,
    plans: new Map(),
  };
}

function collectPolicy(inv: Inventory, policy: FirewallPolicy, policyIndex: number, collected: Collected): void {
  const groups = inv.ruleCollectionGroupsOf(policy.key);
  const readKeys = new Set(groups.map((group) => group.key));
  for (const ref of arr(props(policy.raw).ruleCollectionGroups)) {
    const id = str(obj(ref).id);
    if (id && !readKeys.has(normalizeId(id))) {
      collected.unknowns.push(
        `rule collection group ${id.split('/').pop()} of policy ${policy.name} is not in the snapshot`,
      );
    }
  }
  for (const group of groups) {
    const groupPriority = group.priority ?? Number.MAX_SAFE_INTEGER;
    arr(props(group.raw).ruleCollections).forEach((value, collectionIndex) => {
      const collection = obj(value);
      const isNat = str(collection.ruleCollectionType)?.toLowerCase() === 'firewallpolicynatrulecollection';
      const action = str(obj(collection.action).type) ?? '';
      const collectionPriority = num(collection.priority);
      arr(collection.rules).forEach((ruleValue, ruleIndex) => {
        const rule = obj(ruleValue);
        const ruleType = str(rule.ruleType)?.toLowerCase();
        const type: FirewallRuleType | undefined = isNat
          ? 'DNAT'
          : ruleType === 'networkrule'
            ? 'Network'
            : ruleType === 'applicationrule'
              ? 'Application'
              : undefined;
        if (!type) return;
        const ref: FirewallRuleRef = {
          ruleType: type,
          action: actionOf(type, action),
          ownerId: policy.id,
          ownerName: policy.name,
          policyId: policy.id,
          ruleCollectionGroupId: group.id,
          ruleCollectionGroupName: group.name,
          ruleCollectionGroupPriority: group.priority,
          collectionName: str(collection.name) ?? `#${collectionIndex}`,
          collectionPriority,
          ruleName: str(rule.name) ?? `#${ruleIndex}`,
        };
        collected.rules.push({
          sortKey: [
            stageOf(type),
            policyIndex,
            groupPriority,
            group.name.toLowerCase(),
            collectionPriority ?? Number.MAX_SAFE_INTEGER,
            collectionIndex,
            ruleIndex,
          ],
          rule: compileRule(inv, ref, rule, 'ipProtocols'),
        });
      });
    });
  }
}

function collectClassic(inv: Inventory, firewall: AzureFirewall, collected: Collected): void {
  const kinds = [
    ['natRuleCollections', 'DNAT'],
    ['networkRuleCollections', 'Network'],
    ['applicationRuleCollections', 'Application'],
  ] as const;
  for (const [property, type] of kinds) {
    arr(props(firewall.raw)[property]).forEach((value, collectionIndex) => {
      const collection = obj(value);
      const collectionProps = obj(collection.properties);
      const collectionPriority = num(collectionProps.priority);
      const action = str(obj(collectionProps.action).type) ?? '';
      arr(collectionProps.rules).forEach((ruleValue, ruleIndex) => {
        const rule = obj(ruleValue);
        const ref: FirewallRuleRef = {
          ruleType: type,
          action: actionOf(type, action),
          ownerId: firewall.id,
          ownerName: firewall.name,
          policyId: undefined,
          ruleCollectionGroupId: undefined,
          ruleCollectionGroupName: undefined,
          ruleCollectionGroupPriority: undefined,
          collectionName: str(collection.name) ?? `#${collectionIndex}`,
          collectionPriority,
          ruleName: str(rule.name) ?? `#${ruleIndex}`,
        };
        collected.rules.push({
          sortKey: [stageOf(type), collectionPriority ?? Number.MAX_SAFE_INTEGER, collectionIndex, ruleIndex],
          rule: compileRule(inv, ref, rule, 'protocols'),
        });
      });
    });
  }
}

function compileRule(
  inv: Inventory,
  ref: FirewallRuleRef,
  rule: Json,
  protocolField: 'ipProtocols' | 'protocols',
): CompiledRule {
  const stage = stageOf(ref.ruleType);
  const sources = addressesOf(inv, strings(rule.sourceAddresses), strings(rule.sourceIpGroups));
  const destinations = addressesOf(inv, strings(rule.destinationAddresses), strings(rule.destinationIpGroups));
  const portTexts = strings(rule.destinationPorts);
  const portsAny = portTexts.some((port) => port.trim() === '*');
  const unevaluated: string[] = [];
  if (stage === 2) {
    const tags = strings(rule.fqdnTags);
    const categories = strings(rule.webCategories);
    const urls = strings(rule.targetUrls);
    if (tags.length > 0) unevaluated.push(`FQDN tags ${tags.join(', ')}`);
    if (categories.length > 0) unevaluated.push(`web categories ${categories.join(', ')}`);
    if (urls.length > 0) unevaluated.push(`target URLs ${urls.join(', ')}`);
  }
  return {
    ref,
    stage,
    allows: ref.action !== 'Deny',
    sourceAny: sources.any,
    sources: sources.addresses,
    missingSourceGroups: sources.missingGroups,
    l4: stage === 2 ? 0 : layer4Mask(strings(rule[protocolField]), portsAny),
    portsAny,
    ports: portTexts.map(parsePortRange).filter((range): range is Interval => !!range),
    destinationAny: destinations.any,
    destinations: destinations.addresses,
    missingDestinationGroups: destinations.missingGroups,
    unplacedDestinations: destinations.unplaced,
    destinationFqdns: new Set(stage === 1 ? strings(rule.destinationFqdns).map(normalizeFqdn) : []),
    appProtocols:
      stage === 2
        ? arr(rule.protocols).flatMap((value) => {
            const protocol = appProtocolOf(str(obj(value).protocolType));
            const port = num(obj(value).port) ?? defaultPort(protocol);
            return protocol && port !== undefined ? [{ protocol, port }] : [];
          })
        : [],
    targetFqdns: stage === 2 ? strings(rule.targetFqdns).map(compileFqdnPattern) : [],
    unevaluated,
  };
}

/** Addresses and IP groups of one side of a rule; groups not in the snapshot are listed by name. */
function addressesOf(inv: Inventory, texts: readonly string[], groupIds: readonly string[]) {
  const intervals: Interval[] = [];
  const unplaced: string[] = [];
  const missingGroups: string[] = [];
  let any = false;
  const add = (text: string) => {
    const entry = parseAddressEntry(text);
    if (entry.kind === 'any') any = true;
    else if (entry.kind === 'ipv4') intervals.push(entry.interval);
    else if (!entry.text.includes(':')) unplaced.push(entry.text); // IPv6 never matches an IPv4 flow
  };
  texts.forEach(add);
  for (const id of groupIds) {
    const group = inv.ipGroups.get(normalizeId(id));
    if (group) group.ipAddresses.forEach(add);
    else missingGroups.push(id.split('/').pop() ?? id);
  }
  return { any, addresses: AddressSet.of(intervals), unplaced, missingGroups };
}

// ---------------------------------------------------------------------------------------------
// Plans

function buildPlan(
  compiled: CompiledFirewall,
  fqdn: string | undefined,
  ip: string | undefined,
  port: number,
  protocol: FirewallProtocol,
): DestinationPlan {
  const notes: string[] = [];
  const address = ip === undefined ? undefined : ipv4ToNumber(ip);
  if (!layer7.has(protocol)) notes.push(`Application rules are not evaluated for ${protocol} traffic.`);
  else notes.push('The built-in infrastructure rule collection (Azure platform names) is not modelled.');
  const index = ruleIndexFor(compiled, port, protocol);
  const steps: PlanStep[] = [];
  let signature = `${port}|${protocol}`;
  for (const position of index.candidates(fqdn, address)) {
    const rule = index.rules[position]!;
    const step =
      rule.stage === 2 ? applicationStep(rule, fqdn, address) : networkStep(compiled, rule, fqdn, address, notes);
    if (!step) continue;
    steps.push(step);
    signature += `|${position}${step.unknown ? 'u' : step.assumption ? 's' : step.matchedBy}`;
  }
  const paths = plannerOf(compiled).paths;
  let path = paths.get(signature);
  if (!path) {
    const assumptions = new Set(compiled.assumptions);
    if (protocol === 'MSSQL') {
      assumptions.add(
        'Azure SQL clients in Azure default to redirect mode, which moves the connection to ports 11000-11999 after the login on 1433; plaudit evaluates port 1433 only, and SQL application rules need proxy mode.',
      );
    }
    paths.set(signature, (path = { steps, inconclusive: compiled.inconclusive, assumptions: [...assumptions] }));
  }
  return { compiled, path, notes };
}

interface Planner {
  /** Rule indexes by `port|protocol`. */
  readonly indexes: Map<string, RuleIndex>;
  /** Rule paths by their steps. */
  readonly paths: Map<string, RulePath>;
}

const planners = new WeakMap<CompiledFirewall, Planner>();

function plannerOf(compiled: CompiledFirewall): Planner {
  let planner = planners.get(compiled);
  if (!planner) planners.set(compiled, (planner = { indexes: new Map(), paths: new Map() }));
  return planner;
}

function ruleIndexFor(compiled: CompiledFirewall, port: number, protocol: FirewallProtocol): RuleIndex {
  const { indexes } = plannerOf(compiled);
  const key = `${port}|${protocol}`;
  let index = indexes.get(key);
  if (!index) indexes.set(key, (index = new RuleIndex(rulesFor(compiled, port, protocol))));
  return index;
}

/** The rules that handle a port and protocol at all, in processing order. */
function rulesFor(compiled: CompiledFirewall, port: number, protocol: FirewallProtocol): CompiledRule[] {
  const l4 = protocol === 'UDP' ? UDP : protocol === 'ICMP' ? ICMP : TCP;
  const rules: CompiledRule[] = [];
  for (const rule of compiled.rules) {
    if (rule.stage === 2) {
      if (!layer7.has(protocol)) break;
      if (rule.appProtocols.some((candidate) => candidate.protocol === protocol && candidate.port === port)) {
        rules.push(rule);
      }
      continue;
    }
    if ((rule.l4 & l4) === 0) continue;
    if (l4 !== ICMP && !rule.portsAny && !rule.ports.some(([low, high]) => port >= low && port <= high)) continue;
    rules.push(rule);
  }
  return rules;
}

/**
 * Finds the rules that can give a step for a destination: those whose step does not depend on it
 * (any destination, IP groups not read, targets plaudit cannot evaluate), and those that name it or
 * hold its address. Every other rule yields no step, so plans never walk them.
 */
class RuleIndex {
  readonly rules: readonly CompiledRule[];
  readonly #always: number[] = [];
  readonly #anyName: number[] = [];
  /** Exact names: network rule FQDNs and application rule targets. */
  readonly #byName = new Map<string, number[]>();
  /** Application targets `*suffix`, by suffix length and suffix. */
  readonly #bySuffix = new Map<number, Map<string, number[]>>();
  readonly #addressRules: number[] = [];
  /** Starts of the address ranges within which every address is in the same rules' destinations. */
  readonly #boundaries: number[];
  readonly #bySegment = new Map<number, readonly number[]>();

  constructor(rules: readonly CompiledRule[]) {
    this.rules = rules;
    const boundaries = new Set<number>();
    rules.forEach((rule, position) => {
      const application = rule.stage === 2;
      if (
        rule.destinationAny ||
        rule.missingDestinationGroups.length > 0 ||
        (application ? rule.unevaluated.length > 0 : rule.unplacedDestinations.length > 0)
      ) {
        this.#always.push(position);
      }
      for (const name of rule.destinationFqdns) push(this.#byName, name, position);
      for (const pattern of rule.targetFqdns) {
        if (pattern.kind === 'any') this.#anyName.push(position);
        else if (pattern.kind === 'exact') push(this.#byName, pattern.name, position);
        else if (pattern.kind === 'suffix') {
          let bySuffix = this.#bySuffix.get(pattern.suffix.length);
          if (!bySuffix) this.#bySuffix.set(pattern.suffix.length, (bySuffix = new Map()));
          push(bySuffix, pattern.suffix, position);
        }
      }
      if (!rule.destinations.isEmpty) {
        this.#addressRules.push(position);
        for (const [low, high] of rule.destinations.intervals) boundaries.add(low).add(high + 1);
      }
    });
    this.#boundaries = [...boundaries].sort((a, b) => a - b);
  }

  /** Positions in `rules` of the rules that can give a step, in processing order. */
  candidates(fqdn: string | undefined, address: number | undefined): readonly number[] {
    const found = [...this.#always];
    if (fqdn !== undefined) {
      found.push(...this.#anyName, ...(this.#byName.get(fqdn) ?? []));
      for (const [length, bySuffix] of this.#bySuffix) {
        if (fqdn.length >= length) found.push(...(bySuffix.get(fqdn.slice(fqdn.length - length)) ?? []));
      }
    }
    if (address !== undefined) found.push(...this.#rulesHolding(address));
    return [...new Set(found)].sort((a, b) => a - b);
  }

  #rulesHolding(address: number): readonly number[] {
    const segment = upperBound(this.#boundaries, address);
    let positions = this.#bySegment.get(segment);
    if (!positions) {
      positions = this.#addressRules.filter((position) => this.rules[position]!.destinations.has(address));
      this.#bySegment.set(segment, positions);
    }
    return positions;
  }
}

/** How many of the sorted values are at most `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function networkStep(
  compiled: CompiledFirewall,
  rule: CompiledRule,
  fqdn: string | undefined,
  address: number | undefined,
  notes: string[],
): PlanStep | undefined {
  if (rule.destinationAny) return { rule, matchedBy: 'any' };
  if (address !== undefined && rule.destinations.has(address)) return { rule, matchedBy: 'address' };
  if (fqdn !== undefined && rule.destinationFqdns.has(fqdn)) {
    // FQDNs in network rules work only through the firewall's DNS proxy.
    // https://learn.microsoft.com/azure/firewall/fqdn-filtering-network-rules
    if (compiled.dnsProxy) return { rule, matchedBy: 'fqdn' };
    notes.push(`${describeRule(rule.ref)} names ${fqdn}, but DNS proxy is off, so it does not match.`);
  }
  if (rule.missingDestinationGroups.length > 0) {
    return {
      rule,
      matchedBy: undefined,
      unknown: `${describeRule(rule.ref)} takes destinations from IP group ${rule.missingDestinationGroups.join(', ')}, which is not in the snapshot`,
    };
  }
  if (rule.unplacedDestinations.length > 0) {
    return {
      rule,
      matchedBy: undefined,
      assumption: `${capitalize(describeRule(rule.ref))} targets ${rule.unplacedDestinations.join(', ')}, which plaudit cannot expand; treated as not matching.`,
    };
  }
  return undefined;
}

function applicationStep(
  rule: CompiledRule,
  fqdn: string | undefined,
  address: number | undefined,
): PlanStep | undefined {
  // The firewall matches the name from SNI / Host, so only the name the client uses counts.
  if (fqdn !== undefined && rule.targetFqdns.some((pattern) => fqdnPatternMatches(pattern, fqdn))) {
    return { rule, matchedBy: rule.targetFqdns.some((pattern) => pattern.kind === 'any') ? 'any' : 'fqdn' };
  }
  if (rule.destinationAny) return { rule, matchedBy: 'any' };
  if (address !== undefined && rule.destinations.has(address)) return { rule, matchedBy: 'address' };
  if (rule.missingDestinationGroups.length > 0) {
    return {
      rule,
      matchedBy: undefined,
      unknown: `${describeRule(rule.ref)} takes destinations from IP group ${rule.missingDestinationGroups.join(', ')}, which is not in the snapshot`,
    };
  }
  if (rule.unevaluated.length > 0) {
    return {
      rule,
      matchedBy: undefined,
      assumption: `${capitalize(describeRule(rule.ref))} uses ${rule.unevaluated.join('; ')}, which configuration alone cannot evaluate; treated as not matching.`,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function stageOf(type: FirewallRuleType): 0 | 1 | 2 {
  return type === 'DNAT' ? 0 : type === 'Network' ? 1 : 2;
}

function actionOf(type: FirewallRuleType, action: string): FirewallRuleRef['action'] {
  if (type === 'DNAT') return 'DNAT';
  return action.toLowerCase() === 'deny' ? 'Deny' : 'Allow';
}

/** "If a destination port is explicitly configured, then the rule is translated to a TCP+UDP rule." */
function layer4Mask(protocols: readonly string[], portsAny: boolean): number {
  let mask = 0;
  for (const protocol of protocols.map((value) => value.trim().toLowerCase())) {
    if (protocol === 'tcp') mask |= TCP;
    else if (protocol === 'udp') mask |= UDP;
    else if (protocol === 'icmp') mask |= ICMP;
    else if (protocol === 'any') mask |= TCP | UDP | (portsAny ? ICMP : 0);
  }
  return mask;
}

function parsePortRange(text: string): Interval | undefined {
  const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= high ? [low, high] : undefined;
}

function appProtocolOf(value: string | undefined): FirewallProtocol | undefined {
  switch (value?.toLowerCase()) {
    case 'http':
      return 'HTTP';
    case 'https':
      return 'HTTPS';
    case 'mssql':
      return 'MSSQL';
    default:
      return undefined;
  }
}

function defaultPort(protocol: FirewallProtocol | undefined): number | undefined {
  return protocol === 'HTTP' ? 80 : protocol === 'HTTPS' ? 443 : protocol === 'MSSQL' ? 1433 : undefined;
}

function hasClassicCollections(firewall: AzureFirewall): boolean {
  const properties = props(firewall.raw);
  return ['applicationRuleCollections', 'networkRuleCollections', 'natRuleCollections'].some(
    (property) => arr(properties[property]).length > 0,
  );
}

function autoLearnOf(policy: FirewallPolicy): boolean | undefined {
  const value = str(obj(props(policy.raw).snat).autoLearnPrivateRanges);
  return value === undefined ? undefined : value.toLowerCase() === 'enabled';
}

function priorityText(priority: number | undefined): string {
  return priority === undefined ? '' : ` (priority ${priority})`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let index = 0; index < a.length; index++) {
    const left = a[index]!;
    const right = b[index]!;
    if (left === right) continue;
    return typeof left === 'number' && typeof right === 'number'
      ? left - right
      : String(left).localeCompare(String(right));
  }
  return 0;
}

function props(resource: { readonly properties?: unknown }): Json {
  return obj(resource.properties);
}

function obj(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function strings(value: unknown): string[] {
  return arr(value).filter((item): item is string => typeof item === 'string');
}
