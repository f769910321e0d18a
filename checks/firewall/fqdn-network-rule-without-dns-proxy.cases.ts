import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';

const fqdnCollection = {
  ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
  name: 'allow-keyvault-by-name',
  priority: 200,
  action: { type: 'Allow' },
  rules: [
    {
      ruleType: 'NetworkRule',
      name: 'app-to-kv-by-name',
      ipProtocols: ['TCP'],
      sourceAddresses: ['10.1.0.0/24'],
      destinationFqdns: ['kv-pep-spokepep.vault.azure.net'],
      destinationPorts: ['443'],
    },
  ],
};
const parentPolicy = `${ids.rgHub}/providers/Microsoft.Network/firewallPolicies/fwpol-parent`;
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
    estate: referenceEstate().set(ids.appRuleGroup, 'ruleCollections.1', fqdnCollection),
    expect: [],
  },
  {
    name: 'network rule with an FQDN and DNS proxy off',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections.1', fqdnCollection)
      .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'proxyOff', related: [ids.firewall] }],
  },
  {
    name: 'network rule with an FQDN and no DNS settings at all',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections.1', fqdnCollection)
      .update(ids.firewallPolicy, (policy) => {
        delete policy.properties!.dnsSettings;
      }),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'proxyOff', related: [ids.firewall] }],
  },
  {
    name: 'DNS proxy inherited from a parent policy',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections.1', fqdnCollection)
      .update(ids.firewallPolicy, (policy) => {
        delete policy.properties!.dnsSettings;
      })
      .set(ids.firewallPolicy, 'basePolicy', { id: parentPolicy })
      .add({
        id: parentPolicy,
        name: 'fwpol-parent',
        type: 'Microsoft.Network/firewallPolicies',
        properties: { dnsSettings: { enableProxy: true } },
      }),
    expect: [],
  },
  {
    name: 'child policy turns off the DNS proxy its parent enables',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections.1', fqdnCollection)
      .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false)
      .set(ids.firewallPolicy, 'basePolicy', { id: parentPolicy })
      .add({
        id: parentPolicy,
        name: 'fwpol-parent',
        type: 'Microsoft.Network/firewallPolicies',
        properties: { dnsSettings: { enableProxy: true } },
      }),
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
    estate: referenceEstate().remove(ids.firewallPolicy).remove(ids.appRuleGroup),
    expect: [],
    inconclusive: [ids.firewall],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections.1', fqdnCollection)
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [],
  },
  {
    name: 'ids upper-cased, FQDN network rule and DNS proxy off',
    estate: referenceEstate()
      .set(ids.appRuleGroup, 'ruleCollections.1', fqdnCollection)
      .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false)
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'proxyOff', related: [ids.firewall] }],
  },
] satisfies CheckCase[];
