// A small, realistic hub-and-spoke estate in two subscriptions:
// - connectivity (hub): hub VNet with Azure Firewall (DNS proxy, policy with a parent), a DNS private
//   resolver, the central privatelink zones (linked to the hub) in their own resource group;
// - landing zone (app): spoke VNet peered to the hub, UDR 0.0.0.0/0 to the firewall, firewall as DNS;
//   a key vault, a storage account and a SQL server, each behind a private endpoint with a zone group.
// References deliberately differ in case from the ids they point at, as ARM's often do.

import type { RawResource } from '../../src/snapshot/types.js';
import {
  aRecord,
  azureFirewall,
  dnsResolver,
  firewallPolicy,
  forwardingRule,
  forwardingRuleset,
  rulesetLink,
  inboundEndpoint,
  ipGroup,
  keyVault,
  networkInterface,
  privateDnsZone,
  privateEndpoint,
  publicIp,
  resourceId,
  routeTable,
  ruleCollectionGroup,
  soaRecord,
  sqlServer,
  storageAccount,
  virtualMachine,
  virtualNetwork,
  virtualNetworkLink,
  zoneGroup,
} from './builders.js';
import type { FakeEstate } from './server.js';

export const TENANT = '0a1b2c3d-9999-4999-8999-999999999999';
export const HUB = '0a1b2c3d-1111-4111-8111-111111111111';
export const APP = '0a1b2c3d-2222-4222-8222-222222222222';

const net = 'Microsoft.Network';
export const ids = {
  hubVnet: resourceId(HUB, 'rg-hub-network', `${net}/virtualNetworks`, 'vnet-hub'),
  gatewayRoutes: resourceId(HUB, 'rg-hub-network', `${net}/routeTables`, 'rt-gateway'),
  firewall: resourceId(HUB, 'rg-hub-network', `${net}/azureFirewalls`, 'fw-hub'),
  firewallIp: resourceId(HUB, 'rg-hub-network', `${net}/publicIPAddresses`, 'pip-fw-hub'),
  basePolicy: resourceId(HUB, 'rg-hub-network', `${net}/firewallPolicies`, 'fwp-base'),
  hubPolicy: resourceId(HUB, 'rg-hub-network', `${net}/firewallPolicies`, 'fwp-hub'),
  spokesIpGroup: resourceId(HUB, 'rg-hub-network', `${net}/ipGroups`, 'ipg-spokes'),
  resolver: resourceId(HUB, 'rg-hub-network', `${net}/dnsResolvers`, 'dnspr-hub'),
  ruleset: resourceId(HUB, 'rg-hub-network', `${net}/dnsForwardingRulesets`, 'dnsfrs-hub'),
  vaultZone: resourceId(HUB, 'rg-hub-dns', `${net}/privateDnsZones`, 'privatelink.vaultcore.azure.net'),
  blobZone: resourceId(HUB, 'rg-hub-dns', `${net}/privateDnsZones`, 'privatelink.blob.core.windows.net'),
  sqlZone: resourceId(HUB, 'rg-hub-dns', `${net}/privateDnsZones`, 'privatelink.database.windows.net'),
  appVnet: resourceId(APP, 'rg-app-network', `${net}/virtualNetworks`, 'vnet-app'),
  appRoutes: resourceId(APP, 'rg-app-network', `${net}/routeTables`, 'rt-app'),
  appNsg: resourceId(APP, 'rg-app-network', `${net}/networkSecurityGroups`, 'nsg-app'),
  vault: resourceId(APP, 'rg-app', 'Microsoft.KeyVault/vaults', 'kv-app-01'),
  storage: resourceId(APP, 'rg-app', 'Microsoft.Storage/storageAccounts', 'stapp01'),
  vaultPe: resourceId(APP, 'rg-app', `${net}/privateEndpoints`, 'pe-kv-app-01'),
  storagePe: resourceId(APP, 'rg-app', `${net}/privateEndpoints`, 'pe-stapp01-blob'),
  vm: resourceId(APP, 'rg-app', 'Microsoft.Compute/virtualMachines', 'vm-app-01'),
  vmNic: resourceId(APP, 'rg-app', `${net}/networkInterfaces`, 'vm-app-01-nic'),
  sql: resourceId(APP, 'rg-data', 'Microsoft.Sql/servers', 'sql-app-01'),
  sqlPe: resourceId(APP, 'rg-data', `${net}/privateEndpoints`, 'pe-sql-app-01'),
};

