import { describe, expect, it } from 'vitest';
import { referenceEstate } from '../../../test/estates.js';
import { buildInventory } from '../../inventory/build/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall } from '../../inventory/types.js';
import { parseSnapshot } from '../../snapshot/read.js';
import type { RawResource } from '../../snapshot/types.js';
import {
  describeMatch,
  effectiveSnatSettings,
  evaluateFirewall,
  snatApplies,
  type FirewallEvaluation,
  type FirewallFlow,
} from './index.js';

const net = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network';
const policyId = (name: string) => `${net}/firewallPolicies/${name}`;

type Json = Record<string, unknown>;

function policy(name: string, properties: Json = {}): RawResource {
  return { id: policyId(name), name, type: 'Microsoft.Network/firewallPolicies', properties };
}

function group(policyName: string, name: string, priority: number, ruleCollections: Json[]): RawResource {
  return {
    id: `${policyId(policyName)}/ruleCollectionGroups/${name}`,
    name,
    type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
    properties: { priority, ruleCollections },
  };
}

function filter(name: string, priority: number, action: 'Allow' | 'Deny', rules: Json[]): Json {
  return { ruleCollectionType: 'FirewallPolicyFilterRuleCollection', name, priority, action: { type: action }, rules };
}

function networkRule(name: string, fields: Json = {}): Json {
  return {
    ruleType: 'NetworkRule',
    name,
    ipProtocols: ['TCP'],
    sourceAddresses: ['10.1.0.0/16'],
    destinationAddresses: ['10.2.0.0/16'],
    destinationPorts: ['443'],
    ...fields,
  };
}

function appRule(name: string, fields: Json = {}): Json {
  return {
    ruleType: 'ApplicationRule',
    name,
    protocols: [{ protocolType: 'Https', port: 443 }],
    sourceAddresses: ['10.1.0.0/16'],
    targetFqdns: ['kv.vault.azure.net'],
    ...fields,
  };
}

function firewall(properties: Json = { firewallPolicy: { id: policyId('child') } }): RawResource {
  return {
    id: `${net}/azureFirewalls/fw`,
    name: 'fw',
    type: 'Microsoft.Network/azureFirewalls',
    properties: {
      ipConfigurations: [
        {
          name: 'ipconfig',
          properties: {
            privateIPAddress: '10.0.0.4',
            subnet: { id: `${net}/virtualNetworks/vnet-hub/subnets/AzureFirewallSubnet` },
          },
        },
      ],
      ...properties,
    },
  };
}

function setup(...resources: RawResource[]): { inv: Inventory; fw: AzureFirewall } {
  const inv = buildInventory(parseSnapshot({ resources }, 'firewall.test'));
  const fw = [...inv.firewalls.values()][0]!;
  return { inv, fw };
}

const kvFlow: FirewallFlow = {
  sourceIp: '10.1.0.4',
  destination: { fqdn: 'kv.vault.azure.net', ip: '10.2.0.4' },
  port: 443,
  protocol: 'HTTPS',
};

function decided(evaluation: FirewallEvaluation): string {
  return evaluation.match.kind === 'defaultDeny'
    ? `${evaluation.decision} default`
    : `${evaluation.decision} ${evaluation.match.rule.ruleName}`;
}

