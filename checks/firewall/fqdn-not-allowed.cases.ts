import type { CheckCase } from '../../test/check-cases.js';
import { ids, networkRuleCollection, referenceEstate } from '../../test/estates.js';
import { withServiceEndpoint } from '../../test/service-estates.js';
import type check from './fqdn-not-allowed.js';

/** An Event Hubs namespace behind an endpoint in sn-pep, reached from sn-app through the firewall. */
const eventHubs = () =>
  withServiceEndpoint(referenceEstate(), {
    type: 'Microsoft.EventHub/namespaces',
    name: 'evhns-app',
    groupId: 'namespace',
    ip: '10.2.0.13',
    fqdns: ['evhns-app.servicebus.windows.net'],
    properties: { publicNetworkAccess: 'Disabled' },
  });
const eventHubsRelated = [ids.firewall];
const eventHubsPorts = (ports: string[]) =>
  networkRuleCollection('allow-event-hubs', 300, 'Allow', [
    { name: 'amqp', sourceAddresses: ['10.1.0.0/24'], destinationAddresses: ['10.2.0.13'], destinationPorts: ports },
  ]);
const httpsToEventHubs = {
  ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
  name: 'allow-event-hubs-https',
  priority: 310,
  action: { type: 'Allow' },
  rules: [
    {
      ruleType: 'ApplicationRule',
      name: 'evh-https',
      protocols: [{ protocolType: 'Https', port: 443 }],
      sourceAddresses: ['10.1.0.0/24'],
      targetFqdns: ['evhns-app.servicebus.windows.net'],
    },
  ],
};