/** ARM references are case-insensitive and often written differently from the target's id. */
function shout(id: string): string {
  return id.replace(/resourceGroups\/([^/]+)/, (_, rg: string) => `resourcegroups/${rg.toUpperCase()}`);
}

export function hubSpokeEstate(): FakeEstate {
  const hubSubnet = (name: string): string => `${ids.hubVnet}/subnets/${name}`;
  const appSubnet = (name: string): string => `${ids.appVnet}/subnets/${name}`;
  const firewallIp = '10.0.1.4';
  const resources: RawResource[] = [
    virtualNetwork(
      ids.hubVnet,
      ['10.0.0.0/16'],
      [
        { name: 'GatewaySubnet', prefix: '10.0.0.0/27', routeTable: ids.gatewayRoutes },
        { name: 'AzureFirewallSubnet', prefix: '10.0.1.0/26' },
        { name: 'snet-dns-inbound', prefix: '10.0.2.0/28', delegation: 'Microsoft.Network/dnsResolvers' },
      ],
      [{ name: 'peer-hub-to-app', remote: shout(ids.appVnet), remotePrefixes: ['10.1.0.0/16'] }],
    ),
    routeTable(ids.gatewayRoutes, [
      { name: 'to-app', prefix: '10.1.0.0/16', nextHopType: 'VirtualAppliance', nextHop: firewallIp },
    ]),
    azureFirewall(ids.firewall, hubSubnet('AzureFirewallSubnet'), firewallIp, shout(ids.hubPolicy), ids.firewallIp),
    publicIp(ids.firewallIp, '20.61.10.4'),
    firewallPolicy(ids.basePolicy, [`${ids.basePolicy}/ruleCollectionGroups/rcg-platform`]),
    firewallPolicy(ids.hubPolicy, [`${ids.hubPolicy}/ruleCollectionGroups/rcg-privatelink`], ids.basePolicy),
    ruleCollectionGroup(`${ids.basePolicy}/ruleCollectionGroups/rcg-platform`, 100, [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
        name: 'allow-dns',
        priority: 100,
        action: { type: 'Allow' },
        rules: [
          {
            ruleType: 'NetworkRule',
            name: 'dns-to-resolver',
            ipProtocols: ['UDP', 'TCP'],
            sourceAddresses: [],
            sourceIpGroups: [ids.spokesIpGroup],
            destinationAddresses: ['10.0.2.4'],
            destinationIpGroups: [],
            destinationFqdns: [],
            destinationPorts: ['53'],
          },
        ],
      },
    ]),
    ruleCollectionGroup(`${ids.hubPolicy}/ruleCollectionGroups/rcg-privatelink`, 200, [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
        name: 'allow-privatelink',
        priority: 200,
        action: { type: 'Allow' },
        rules: [
          {
            ruleType: 'ApplicationRule',
            name: 'paas-https',
            protocols: [{ protocolType: 'Https', port: 443 }],
            sourceAddresses: [],
            sourceIpGroups: [shout(ids.spokesIpGroup)],
            targetFqdns: ['kv-app-01.vault.azure.net', 'stapp01.blob.core.windows.net'],
            fqdnTags: [],
            webCategories: [],
            terminateTLS: false,
          },
          {
            ruleType: 'NetworkRule',
            name: 'sql',
            ipProtocols: ['TCP'],
            sourceAddresses: ['10.1.1.0/24'],
            sourceIpGroups: [],
            destinationAddresses: [],
            destinationIpGroups: [],
            destinationFqdns: ['sql-app-01.database.windows.net'],
            destinationPorts: ['1433'],
          },
        ],
      },
    ]),
    ipGroup(ids.spokesIpGroup, ['10.1.0.0/16']),
    dnsResolver(ids.resolver, ids.hubVnet),
    inboundEndpoint(ids.resolver, 'in-hub', hubSubnet('snet-dns-inbound'), '10.0.2.4'),
    forwardingRuleset(ids.ruleset, `${ids.resolver}/outboundEndpoints/out-hub`),
    forwardingRule(ids.ruleset, 'corp', 'corp.contoso.example.', ['192.168.10.5']),
    rulesetLink(ids.ruleset, 'link-app', ids.appVnet),

    virtualNetwork(
      ids.appVnet,
      ['10.1.0.0/16'],
      [
        { name: 'snet-app', prefix: '10.1.1.0/24', routeTable: shout(ids.appRoutes) },
        { name: 'snet-pe', prefix: '10.1.2.0/24', privateEndpointNetworkPolicies: 'RouteTableEnabled' },
      ],
      [{ name: 'peer-app-to-hub', remote: ids.hubVnet, remotePrefixes: ['10.0.0.0/16'] }],
      [firewallIp],
    ),
    routeTable(ids.appRoutes, [
      { name: 'default-via-firewall', prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHop: firewallIp },
    ]),
    {
      id: ids.appNsg,
      name: 'nsg-app',
      type: 'Microsoft.Network/networkSecurityGroups',
      location: 'westeurope',
      properties: { provisioningState: 'Succeeded', securityRules: [] },
    },
    virtualMachine(ids.vm, ids.vmNic),
    networkInterface(ids.vmNic, appSubnet('snet-app'), '10.1.1.4', { virtualMachine: ids.vm }),
  ];

  const endpoints = [
    {
      pe: ids.vaultPe,
      target: ids.vault,
      groupId: 'vault',
      fqdn: 'kv-app-01.vault.azure.net',
      record: 'kv-app-01',
      zone: ids.vaultZone,
      ip: '10.1.2.4',
    },
    {
      pe: ids.storagePe,
      target: ids.storage,
      groupId: 'blob',
      fqdn: 'stapp01.blob.core.windows.net',
      record: 'stapp01',
      zone: ids.blobZone,
      ip: '10.1.2.5',
    },
    {
      pe: ids.sqlPe,
      target: ids.sql,
      groupId: 'sqlServer',
      fqdn: 'sql-app-01.database.windows.net',
      record: 'sql-app-01',
      zone: ids.sqlZone,
      ip: '10.1.2.6',
    },
  ];
  for (const endpoint of endpoints) {
    const nic = `${endpoint.pe.replace('/privateEndpoints/', '/networkInterfaces/')}.nic.4c1d2e3f`;
    resources.push(
      privateEndpoint(
        endpoint.pe,
        appSubnet('snet-pe'),
        nic,
        endpoint.target,
        endpoint.groupId,
        endpoint.fqdn,
        endpoint.ip,
      ),
      networkInterface(nic, appSubnet('snet-pe'), endpoint.ip, {
        privateEndpoint: endpoint.pe,
        groupId: endpoint.groupId,
        fqdns: [endpoint.fqdn],
      }),
      zoneGroup(endpoint.pe, [{ zoneId: shout(endpoint.zone), recordName: endpoint.record, ip: endpoint.ip }]),
      aRecord(endpoint.zone, endpoint.record, [endpoint.ip]),
    );
  }
  for (const zone of [ids.vaultZone, ids.blobZone, ids.sqlZone]) {
    resources.push(privateDnsZone(zone, 2, 1), virtualNetworkLink(zone, 'link-vnet-hub', ids.hubVnet), soaRecord(zone));
  }
  resources.push(
    keyVault(ids.vault, TENANT, [ids.vaultPe]),
    storageAccount(ids.storage, [ids.storagePe]),
    sqlServer(ids.sql, [ids.sqlPe]),
  );

  return {
    tenantId: TENANT,
    subscriptions: [
      { id: HUB, displayName: 'connectivity' },
      { id: APP, displayName: 'landing-zone-app' },
    ],
    resources,
    managementGroups: { 'mg-landing-zones': [APP], 'mg-platform': [HUB] },
  };
}

/** Types in the estate that plaudit does not read (public IPs). */
export const UNCOLLECTED_TYPES = ['microsoft.network/publicipaddresses'];