describe('evaluateFirewall on the reference estate', () => {
  const inv = buildInventory(parseSnapshot(referenceEstate().snapshot(), 'reference'));
  const fw = [...inv.firewalls.values()][0]!;
  const flow: FirewallFlow = {
    sourceIp: '10.1.0.4',
    destination: { fqdn: 'kv-pep-spokepep.vault.azure.net', ip: '10.2.0.4' },
    port: 443,
    protocol: 'HTTPS',
  };

  it('allows the app subnet to the vault by the application rule', () => {
    const result = evaluateFirewall(inv, fw, flow);
    expect(decided(result)).toBe('Allow app-to-kv-pep-spokepep');
    expect(result.inconclusive).toBeUndefined();
    expect(describeMatch(result.match)).toContain('rule collection group DefaultApplicationRuleCollectionGroup');
    expect(result.match.kind === 'rule' && result.match.rule.ruleCollectionGroupId).toMatch(
      /DefaultApplicationRuleCollectionGroup$/,
    );
  });

  it('denies another source, the privatelink name and plain TCP by default', () => {
    expect(decided(evaluateFirewall(inv, fw, { ...flow, sourceIp: '10.1.1.4' }))).toBe('Deny default');
    const privatelink = { fqdn: 'kv-pep-spokepep.privatelink.vaultcore.azure.net', ip: '10.2.0.4' };
    expect(decided(evaluateFirewall(inv, fw, { ...flow, destination: privatelink }))).toBe('Deny default');
    const tcp = evaluateFirewall(inv, fw, { ...flow, protocol: 'TCP' });
    expect(decided(tcp)).toBe('Deny default');
    expect(tcp.trace.join(' ')).toContain('Application rules are not evaluated for TCP traffic.');
  });

  it('splits a subnet source between the rule and the default deny', () => {
    const result = evaluateFirewall(inv, fw, { ...flow, sourceIp: '10.1.0.0/23' });
    expect(result.decision).toBe('Deny');
    expect(result.verdicts.map((verdict) => [verdict.decision, verdict.sources.toStrings()])).toEqual([
      ['Allow', ['10.1.0.0/24']],
      ['Deny', ['10.1.1.0/24']],
    ]);
  });
});

describe('rule order', () => {
  it('a network Deny beats an application Allow whatever the priorities', () => {
    const { inv, fw } = setup(
      firewall(),
      policy('child'),
      group('child', 'apps', 100, [filter('allow-kv', 100, 'Allow', [appRule('allow-kv-app')])]),
      group('child', 'nets', 65000, [filter('deny-spokes', 65000, 'Deny', [networkRule('deny-pep')])]),
    );
    expect(decided(evaluateFirewall(inv, fw, kvFlow))).toBe('Deny deny-pep');
  });

  it('runs parent policy groups before the child even with a worse priority', () => {
    const { inv, fw } = setup(
      firewall(),
      policy('parent'),
      policy('child', { basePolicy: { id: policyId('parent') } }),
      group('parent', 'parent-nets', 65000, [filter('deny', 65000, 'Deny', [networkRule('parent-deny')])]),
      group('child', 'child-nets', 100, [filter('allow', 100, 'Allow', [networkRule('child-allow')])]),
    );
    const result = evaluateFirewall(inv, fw, kvFlow);
    expect(decided(result)).toBe('Deny parent-deny');
    expect(result.match.kind === 'rule' && result.match.rule.policyId).toBe(policyId('parent'));
  });

  it('orders groups by priority, then collections by priority, then rules as written', () => {
    const { inv, fw } = setup(
      firewall(),
      policy('child'),
      group('child', 'later', 300, [filter('allow', 100, 'Allow', [networkRule('group-300')])]),
      group('child', 'earlier', 200, [
        filter('c-allow', 500, 'Allow', [networkRule('collection-500')]),
        filter('c-deny', 400, 'Deny', [networkRule('first-rule'), networkRule('second-rule')]),
      ]),
    );
    expect(decided(evaluateFirewall(inv, fw, kvFlow))).toBe('Deny first-rule');
  });

  it('orders classic collections by type first, then priority', () => {
    const classic = (priority: number, action: string, rules: Json[]) => ({
      name: `c${priority}`,
      properties: { priority, action: { type: action }, rules },
    });
    const { inv, fw } = setup(
      firewall({
        applicationRuleCollections: [
          classic(100, 'Allow', [
            {
              name: 'app',
              protocols: [{ protocolType: 'Https', port: 443 }],
              sourceAddresses: ['*'],
              targetFqdns: ['*.vault.azure.net'],
            },
          ]),
        ],
        networkRuleCollections: [
          classic(300, 'Deny', [
            {
              name: 'net-deny',
              protocols: ['Any'],
              sourceAddresses: ['*'],
              destinationAddresses: ['10.2.0.4'],
              destinationPorts: ['*'],
            },
          ]),
          classic(200, 'Allow', [
            {
              name: 'net-allow',
              protocols: ['TCP'],
              sourceAddresses: ['10.1.0.0/24'],
              destinationAddresses: ['10.2.0.0/24'],
              destinationPorts: ['443'],
            },
          ]),
        ],
      }),
    );
    const result = evaluateFirewall(inv, fw, kvFlow);
    expect(decided(result)).toBe('Allow net-allow');
    expect(result.match.kind === 'rule' && result.match.rule.ownerId).toBe(`${net}/azureFirewalls/fw`);
    expect(decided(evaluateFirewall(inv, fw, { ...kvFlow, sourceIp: '10.1.5.5' }))).toBe('Deny net-deny');
  });

  it('evaluates DNAT rules before network rules', () => {
    const { inv, fw } = setup(
      firewall(),
      policy('child'),
      group('child', 'nat', 65000, [
        {
          ruleCollectionType: 'FirewallPolicyNatRuleCollection',
          name: 'dnat',
          priority: 100,
          action: { type: 'DNAT' },
          rules: [
            {
              ruleType: 'NatRule',
              name: 'to-pe',
              ipProtocols: ['TCP'],
              sourceAddresses: ['*'],
              destinationAddresses: ['10.2.0.4'],
              destinationPorts: ['443'],
              translatedAddress: '10.2.0.5',
              translatedPort: '443',
            },
          ],
        },
      ]),
      group('child', 'nets', 100, [filter('deny', 100, 'Deny', [networkRule('deny')])]),
    );
    const result = evaluateFirewall(inv, fw, kvFlow);
    expect(decided(result)).toBe('Allow to-pe');
    expect(result.match.kind === 'rule' && result.match.rule.action).toBe('DNAT');
  });
});

