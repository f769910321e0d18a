import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';

// The reference allows the vault with an application rule; these cases swap it for a network rule.
const networkAllow = [
  {
    ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
    name: 'allow-keyvault',
    priority: 100,
    action: { type: 'Allow' },
    rules: [
      {
        ruleType: 'NetworkRule',
        name: 'app-to-kv-pep-spokepep',
        ipProtocols: ['TCP'],
        sourceAddresses: ['10.1.0.0/24'],
        destinationAddresses: ['10.2.0.4'],
        destinationPorts: ['443'],
      },
    ],
  },
];
const flowRelated = [ids.vaultEndpoint, ids.appSubnet, ids.firewall];

export default [
  { name: 'reference estate passes (application rules always SNAT)', estate: referenceEstate(), expect: [] },
  {
    name: 'a network rule allows the endpoint with the default private ranges',
    estate: referenceEstate().set(ids.appRuleGroup, 'ruleCollections', networkAllow),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
  {
    name: 'a network rule allows the endpoint and the policy always SNATs',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections', networkAllow)
      .set(ids.firewallPolicy, 'snat', { privateRanges: ['255.255.255.255/32'] }),
    expect: [],
  },
  {
    name: 'a network rule allows the endpoint and the policy lists IANAPrivateRanges explicitly',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections', networkAllow)
      .set(ids.firewallPolicy, 'snat', { privateRanges: ['IANAPrivateRanges'] }),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
  {
    name: 'a network rule allows the endpoint and the classic SNAT setting is ignored under a policy',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections', networkAllow)
      .set(ids.firewall, 'additionalProperties', { 'Network.SNAT.PrivateRanges': '255.255.255.255/32' }),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
  {
    name: 'a network rule allows the endpoint while SNAT ranges are learned',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections', networkAllow)
      .set(ids.firewallPolicy, 'snat', { privateRanges: ['255.255.255.255/32'], autoLearnPrivateRanges: 'Enabled' }),
    expect: [],
    inconclusive: [ids.firewallPolicy],
  },
  {
    name: 'a network rule denies the endpoint (nothing flows, nothing to SNAT)',
    estate: referenceEstate().set(ids.appRuleGroup, 'ruleCollections', [
      { ...networkAllow[0], action: { type: 'Deny' } },
    ]),
    expect: [],
  },
  {
    name: 'firewall policy not in the snapshot',
    estate: referenceEstate().remove(ids.firewallPolicy).remove(ids.appRuleGroup),
    expect: [],
    inconclusive: [ids.firewall],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsInCase((id) => id.toUpperCase()),
    expect: [],
  },
  {
    name: 'ids upper-cased and a network rule allows the endpoint',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections', networkAllow)
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
] satisfies CheckCase[];
