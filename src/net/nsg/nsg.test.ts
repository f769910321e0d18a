import { describe, expect, it } from 'vitest';
import { ids, referenceEstate } from '../../../test/estates.js';
import { networkSecurityGroup, nsgIds, type RuleSpec } from '../../../test/nsg-estates.js';
import { normalizeId } from '../../ids.js';
import { buildInventory } from '../../inventory/build/index.js';
import { AddressSet } from '../firewall/addresses.js';
import { evaluateNsg, rulesInOrder, type NsgFlow } from './evaluate.js';

const appVnet = normalizeId(ids.appVnet);

function verdict(rules: RuleSpec[], flow: Partial<NsgFlow> = {}, direction: 'Inbound' | 'Outbound' = 'Outbound') {
  const inv = buildInventory(referenceEstate().add(networkSecurityGroup(nsgIds.appNsg, rules)).snapshot());
  const nsg = inv.networkSecurityGroups.get(normalizeId(nsgIds.appNsg))!;
  return evaluateNsg(
    inv,
    nsg,
    direction,
    {
      source: AddressSet.parse(['10.1.0.4']),
      sourceAsgs: new Set(),
      destination: AddressSet.parse(['10.2.0.4']),
      destinationAsgs: new Set(),
      port: 443,
      protocol: 'TCP',
      ...flow,
    },
    appVnet,
  );
}

const deny = (extra: Partial<RuleSpec>): RuleSpec => ({
  name: 'deny',
  priority: 200,
  direction: 'Outbound',
  access: 'Deny',
  ...extra,
});

describe('evaluateNsg', () => {
  it("falls to Azure's default rules when the snapshot leaves them out", () => {
    const inv = buildInventory(referenceEstate().add(networkSecurityGroup(nsgIds.appNsg, [])).snapshot());
    const nsg = inv.networkSecurityGroups.get(normalizeId(nsgIds.appNsg))!;
    expect(rulesInOrder(nsg, 'Outbound').map((rule) => `${rule.name} ${rule.priority}`)).toEqual([
      'AllowVnetOutBound 65000',
      'AllowInternetOutBound 65001',
      'DenyAllOutBound 65500',
    ]);
    // The user route 10.2.0.0/16 in rt-app puts the endpoint spoke in VirtualNetwork.
    expect(verdict([])).toMatchObject({ decision: 'Allow', rule: { name: 'AllowVnetOutBound' } });
  });

  it('takes rules by priority, not by the order they are listed in', () => {
    const rules = [
      { name: 'allow', priority: 300, direction: 'Outbound', access: 'Allow', destinationPorts: ['443'] } as RuleSpec,
      deny({ priority: 100 }),
    ];
    expect(verdict(rules)).toMatchObject({ decision: 'Deny', rule: { name: 'deny' } });
  });

  it('matches ports, port lists and ranges, and protocols', () => {
    expect(verdict([deny({ destinationPorts: ['80', '8443'] })]).decision).toBe('Allow');
    expect(verdict([deny({ destinationPorts: ['80', '440-450'] })]).decision).toBe('Deny');
    expect(verdict([deny({ protocol: 'Udp' })]).decision).toBe('Allow');
    expect(verdict([deny({ protocol: 'Udp' })], { protocol: 'UDP' }).decision).toBe('Deny');
    expect(verdict([deny({ protocol: '*' })]).decision).toBe('Deny');
  });

  it('matches application security groups by membership of the NIC or endpoint', () => {
    const rule = deny({ destinationAsgs: [nsgIds.pepAsg] });
    expect(verdict([rule]).decision).toBe('Allow');
    expect(verdict([rule], { destinationAsgs: new Set([normalizeId(nsgIds.pepAsg)]) }).decision).toBe('Deny');
  });

  it('knows that public service tags never hold a private address, and leaves them open for a public one', () => {
    expect(verdict([deny({ destination: 'AzureCloud' })]).decision).toBe('Allow');
    const open = verdict([deny({ destination: 'AzureCloud' })], { destination: AddressSet.parse(['20.38.1.1']) });
    expect(open.decision).toBe('unknown');
  });

  it('stays decided when a rule that may match would decide the same way', () => {
    const rules = [deny({ sourcePorts: '50000-60000', priority: 100 }), deny({ name: 'deny-all', priority: 200 })];
    expect(verdict(rules)).toMatchObject({ decision: 'Deny', rule: { name: 'deny-all' } });
  });

  it('judges a source range as a whole: part of it in a rule leaves the verdict open', () => {
    const rules = [deny({ source: '10.1.0.0/25' })];
    expect(verdict(rules, { source: AddressSet.parse(['10.1.0.0/24']) }).decision).toBe('unknown');
    expect(verdict(rules, { source: AddressSet.parse(['10.1.0.0/26']) }).decision).toBe('Deny');
  });
});