const allowKeyVault = 'ruleCollections.0.rules.0';
const flowRelated = [ids.firewall];
const ipGroupId = `${ids.rgHub}/providers/Microsoft.Network/ipGroups/ipg-app`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'application rule allows another source subnet',
    estate: referenceEstate().set(ids.appRuleGroup, `${allowKeyVault}.sourceAddresses`, ['10.9.0.0/24']),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: flowRelated, pairs: 1 }],
  },
  {
    name: 'no rule for vaults at all: one finding for the policy, with every blocked pair',
    estate: referenceEstate()
      .withSecondVault()
      .set(ids.appRuleGroup, `${allowKeyVault}.targetFqdns`, ['app.contoso.example']),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: flowRelated, pairs: 2 }],
  },
  {
    name: 'application rule targets the privatelink name instead of the public FQDN',
    estate: referenceEstate().set(ids.appRuleGroup, `${allowKeyVault}.targetFqdns`, [
      'kv-pep-spokepep.privatelink.vaultcore.azure.net',
    ]),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: flowRelated, pairs: 1 }],
  },
  {
    name: 'application rule uses *.vault.azure.net',
    estate: referenceEstate().set(ids.appRuleGroup, `${allowKeyVault}.targetFqdns`, ['*.vault.azure.net']),
    expect: [],
  },
  {
    name: 'application rule allows only the parent domain vault.azure.net',
    estate: referenceEstate().set(ids.appRuleGroup, `${allowKeyVault}.targetFqdns`, ['vault.azure.net']),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: flowRelated, pairs: 1 }],
  },
  {
    name: 'application rule allows HTTP instead of HTTPS',
    estate: referenceEstate().set(ids.appRuleGroup, `${allowKeyVault}.protocols`, [{ protocolType: 'Http', port: 80 }]),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: flowRelated, pairs: 1 }],
  },
  {
    name: 'application rule covers only the half of the subnet without the VM',
    estate: referenceEstate().set(ids.appRuleGroup, `${allowKeyVault}.sourceAddresses`, ['10.1.0.128/25']),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: flowRelated, pairs: 1 }],
  },
  {
    name: 'application rule covers only the half of the subnet with the VM',
    estate: referenceEstate().set(ids.appRuleGroup, `${allowKeyVault}.sourceAddresses`, ['10.1.0.0/25']),
    expect: [],
  },
  {
    name: 'a network Deny rule in a low-priority group beats the application Allow',
    estate: referenceEstate().withRuleCollectionGroup('DenySpokes', 65000, [
      networkRuleCollection('deny-spokes', 65000, 'Deny', [
        {
          name: 'deny-pep-spoke',
          ipProtocols: ['Any'],
          sourceAddresses: ['*'],
          destinationAddresses: ['10.2.0.0/16'],
          destinationPorts: ['*'],
        },
      ]),
    ]),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'deniedByRule', related: flowRelated, pairs: 1 }],
  },
  {
    name: 'route table no longer sends the endpoint to the firewall',
    estate: referenceEstate()
      .set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.0.5')
      .set(ids.appDefaultRoute, 'nextHopIpAddress', '10.0.0.5'),
    expect: [],
  },
  {
    name: 'route table of the consumer subnet not in the snapshot',
    estate: referenceEstate().remove(ids.appRouteTable),
    expect: [],
    inconclusive: [ids.appSubnet],
  },
  {
    name: 'application rule takes its sources from an IP group not in the snapshot',
    estate: referenceEstate()
      .set(ids.appRuleGroup, `${allowKeyVault}.sourceAddresses`, [])
      .set(ids.appRuleGroup, `${allowKeyVault}.sourceIpGroups`, [ipGroupId]),
    expect: [],
    inconclusive: [ids.firewallPolicy],
  },
  {
    name: 'application rule takes its sources from an IP group in the snapshot',
    estate: referenceEstate()
      .set(ids.appRuleGroup, `${allowKeyVault}.sourceAddresses`, [])
      .set(ids.appRuleGroup, `${allowKeyVault}.sourceIpGroups`, [ipGroupId.toUpperCase()])
      .add({
        id: ipGroupId,
        name: 'ipg-app',
        type: 'Microsoft.Network/ipGroups',
        properties: { ipAddresses: ['10.1.0.0/24'] },
      }),
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
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased and the application rule allows another subnet',
    estate: referenceEstate()
      .set(ids.appRuleGroup, `${allowKeyVault}.sourceAddresses`, ['10.9.0.0/24'])
      .withIdsUpperCased(),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: flowRelated, pairs: 1 }],
  },
  {
    name: 'Event Hubs namespace with network rules for AMQP, AMQP over WebSockets and Kafka',
    estate: eventHubs().withRuleCollection(ids.appRuleGroup, eventHubsPorts(['5671-5672', '443', '9093'])),
    expect: [],
  },
  {
    name: 'Event Hubs namespace allowed only over HTTPS: AMQP 5671 is dropped, 5672 and Kafka are warnings',
    estate: eventHubs().withRuleCollection(ids.appRuleGroup, httpsToEventHubs),
    expect: [
      { resourceId: ids.firewallPolicy, messageId: 'defaultDeny', related: eventHubsRelated, pairs: 1 },
      {
        resourceId: ids.firewallPolicy,
        messageId: 'defaultDeny',
        related: eventHubsRelated,
        pairs: 1,
        level: 'warning',
      },
      {
        resourceId: ids.firewallPolicy,
        messageId: 'defaultDeny',
        related: eventHubsRelated,
        pairs: 1,
        level: 'warning',
      },
    ],
  },
  {
    name: 'Event Hubs namespace allowed on AMQP 5671 only',
    estate: eventHubs().withRuleCollection(ids.appRuleGroup, eventHubsPorts(['5671'])),
    expect: [
      {
        resourceId: ids.firewallPolicy,
        messageId: 'defaultDeny',
        related: eventHubsRelated,
        pairs: 1,
        level: 'warning',
      },
      {
        resourceId: ids.firewallPolicy,
        messageId: 'defaultDeny',
        related: eventHubsRelated,
        pairs: 1,
        level: 'warning',
      },
      {
        resourceId: ids.firewallPolicy,
        messageId: 'defaultDeny',
        related: eventHubsRelated,
        pairs: 1,
        level: 'warning',
      },
    ],
  },
  {
    name: 'a Premium rule with target URLs may allow the vault: inconclusive, not dropped',
    estate: referenceEstate()
      .set(ids.appRuleGroup, `${allowKeyVault}.targetFqdns`, [])
      .set(ids.appRuleGroup, `${allowKeyVault}.targetUrls`, ['kv-pep-spokepep.vault.azure.net/secrets/*'])
      .set(ids.appRuleGroup, `${allowKeyVault}.terminateTLS`, true),
    expect: [],
    inconclusive: [ids.firewallPolicy],
  },
  {
    name: 'a rule with an FQDN tag may allow the vault: inconclusive, not dropped',
    estate: referenceEstate()
      .set(ids.appRuleGroup, `${allowKeyVault}.targetFqdns`, [])
      .set(ids.appRuleGroup, `${allowKeyVault}.fqdnTags`, ['AzureKubernetesService']),
    expect: [],
    inconclusive: [ids.firewallPolicy],
  },
  {
    name: 'a rule with web categories may allow the vault: inconclusive, not dropped',
    estate: referenceEstate()
      .set(ids.appRuleGroup, `${allowKeyVault}.targetFqdns`, [])
      .set(ids.appRuleGroup, `${allowKeyVault}.webCategories`, ['ComputersAndTechnology']),
    expect: [],
    inconclusive: [ids.firewallPolicy],
  },
] satisfies CheckCase<typeof check>[];
