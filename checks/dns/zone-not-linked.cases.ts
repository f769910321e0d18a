import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import type check from './zone-not-linked.js';

const network = 'providers/Microsoft.Network';
const appDnsServers = 'dhcpOptions.dnsServers';
// The hub VNet resolves for the app VNet: its missing link is reported with the app VNet as the consumer.
const viaHubRelated = [ids.vaultZone];
const appZone = `${ids.rgApp}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`;
const unreadDnsSubnet = `${ids.rgHub}/${network}/virtualNetworks/vnet-dns-shared/subnets/sn-dns`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'app VNet on Azure-provided DNS is not linked to the vault zone',
    estate: referenceEstate().remove(ids.appLink),
    expect: [{ resourceId: ids.appVnet, messageId: 'notLinked', related: [ids.vaultZone], pairs: 1 }],
  },
  {
    name: 'app VNet resolves through the hub firewall DNS proxy, so only the hub link matters',
    estate: referenceEstate().set(ids.appVnet, appDnsServers, ['10.0.0.4']).remove(ids.appLink),
    expect: [],
  },
  {
    name: 'app VNet resolves through the hub firewall DNS proxy but the hub is not linked',
    estate: referenceEstate().set(ids.appVnet, appDnsServers, ['10.0.0.4']).remove(ids.hubLink),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: viaHubRelated, pairs: 1 }],
  },
  {
    name: 'a DNS forwarding rule sends the app spoke to the hub resolver, so only the hub link matters',
    estate: referenceEstate()
      .remove(ids.appLink)
      .withResolverInboundEndpoint('10.0.3.4')
      .withForwardingRule('privatelink.vaultcore.azure.net', '10.0.3.4'),
    expect: [],
  },
  {
    name: 'a DNS forwarding rule sends the app spoke to the hub resolver but the hub is not linked',
    estate: referenceEstate()
      .remove(ids.hubLink)
      .withResolverInboundEndpoint('10.0.3.4')
      .withForwardingRule('privatelink.vaultcore.azure.net', '10.0.3.4'),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: viaHubRelated, pairs: 1 }],
  },
  {
    name: "a VM's NIC overrides DNS with the hub firewall proxy and the hub is not linked",
    estate: referenceEstate().set(ids.vmNic, 'dnsSettings.dnsServers', ['10.0.0.4']).remove(ids.hubLink),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: viaHubRelated, pairs: 1 }],
  },
  {
    name: 'app VNet points at the hub firewall whose DNS proxy is off',
    estate: referenceEstate()
      .set(ids.appVnet, appDnsServers, ['10.0.0.4'])
      .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false),
    expect: [
      {
        resourceId: ids.appVnet,
        messageId: 'proxyDisabled',
        related: [ids.firewall, ids.firewallPolicy],
        pairs: 1,
      },
    ],
  },
  {
    name: 'firewall DNS proxy forwards to a hub DNS server and the hub is not linked',
    estate: referenceEstate()
      .withForwarderVm('10.0.2.4')
      .set(ids.appVnet, appDnsServers, ['10.0.0.4'])
      .set(ids.firewallPolicy, 'dnsSettings.servers', ['10.0.2.4'])
      .remove(ids.hubLink),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: viaHubRelated, pairs: 2 }],
  },
  {
    name: 'forwarder VM in the hub and the hub not linked: one finding for the hub and the app VNet',
    estate: referenceEstate()
      .withForwarderVm('10.0.2.4')
      .set(ids.appVnet, appDnsServers, ['10.0.2.4'])
      .remove(ids.hubLink),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: viaHubRelated, pairs: 1 }],
  },
  {
    name: 'forwarder VM in a linked hub serves an unlinked app VNet',
    estate: referenceEstate()
      .withForwarderVm('10.0.2.4')
      .set(ids.appVnet, appDnsServers, ['10.0.2.4'])
      .remove(ids.appLink),
    expect: [],
  },
  {
    name: 'DNS Private Resolver inbound endpoint in the hub and the hub not linked',
    estate: referenceEstate()
      .withResolverInboundEndpoint('10.0.3.4')
      .set(ids.appVnet, appDnsServers, ['10.0.3.4'])
      .remove(ids.hubLink),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: viaHubRelated, pairs: 1 }],
  },
  {
    name: 'DNS Private Resolver inbound endpoint in a linked hub serves an unlinked app VNet',
    estate: referenceEstate()
      .withResolverInboundEndpoint('10.0.3.4')
      .set(ids.appVnet, appDnsServers, ['10.0.3.4'])
      .remove(ids.appLink),
    expect: [],
  },
  {
    name: 'app VNet DNS server is on premises',
    estate: referenceEstate().set(ids.appVnet, appDnsServers, ['192.168.10.10']),
    expect: [],
    inconclusive: [ids.appVnet],
  },
  {
    name: 'DNS server in a VNet that is not in the snapshot',
    estate: referenceEstate()
      .add({
        id: `${ids.rgHub}/${network}/networkInterfaces/nic-vm-dns-shared`,
        name: 'nic-vm-dns-shared',
        type: 'Microsoft.Network/networkInterfaces',
        properties: {
          ipConfigurations: [
            { name: 'ipconfig1', properties: { privateIPAddress: '10.9.0.4', subnet: { id: unreadDnsSubnet } } },
          ],
        },
      })
      .set(ids.appVnet, appDnsServers, ['10.9.0.4']),
    expect: [],
    inconclusive: [ids.appVnet],
  },
  {
    name: 'endpoint whose subnet is not recorded',
    estate: referenceEstate().set(ids.vaultEndpoint, 'subnet', {}),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'Azure DNS address written out as the DNS server',
    estate: referenceEstate().set(ids.appVnet, appDnsServers, ['168.63.129.16']),
    expect: [],
  },
  {
    name: 'two endpoints in one unlinked zone make one finding',
    estate: referenceEstate().withSecondVault().remove(ids.appLink),
    expect: [
      {
        resourceId: ids.appVnet,
        messageId: 'notLinked',
        related: [ids.vaultZone],
        pairs: 2,
      },
    ],
  },
  {
    name: 'app VNet linked to another zone of the same name that lacks the record',
    estate: referenceEstate().withVaultZoneCopy(appZone, ids.appLink).remove(ids.appLink),
    expect: [
      {
        resourceId: ids.appVnet,
        messageId: 'linkedToOtherZone',
        related: [ids.vaultZone, appZone],
        pairs: 1,
      },
    ],
  },
  {
    name: 'no zone in scope at all is dns/zone-missing',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultZone).remove(ids.appLink),
    expect: [],
  },
  {
    name: 'endpoint to a service type plaudit has no zones for',
    estate: referenceEstate().setEndpointTarget(ids.vaultEndpoint, extraIds.unknownService, ['widget']),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'link names the app VNet in capitals',
    estate: referenceEstate().set(ids.appLink, 'virtualNetwork', { id: ids.appVnet.toUpperCase() }),
    expect: [],
  },
  {
    name: 'ids upper-cased and the app VNet not linked',
    estate: referenceEstate().remove(ids.appLink).withIdsUpperCased(),
    expect: [{ resourceId: ids.appVnet, messageId: 'notLinked', related: [ids.vaultZone], pairs: 1 }],
  },
  {
    name: 'the app VNet names Google Public DNS as its DNS server',
    estate: referenceEstate().set(ids.appVnet, appDnsServers, ['8.8.8.8']),
    expect: [{ resourceId: ids.appVnet, messageId: 'publicResolver', pairs: 1 }],
  },
  {
    name: 'a forwarding rule sends the public name vault.azure.net to a resolver whose VNet has no link',
    estate: referenceEstate()
      .remove(ids.hubLink)
      .withResolverInboundEndpoint('10.0.3.4')
      .withForwardingRule('vault.azure.net', '10.0.3.4'),
    expect: [{ resourceId: ids.hubVnet, messageId: 'notLinked', related: [ids.vaultZone], pairs: 1 }],
  },
  {
    name: 'a forwarding rule sends the public name vault.azure.net on-premises',
    estate: referenceEstate().withForwardingRule('vault.azure.net', '192.168.10.5'),
    expect: [],
    inconclusive: [ids.appVnet],
  },
  {
    name: 'a forwarding rule sends the public name vault.azure.net to a resolver in a linked VNet',
    estate: referenceEstate().withResolverInboundEndpoint('10.0.3.4').withForwardingRule('vault.azure.net', '10.0.3.4'),
    expect: [],
  },
] satisfies CheckCase<typeof check>[];
