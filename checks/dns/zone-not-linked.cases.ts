import type { CheckCase } from '../../test/check-cases.js';
import type { Estate } from '../../test/estates.js';
import { ids, referenceEstate } from '../../test/estates.js';

const network = 'providers/Microsoft.Network';
const connection = 'privateLinkServiceConnections.0.properties';
const appDnsServers = 'dhcpOptions.dnsServers';
const dnsSubnet = `${ids.hubVnet}/subnets/sn-dns`;
const forwarderNic = `${ids.rgHub}/${network}/networkInterfaces/nic-vm-dns-hub`;
const resolver = `${ids.rgHub}/${network}/dnsResolvers/dnspr-hub`;
const inboundEndpoint = `${resolver}/inboundEndpoints/in-hub`;
const secondVault = `${ids.rgPep}/providers/Microsoft.KeyVault/vaults/kv-pep-second`;
const secondEndpoint = `${ids.rgPep}/${network}/privateEndpoints/pe-kv-pep-second`;
const secondNic = `${ids.rgPep}/${network}/networkInterfaces/pe-kv-pep-second.nic.1f2e3d4c`;
const secondRecord = `${ids.vaultZone}/A/kv-pep-second`;
const appZone = `${ids.rgApp}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`;

/** A DNS forwarder VM in a new hub subnet sn-dns at 10.0.2.4 (conditional forwarders to 168.63.129.16). */
function withHubForwarder(estate: Estate): Estate {
  return estate
    .update(ids.hubVnet, (vnet) => {
      (vnet.properties!.subnets as unknown[]).push({
        id: dnsSubnet,
        name: 'sn-dns',
        properties: { addressPrefix: '10.0.2.0/24', privateEndpointNetworkPolicies: 'Disabled' },
      });
    })
    .add({
      id: forwarderNic,
      name: 'nic-vm-dns-hub',
      type: 'Microsoft.Network/networkInterfaces',
      location: 'westeurope',
      properties: {
        ipConfigurations: [
          { name: 'ipconfig1', properties: { privateIPAddress: '10.0.2.4', subnet: { id: dnsSubnet } } },
        ],
      },
    });
}

/** A DNS Private Resolver in the hub with its inbound endpoint at 10.0.3.4. */
function withHubResolver(estate: Estate): Estate {
  return estate.add(
    {
      id: resolver,
      name: 'dnspr-hub',
      type: 'Microsoft.Network/dnsResolvers',
      location: 'westeurope',
      properties: { virtualNetwork: { id: ids.hubVnet } },
    },
    {
      id: inboundEndpoint,
      name: 'in-hub',
      type: 'Microsoft.Network/dnsResolvers/inboundEndpoints',
      location: 'westeurope',
      properties: {
        ipConfigurations: [
          {
            privateIpAddress: '10.0.3.4',
            privateIpAllocationMethod: 'Dynamic',
            subnet: { id: `${ids.hubVnet}/subnets/sn-dns-inbound` },
          },
        ],
      },
    },
  );
}