describe('matching', () => {
  const withRules = (...rules: Json[]) =>
    setup(firewall(), policy('child'), group('child', 'g', 100, [filter('c', 100, 'Allow', rules)]));

  it.each([
    ['*.vault.azure.net', 'Allow'],
    ['*vault.azure.net', 'Allow'],
    ['*', 'Allow'],
    ['KV.VAULT.AZURE.NET', 'Allow'],
    ['vault.azure.net', 'Deny'],
    ['*.privatelink.vaultcore.azure.net', 'Deny'],
    ['kv.privatelink.vaultcore.azure.net', 'Deny'],
  ])('application target %s -> %s', (target, decision) => {
    const { inv, fw } = withRules(appRule('r', { targetFqdns: [target] }));
    expect(evaluateFirewall(inv, fw, kvFlow).decision).toBe(decision);
  });

  it.each([
    [['443'], 'TCP', 443, 'Allow'],
    [['440-450'], 'TCP', 443, 'Allow'],
    [['*'], 'TCP', 443, 'Allow'],
    [['80', '8443'], 'TCP', 443, 'Deny'],
    [['443'], 'UDP', 443, 'Deny'],
  ] as const)('network ports %j protocol %s port %d -> %s', (ports, protocol, port, decision) => {
    const { inv, fw } = withRules(networkRule('r', { destinationPorts: ports }));
    expect(evaluateFirewall(inv, fw, { ...kvFlow, protocol, port }).decision).toBe(decision);
  });

  it('reads Any as TCP and UDP, with ICMP only when no port is set', () => {
    const { inv, fw } = withRules(networkRule('r', { ipProtocols: ['Any'], destinationPorts: ['53'] }));
    expect(evaluateFirewall(inv, fw, { ...kvFlow, protocol: 'UDP', port: 53 }).decision).toBe('Allow');
    expect(evaluateFirewall(inv, fw, { ...kvFlow, protocol: 'ICMP', port: 0 }).decision).toBe('Deny');
    const any = withRules(networkRule('r', { ipProtocols: ['Any'], destinationPorts: ['*'] }));
    expect(evaluateFirewall(any.inv, any.fw, { ...kvFlow, protocol: 'ICMP', port: 0 }).decision).toBe('Allow');
  });

  it('matches source and destination ranges', () => {
    const { inv, fw } = withRules(
      networkRule('r', { sourceAddresses: ['10.1.0.1-10.1.0.9'], destinationAddresses: ['10.2.0.4'] }),
    );
    expect(evaluateFirewall(inv, fw, kvFlow).decision).toBe('Allow');
    expect(evaluateFirewall(inv, fw, { ...kvFlow, sourceIp: '10.1.0.10' }).decision).toBe('Deny');
  });

  it('leaves flows that FQDN tags, web categories or URLs may match undecided, never a conclusive deny', () => {
    const tags = withRules(appRule('tags', { targetFqdns: [], fqdnTags: ['WindowsUpdate'] }));
    const result = evaluateFirewall(tags.inv, tags.fw, kvFlow);
    expect(result.inconclusive).toContain('FQDN tags WindowsUpdate');
    const urls = withRules(
      appRule('urls', {
        targetFqdns: [],
        targetUrls: ['kv-pep-spokepep.vault.azure.net/secrets/*'],
        terminateTLS: true,
      }),
    );
    expect(evaluateFirewall(urls.inv, urls.fw, kvFlow).inconclusive).toMatch(/target URLs .* \(matched inside TLS\)/);
    const categories = withRules(appRule('web', { targetFqdns: [], webCategories: ['ComputersAndTechnology'] }));
    expect(evaluateFirewall(categories.inv, categories.fw, kvFlow).inconclusive).toContain('web categories');
  });
});

