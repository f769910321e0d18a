import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './service-endpoint-mismatch.js';

const storage = `${ids.rgApp}/providers/Microsoft.Storage/storageAccounts/stappspokeapp`;
const sqlServer = `${ids.rgApp}/providers/Microsoft.Sql/servers/sql-app-spokeapp`;
const managedHsm = `${ids.rgPep}/providers/Microsoft.KeyVault/managedHSMs/hsm-pep-spokepep`;
const unreadSubnet = `${ids.landingZone}/resourceGroups/rg-data/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/sn-data`;
// The app spoke's storage account admits sn-app through a VNet rule (Azure writes the id lower-cased).
const admitsAppSubnet = {
  publicNetworkAccess: 'Enabled',
  networkAcls: { virtualNetworkRules: [{ id: ids.appSubnet.toLowerCase(), action: 'Allow', state: 'Succeeded' }] },
};

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'vault VNet rule names the app subnet, which has no Microsoft.KeyVault endpoint',
    // Azure returns VNet rule ids lower-cased.
    estate: referenceEstate().set(ids.vault, 'networkAcls.virtualNetworkRules', [
      { id: ids.appSubnet.toLowerCase(), ignoreMissingVnetServiceEndpoint: true },
    ]),
    expect: [{ resourceId: ids.vault, messageId: 'missingServiceEndpoint', related: [ids.appSubnet] }],
  },
  {
    name: "vault VNet rule backed by the subnet's Microsoft.KeyVault endpoint",
    estate: referenceEstate()
      .set(ids.vault, 'networkAcls.virtualNetworkRules', [{ id: ids.appSubnet }])
      .withServiceEndpoints(ids.appSubnet, [{ service: 'Microsoft.KeyVault', locations: ['*'] }]),
    expect: [],
  },
  {
    name: 'storage VNet rule satisfied by the Microsoft.Storage.Global endpoint',
    estate: referenceEstate()
      .withStorageAccount(storage, admitsAppSubnet)
      .withServiceEndpoints(ids.appSubnet, [{ service: 'Microsoft.Storage.Global', locations: ['*'] }]),
    expect: [],
  },
  {
    name: 'storage VNet rule on a subnet that has only the Key Vault endpoint',
    estate: referenceEstate()
      .withStorageAccount(storage, admitsAppSubnet)
      .withServiceEndpoints(ids.appSubnet, [{ service: 'Microsoft.KeyVault', locations: ['*'] }]),
    expect: [{ resourceId: storage, messageId: 'missingServiceEndpoint', related: [ids.appSubnet] }],
  },
  {
    name: 'SQL server VNet rule (a child resource) names a subnet without Microsoft.Sql',
    estate: referenceEstate()
      .withSqlServer(sqlServer, 'Enabled')
      .add({
        id: `${sqlServer}/virtualNetworkRules/allow-sn-app`,
        name: 'allow-sn-app',
        type: 'Microsoft.Sql/servers/virtualNetworkRules',
        properties: { virtualNetworkSubnetId: ids.appSubnet, ignoreMissingVnetServiceEndpoint: false, state: 'Ready' },
      }),
    expect: [{ resourceId: sqlServer, messageId: 'missingServiceEndpoint', related: [ids.appSubnet] }],
  },
  {
    name: 'VNet rule names a subnet that was not read',
    estate: referenceEstate().set(ids.vault, 'networkAcls.virtualNetworkRules', [{ id: unreadSubnet }]),
    expect: [],
    inconclusive: [ids.vault],
  },
  {
    name: 'VNet rules on a type whose service endpoint plaudit does not know',
    estate: referenceEstate().add({
      id: managedHsm,
      name: 'hsm-pep-spokepep',
      type: 'Microsoft.KeyVault/managedHSMs',
      location: 'westeurope',
      sku: { family: 'B', name: 'Standard_B1' },
      properties: {
        publicNetworkAccess: 'Enabled',
        networkAcls: {
          bypass: 'AzureServices',
          defaultAction: 'Deny',
          ipRules: [],
          virtualNetworkRules: [{ id: ids.appSubnet }],
        },
        privateEndpointConnections: [],
        provisioningState: 'Succeeded',
      },
    }),
    expect: [],
    inconclusive: [managedHsm],
  },
  {
    name: 'ids differ only in letter case',
    estate: referenceEstate()
      .set(ids.vault, 'networkAcls.virtualNetworkRules', [{ id: ids.appSubnet }])
      .withIdsUpperCased(),
    expect: [{ resourceId: ids.vault, messageId: 'missingServiceEndpoint', related: [ids.appSubnet] }],
  },
] satisfies CheckCase<typeof check>[];