/** A second Key Vault behind its own endpoint in sn-pep, its record in the same zone. */
function withSecondVault(estate: Estate): Estate {
  return estate
    .copy(ids.vault, secondVault)
    .copy(ids.vaultEndpoint, secondEndpoint)
    .set(secondEndpoint, `${connection}.privateLinkServiceId`, secondVault)
    .set(secondEndpoint, 'networkInterfaces', [{ id: secondNic }])
    .copy(ids.vaultEndpointNic, secondNic)
    .set(secondNic, 'privateEndpoint', { id: secondEndpoint })
    .set(secondNic, 'ipConfigurations.0.properties.privateIPAddress', '10.2.0.5')
    .set(secondNic, 'ipConfigurations.0.properties.privateLinkConnectionProperties.fqdns', [
      'kv-pep-second.vault.azure.net',
    ])
    .copy(ids.vaultRecord, secondRecord)
    .set(secondRecord, 'aRecords', [{ ipv4Address: '10.2.0.5' }]);
}

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'app VNet on Azure-provided DNS is not linked to the vault zone',
    estate: referenceEstate().remove(ids.appLink),
    expect: [{ resourceId: ids.appVnet, messageId: 'notLinked', related: [ids.vaultEndpoint, ids.vaultZone] }],
  },
  {
    name: 'app VNet resolves through the hub firewall DNS proxy, so only the hub link matters',
    estate: referenceEstate().set(ids.appVnet, appDnsServers, ['10.0.0.4']).remove(ids.appLink),
    expect: [],
  },
  {
    name: 'app VNet resolves through the hub firewall DNS proxy but the hub is not linked',
    estate: referenceEstate().set(ids.appVnet, appDnsServers, ['10.0.0.4']).remove(ids.hubLink),
    expect: [
      {
        resourceId: ids.hubVnet,
        messageId: 'notLinked',
        related: [ids.vaultEndpoint, ids.vaultZone, ids.appVnet],
      },
    ],
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
        related: [ids.firewall, ids.firewallPolicy, ids.vaultEndpoint],
      },
    ],
  },
  {
    name: 'firewall DNS proxy forwards to a hub DNS server and the hub is not linked',
    estate: withHubForwarder(referenceEstate())
      .set(ids.appVnet, appDnsServers, ['10.0.0.4'])
      .set(ids.firewallPolicy, 'dnsSettings.servers', ['10.0.2.4'])
      .remove(ids.hubLink),
    expect: [
      {
        resourceId: ids.hubVnet,
        messageId: 'notLinked',
        related: [ids.vaultEndpoint, ids.vaultZone, ids.appVnet],
      },
    ],
  },
  {
    name: 'forwarder VM in the hub and the hub not linked: one finding for the hub and the app VNet',
    estate: withHubForwarder(referenceEstate()).set(ids.appVnet, appDnsServers, ['10.0.2.4']).remove(ids.hubLink),
    expect: [
      {
        resourceId: ids.hubVnet,
        messageId: 'notLinked',
        related: [ids.vaultEndpoint, ids.vaultZone, ids.appVnet],
      },
    ],
  },
  {
    name: 'forwarder VM in a linked hub serves an unlinked app VNet',
    estate: withHubForwarder(referenceEstate()).set(ids.appVnet, appDnsServers, ['10.0.2.4']).remove(ids.appLink),
    expect: [],
  },
  {
    name: 'DNS Private Resolver inbound endpoint in the hub and the hub not linked',
    estate: withHubResolver(referenceEstate()).set(ids.appVnet, appDnsServers, ['10.0.3.4']).remove(ids.hubLink),
    expect: [
      {
        resourceId: ids.hubVnet,
        messageId: 'notLinked',
        related: [ids.vaultEndpoint, ids.vaultZone, ids.appVnet],
      },
    ],
  },
  {
    name: 'DNS Private Resolver inbound endpoint in a linked hub serves an unlinked app VNet',
    estate: withHubResolver(referenceEstate()).set(ids.appVnet, appDnsServers, ['10.0.3.4']).remove(ids.appLink),
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
            {
              name: 'ipconfig1',
              properties: {
                privateIPAddress: '10.9.0.4',
                subnet: { id: `${ids.rgHub}/${network}/virtualNetworks/vnet-dns-shared/subnets/sn-dns` },
              },
            },
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
    estate: withSecondVault(referenceEstate()).remove(ids.appLink),
    expect: [
      {
        resourceId: ids.appVnet,
        messageId: 'notLinked',
        related: [ids.vaultEndpoint, secondEndpoint, ids.vaultZone],
      },
    ],
  },
  {
    name: 'app VNet linked to another zone of the same name that lacks the record',
    estate: referenceEstate()
      .copy(ids.vaultZone, appZone)
      .copy(ids.appLink, `${appZone}/virtualNetworkLinks/link-vnet-app`)
      .remove(ids.appLink),
    expect: [
      {
        resourceId: ids.appVnet,
        messageId: 'linkedToOtherZone',
        related: [ids.vaultEndpoint, ids.vaultZone, appZone],
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
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${connection}.privateLinkServiceId`, `${ids.rgPep}/providers/Contoso.Widgets/widgets/w1`)
      .set(ids.vaultEndpoint, `${connection}.groupIds`, ['widget']),
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
    estate: referenceEstate()
      .remove(ids.appLink)
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.appVnet, messageId: 'notLinked', related: [ids.vaultEndpoint, ids.vaultZone] }],
  },
] satisfies CheckCase[];
