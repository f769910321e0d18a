import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import type check from './zone-group-wrong-zone.js';

const network = 'providers/Microsoft.Network';
const { blobZone } = extraIds;
const registry = `${ids.rgPep}/providers/Microsoft.ContainerRegistry/registries/crpep`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'zone group writes the vault record into the blob zone',
    estate: referenceEstate().withVaultZoneCopy(blobZone).setZoneGroupZone(ids.vaultZoneGroup, blobZone),
    expect: [{ resourceId: ids.vaultZoneGroup, messageId: 'wrongZone', related: [ids.vaultEndpoint, blobZone] }],
  },
  {
    name: 'zone group points at an unread zone named for another service',
    estate: referenceEstate().setZoneGroupZone(
      ids.vaultZoneGroup,
      `${ids.rgHub}/${network}/privateDnsZones/privatelink.database.windows.net`,
    ),
    expect: [{ resourceId: ids.vaultZoneGroup, messageId: 'wrongZone', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'zone group points at an unread zone of the right name',
    estate: referenceEstate().setZoneGroupZone(
      ids.vaultZoneGroup,
      `${ids.rgHub}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`,
    ),
    expect: [],
  },
  {
    name: 'container registry zone group also names the regional data zone',
    estate: referenceEstate()
      .setEndpointTarget(ids.vaultEndpoint, registry, ['registry'])
      .set(ids.vaultZoneGroup, 'privateDnsZoneConfigs', [
        {
          name: 'registry',
          properties: { privateDnsZoneId: `${ids.rgDns}/${network}/privateDnsZones/privatelink.azurecr.io` },
        },
        {
          name: 'registry-data',
          properties: {
            privateDnsZoneId: `${ids.rgDns}/${network}/privateDnsZones/westeurope.data.privatelink.azurecr.io`,
          },
        },
      ]),
    expect: [],
  },
  {
    name: 'endpoint to a private link service may use any zone',
    estate: referenceEstate()
      .setEndpointTarget(ids.vaultEndpoint, `${ids.rgHub}/${network}/privateLinkServices/pls-partner`, [])
      .setZoneGroupZone(ids.vaultZoneGroup, `${ids.rgDns}/${network}/privateDnsZones/partner.contoso.internal`),
    expect: [],
  },
  {
    name: 'endpoint to a service type plaudit has no zones for',
    estate: referenceEstate().setEndpointTarget(ids.vaultEndpoint, extraIds.unknownService, ['widget']),
    expect: [],
    inconclusive: [ids.vaultZoneGroup],
  },
  {
    name: 'zone group whose private endpoint is not in the snapshot',
    estate: referenceEstate().remove(ids.vaultEndpoint),
    expect: [],
    inconclusive: [ids.vaultZoneGroup],
  },
  {
    name: 'zone id names the right zone in capitals',
    estate: referenceEstate().setZoneGroupZone(
      ids.vaultZoneGroup,
      `${ids.rgHub}/${network}/privateDnsZones/PrivateLink.VaultCore.Azure.Net`.toUpperCase(),
    ),
    expect: [],
  },
  {
    name: 'ids upper-cased and the zone group aimed at the blob zone',
    estate: referenceEstate()
      .withVaultZoneCopy(blobZone)
      .setZoneGroupZone(ids.vaultZoneGroup, blobZone)
      .withIdsUpperCased(),
    expect: [{ resourceId: ids.vaultZoneGroup, messageId: 'wrongZone', related: [ids.vaultEndpoint, blobZone] }],
  },
] satisfies CheckCase<typeof check>[];
