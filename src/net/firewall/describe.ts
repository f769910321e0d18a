// How rules and matches read in messages and traces.
import type { FirewallMatch, FirewallRuleRef } from './types.js';
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

function priorityText(priority: number | undefined): string {
  return priority === undefined ? '' : ` (priority ${priority})`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
