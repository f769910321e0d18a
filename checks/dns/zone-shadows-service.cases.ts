import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate, type Estate } from '../../test/estates.js';
import { withLinkedZone, zoneIdOf } from '../../test/service-estates.js';
import type check from './zone-shadows-service.js';

const partnerVault = `${ids.rgApp}/providers/Microsoft.KeyVault/vaults/kv-partner`;
const partnerStorage = `${ids.rgApp}/providers/Microsoft.Storage/storageAccounts/stpartner`;
/** An endpoint in another tenant's subscription, outside anything read. */
const foreignEndpoint =
  '/subscriptions/9f8e7d6c-0000-4000-8000-00000000000f/resourceGroups/rg-x/providers/Microsoft.Network/privateEndpoints/pe-partner';
const blobZone = zoneIdOf('privatelink.blob.core.windows.net');

function withService(
  estate: Estate,
  id: string,
  type: string,
  properties: Record<string, unknown>,
  connection: Record<string, unknown> | null = { privateEndpoint: { id: foreignEndpoint } },
): Estate {
  return estate.add({
    id,
    name: id.split('/').pop()!,
    type,
    location: 'westeurope',
    properties: {
      ...properties,
      privateEndpointConnections: connection
        ? [
            {
              id: `${id}/privateEndpointConnections/pe-partner`,
              name: 'pe-partner',
              properties: { ...connection, privateLinkServiceConnectionState: { status: 'Approved' } },
            },
          ]
        : [],
    },
  });
}

const vaultOpen = { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' } };
const shadowed = (link: string) => ({
  resourceId: link,
  messageId: 'shadowed' as const,
  related: [ids.vaultZone, partnerVault],
});
/** The Azure Monitor Private Link Scope's blob zone, linked to hub, app and endpoint VNets. */
const amplsBlobZone = () =>
  withLinkedZone(referenceEstate(), 'privatelink.blob.core.windows.net', [
    { name: 'scadvisorcontent', ip: '10.2.0.20' },
  ]);
const blobLink = (link: string) => `${blobZone}/virtualNetworkLinks/${link.split('/').pop()}`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'a vault with a private endpoint in another tenant has no record in the linked vault zone',
    estate: withService(referenceEstate(), partnerVault, 'Microsoft.KeyVault/vaults', vaultOpen),
    expect: [shadowed(ids.hubLink), shadowed(ids.appLink), shadowed(ids.pepLink)],
  },
  {
    name: 'links that fall back to public resolution are not shadowed',
    estate: withService(referenceEstate(), partnerVault, 'Microsoft.KeyVault/vaults', vaultOpen)
      .set(ids.appLink, 'resolutionPolicy', 'NxDomainRedirect')
      .set(ids.hubLink, 'resolutionPolicy', 'NxDomainRedirect'),
    expect: [shadowed(ids.pepLink)],
  },
  {
    name: 'a vault without any private endpoint keeps its public name',
    estate: withService(referenceEstate(), partnerVault, 'Microsoft.KeyVault/vaults', vaultOpen, null),
    expect: [],
  },
  {
    name: 'a vault whose only private endpoint connection was rejected',
    estate: withService(referenceEstate(), partnerVault, 'Microsoft.KeyVault/vaults', vaultOpen).set(
      partnerVault,
      'privateEndpointConnections.0.properties.privateLinkServiceConnectionState.status',
      'Rejected',
    ),
    expect: [],
  },
  {
    name: 'a vault closed to public traffic is not reached publicly anyway',
    estate: withService(referenceEstate(), partnerVault, 'Microsoft.KeyVault/vaults', {
      publicNetworkAccess: 'Disabled',
    }),
    expect: [],
  },
  {
    name: 'the zone holds a record for the partner vault',
    estate: withService(referenceEstate(), partnerVault, 'Microsoft.KeyVault/vaults', vaultOpen).withARecord(
      ids.vaultZone,
      'kv-partner',
      ['10.2.0.30'],
    ),
    expect: [],
  },
  {
    name: "the Azure Monitor scope's blob zone shadows a storage account whose blob endpoint is elsewhere",
    estate: withService(
      amplsBlobZone(),
      partnerStorage,
      'Microsoft.Storage/storageAccounts',
      { publicNetworkAccess: 'Enabled' },
      {
        privateEndpoint: { id: foreignEndpoint },
        groupIds: ['blob'],
      },
    ),
    expect: [ids.hubLink, ids.appLink, ids.pepLink].map((link) => ({
      resourceId: blobLink(link),
      messageId: 'shadowed' as const,
      related: [blobZone, partnerStorage],
    })),
  },
  {
    name: 'a storage account whose foreign endpoints do not say which sub-resource they serve',
    estate: withService(amplsBlobZone(), partnerStorage, 'Microsoft.Storage/storageAccounts', {
      publicNetworkAccess: 'Enabled',
    }),
    expect: [],
    inconclusive: [ids.hubLink, ids.appLink, ids.pepLink].map(blobLink),
  },
  {
    name: 'a storage account with only a file endpoint elsewhere is not shadowed by the blob zone',
    estate: withService(
      amplsBlobZone(),
      partnerStorage,
      'Microsoft.Storage/storageAccounts',
      { publicNetworkAccess: 'Enabled' },
      {
        privateEndpoint: { id: foreignEndpoint },
        groupIds: ['file'],
      },
    ),
    expect: [],
  },
] satisfies CheckCase<typeof check>[];
