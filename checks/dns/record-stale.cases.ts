import type { CheckCase } from '../../test/check-cases.js';
import type { Estate } from '../../test/estates.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import type check from './record-stale.js';

const network = 'providers/Microsoft.Network';
const oldVaultRecord = `${ids.vaultZone}/A/kv-pep-old`;
const { blobZone } = extraIds;
const orphanBlobRecord = `${blobZone}/A/stpepretired`;
const internalZone = `${ids.rgDns}/${network}/privateDnsZones/contoso.internal`;

/**
 * One blob zone written to by two services: a storage account's blob endpoint and an Azure
 * Monitor private link scope, whose endpoint also registers a name in the blob zone.
 */
function withSharedBlobZone(estate: Estate): Estate {
  return estate
    .withVaultZoneCopy(blobZone)
    .withStorageBlobEndpoint()
    .withARecord(blobZone, 'stpepspokepep', ['10.2.0.5'])
    .withPrivateEndpoint({
      id: `${ids.rgPep}/${network}/privateEndpoints/pe-ampls-hub`,
      nic: `${ids.rgPep}/${network}/networkInterfaces/pe-ampls-hub.nic.5a6b7c8d`,
      target: `${ids.rgHub}/providers/Microsoft.Insights/privateLinkScopes/ampls-hub`,
      groupId: 'azuremonitor',
      ip: '10.2.0.6',
      fqdn: 'scadvisorcontentpl.blob.core.windows.net',
    })
    .withARecord(blobZone, 'scadvisorcontentpl', ['10.2.0.6']);
}

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'record left behind by a vault endpoint that was recreated',
    estate: referenceEstate().withARecord(ids.vaultZone, 'kv-pep-old', ['10.2.0.9']),
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
    estate: withSharedBlobZone(referenceEstate()).withARecord(blobZone, 'stpepretired', ['10.2.0.7']),
    expect: [{ resourceId: orphanBlobRecord, messageId: 'stale', related: [blobZone] }],
  },
  {
    name: 'auto-registered VM record in a privatelink zone is not an endpoint record',
    estate: referenceEstate().withARecord(ids.vaultZone, 'vm-app', ['10.1.0.4'], { isAutoRegistered: true }),
    expect: [],
  },
  {
    name: 'apex record is not an endpoint record',
    estate: referenceEstate().withARecord(ids.vaultZone, '@', ['10.2.0.4']),
    expect: [],
  },
  {
    name: 'records in a zone that is not a privatelink zone',
    estate: referenceEstate().withVaultZoneCopy(internalZone).withARecord(internalZone, 'app', ['10.1.0.4']),
    expect: [],
  },
  {
    name: 'record of an endpoint whose service plaudit has no zones for',
    estate: referenceEstate()
      .remove(ids.vaultZoneGroup)
      .setEndpointTarget(ids.vaultEndpoint, extraIds.unknownService, ['widget']),
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
    estate: referenceEstate().withARecord(ids.vaultZone, 'kv-pep-old', ['10.2.0.9']).withIdsUpperCased(),
    expect: [{ resourceId: oldVaultRecord, messageId: 'stale', related: [ids.vaultZone] }],
  },
] satisfies CheckCase<typeof check>[];
