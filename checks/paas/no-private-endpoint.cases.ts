import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './no-private-endpoint.js';

const storage = `${ids.rgPep}/providers/Microsoft.Storage/storageAccounts/starchivespokepep`;
const disk = `${ids.rgApp}/providers/Microsoft.Compute/disks/vm-app-data-0`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'endpoint deleted while the vault stays closed to the public',
    estate: referenceEstate()
      .remove(ids.vaultEndpoint)
      .remove(ids.vaultZoneGroup)
      .set(ids.vault, 'privateEndpointConnections', []),
    expect: [{ resourceId: ids.vault, messageId: 'noEndpoint' }],
  },
  {
    name: 'the only connection is pending on both sides',
    estate: referenceEstate()
      .setConnectionStatus(ids.vaultEndpoint, 'Pending')
      .setConnectionStatus(ids.vault, 'Pending'),
    expect: [{ resourceId: ids.vault, messageId: 'noneApproved', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'approved on the service side while the endpoint is outside the scope read',
    estate: referenceEstate().remove(ids.vaultEndpoint).remove(ids.vaultZoneGroup),
    expect: [],
  },
  {
    name: 'approved on the endpoint side while the service lists no connection',
    estate: referenceEstate().set(ids.vault, 'privateEndpointConnections', []),
    expect: [],
  },
  {
    name: 'storage account closed to the public (lower-case value) with no endpoint',
    estate: referenceEstate().withStorageAccount(storage, { publicNetworkAccess: 'disabled' }),
    expect: [{ resourceId: storage, messageId: 'noEndpoint' }],
  },
  {
    name: 'a type that takes no private endpoint of its own is ignored',
    estate: referenceEstate().add({
      id: disk,
      name: 'vm-app-data-0',
      type: 'Microsoft.Compute/disks',
      location: 'westeurope',
      sku: { name: 'Premium_LRS', tier: 'Premium' },
      properties: {
        diskSizeGB: 128,
        networkAccessPolicy: 'DenyAll',
        publicNetworkAccess: 'Disabled',
        provisioningState: 'Succeeded',
      },
    }),
    expect: [],
  },
  {
    name: 'connection without an approval state on either side',
    estate: referenceEstate().setConnectionState(ids.vaultEndpoint, {}).setConnectionState(ids.vault, {}),
    expect: [],
    inconclusive: [ids.vault],
  },
  {
    name: 'ids differ only in letter case',
    estate: referenceEstate()
      .setConnectionStatus(ids.vaultEndpoint, 'Pending')
      .setConnectionStatus(ids.vault, 'Pending')
      .withIdsUpperCased(),
    expect: [{ resourceId: ids.vault, messageId: 'noneApproved', related: [ids.vaultEndpoint] }],
  },
] satisfies CheckCase<typeof check>[];
