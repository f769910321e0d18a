import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import { withHubForwardingRule } from '../../test/service-estates.js';
import { vwanEstate, vwanIds } from '../../test/vwan-estates.js';
import type check from './dns-not-private.js';

const unlinkedRelated = [ids.firewall, ids.vaultZone, ids.vaultEndpoint];
export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'hub VNet not linked to the privatelink zone',
    estate: referenceEstate().remove(ids.hubLink),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: unlinkedRelated }],
  },
  {
    name: 'hub VNet not linked, but the firewall uses a forwarder in a linked VNet',
    estate: referenceEstate().remove(ids.hubLink).set(ids.firewallPolicy, 'dnsSettings.servers', ['10.1.0.4']),
    expect: [],
  },
  {
    name: "the firewall's forwarder sits in a VNet without a link",
    estate: referenceEstate().remove(ids.appLink).set(ids.firewallPolicy, 'dnsSettings.servers', ['10.1.0.4']),
    expect: [{ resourceId: ids.appVnet, messageId: 'notLinked', related: unlinkedRelated }],
  },
  {
    name: 'the firewall uses a DNS server outside the snapshot',
    estate: referenceEstate().set(ids.firewallPolicy, 'dnsSettings.servers', ['192.168.50.10']),
    expect: [],
    inconclusive: [ids.firewall],
  },
  {
    name: 'hub VNet not linked, but a network rule allows the endpoint IP (the firewall resolves nothing)',
    estate: referenceEstate().remove(ids.hubLink).withVaultNetworkRule(),
    expect: [],
  },
  {
    name: 'hub VNet not linked, but no consumer traffic goes through the firewall',
    estate: referenceEstate().remove(ids.hubLink).set(ids.appRouteTable, 'routes', []),
    expect: [],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased and the hub VNet not linked',
    estate: referenceEstate().remove(ids.hubLink).withIdsUpperCased(),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: unlinkedRelated }],
  },
  {
    name: 'a ruleset linked to the hub forwards vault.azure.net to a resolver whose VNet has no link',
    estate: withHubForwardingRule(
      referenceEstate().remove(ids.appLink).withResolverInboundEndpoint('10.0.3.4'),
      'vault.azure.net',
      '10.1.0.4',
    ),
    expect: [{ resourceId: ids.appVnet, messageId: 'notLinked', related: unlinkedRelated }],
  },
  {
    name: 'a ruleset linked to the hub forwards vault.azure.net to a linked VNet',
    estate: withHubForwardingRule(referenceEstate().remove(ids.hubLink), 'vault.azure.net', '10.1.0.4'),
    expect: [],
  },
  {
    name: 'a ruleset linked to the hub forwards vault.azure.net on-premises',
    estate: withHubForwardingRule(referenceEstate(), 'vault.azure.net', '192.168.50.10'),
    expect: [],
    inconclusive: [ids.firewall],
  },
  {
    name: 'the firewall uses a public resolver',
    estate: referenceEstate().set(ids.firewallPolicy, 'dnsSettings.servers', ['8.8.8.8']),
    expect: [{ resourceId: ids.firewall, messageId: 'publicResolver', related: [ids.vaultZone, ids.vaultEndpoint] }],
  },
  {
    name: 'secured hub firewall forwards to a resolver in a VNet linked to the zone',
    estate: vwanEstate(),
    expect: [],
  },
  {
    name: 'secured hub firewall resolves with Azure-provided DNS in the hub, which cannot be linked to the zone',
    estate: vwanEstate().set(vwanIds.policy, 'dnsSettings', { servers: [], enableProxy: true }),
    expect: [
      {
        resourceId: vwanIds.policy,
        messageId: 'hubNotLinkable',
        related: [vwanIds.firewall, vwanIds.hub, vwanIds.zone, vwanIds.vaultEndpoint],
      },
    ],
  },
  {
    name: 'secured hub firewall forwards to a resolver whose VNet lost its link to the zone',
    estate: vwanEstate().remove(vwanIds.sharedLink),
    expect: [
      {
        resourceId: vwanIds.sharedVnet,
        messageId: 'notLinked',
        related: [vwanIds.firewall, vwanIds.zone, vwanIds.vaultEndpoint],
      },
    ],
  },
] satisfies CheckCase<typeof check>[];
