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
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import type { AzureFirewall } from '../../inventory/types.js';
import { AddressSet, parseIpv4Interval, type Interval } from './addresses.js';
import { compile } from './compile.js';
import { capitalize, describeRule } from './describe.js';
import { normalizeFqdn } from './fqdn.js';
import { buildPlan } from './plan.js';
import type {
  CompiledFirewall,
  DestinationPlan,
  FirewallDestination,
  FirewallEvaluation,
  FirewallFlow,
  FirewallJudgment,
  FirewallMatch,
  FirewallProtocol,
  FirewallVerdict,
  RulePath,
} from './types.js';

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
  return compiledByFirewall(inv, firewall);
}

const compiledByFirewall = memoByInventoryKey(compile, (firewall: AzureFirewall) => firewall.key);

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
