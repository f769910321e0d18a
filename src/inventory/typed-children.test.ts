import { describe, expect, it } from 'vitest';
import { buildInventory } from './build/index.js';

const sub = '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers';
const server = `${sub}/Microsoft.Sql/servers/sql`;
const ruleset = `${sub}/Microsoft.Network/dnsForwardingRulesets/rs`;

describe('children typed by the inventory', () => {
  it('finds SQL server rules by server without regard to case, sorted by id', () => {
    const inv = buildInventory({
      resources: [
        { id: server, name: 'sql', type: 'Microsoft.Sql/servers' },
        {
          id: `${server}/firewallRules/b`,
          name: 'b',
          type: 'Microsoft.Sql/servers/firewallRules',
          properties: { startIpAddress: ' 1.2.3.4 ', endIpAddress: '1.2.3.9' },
        },
        { id: `${server.toUpperCase()}/FIREWALLRULES/A`, name: 'A', type: 'microsoft.sql/servers/firewallrules' },
        {
          id: `${server}/virtualNetworkRules/v`,
          name: 'v',
          type: 'Microsoft.Sql/servers/virtualNetworkRules',
          properties: { virtualNetworkSubnetId: '/x/subnets/s' },
        },
      ],
    });
    expect(inv.sqlFirewallRulesOf(server.toLowerCase()).map((rule) => [rule.name, rule.startIp])).toEqual([
      ['A', undefined],
      ['b', '1.2.3.4'],
    ]);
    expect(inv.sqlVirtualNetworkRulesOf(server).map((rule) => rule.subnetId)).toEqual(['/x/subnets/s']);
    expect(inv.sqlFirewallRulesOf(`${server}-other`)).toEqual([]);
  });

  it('joins forwarding rules and VNet links to their ruleset, wherever they appear in the snapshot', () => {
    const inv = buildInventory({
      resources: [
        {
          id: `${ruleset}/forwardingRules/b`,
          name: 'b',
          type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules',
          properties: {
            domainName: 'Contoso.com.',
            forwardingRuleState: 'Disabled',
            targetDnsServers: [{ ipAddress: '10.0.0.1' }],
          },
        },
        { id: ruleset, name: 'rs', type: 'Microsoft.Network/dnsForwardingRulesets' },
        {
          id: `${ruleset}/virtualNetworkLinks/l`,
          name: 'l',
          type: 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks',
          properties: { virtualNetwork: { id: '/vnets/a' } },
        },
        {
          id: `${ruleset}/forwardingRules/a`,
          name: 'a',
          type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules',
          properties: { domainName: 'vault.azure.net', targetDnsServers: [{ ipAddress: '10.0.0.2' }, {}] },
        },
      ],
    });
    const [read] = inv.forwardingRulesets.values();
    expect(read?.rules.map((rule) => [rule.name, rule.domain, rule.enabled, rule.targetIps])).toEqual([
      ['a', 'vault.azure.net', true, ['10.0.0.2']],
      ['b', 'contoso.com', false, ['10.0.0.1']],
    ]);
    expect(read?.linkedVnetIds).toEqual(['/vnets/a']);
  });

  it('types policy and classic firewall rules in one shape', () => {
    const policy = `${sub}/Microsoft.Network/firewallPolicies/p`;
    const inv = buildInventory({
      resources: [
        {
          id: `${policy}/ruleCollectionGroups/g`,
          name: 'g',
          type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
          properties: {
            priority: '200',
            ruleCollections: [
              {
                name: 'nat',
                ruleCollectionType: 'FirewallPolicyNatRuleCollection',
                rules: [{ name: 'd', ruleType: 'NatRule', ipProtocols: ['TCP'], translatedPort: 22 }],
              },
              {
                name: 'apps',
                ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
                action: { type: 'Allow' },
                rules: [{ name: 'kv', ruleType: 'ApplicationRule', protocols: [{ protocolType: 'Https', port: 443 }] }],
              },
            ],
          },
        },
        {
          id: `${sub}/Microsoft.Network/azureFirewalls/fw`,
          name: 'fw',
          type: 'Microsoft.Network/azureFirewalls',
          properties: {
            networkRuleCollections: [
              {
                name: 'net',
                properties: {
                  priority: 100,
                  action: { type: 'Deny' },
                  rules: [{ name: 'n', protocols: ['UDP'], destinationPorts: [53] }],
                },
              },
            ],
          },
        },
      ],
    });
    const [group] = inv.ruleCollectionGroups.values();
    expect(group?.priority).toBe(200);
    const [nat, apps] = group!.ruleCollections;
    expect(nat?.rules[0]).toMatchObject({ type: 'DNAT', l4Protocols: ['TCP'], translatedPort: '22' });
    expect(apps?.rules[0]).toMatchObject({ type: 'Application', appProtocols: [{ protocolType: 'Https', port: 443 }] });
    const [firewall] = inv.firewalls.values();
    expect(firewall?.classicRuleCollections.Network[0]).toMatchObject({
      name: 'net',
      priority: 100,
      action: 'Deny',
      rules: [{ type: 'Network', l4Protocols: ['UDP'], destinationPorts: ['53'] }],
    });
  });
});

describe('a built inventory', () => {
  it('cannot be changed: maps have no setters, entities, lists and raw resources are frozen', () => {
    const vnet = `${sub}/Microsoft.Network/virtualNetworks/v`;
    const inv = buildInventory({
      resources: [
        {
          id: vnet,
          name: 'v',
          type: 'Microsoft.Network/virtualNetworks',
          properties: {
            addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
            subnets: [{ id: `${vnet}/subnets/s`, name: 's' }],
          },
        },
      ],
    });
    const vnets = inv.vnets as unknown as Map<string, unknown>;
    expect(() => vnets.set('x', {})).toThrow(TypeError);
    expect(() => vnets.delete(vnet.toLowerCase())).toThrow(TypeError);
    expect(() => vnets.clear()).toThrow(TypeError);
    expect(inv.vnets.size).toBe(1);
    const read = inv.vnet(vnet)!;
    expect(() => (read.subnets as unknown[]).push({})).toThrow(TypeError);
    expect(() => ((read as { name: string }).name = 'w')).toThrow(TypeError);
    expect(() => ((read.raw as { name: string }).name = 'w')).toThrow(TypeError);
    expect(() => ((inv as { vnets: unknown }).vnets = new Map())).toThrow(TypeError);
    expect(() => (inv.linksOfVnet('x') as unknown[]).push(1)).toThrow(TypeError);
    expect([...inv.vnets.keys()]).toEqual([vnet.toLowerCase()]);
  });
});
