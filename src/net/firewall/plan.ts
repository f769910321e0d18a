// Plans: the rules that can apply to one destination, port and protocol, indexed so a plan walks
// only those, and rule paths shared by every destination the same rules treat alike.
import { pushTo } from '../../inventory/group-by.js';
import { parseIpv4 } from '../cidr.js';
import { capitalize, describeRule } from './describe.js';
import { fqdnPatternMatches } from './fqdn.js';
import {
  ICMP,
  layer7,
  TCP,
  UDP,
  type CompiledFirewall,
  type CompiledRule,
  type DestinationPlan,
  type FirewallProtocol,
  type PlanStep,
  type RulePath,
} from './types.js';
export function buildPlan(
  compiled: CompiledFirewall,
  fqdn: string | undefined,
  ip: string | undefined,
  port: number,
  protocol: FirewallProtocol,
): DestinationPlan {
  const notes: string[] = [];
  const address = ip === undefined ? undefined : parseIpv4(ip);
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
      for (const name of rule.destinationFqdns) pushTo(this.#byName, name, position);
      for (const pattern of rule.targetFqdns) {
        if (pattern.kind === 'any') this.#anyName.push(position);
        else if (pattern.kind === 'exact') pushTo(this.#byName, pattern.name, position);
        else if (pattern.kind === 'suffix') {
          let bySuffix = this.#bySuffix.get(pattern.suffix.length);
          if (!bySuffix) this.#bySuffix.set(pattern.suffix.length, (bySuffix = new Map()));
          pushTo(bySuffix, pattern.suffix, position);
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
  // FQDN tags, web categories and URLs (Premium TLS inspection) may match the flow: what they
  // cover is decided by Microsoft's lists and the request itself, so the verdict stays open.
  if (rule.unevaluated.length > 0) {
    return {
      rule,
      matchedBy: undefined,
      unknown: `${describeRule(rule.ref)} uses ${rule.unevaluated.join('; ')}, which configuration alone cannot evaluate`,
    };
  }
  return undefined;
}
