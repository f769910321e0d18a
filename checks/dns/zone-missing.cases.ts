import type { CheckCase } from '../../test/check-cases.js';
import type { Estate } from '../../test/estates.js';
import { ids, referenceEstate } from '../../test/estates.js';

const network = 'providers/Microsoft.Network';
const storage = `${ids.rgPep}/providers/Microsoft.Storage/storageAccounts/stpepspokepep`;
const storageEndpoint = `${ids.rgPep}/${network}/privateEndpoints/pe-st-pep-spokepep-blob`;
const storageNic = `${ids.rgPep}/${network}/networkInterfaces/pe-st-pep-spokepep-blob.nic.0c1d2e3f`;
const kustoZone = `${ids.rgDns}/${network}/privateDnsZones/privatelink.westeurope.kusto.windows.net`;
const connection = 'privateLinkServiceConnections.0.properties';

/** A storage account with a blob endpoint in sn-pep, its NIC carrying the blob FQDN. */
function withStorageBlobEndpoint(estate: Estate): Estate {
  return estate
    .add({
      id: storage,
      name: 'stpepspokepep',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'westeurope',
      properties: { publicNetworkAccess: 'Disabled', privateEndpointConnections: [] },
    })
    .copy(ids.vaultEndpoint, storageEndpoint)
    .set(storageEndpoint, `${connection}.privateLinkServiceId`, storage)
    .set(storageEndpoint, `${connection}.groupIds`, ['blob'])
    .set(storageEndpoint, 'networkInterfaces', [{ id: storageNic }])
    .copy(ids.vaultEndpointNic, storageNic)
    .set(storageNic, 'privateEndpoint', { id: storageEndpoint })
    .set(storageNic, 'ipConfigurations.0.properties.privateIPAddress', '10.2.0.5')
    .set(storageNic, 'ipConfigurations.0.properties.privateLinkConnectionProperties', {
      groupId: 'blob',
      requiredMemberName: 'blob',
      fqdns: ['stpepspokepep.blob.core.windows.net'],
    });
}

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'endpoint without a zone group and no vault zone in scope',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultZone),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'missing', related: [ids.vault] }],
  },
  {
    name: 'storage blob endpoint with no blob zone in scope',
    estate: withStorageBlobEndpoint(referenceEstate()),
    expect: [{ resourceId: storageEndpoint, messageId: 'missing', related: [storage] }],
  },
  {
    name: 'zone missing and the target vault outside the snapshot',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultZone).remove(ids.vault),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'missing', related: [] }],
  },
  {
    name: 'Data Explorer endpoint with only its regional kusto zone misses the blob, queue and table zones',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .set(
        ids.vaultEndpoint,
        `${connection}.privateLinkServiceId`,
        `${ids.rgPep}/providers/Microsoft.Kusto/clusters/adxpep`,
      )
      .set(ids.vaultEndpoint, `${connection}.groupIds`, ['cluster'])
      .copy(ids.vaultZone, kustoZone),
    expect: [
      { resourceId: ids.vaultEndpoint, messageId: 'missing' },
      { resourceId: ids.vaultEndpoint, messageId: 'missing' },
      { resourceId: ids.vaultEndpoint, messageId: 'missing' },
    ],
  },
  {
    name: 'zone of the right name in another resource group, no zone group',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .copy(ids.vaultZone, `${ids.rgPep}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`)
      .remove(ids.vaultZone),
    expect: [],
  },
  {
    name: 'zone group points at a zone that is not in the snapshot',
    estate: referenceEstate().remove(ids.vaultZone),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'endpoint to a service type plaudit has no zones for',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .set(ids.vaultEndpoint, `${connection}.privateLinkServiceId`, `${ids.rgPep}/providers/Contoso.Widgets/widgets/w1`)
      .set(ids.vaultEndpoint, `${connection}.groupIds`, ['widget']),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'endpoint to a private link service needs no privatelink zone',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .remove(ids.vaultZone)
      .set(
        ids.vaultEndpoint,
        `${connection}.privateLinkServiceId`,
        `${ids.rgHub}/${network}/privateLinkServices/pls-partner`,
      )
      .set(ids.vaultEndpoint, `${connection}.groupIds`, []),
    expect: [],
  },
  {
    name: 'connection without a target resource',
    estate: referenceEstate().set(ids.vaultEndpoint, `${connection}.privateLinkServiceId`, ''),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'ids upper-cased and the zone gone',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .remove(ids.vaultZone)
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'missing', related: [ids.vault] }],
  },
  {
    name: 'group id and zone name written in mixed case',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${connection}.groupIds`, ['Vault'])
      .update(ids.vaultZone, (zone) => {
        zone.name = 'PrivateLink.VaultCore.Azure.Net';
      })
      .withIdsInCase((id) => id.toLowerCase()),
    expect: [],
  },
] satisfies CheckCase[];
