import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import type check from './zone-missing.js';

const network = 'providers/Microsoft.Network';
const { storage, storageEndpoint } = extraIds;
const kustoZone = `${ids.rgDns}/${network}/privateDnsZones/privatelink.westeurope.kusto.windows.net`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'endpoint without a zone group and no vault zone in scope',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultZone),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'missing', related: [ids.vault] }],
  },
  {
    name: 'storage blob endpoint with no blob zone in scope',
    estate: referenceEstate().withStorageBlobEndpoint(),
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
      .setEndpointTarget(ids.vaultEndpoint, `${ids.rgPep}/providers/Microsoft.Kusto/clusters/adxpep`, ['cluster'])
      .withVaultZoneCopy(kustoZone),
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
      .withVaultZoneCopy(`${ids.rgPep}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`)
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
      .setEndpointTarget(ids.vaultEndpoint, extraIds.unknownService, ['widget']),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'endpoint to a private link service needs no privatelink zone',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .remove(ids.vaultZone)
      .setEndpointTarget(ids.vaultEndpoint, `${ids.rgHub}/${network}/privateLinkServices/pls-partner`, []),
    expect: [],
  },
  {
    name: 'connection without a target resource',
    estate: referenceEstate().set(
      ids.vaultEndpoint,
      'privateLinkServiceConnections.0.properties.privateLinkServiceId',
      '',
    ),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'ids upper-cased and the zone gone',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultZone).withIdsUpperCased(),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'missing', related: [ids.vault] }],
  },
  {
    name: 'group id and zone name written in mixed case',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, 'privateLinkServiceConnections.0.properties.groupIds', ['Vault'])
      .update(ids.vaultZone, (zone) => {
        zone.name = 'PrivateLink.VaultCore.Azure.Net';
      })
      .withIdsInCase((id) => id.toLowerCase()),
    expect: [],
  },
] satisfies CheckCase<typeof check>[];
