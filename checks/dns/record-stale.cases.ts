import type { CheckCase } from '../../test/check-cases.js';
import type { Estate } from '../../test/estates.js';
import { ids, referenceEstate } from '../../test/estates.js';

const network = 'providers/Microsoft.Network';
const connection = 'privateLinkServiceConnections.0.properties';
const oldVaultRecord = `${ids.vaultZone}/A/kv-pep-old`;
const blobZone = `${ids.rgDns}/${network}/privateDnsZones/privatelink.blob.core.windows.net`;
const storage = `${ids.rgPep}/providers/Microsoft.Storage/storageAccounts/stpepspokepep`;
const storageEndpoint = `${ids.rgPep}/${network}/privateEndpoints/pe-st-pep-spokepep-blob`;
const storageNic = `${ids.rgPep}/${network}/networkInterfaces/pe-st-pep-spokepep-blob.nic.0c1d2e3f`;
const monitorEndpoint = `${ids.rgPep}/${network}/privateEndpoints/pe-ampls-hub`;
const monitorNic = `${ids.rgPep}/${network}/networkInterfaces/pe-ampls-hub.nic.5a6b7c8d`;
const orphanBlobRecord = `${blobZone}/A/stpepretired`;

function aRecord(zone: string, name: string, ip: string, extra: Record<string, unknown> = {}) {
  return {
    id: `${zone}/A/${name}`,
    name,
    type: 'Microsoft.Network/privateDnsZones/A',
    properties: { ttl: 10, isAutoRegistered: false, aRecords: [{ ipv4Address: ip }], ...extra },
  };
}

function endpointNic(id: string, endpoint: string, ip: string, groupId: string, fqdns: string[]) {
  return {
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/networkInterfaces',
    properties: {
      ipConfigurations: [
        {
          name: `privateEndpointIpConfig.${groupId}`,
          properties: {
            privateIPAddress: ip,
            subnet: { id: ids.pepSubnet },
            privateLinkConnectionProperties: { groupId, requiredMemberName: groupId, fqdns },
          },
        },
      ],
      privateEndpoint: { id: endpoint },
    },
  };
}

/**
 * One blob zone written to by two services: a storage account's blob endpoint and an Azure
 * Monitor private link scope, whose endpoint also registers a name in the blob zone.
 */
function withSharedBlobZone(estate: Estate): Estate {
  return estate
    .copy(ids.vaultZone, blobZone)
    .copy(ids.vaultEndpoint, storageEndpoint)
    .set(storageEndpoint, `${connection}.privateLinkServiceId`, storage)
    .set(storageEndpoint, `${connection}.groupIds`, ['blob'])
    .set(storageEndpoint, 'networkInterfaces', [{ id: storageNic }])
    .add(endpointNic(storageNic, storageEndpoint, '10.2.0.5', 'blob', ['stpepspokepep.blob.core.windows.net']))
    .add(aRecord(blobZone, 'stpepspokepep', '10.2.0.5'))
    .copy(ids.vaultEndpoint, monitorEndpoint)
    .set(
      monitorEndpoint,
      `${connection}.privateLinkServiceId`,
      `${ids.rgHub}/providers/Microsoft.Insights/privateLinkScopes/ampls-hub`,
    )
    .set(monitorEndpoint, `${connection}.groupIds`, ['azuremonitor'])
    .set(monitorEndpoint, 'networkInterfaces', [{ id: monitorNic }])
    .add(
      endpointNic(monitorNic, monitorEndpoint, '10.2.0.6', 'azuremonitor', [
        'scadvisorcontentpl.blob.core.windows.net',
      ]),
    )
    .add(aRecord(blobZone, 'scadvisorcontentpl', '10.2.0.6'));
}

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'record left behind by a vault endpoint that was recreated',
    estate: referenceEstate().add(aRecord(ids.vaultZone, 'kv-pep-old', '10.2.0.9')),
    expect: [{ resourceId: oldVaultRecord, messageId: 'stale', related: [ids.vaultZone] }],
  },
  {
    name: 'endpoint deleted while its record stayed',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultEndpoint).remove(ids.vaultEndpointNic),
    expect: [{ resourceId: ids.vaultRecord, messageId: 'stale', related: [ids.vaultZone] }],
  },
  {
    name: 'blob zone shared by a storage account and Azure Monitor accounts for both records',
    estate: withSharedBlobZone(referenceEstate()),
    expect: [],
  },
  {
    name: 'retired storage record in a blob zone shared with Azure Monitor',
    estate: withSharedBlobZone(referenceEstate()).add(aRecord(blobZone, 'stpepretired', '10.2.0.7')),
    expect: [{ resourceId: orphanBlobRecord, messageId: 'stale', related: [blobZone] }],
  },
  {
    name: 'auto-registered VM record in a privatelink zone is not an endpoint record',
    estate: referenceEstate().add(aRecord(ids.vaultZone, 'vm-app', '10.1.0.4', { isAutoRegistered: true })),
    expect: [],
  },
  {
    name: 'apex record is not an endpoint record',
    estate: referenceEstate().add(aRecord(ids.vaultZone, '@', '10.2.0.4')),
    expect: [],
  },
  {
    name: 'records in a zone that is not a privatelink zone',
    estate: referenceEstate()
      .copy(ids.vaultZone, `${ids.rgDns}/${network}/privateDnsZones/contoso.internal`)
      .add(aRecord(`${ids.rgDns}/${network}/privateDnsZones/contoso.internal`, 'app', '10.1.0.4')),
    expect: [],
  },
  {
    name: 'record of an endpoint whose service plaudit has no zones for',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .set(ids.vaultEndpoint, `${connection}.privateLinkServiceId`, `${ids.rgPep}/providers/Contoso.Widgets/widgets/w1`)
      .set(ids.vaultEndpoint, `${connection}.groupIds`, ['widget']),
    expect: [],
    inconclusive: [ids.vaultRecord],
  },
  {
    name: 'record name written in capitals',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .update(ids.vaultRecord, (record) => {
        record.name = 'KV-PEP-SPOKEPEP';
      }),
    expect: [],
  },
  {
    name: 'ids upper-cased and a leftover record',
    estate: referenceEstate()
      .add(aRecord(ids.vaultZone, 'kv-pep-old', '10.2.0.9'))
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: oldVaultRecord, messageId: 'stale', related: [ids.vaultZone] }],
  },
] satisfies CheckCase[];