describe('IP groups', () => {
  const ipGroup = (name: string, ipAddresses: string[]): RawResource => ({
    id: `${net}/ipGroups/${name}`,
    name,
    type: 'Microsoft.Network/ipGroups',
    properties: { ipAddresses },
  });
  const rules = (fields: Json) => [
    firewall(),
    policy('child'),
    group('child', 'g', 100, [filter('c', 100, 'Allow', [networkRule('r', fields)])]),
  ];

  it('expands groups read in the snapshot (ids compared case-insensitively)', () => {
    const { inv, fw } = setup(
      ...rules({ sourceAddresses: [], sourceIpGroups: [`${net}/IPGROUPS/spokes`.toUpperCase()] }),
      ipGroup('spokes', ['10.1.0.0/24']),
    );
    const result = evaluateFirewall(inv, fw, kvFlow);
    expect(decided(result)).toBe('Allow r');
    expect(result.inconclusive).toBeUndefined();
  });

  it('is inconclusive when a group that could match is not in the snapshot', () => {
    const { inv, fw } = setup(...rules({ sourceAddresses: [], sourceIpGroups: [`${net}/ipGroups/spokes`] }));
    const result = evaluateFirewall(inv, fw, kvFlow);
    expect(result.inconclusive).toContain('IP group spokes');
    const destination = setup(
      ...rules({ destinationAddresses: [], destinationIpGroups: [`${net}/ipGroups/endpoints`] }),
    );
    expect(evaluateFirewall(destination.inv, destination.fw, kvFlow).inconclusive).toContain('IP group endpoints');
  });

  it('stays conclusive when known addresses already cover the source', () => {
    const { inv, fw } = setup(
      ...rules({ sourceAddresses: ['10.1.0.0/24'], sourceIpGroups: [`${net}/ipGroups/spokes`] }),
    );
    const result = evaluateFirewall(inv, fw, kvFlow);
    expect(decided(result)).toBe('Allow r');
    expect(result.inconclusive).toBeUndefined();
  });
});

