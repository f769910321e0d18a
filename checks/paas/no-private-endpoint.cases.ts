import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';

const endpointState = 'privateLinkServiceConnections.0.properties.privateLinkServiceConnectionState';
const vaultState = 'privateEndpointConnections.0.properties.privateLinkServiceConnectionState';
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
      .set(ids.vaultEndpoint, `${endpointState}.status`, 'Pending')
      .set(ids.vault, `${vaultState}.status`, 'Pending'),
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
    estate: referenceEstate().add({
      id: storage,
      name: 'starchivespokepep',
      type: 'Microsoft.Storage/storageAccounts',
      location: 'westeurope',
      kind: 'StorageV2',
      sku: { name: 'Standard_LRS', tier: 'Standard' },
      properties: {
        publicNetworkAccess: 'disabled',
        networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
        privateEndpointConnections: [],
        provisioningState: 'Succeeded',
      },
    }),
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
    estate: referenceEstate().set(ids.vaultEndpoint, endpointState, {}).set(ids.vault, vaultState, {}),
    expect: [],
    inconclusive: [ids.vault],
  },
  {
    name: 'ids differ only in letter case',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${endpointState}.status`, 'Pending')
      .set(ids.vault, `${vaultState}.status`, 'Pending')
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.vault, messageId: 'noneApproved', related: [ids.vaultEndpoint] }],
  },
] satisfies CheckCase[];
