import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import { endpointIdOf, serviceId, withServiceEndpoint, type ServiceEndpointSpec } from '../../test/service-estates.js';
import type check from './public-network-access-enabled.js';

const { storage, storageEndpoint, sqlServer, sqlEndpoint } = extraIds;

/** A service of `type` behind an endpoint in sn-pep, with the given properties. */
function service(type: string, name: string, groupId: string, properties: Record<string, unknown>) {
  const spec: ServiceEndpointSpec = {
    type,
    name,
    groupId,
    ip: '10.2.0.12',
    fqdns: [`${name}.example.net`],
    properties,
  };
  return {
    estate: withServiceEndpoint(referenceEstate(), spec),
    id: serviceId(type, name),
    endpoint: endpointIdOf(name),
  };
}
const ampls = (properties: Record<string, unknown>) =>
  service('Microsoft.Insights/privateLinkScopes', 'ampls-hub', 'azuremonitor', properties);
const aks = (properties: Record<string, unknown>) =>
  service('Microsoft.ContainerService/managedClusters', 'aks-app', 'management', properties);
const site = (properties: Record<string, unknown>) => service('Microsoft.Web/sites', 'app-web', 'sites', properties);
const cosmos = (properties: Record<string, unknown>) =>
  service('Microsoft.DocumentDB/databaseAccounts', 'cosmos-app', 'Sql', properties);
