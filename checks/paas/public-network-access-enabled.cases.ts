import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import type check from './public-network-access-enabled.js';

const { storage, storageEndpoint, sqlServer, sqlEndpoint } = extraIds;

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
    estate: referenceEstate().unset(ids.vault, 'publicNetworkAccess').unset(ids.vault, 'networkAcls'),
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
    estate: referenceEstate().withStorageBlobEndpoint({ publicNetworkAccess: 'Enabled', networkAcls: null }),
    expect: [{ resourceId: storage, messageId: 'allNetworks', related: [storageEndpoint] }],
  },
  {
    name: 'storage account left to a network security perimeter',
    estate: referenceEstate().withStorageBlobEndpoint({ publicNetworkAccess: 'SecuredByPerimeter' }),
    expect: [{ resourceId: storage, messageId: 'securedByPerimeter', related: [storageEndpoint], level: 'warning' }],
  },
  {
    name: 'storage account with public access on but no private endpoint is out of scope',
    estate: referenceEstate().withStorageAccount(storage, { publicNetworkAccess: 'Enabled', networkAcls: null }),
    expect: [],
  },
  {
    name: 'SQL server admits all Azure services through a firewall rule',
    estate: referenceEstate()
      .withSqlEndpoint('Enabled')
      .add({
        id: `${sqlServer}/firewallRules/AllowAllWindowsAzureIps`,
        name: 'AllowAllWindowsAzureIps',
        type: 'Microsoft.Sql/servers/firewallRules',
        properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' },
      }),
    expect: [{ resourceId: sqlServer, messageId: 'sqlFirewallRules', related: [sqlEndpoint] }],
  },
  {
    name: 'SQL server with public access on and no firewall rule',
    estate: referenceEstate().withSqlEndpoint('Enabled'),
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
    estate: referenceEstate().set(ids.vault, 'publicNetworkAccess', 'Enabled').withIdsUpperCased(),
    expect: [{ resourceId: ids.vault, messageId: 'deniedByDefault', related: [ids.vaultEndpoint], level: 'warning' }],
  },
] satisfies CheckCase<typeof check>[];