describe('network rule FQDNs and DNS proxy', () => {
  const fqdnRule = networkRule('by-name', { destinationAddresses: [], destinationFqdns: ['kv.vault.azure.net'] });

  it('match by name only with DNS proxy on', () => {
    const on = setup(
      firewall(),
      policy('child', { dnsSettings: { enableProxy: true } }),
      group('child', 'g', 100, [filter('c', 100, 'Allow', [fqdnRule])]),
    );
    const allowed = evaluateFirewall(on.inv, on.fw, { ...kvFlow, protocol: 'TCP' });
    expect(decided(allowed)).toBe('Allow by-name');
    expect(allowed.match.kind === 'rule' && allowed.match.matchedBy).toBe('fqdn');
    const off = setup(firewall(), policy('child'), group('child', 'g', 100, [filter('c', 100, 'Allow', [fqdnRule])]));
    const denied = evaluateFirewall(off.inv, off.fw, { ...kvFlow, protocol: 'TCP' });
    expect(decided(denied)).toBe('Deny default');
    expect(denied.trace.join(' ')).toContain('DNS proxy is off');
  });

  it('inherit DNS proxy from the parent policy unless the child overrides it', () => {
    const build = (child: Json) =>
      setup(
        firewall(),
        policy('parent', { dnsSettings: { enableProxy: true } }),
        policy('child', { basePolicy: { id: policyId('parent') }, ...child }),
        group('child', 'g', 100, [filter('c', 100, 'Allow', [fqdnRule])]),
      );
    const inherited = build({});
    expect(evaluateFirewall(inherited.inv, inherited.fw, { ...kvFlow, protocol: 'TCP' }).decision).toBe('Allow');
    const overridden = build({ dnsSettings: { enableProxy: false } });
    expect(evaluateFirewall(overridden.inv, overridden.fw, { ...kvFlow, protocol: 'TCP' }).decision).toBe('Deny');
  });

  it('reads the classic DNS proxy setting', () => {
    const classic = (proxy: string) =>
      setup(
        firewall({
          additionalProperties: { 'Network.DNS.EnableProxy': proxy },
          networkRuleCollections: [
            {
              name: 'c',
              properties: {
                priority: 100,
                action: { type: 'Allow' },
                rules: [
                  {
                    name: 'by-name',
                    protocols: ['TCP'],
                    sourceAddresses: ['*'],
                    destinationFqdns: ['kv.vault.azure.net'],
                    destinationPorts: ['443'],
                  },
                ],
              },
            },
          ],
        }),
      );
    const on = classic('true');
    expect(evaluateFirewall(on.inv, on.fw, kvFlow).decision).toBe('Allow');
    const off = classic('false');
    expect(evaluateFirewall(off.inv, off.fw, kvFlow).decision).toBe('Deny');
  });
});

describe('SNAT', () => {
  const withPolicy = (properties: Json, firewallProperties: Json = {}) =>
    setup(firewall({ firewallPolicy: { id: policyId('child') }, ...firewallProperties }), policy('child', properties));

  it('does not SNAT network rules to the IANA private ranges by default', () => {
    const { inv, fw } = withPolicy({});
    expect(snatApplies(inv, fw, '10.2.0.4', 'Network')).toBe(false);
    expect(snatApplies(inv, fw, '100.64.0.9', 'Network')).toBe(false);
    expect(snatApplies(inv, fw, '20.1.2.3', 'Network')).toBe(true);
    expect(snatApplies(inv, fw, '10.2.0.4', 'Application')).toBe(true);
    expect(effectiveSnatSettings(inv, fw)?.source).toBe('default');
  });

  it('always SNATs with 255.255.255.255/32 and never with 0.0.0.0/0', () => {
    const always = withPolicy({ snat: { privateRanges: ['255.255.255.255/32'] } });
    expect(snatApplies(always.inv, always.fw, '10.2.0.4', 'Network')).toBe(true);
    const never = withPolicy({ snat: { privateRanges: ['0.0.0.0/0'] } });
    expect(snatApplies(never.inv, never.fw, '20.1.2.3', 'Network')).toBe(false);
  });

  it('expands IANAPrivateRanges next to custom ranges', () => {
    const { inv, fw } = withPolicy({ snat: { privateRanges: ['IANAPrivateRanges', '20.0.0.0/8'] } });
    expect(snatApplies(inv, fw, '10.2.0.4', 'Network')).toBe(false);
    expect(snatApplies(inv, fw, '20.1.2.3', 'Network')).toBe(false);
    const custom = withPolicy({ snat: { privateRanges: ['10.1.0.0/16'] } });
    expect(snatApplies(custom.inv, custom.fw, '10.2.0.4', 'Network')).toBe(true);
  });

  it('reads the classic setting, and ignores it once a policy is attached', () => {
    const classic = setup(firewall({ additionalProperties: { 'Network.SNAT.PrivateRanges': '255.255.255.255/32' } }));
    expect(snatApplies(classic.inv, classic.fw, '10.2.0.4', 'Network')).toBe(true);
    const ignored = withPolicy({}, { additionalProperties: { 'Network.SNAT.PrivateRanges': '255.255.255.255/32' } });
    expect(snatApplies(ignored.inv, ignored.fw, '10.2.0.4', 'Network')).toBe(false);
  });

  it('is unknown when the policy was not read', () => {
    const { inv, fw } = setup(firewall());
    expect(snatApplies(inv, fw, '10.2.0.4', 'Network')).toBeUndefined();
  });
});