const eventHubs = service('Microsoft.EventHub/namespaces', 'evhns-app', 'namespace', {
  publicNetworkAccess: 'Enabled',
});
const amplsPrivate = ampls({
  accessModeSettings: { ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'PrivateOnly', exclusions: [] },
});
const amplsOpen = ampls({ accessModeSettings: { ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'Open' } });
const amplsUnread = ampls({});
const aksPrivate = aks({ apiServerAccessProfile: { enablePrivateCluster: true, privateDNSZone: 'system' } });
const aksUnread = aks({ kubernetesVersion: '1.30.3' });
const aksAuthorized = aks({
  apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ['198.51.100.0/24'] },
});
const siteClosed = site({ publicNetworkAccess: 'Disabled' });
const siteUnread = site({ publicNetworkAccess: 'Enabled' });
const siteOpen = site({
  publicNetworkAccess: 'Enabled',
  siteConfig: {
    ipSecurityRestrictions: [{ ipAddress: 'Any', action: 'Allow', priority: 2147483647, name: 'Allow all' }],
  },
});
const siteSubnet = site({
  publicNetworkAccess: 'Enabled',
  siteConfig: {
    ipSecurityRestrictionsDefaultAction: 'Deny',
    ipSecurityRestrictions: [{ vnetSubnetResourceId: ids.appSubnet, action: 'Allow', priority: 100, name: 'app' }],
  },
});
const siteUnsaid = site({
  siteConfig: {
    ipSecurityRestrictions: [{ ipAddress: 'Any', action: 'Allow', priority: 2147483647, name: 'Allow all' }],
  },
});
const cosmosOpen = cosmos({ publicNetworkAccess: 'Enabled', ipRules: [], isVirtualNetworkFilterEnabled: false });
const cosmosClosed = cosmos({ publicNetworkAccess: 'Disabled' });
const cosmosUnsaid = cosmos({ ipRules: [] });
const widget = service('Contoso.Widgets/widgets', 'w-app', 'widget', { publicNetworkAccess: 'Enabled' });
const widgetClosed = service('Contoso.Widgets/widgets', 'w-app', 'widget', { publicNetworkAccess: 'Disabled' });

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
  {
    name: 'vault admits an app subnet through a VNet rule, not a default deny',
    estate: referenceEstate()
      .set(ids.vault, 'publicNetworkAccess', 'Enabled')
      .set(ids.vault, 'networkAcls.virtualNetworkRules', [{ id: ids.appSubnet }]),
    expect: [{ resourceId: ids.vault, messageId: 'vnetRulesOnly', related: [ids.vaultEndpoint], level: 'warning' }],
  },
  { name: 'Azure Monitor Private Link Scope with PrivateOnly access modes', estate: amplsPrivate.estate, expect: [] },
  {
    name: 'Azure Monitor Private Link Scope whose query access mode is Open',
    estate: amplsOpen.estate,
    expect: [
      { resourceId: amplsOpen.id, messageId: 'monitorScopeOpen', related: [amplsOpen.endpoint], level: 'warning' },
    ],
  },
  {
    name: 'Azure Monitor Private Link Scope read without accessModeSettings',
    estate: amplsUnread.estate,
    expect: [],
    inconclusive: [amplsUnread.id],
  },
  { name: 'private AKS cluster has no public API server', estate: aksPrivate.estate, expect: [] },
  {
    name: 'AKS cluster read without apiServerAccessProfile',
    estate: aksUnread.estate,
    expect: [],
    inconclusive: [aksUnread.id],
  },
  {
    name: 'AKS cluster with a public API server limited to authorized IP ranges',
    estate: aksAuthorized.estate,
    expect: [{ resourceId: aksAuthorized.id, messageId: 'publicIpRules', related: [aksAuthorized.endpoint] }],
  },
  { name: 'App Service app with public network access disabled', estate: siteClosed.estate, expect: [] },
  {
    name: 'App Service app whose access restrictions were not read',
    estate: siteUnread.estate,
    expect: [],
    inconclusive: [siteUnread.id],
  },
  {
    name: 'App Service app read without publicNetworkAccess',
    estate: siteUnsaid.estate,
    expect: [],
    inconclusive: [siteUnsaid.id],
  },
  {
    name: 'App Service app with the default Allow all restriction',
    estate: siteOpen.estate,
    expect: [{ resourceId: siteOpen.id, messageId: 'allNetworks', related: [siteOpen.endpoint] }],
  },
  {
    name: 'App Service app restricted to one integration subnet',
    estate: siteSubnet.estate,
    expect: [
      { resourceId: siteSubnet.id, messageId: 'vnetRulesOnly', related: [siteSubnet.endpoint], level: 'warning' },
    ],
  },
  {
    name: 'Cosmos DB account without IP or VNet filters',
    estate: cosmosOpen.estate,
    expect: [{ resourceId: cosmosOpen.id, messageId: 'allNetworks', related: [cosmosOpen.endpoint] }],
  },
  { name: 'Cosmos DB account with public network access disabled', estate: cosmosClosed.estate, expect: [] },
  {
    name: 'Cosmos DB account admitting Azure datacenters through the older ipRangeFilter',
    estate: cosmos({ publicNetworkAccess: 'Enabled', ipRangeFilter: '0.0.0.0' }).estate,
    expect: [
      {
        resourceId: cosmosOpen.id,
        messageId: 'publicIpRules',
        related: [cosmosOpen.endpoint],
      },
    ],
  },
  {
    name: 'Cosmos DB account read without publicNetworkAccess',
    estate: cosmosUnsaid.estate,
    expect: [],
    inconclusive: [cosmosUnsaid.id],
  },
  {
    name: 'Event Hubs namespace whose network rule set was not read',
    estate: eventHubs.estate,
    expect: [],
    inconclusive: [eventHubs.id],
  },
  {
    name: 'Event Hubs namespace whose network rule set denies by default',
    estate: service('Microsoft.EventHub/namespaces', 'evhns-app', 'namespace', {
      publicNetworkAccess: 'Enabled',
    }).estate.add({
      id: `${eventHubs.id}/networkRuleSets/default`,
      name: 'default',
      type: 'Microsoft.EventHub/namespaces/networkRuleSets',
      properties: { publicNetworkAccess: 'Enabled', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
    }),
    expect: [
      { resourceId: eventHubs.id, messageId: 'deniedByDefault', related: [eventHubs.endpoint], level: 'warning' },
    ],
  },
  {
    name: 'service type whose controls plaudit does not know is inconclusive, not open',
    estate: widget.estate,
    expect: [],
    inconclusive: [widget.id],
  },
  { name: 'unknown service type with public network access disabled', estate: widgetClosed.estate, expect: [] },
] satisfies CheckCase<typeof check>[];
