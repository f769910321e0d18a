// Generates a hub-and-spoke estate as raw ARM JSON: one hub with an Azure Firewall and a policy of
// `rules` application rules, `spokes` consumer spokes (a subnet, a VM NIC and a route table to the
// firewall each), and `endpoints` Key Vault private endpoints spread over endpoint spokes of 4,000,
// with their NICs, zone groups, A records and vaults, all in one privatelink zone.
//
// `broken` spoils the estate the way estates drift, for benchmarks of many findings:
// - `missingRule`: the policy lacks the `*.vault.azure.net` rule, so the firewall drops every vault flow;
// - `unlinkedSpokes`: the zone has no link to the first N consumer spokes;
// - `staleSpokes`: the route tables of the last N consumer spokes send to 10.0.0.5, which nothing owns.

const sub = '/subscriptions/00000000-0000-4000-8000-0000000000be';
const net = 'providers/Microsoft.Network';
const rg = (name) => `${sub}/resourceGroups/${name}`;
const hubId = `${rg('rg-hub')}/${net}/virtualNetworks/vnet-hub`;
const firewallId = `${rg('rg-hub')}/${net}/azureFirewalls/fw-hub`;
const policyId = `${rg('rg-hub')}/${net}/firewallPolicies/fwpol-hub`;
const zoneName = 'privatelink.vaultcore.azure.net';
const zoneId = `${rg('rg-dns')}/${net}/privateDnsZones/${zoneName}`;
const perEndpointSpoke = 4000;

const peering = (local, remote, prefix) => ({
  id: `${local}/virtualNetworkPeerings/to-${remote.split('/').pop()}`,
  name: `to-${remote.split('/').pop()}`,
  properties: {
    peeringState: 'Connected',
    remoteVirtualNetwork: { id: remote },
    allowForwardedTraffic: true,
    remoteAddressSpace: { addressPrefixes: [prefix] },
  },
});