describe('incomplete data', () => {
  it('is inconclusive without the policy or a rule collection group it lists', () => {
    const missingPolicy = setup(firewall());
    expect(evaluateFirewall(missingPolicy.inv, missingPolicy.fw, kvFlow).inconclusive).toContain('not in the snapshot');
    const missingGroup = setup(
      firewall(),
      policy('child', { ruleCollectionGroups: [{ id: `${policyId('child')}/ruleCollectionGroups/g` }] }),
    );
    expect(evaluateFirewall(missingGroup.inv, missingGroup.fw, kvFlow).inconclusive).toContain(
      'rule collection group g',
    );
    const missingParent = setup(firewall(), policy('child', { basePolicy: { id: policyId('parent') } }));
    expect(evaluateFirewall(missingParent.inv, missingParent.fw, kvFlow).inconclusive).toContain('parent policy');
  });

  it('names the Virtual WAN hub and threat intelligence assumptions', () => {
    const { inv, fw } = setup(
      firewall({ firewallPolicy: { id: policyId('child') }, virtualHub: { id: `${net}/virtualHubs/hub1` } }),
      policy('child', { threatIntelMode: 'Deny' }),
    );
    const result = evaluateFirewall(inv, fw, kvFlow);
    expect(result.assumptions.join(' ')).toContain('Virtual WAN hub hub1');
    expect(result.assumptions.join(' ')).toContain('Threat intelligence');
  });
});

describe('performance', () => {
  it('compiles thousands of rules once and judges many sources and destinations fast', () => {
    const collections: Json[] = [];
    for (let c = 0; c < 30; c++) {
      const rules = Array.from({ length: 100 }, (_, r) =>
        c % 3 === 2
          ? appRule(`a-${c}-${r}`, {
              sourceAddresses: [`10.200.${r}.0/24`],
              targetFqdns: [`app-${c}-${r}.example.com`],
            })
          : networkRule(`n-${c}-${r}`, {
              sourceAddresses: [`10.200.${r}.0/24`],
              destinationAddresses: [`10.250.${c}.${r}`],
              destinationPorts: [`${8000 + r}`],
            }),
      );
      collections.push(filter(`c-${c}`, 100 + c, c % 2 ? 'Deny' : 'Allow', rules));
    }
    collections.push(
      filter('kv', 1000, 'Allow', [
        appRule('kv', { sourceAddresses: ['10.1.0.0/16'], targetFqdns: ['*.vault.azure.net'] }),
      ]),
    );
    const { inv, fw } = setup(firewall(), policy('child'), group('child', 'g', 100, collections));
    const started = performance.now();
    let allowed = 0;
    for (let destination = 0; destination < 50; destination++) {
      for (let source = 0; source < 200; source++) {
        const result = evaluateFirewall(inv, fw, {
          sourceIp: `10.1.${source}.0/24`,
          destination: { fqdn: `kv-${destination}.vault.azure.net`, ip: `10.2.0.${destination + 10}` },
          port: 443,
          protocol: 'HTTPS',
        });
        if (result.decision === 'Allow') allowed++;
      }
    }
    expect(allowed).toBe(10_000);
    // 3,000 rules x 10,000 flows; generous bound for a shared CI machine.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
