import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import { endpointIdOf, serviceId, withLinkedZone, withServiceEndpoint } from '../../test/service-estates.js';
import type check from './zone-missing.js';

const aksGuid = '4f8a1c2e-0d7b-4c3a-9e1f-2b6d8a0c4e71';
const aks = (zones: string[]) =>
  withServiceEndpoint(referenceEstate(), {
    type: 'Microsoft.ContainerService/managedClusters',
    name: 'aks-app',
    groupId: 'management',
    ip: '10.2.0.9',
    fqdns: [`aks-app-dns-k3x9.${aksGuid}.privatelink.westeurope.azmk8s.io`],
    properties: { apiServerAccessProfile: { enablePrivateCluster: true, privateDNSZone: 'system' } },
    zones: zones.map((name) => ({ name, records: [] })),
  });
const backup = (location: string, geoZone: string | undefined) =>
  withServiceEndpoint(referenceEstate(), {
    type: 'Microsoft.RecoveryServices/vaults',
    name: 'rsv-app',
    groupId: 'AzureBackup',
    ip: '10.2.0.10',
    location,
    fqdns: ['12345-rsv-app.cnc.backup.windowsazure.com'],
    zones: [
      ...(geoZone ? [{ name: geoZone, records: [] }] : []),
      { name: 'privatelink.blob.core.windows.net', records: [] },
      { name: 'privatelink.queue.core.windows.net', records: [] },
    ],
  });

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
  {
    name: 'private AKS cluster with its system zone <guid>.privatelink.<region>.azmk8s.io',
    estate: aks([`${aksGuid}.privatelink.westeurope.azmk8s.io`]),
    expect: [],
  },
  {
    name: 'private AKS cluster with a custom privatelink.<region>.azmk8s.io zone',
    estate: aks(['privatelink.westeurope.azmk8s.io']),
    expect: [],
  },
  {
    name: 'private AKS cluster with privateDNSZone none needs no private zone',
    estate: withServiceEndpoint(referenceEstate(), {
      type: 'Microsoft.ContainerService/managedClusters',
      name: 'aks-public-dns',
      groupId: 'management',
      ip: '10.2.0.9',
      fqdns: ['aks-public-dns-k3x9.hcp.westeurope.azmk8s.io'],
      properties: { apiServerAccessProfile: { enablePrivateCluster: true, privateDNSZone: 'none' } },
    }),
    expect: [],
  },
  {
    name: 'private AKS cluster whose zone is in another region',
    estate: aks(['privatelink.northeurope.azmk8s.io']),
    expect: [
      {
        resourceId: endpointIdOf('aks-app'),
        messageId: 'missing',
        related: [serviceId('Microsoft.ContainerService/managedClusters', 'aks-app')],
      },
    ],
  },
  {
    name: 'Azure Backup in Canada Central with its geo-code zone privatelink.cnc.backup.windowsazure.com',
    estate: backup('canadacentral', 'privatelink.cnc.backup.windowsazure.com'),
    expect: [],
  },
  {
    name: 'Azure Backup in Canada Central with a zone named for another geo code',
    estate: backup('canadacentral', 'privatelink.eus.backup.windowsazure.com'),
    expect: [
      {
        resourceId: endpointIdOf('rsv-app'),
        messageId: 'missing',
        related: [serviceId('Microsoft.RecoveryServices/vaults', 'rsv-app')],
      },
    ],
  },
  {
    name: 'Azure Backup in a region whose geo code plaudit does not know',
    estate: backup('marsnorth', 'privatelink.mrn.backup.windowsazure.com'),
    expect: [],
    inconclusive: [endpointIdOf('rsv-app')],
  },
  {
    name: 'Azure Monitor Private Link Scope with all five zones',
    estate: withServiceEndpoint(referenceEstate(), {
      type: 'Microsoft.Insights/privateLinkScopes',
      name: 'ampls-hub',
      groupId: 'azuremonitor',
      ip: '10.2.0.11',
      fqdns: ['api.monitor.azure.com'],
      properties: { accessModeSettings: { ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'PrivateOnly' } },
      zones: [
        'privatelink.monitor.azure.com',
        'privatelink.oms.opinsights.azure.com',
        'privatelink.ods.opinsights.azure.com',
        'privatelink.agentsvc.azure-automation.net',
        'privatelink.blob.core.windows.net',
      ].map((name) => ({ name, records: [] })),
    }),
    expect: [],
  },
  {
    name: 'Azure Monitor Private Link Scope without the agentsvc zone',
    estate: withLinkedZone(
      withLinkedZone(
        withServiceEndpoint(referenceEstate(), {
          type: 'Microsoft.Insights/privateLinkScopes',
          name: 'ampls-hub',
          groupId: 'azuremonitor',
          ip: '10.2.0.11',
          fqdns: ['api.monitor.azure.com'],
          zones: ['privatelink.monitor.azure.com', 'privatelink.oms.opinsights.azure.com'].map((name) => ({
            name,
            records: [],
          })),
        }),
        'privatelink.ods.opinsights.azure.com',
      ),
      'privatelink.blob.core.windows.net',
    ),
    expect: [
      {
        resourceId: endpointIdOf('ampls-hub'),
        messageId: 'missing',
        related: [serviceId('Microsoft.Insights/privateLinkScopes', 'ampls-hub')],
      },
    ],
  },
] satisfies CheckCase<typeof check>[];
