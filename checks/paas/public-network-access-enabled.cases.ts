import type { RawResource } from '../../src/snapshot/types.js';
import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';

const storage = `${ids.rgPep}/providers/Microsoft.Storage/storageAccounts/stpepspokepep`;
const storageEndpoint = `${ids.rgPep}/providers/Microsoft.Network/privateEndpoints/pe-st-pep-spokepep-blob`;
const sqlServer = `${ids.rgPep}/providers/Microsoft.Sql/servers/sql-pep-spokepep`;
const sqlEndpoint = `${ids.rgPep}/providers/Microsoft.Network/privateEndpoints/pe-sql-pep-spokepep`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'vault open to all networks',
    estate: referenceEstate()
      .set(ids.vault, 'publicNetworkAccess', 'Enabled')
      .set(ids.vault, 'networkAcls.defaultAction', 'Allow'),
    expect: [{ resourceId: ids.vault, messageId: 'allNetworks', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'vault public access turned back on while its ACL still denies by default',
    estate: referenceEstate().set(ids.vault, 'publicNetworkAccess', 'Enabled'),
    expect: [{ resourceId: ids.vault, messageId: 'deniedByDefault', related: [ids.vaultEndpoint], level: 'warning' }],
  },
  {
    name: 'vault without publicNetworkAccess or networkAcls (defaults: open)',
    estate: referenceEstate().update(ids.vault, (vault) => {
      delete vault.properties?.publicNetworkAccess;
      delete vault.properties?.networkAcls;
    }),
    expect: [{ resourceId: ids.vault, messageId: 'allNetworks', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'vault IP rules admit a public address',
    estate: referenceEstate()
      .set(ids.vault, 'publicNetworkAccess', 'Enabled')
      .set(ids.vault, 'networkAcls.ipRules', [{ value: '203.0.113.7/32' }, { value: "'10.91.4.0/24'" }]),
    expect: [{ resourceId: ids.vault, messageId: 'publicIpRules', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'vault IP rules admit only private ranges',
    estate: referenceEstate()
      .set(ids.vault, 'publicNetworkAccess', 'Enabled')
      .set(ids.vault, 'networkAcls.ipRules', [{ value: '10.91.4.0/24' }]),
    expect: [{ resourceId: ids.vault, messageId: 'deniedByDefault', related: [ids.vaultEndpoint], level: 'warning' }],
  },
  {
    name: 'publicNetworkAccess written in lower case as the Key Vault spec does',
    estate: referenceEstate().set(ids.vault, 'publicNetworkAccess', 'disabled'),
    expect: [],
  },
  {
    name: 'storage account behind a private endpoint with public access on and no network ACL',
    estate: referenceEstate().add(storageAccount('Enabled', undefined), blobEndpoint()),
    expect: [{ resourceId: storage, messageId: 'allNetworks', related: [storageEndpoint] }],
  },
  {
    name: 'storage account left to a network security perimeter',
    estate: referenceEstate().add(storageAccount('SecuredByPerimeter', 'Deny'), blobEndpoint()),
    expect: [{ resourceId: storage, messageId: 'securedByPerimeter', related: [storageEndpoint], level: 'warning' }],
  },
  {
    name: 'storage account with public access on but no private endpoint is out of scope',
    estate: referenceEstate().add({
      ...storageAccount('Enabled', 'Allow'),
      properties: { publicNetworkAccess: 'Enabled' },
    }),
    expect: [],
  },
  {
    name: 'SQL server admits all Azure services through a firewall rule',
    estate: referenceEstate().add(sqlServerWithEndpoint(), sqlEndpointResource(), {
      id: `${sqlServer}/firewallRules/AllowAllWindowsAzureIps`,
      name: 'AllowAllWindowsAzureIps',
      type: 'Microsoft.Sql/servers/firewallRules',
      properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' },
    }),
    expect: [{ resourceId: sqlServer, messageId: 'sqlFirewallRules', related: [sqlEndpoint] }],
  },
  {
    name: 'SQL server with public access on and no firewall rule',
    estate: referenceEstate().add(sqlServerWithEndpoint(), sqlEndpointResource()),
    expect: [{ resourceId: sqlServer, messageId: 'noFirewallRules', related: [sqlEndpoint], level: 'warning' }],
  },
  {
    name: 'only the service side of the connection is in scope',
    estate: referenceEstate()
      .remove(ids.vaultEndpoint)
      .remove(ids.vaultZoneGroup)
      .set(ids.vault, 'publicNetworkAccess', 'Enabled'),
    expect: [{ resourceId: ids.vault, messageId: 'deniedByDefault', level: 'warning' }],
  },
  {
    name: 'endpoint connects to a vault that was not read',
    estate: referenceEstate().remove(ids.vault),
    expect: [],
    inconclusive: [ids.vault],
  },
  {
    name: 'ids differ only in letter case',
    estate: referenceEstate()
      .set(ids.vault, 'publicNetworkAccess', 'Enabled')
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.vault, messageId: 'deniedByDefault', related: [ids.vaultEndpoint], level: 'warning' }],
  },
] satisfies CheckCase[];

function storageAccount(publicNetworkAccess: string, defaultAction: 'Allow' | 'Deny' | undefined): RawResource {
  return {
    id: storage,
    name: 'stpepspokepep',
    type: 'Microsoft.Storage/storageAccounts',
    location: 'westeurope',
    kind: 'StorageV2',
    sku: { name: 'Standard_LRS', tier: 'Standard' },
    properties: {
      publicNetworkAccess,
      ...(defaultAction && {
        networkAcls: { bypass: 'AzureServices', defaultAction, ipRules: [], virtualNetworkRules: [] },
      }),
      allowBlobPublicAccess: false,
      minimumTlsVersion: 'TLS1_2',
      supportsHttpsTrafficOnly: true,
      primaryEndpoints: { blob: 'https://stpepspokepep.blob.core.windows.net/' },
      privateEndpointConnections: [
        {
          id: `${storage}/privateEndpointConnections/pe-st-pep-spokepep-blob.5f0c2a9e-3b1d-4e8a-9c7f-2d6b1a0e4c3b`,
          name: 'pe-st-pep-spokepep-blob.5f0c2a9e-3b1d-4e8a-9c7f-2d6b1a0e4c3b',
          type: 'Microsoft.Storage/storageAccounts/privateEndpointConnections',
          properties: {
            provisioningState: 'Succeeded',
            privateEndpoint: { id: storageEndpoint },
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionRequired: 'None',
            },
          },
        },
      ],
      provisioningState: 'Succeeded',
    },
  };
}

function blobEndpoint(): RawResource {
  return endpoint(storageEndpoint, storage, 'blob');
}

function sqlServerWithEndpoint(): RawResource {
  return {
    id: sqlServer,
    name: 'sql-pep-spokepep',
    type: 'Microsoft.Sql/servers',
    location: 'westeurope',
    kind: 'v12.0',
    properties: {
      administratorLogin: 'sqladmin',
      version: '12.0',
      state: 'Ready',
      fullyQualifiedDomainName: 'sql-pep-spokepep.database.windows.net',
      privateEndpointConnections: [
        {
          id: `${sqlServer}/privateEndpointConnections/pe-sql-pep-spokepep-8c1d3e5f-7a9b-4c2d-8e1f-3a5b7c9d1e2f`,
          properties: {
            privateEndpoint: { id: sqlEndpoint },
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-approved',
              actionsRequired: 'None',
            },
            provisioningState: 'Ready',
          },
        },
      ],
      minimalTlsVersion: '1.2',
      publicNetworkAccess: 'Enabled',
      restrictOutboundNetworkAccess: 'Disabled',
    },
  };
}

function sqlEndpointResource(): RawResource {
  return endpoint(sqlEndpoint, sqlServer, 'sqlServer');
}

function endpoint(id: string, target: string, groupId: string): RawResource {
  const name = id.split('/').pop()!;
  return {
    id,
    name,
    type: 'Microsoft.Network/privateEndpoints',
    location: 'westeurope',
    properties: {
      provisioningState: 'Succeeded',
      subnet: { id: ids.pepSubnet },
      privateLinkServiceConnections: [
        {
          id: `${id}/privateLinkServiceConnections/${name}`,
          name,
          type: 'Microsoft.Network/privateEndpoints/privateLinkServiceConnections',
          properties: {
            provisioningState: 'Succeeded',
            privateLinkServiceId: target,
            groupIds: [groupId],
            privateLinkServiceConnectionState: {
              status: 'Approved',
              description: 'Auto-Approved',
              actionsRequired: 'None',
            },
          },
        },
      ],
      manualPrivateLinkServiceConnections: [],
      networkInterfaces: [],
      customDnsConfigs: [],
    },
  };
}
