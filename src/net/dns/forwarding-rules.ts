// DNS Private Resolver forwarding rulesets: a VNet linked to a ruleset sends queries for a rule's
// domain to the rule's target DNS servers instead of answering them from its own zone links.
// https://learn.microsoft.com/azure/dns/private-resolver-endpoints-rulesets
// Which wins when a rule and a zone linked to the same VNet both match is not documented
// (UNCONFIRMED): plaudit follows the rule, and says so where it does.
import { normalizeId } from '../../ids.js';
import { pushTo } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';

export interface ForwardingRule {
  readonly id: string;
  readonly name: string;
  /** Lower case, without the trailing dot. */
  readonly domain: string;
  readonly targets: readonly string[];
}

/** The enabled rule with the longest domain that covers `name`, among the rulesets linked to the VNet. */
export function forwardingRuleFor(inv: Inventory, vnetKey: string, name: string): ForwardingRule | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return (rulesByVnet(inv).get(vnetKey) ?? [])
    .filter((rule) => lower === rule.domain || lower.endsWith(`.${rule.domain}`))
    .sort((a, b) => b.domain.length - a.domain.length)[0];
}

const rulesByVnet = memoByInventory((inv): ReadonlyMap<string, readonly ForwardingRule[]> => {
  const built = new Map<string, ForwardingRule[]>();
  for (const ruleset of inv.forwardingRulesets.values()) {
    // A wildcard rule ('.') does not apply to Azure's reserved service domains, privatelink names included.
    const rules = ruleset.rules
      .filter((rule) => rule.domain !== '' && rule.enabled)
      .map((rule) => ({ id: rule.id, name: rule.name, domain: rule.domain, targets: rule.targetIps }));
    for (const vnetId of ruleset.linkedVnetIds) {
      for (const rule of rules) pushTo(built, normalizeId(vnetId), rule);
    }
  }
  return built;
});

/**
 * The domains of the enabled rules (in any ruleset) that cover a name, sorted: names with the same
 * list meet the same rules wherever they are resolved, so their resolution can be shared.
 */
export function ruleDomainsCovering(inv: Inventory, name: string): string {
  const domains = ruleDomains(inv);
  if (domains.size === 0) return '';
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  const covering: string[] = [];
  for (let start = 0; start < labels.length; start++) {
    const suffix = labels.slice(start).join('.');
    if (domains.has(suffix)) covering.push(suffix);
  }
  return covering.join('|');
}

const ruleDomains = memoByInventory((inv): ReadonlySet<string> => {
  const domains = new Set<string>();
  for (const rules of rulesByVnet(inv).values()) for (const rule of rules) domains.add(rule.domain);
  return domains;
});