export function generateEstate({ endpoints, spokes, rules, broken = {} }) {
  const { missingRule = false, unlinkedSpokes = 0, staleSpokes = 0 } = broken;
  const resources = [];
  const endpointSpokes = Math.ceil(endpoints / perEndpointSpoke);
  const spokeIds = [];
  const hubPeerings = [];
  for (let s = 0; s < spokes; s++) {
    const id = `${rg('rg-apps')}/${net}/virtualNetworks/vnet-app-${s}`;
    const prefix = `10.${1 + Math.floor(s / 256)}.${s % 256}.0/24`;
    spokeIds.push(id);
    hubPeerings.push(peering(hubId, id, prefix));
    const subnetId = `${id}/subnets/sn-app`;
    const tableId = `${rg('rg-apps')}/${net}/routeTables/rt-app-${s}`;
    resources.push(
      {
        id,
        name: `vnet-app-${s}`,
        type: 'Microsoft.Network/virtualNetworks',
        location: 'westeurope',
        properties: {
          addressSpace: { addressPrefixes: [prefix] },
          subnets: [
            { id: subnetId, name: 'sn-app', properties: { addressPrefix: prefix, routeTable: { id: tableId } } },
          ],
          virtualNetworkPeerings: [peering(id, hubId, '10.0.0.0/16')],
        },
      },
      {
        id: tableId,
        name: `rt-app-${s}`,
        type: 'Microsoft.Network/routeTables',
        location: 'westeurope',
        properties: {
          disableBgpRoutePropagation: true,
          routes: [
            {
              id: `${tableId}/routes/default`,
              name: 'default',
              properties: {
                addressPrefix: '0.0.0.0/0',
                nextHopType: 'VirtualAppliance',
                nextHopIpAddress: s >= spokes - staleSpokes ? '10.0.0.5' : '10.0.0.4',
              },
            },
          ],
        },
      },
      {
        id: `${rg('rg-apps')}/${net}/networkInterfaces/nic-app-${s}`,
        name: `nic-app-${s}`,
        type: 'Microsoft.Network/networkInterfaces',
        location: 'westeurope',
        properties: {
          ipConfigurations: [
            {
              name: 'ipconfig1',
              properties: { privateIPAddress: prefix.replace(/0\/24$/, '4'), subnet: { id: subnetId } },
            },
          ],
        },
      },
    );
  }
  const endpointSpokeIds = [];
  for (let p = 0; p < endpointSpokes; p++) {
    const id = `${rg('rg-pep')}/${net}/virtualNetworks/vnet-pep-${p}`;
    const prefix = `10.${100 + p}.0.0/16`;
    endpointSpokeIds.push(id);
    hubPeerings.push(peering(hubId, id, prefix));
    resources.push({
      id,
      name: `vnet-pep-${p}`,
      type: 'Microsoft.Network/virtualNetworks',
      location: 'westeurope',
      properties: {
        addressSpace: { addressPrefixes: [prefix] },
        subnets: [{ id: `${id}/subnets/sn-pep`, name: 'sn-pep', properties: { addressPrefix: prefix } }],
        virtualNetworkPeerings: [peering(id, hubId, '10.0.0.0/16')],
      },
    });
  }
  resources.push({
    id: hubId,
    name: 'vnet-hub',
    type: 'Microsoft.Network/virtualNetworks',
    location: 'westeurope',
    properties: {
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
      subnets: [
        {
          id: `${hubId}/subnets/AzureFirewallSubnet`,
          name: 'AzureFirewallSubnet',
          properties: { addressPrefix: '10.0.0.0/26' },
        },
      ],
      virtualNetworkPeerings: hubPeerings,
    },
  });
  resources.push({
    id: firewallId,
    name: 'fw-hub',
    type: 'Microsoft.Network/azureFirewalls',
    location: 'westeurope',
    properties: {
      ipConfigurations: [
        {
          name: 'ipconfig',
          properties: { privateIPAddress: '10.0.0.4', subnet: { id: `${hubId}/subnets/AzureFirewallSubnet` } },
        },
      ],
      firewallPolicy: { id: policyId },
    },
  });
  resources.push({
    id: policyId,
    name: 'fwpol-hub',
    type: 'Microsoft.Network/firewallPolicies',
    location: 'westeurope',
    properties: { dnsSettings: { enableProxy: true, servers: [] } },
  });
  const collections = [];
  for (let c = 0; c < Math.ceil(rules / 100); c++) {
    const collectionRules = [];
    for (let r = 0; r < 100 && c * 100 + r < rules; r++) {
      collectionRules.push({
        ruleType: 'ApplicationRule',
        name: `r-${c}-${r}`,
        sourceAddresses: [`10.${1 + (r % 2)}.0.0/16`],
        protocols: [{ protocolType: 'Https', port: 443 }],
        targetFqdns: [`app-${c}-${r}.contoso.example`],
      });
    }
    collections.push({
      ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
      name: `c-${c}`,
      priority: 200 + c,
      action: { type: 'Allow' },
      rules: collectionRules,
    });
  }
  if (!missingRule)
    collections.push({
      ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
      name: 'vaults',
      priority: 60000,
      action: { type: 'Allow' },
      rules: [
        {
          ruleType: 'ApplicationRule',
          name: 'vaults',
          sourceAddresses: ['10.0.0.0/8'],
          protocols: [{ protocolType: 'Https', port: 443 }],
          targetFqdns: ['*.vault.azure.net'],
        },
      ],
    });
  resources.push({
    id: `${policyId}/ruleCollectionGroups/apps`,
    name: 'apps',
    type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
    properties: { priority: 300, ruleCollections: collections },
  });
  resources.push({
    id: zoneId,
    name: zoneName,
    type: 'Microsoft.Network/privateDnsZones',
    location: 'global',
    properties: {},
  });
  for (const vnet of [hubId, ...spokeIds.slice(unlinkedSpokes), ...endpointSpokeIds]) {
    const name = `link-${vnet.split('/').pop()}`;
    resources.push({
      id: `${zoneId}/virtualNetworkLinks/${name}`,
      name,
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
      location: 'global',
      properties: {
        virtualNetwork: { id: vnet },
        registrationEnabled: false,
        resolutionPolicy: 'Default',
        virtualNetworkLinkState: 'Completed',
        provisioningState: 'Succeeded',
      },
    });
  }
  for (let e = 0; e < endpoints; e++) {
    const spoke = Math.floor(e / perEndpointSpoke);
    const index = e % perEndpointSpoke;
    const ip = `10.${100 + spoke}.${Math.floor(index / 250)}.${4 + (index % 250)}`;
    const vault = `kv-bench-${e}`;
    const vaultId = `${rg('rg-pep')}/providers/Microsoft.KeyVault/vaults/${vault}`;
    const endpointId = `${rg('rg-pep')}/${net}/privateEndpoints/pe-${vault}`;
    const nicId = `${rg('rg-pep')}/${net}/networkInterfaces/pe-${vault}.nic`;
    const subnetId = `${endpointSpokeIds[spoke]}/subnets/sn-pep`;
    resources.push(
      {
        id: endpointId,
        name: `pe-${vault}`,
        type: 'Microsoft.Network/privateEndpoints',
        location: 'westeurope',
        properties: {
          subnet: { id: subnetId },
          networkInterfaces: [{ id: nicId }],
          privateLinkServiceConnections: [
            {
              name: 'c',
              properties: {
                privateLinkServiceId: vaultId,
                groupIds: ['vault'],
                privateLinkServiceConnectionState: { status: 'Approved' },
              },
            },
          ],
          manualPrivateLinkServiceConnections: [],
          customDnsConfigs: [],
        },
      },
      {
        id: nicId,
        name: `pe-${vault}.nic`,
        type: 'Microsoft.Network/networkInterfaces',
        location: 'westeurope',
        properties: {
          privateEndpoint: { id: endpointId },
          ipConfigurations: [
            {
              name: 'ip',
              properties: {
                privateIPAddress: ip,
                subnet: { id: subnetId },
                privateLinkConnectionProperties: {
                  groupId: 'vault',
                  requiredMemberName: 'default',
                  fqdns: [`${vault}.vault.azure.net`],
                },
              },
            },
          ],
        },
      },
      {
        id: `${endpointId}/privateDnsZoneGroups/default`,
        name: 'default',
        type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
        properties: { privateDnsZoneConfigs: [{ name: 'vault', properties: { privateDnsZoneId: zoneId } }] },
      },
      {
        id: `${zoneId}/A/${vault}`,
        name: vault,
        type: 'Microsoft.Network/privateDnsZones/A',
        properties: { ttl: 10, aRecords: [{ ipv4Address: ip }] },
      },
      {
        id: vaultId,
        name: vault,
        type: 'Microsoft.KeyVault/vaults',
        location: 'westeurope',
        properties: {
          publicNetworkAccess: 'Disabled',
          networkAcls: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
          privateEndpointConnections: [
            {
              id: `${vaultId}/privateEndpointConnections/c`,
              properties: {
                privateEndpoint: { id: endpointId },
                privateLinkServiceConnectionState: { status: 'Approved' },
              },
            },
          ],
        },
      },
    );
  }
  return { cloud: 'AzureCloud', resources };
}
