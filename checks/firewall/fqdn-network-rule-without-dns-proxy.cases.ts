import type { CheckCase } from '../../test/check-cases.js';
import { ids, networkRuleCollection, referenceEstate } from '../../test/estates.js';
import type check from './fqdn-network-rule-without-dns-proxy.js';

const fqdnCollection = networkRuleCollection('allow-keyvault-by-name', 200, 'Allow', [
  {
    name: 'app-to-kv-by-name',
    sourceAddresses: ['10.1.0.0/24'],
    destinationFqdns: ['kv-pep-spokepep.vault.azure.net'],
    destinationPorts: ['443'],
  },
]);
const classicCollections = [
  {
    name: 'allow-keyvault-by-name',
    properties: {
      priority: 200,
      action: { type: 'Allow' },
      rules: [
        {
          name: 'app-to-kv-by-name',
          protocols: ['TCP'],
          sourceAddresses: ['10.1.0.0/24'],
          destinationFqdns: ['kv-pep-spokepep.vault.azure.net'],
          destinationPorts: ['443'],
        },
      ],
    },
  },
];

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'network rule with an FQDN and DNS proxy on',
    estate: referenceEstate().withRuleCollection(ids.appRuleGroup, fqdnCollection),
    expect: [],
  },
  {
    name: 'network rule with an FQDN and DNS proxy off',
    estate: referenceEstate()
      .withRuleCollection(ids.appRuleGroup, fqdnCollection)
      .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'proxyOff', related: [ids.firewall] }],
  },
  {
    name: 'network rule with an FQDN and no DNS settings at all',
    estate: referenceEstate()
      .withRuleCollection(ids.appRuleGroup, fqdnCollection)
      .unset(ids.firewallPolicy, 'dnsSettings'),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'proxyOff', related: [ids.firewall] }],
  },
  {
    name: 'DNS proxy inherited from a parent policy',
    estate: referenceEstate()
      .withRuleCollection(ids.appRuleGroup, fqdnCollection)
      .unset(ids.firewallPolicy, 'dnsSettings')
      .withBasePolicy({ dnsSettings: { enableProxy: true } }),
    expect: [],
  },
  {
    name: 'child policy turns off the DNS proxy its parent enables',
    estate: referenceEstate()
      .withRuleCollection(ids.appRuleGroup, fqdnCollection)
      .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false)
      .withBasePolicy({ dnsSettings: { enableProxy: true } }),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'proxyOff', related: [ids.firewall] }],
  },
  {
    name: 'classic firewall with an FQDN network rule and no DNS proxy setting',
    estate: referenceEstate()
      .set(ids.firewall, 'firewallPolicy', null)
      .set(ids.firewall, 'networkRuleCollections', classicCollections),
    expect: [{ resourceId: ids.firewall, messageId: 'proxyOff' }],
  },
  {
    name: 'classic firewall with an FQDN network rule and DNS proxy on',
    estate: referenceEstate()
      .set(ids.firewall, 'firewallPolicy', null)
      .set(ids.firewall, 'networkRuleCollections', classicCollections)
      .set(ids.firewall, 'additionalProperties', { 'Network.DNS.EnableProxy': 'true' }),
    expect: [],
  },
  {
    name: 'firewall policy not in the snapshot',
    estate: referenceEstate().withoutFirewallPolicy(),
    expect: [],
    inconclusive: [ids.firewall],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withRuleCollection(ids.appRuleGroup, fqdnCollection).withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased, FQDN network rule and DNS proxy off',
    estate: referenceEstate()
      .withRuleCollection(ids.appRuleGroup, fqdnCollection)
      .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false)
      .withIdsUpperCased(),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'proxyOff', related: [ids.firewall] }],
  },
] satisfies CheckCase<typeof check>[];
