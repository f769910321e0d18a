// DNS Private Resolver forwarding rulesets: a VNet linked to a ruleset sends queries for a rule's
// domain to the rule's target DNS servers instead of answering them from its own zone links.
// https://learn.microsoft.com/azure/dns/private-resolver-endpoints-rulesets
// Which wins when a rule and a zone linked to the same VNet both match is not documented
// (UNCONFIRMED): plaudit follows the rule, and says so where it does.
import { normalizeId, normalizeType } from '../ids.js';
import { childResources } from '../inventory/child-resources.js';
import type { Inventory } from '../inventory/inventory.js';

export interface ForwardingRule {
  readonly id: string;
  readonly name: string;
  /** Lower case, without the trailing dot. */
  readonly domain: string;
  readonly targets: readonly string[];
}

const rulesByInventory = new WeakMap<Inventory, ReadonlyMap<string, readonly ForwardingRule[]>>();

/** The enabled rule with the longest domain that covers `name`, among the rulesets linked to the VNet. */
export function forwardingRuleFor(inv: Inventory, vnetKey: string, name: string): ForwardingRule | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return (rulesByVnet(inv).get(vnetKey) ?? [])
    .filter((rule) => lower === rule.domain || lower.endsWith(`.${rule.domain}`))
    .sort((a, b) => b.domain.length - a.domain.length)[0];
}

function rulesByVnet(inv: Inventory): ReadonlyMap<string, readonly ForwardingRule[]> {
  let index = rulesByInventory.get(inv);
  if (index) return index;
  const built = new Map<string, ForwardingRule[]>();
  for (const ruleset of inv.resources.values()) {
    if (normalizeType(ruleset.type) !== 'microsoft.network/dnsforwardingrulesets') continue;
    const rules = childResources(inv, ruleset.id, 'Microsoft.Network/dnsForwardingRulesets/forwardingRules').flatMap(
      (rule): ForwardingRule[] => {
        const props = (rule.properties ?? {}) as Record<string, unknown>;
        const domain = typeof props.domainName === 'string' ? props.domainName.toLowerCase().replace(/\.$/, '') : '';
        // A wildcard rule ('.') does not apply to Azure's reserved service domains, privatelink names included.
        if (domain === '' || String(props.forwardingRuleState ?? 'Enabled').toLowerCase() === 'disabled') return [];
        const targets = (Array.isArray(props.targetDnsServers) ? props.targetDnsServers : [])
          .map((target) => (target as { ipAddress?: unknown }).ipAddress)
          .filter((ip): ip is string => typeof ip === 'string');
        return [{ id: rule.id, name: rule.name, domain, targets }];
      },
    );
    const links = childResources(inv, ruleset.id, 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks');
    for (const link of links) {
      const vnetId = (link.properties?.virtualNetwork as { id?: unknown } | undefined)?.id;
      if (typeof vnetId !== 'string') continue;
      const key = normalizeId(vnetId);
      built.set(key, [...(built.get(key) ?? []), ...rules]);
    }
  }
  index = built;
  rulesByInventory.set(inv, index);
  return index;
}
