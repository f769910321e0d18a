// What keeps full-scan firewall analysis linear in the estate: plans walk only the rules that can
// match a destination and share one rule path when the same rules apply, and the flow walk keeps
// only what the checks report on.
import { describe, expect, it } from 'vitest';
import { ids, referenceEstate, type Estate } from '../../../test/estates.js';
import { defaultCheckContext } from '../../inventory/context.js';
import { normalizeId } from '../../ids.js';
import { buildInventory } from '../../inventory/build/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import { parseSnapshot } from '../../snapshot/read.js';
import { compileFirewall, planFor, type FirewallProtocol } from './index.js';
import { firewalledEndpointFlows } from './flows.js';

type Json = Record<string, unknown>;

function inventoryOf(estate: Estate): Inventory {
  return buildInventory(parseSnapshot(estate.snapshot(), 'flow-scaling.test'));
}

function withCollection(estate: Estate, priority: number, action: 'Allow' | 'Deny', rules: Json[]): Estate {
  return estate.update(ids.appRuleGroup, (group) => {
    (group.properties!.ruleCollections as Json[]).push({
      ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
      name: `c-${priority}`,
      priority,
      action: { type: action },
      rules,
    });
  });
}

const https = [{ protocolType: 'Https', port: 443 }];

/** Plans on port 443 through the hub firewall of one inventory of the estate. */
function plannerOf(estate: Estate) {
  const inv = inventoryOf(estate);
  const compiled = compileFirewall(inv, inv.firewalls.get(normalizeId(ids.firewall))!);
  const plan = (fqdn: string, ip: string, protocol: FirewallProtocol = 'HTTPS') =>
    planFor(compiled, { fqdn, ip }, 443, protocol);
  const ruleNames = (fqdn: string, ip: string, protocol?: FirewallProtocol) =>
    plan(fqdn, ip, protocol).path.steps.map((step) => step.rule.ref.ruleName);
  return { plan, ruleNames };
}

describe('rule paths', () => {
  const estate = () => {
    const others = Array.from({ length: 500 }, (_, i) => ({
      ruleType: 'ApplicationRule',
      name: `other-${i}`,
      sourceAddresses: ['10.0.0.0/8'],
      protocols: https,
      targetFqdns: [`app-${i}.contoso.example`],
    }));
    const vaults = { ruleType: 'ApplicationRule', name: 'vaults', sourceAddresses: ['10.0.0.0/8'], protocols: https };
    return withCollection(withCollection(referenceEstate(), 200, 'Allow', others), 300, 'Allow', [
      { ...vaults, targetFqdns: ['*.vault.azure.net'] },
    ]);
  };

  it('walk only the rules that can match, and are shared by the destinations they apply to alike', () => {
    const { plan, ruleNames } = plannerOf(estate());
    expect(ruleNames('kv-a.vault.azure.net', '10.2.0.5')).toEqual(['vaults']);
    expect(plan('kv-b.vault.azure.net', '10.2.0.6').path).toBe(plan('kv-a.vault.azure.net', '10.2.0.5').path);
    expect(ruleNames('kv-pep-spokepep.vault.azure.net', '10.2.0.4')).toEqual(['app-to-kv-pep-spokepep', 'vaults']);
    expect(ruleNames('app-7.contoso.example', '10.9.0.1')).toEqual(['other-7']);
    expect(ruleNames('vault.azure.net', '10.9.0.1')).toEqual([]);
  });

  it('find network rules by the address ranges that hold the destination', () => {
    const network = (name: string, destinationAddresses: string[]) => ({
      ruleType: 'NetworkRule',
      name,
      ipProtocols: ['TCP'],
      sourceAddresses: ['10.1.0.0/24'],
      destinationAddresses,
      destinationPorts: ['443'],
    });
    const ranges = withCollection(referenceEstate(), 200, 'Allow', [
      network('subnet', ['10.2.0.0/24']),
      network('range', ['10.2.0.4-10.2.0.9']),
      network('any', ['*']),
    ]);
    const { ruleNames } = plannerOf(ranges);
    const names = (ip: string) => ruleNames('kv.vault.azure.net', ip, 'TCP');
    expect(names('10.2.0.5')).toEqual(['subnet', 'range', 'any']);
    expect(names('10.2.0.20')).toEqual(['subnet', 'any']);
    expect(names('10.3.0.1')).toEqual(['any']);
  });
});

describe('the flow walk', () => {
  it('builds every flow only when asked, and keeps the names the firewall resolves itself', () => {
    const walked = firewalledEndpointFlows(inventoryOf(referenceEstate()), defaultCheckContext);
    expect(walked.notable).toEqual([]);
    expect(walked.resolvedNames.map(({ fqdn }) => fqdn)).toEqual(['kv-pep-spokepep.vault.azure.net']);
    expect(walked.flows).toHaveLength(1);
  });

  it('keeps flows the firewall drops', () => {
    const denied = referenceEstate().update(ids.appRuleGroup, (group) => {
      const [collection] = group.properties!.ruleCollections as { rules: Json[] }[];
      collection!.rules[0]!.sourceAddresses = ['10.9.0.0/24'];
    });
    const { notable } = firewalledEndpointFlows(inventoryOf(denied), defaultCheckContext);
    expect(notable.map((flow) => flow.evaluation.decision)).toEqual(['Deny']);
  });

  it('keeps flows passed by a network rule only while the firewall may not SNAT them', () => {
    const byNetworkRule = withCollection(referenceEstate(), 200, 'Allow', [
      {
        ruleType: 'NetworkRule',
        name: 'to-pe',
        ipProtocols: ['TCP'],
        sourceAddresses: ['10.1.0.0/24'],
        destinationAddresses: ['10.2.0.4'],
        destinationPorts: ['443'],
      },
    ]);
    const notable = (estate: Estate) => firewalledEndpointFlows(inventoryOf(estate), defaultCheckContext).notable;
    expect(notable(byNetworkRule)).toHaveLength(1);
    expect(notable(byNetworkRule.set(ids.firewallPolicy, 'snat.privateRanges', ['255.255.255.255/32']))).toEqual([]);
  });
});
