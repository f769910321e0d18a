// Large estates for benchmarks: a connectivity subscription (hub VNet, firewall and policy, central
// privatelink zones with one A record per endpoint) and landing-zone subscriptions of
// `perSubscription` private endpoints each, every endpoint with its NIC, zone group and target service.

import type { RawResource } from '../../src/snapshot/types.js';
import {
  aRecord,
  azureFirewall,
  firewallPolicy,
  keyVault,
  networkInterface,
  privateDnsZone,
  privateEndpoint,
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
import type { FakeEstate, FakeSubscription } from './server.js';

export interface GeneratedEstate {
  estate: FakeEstate;
  endpoints: number;
  subscriptions: number;
}

const TENANT = '7e570000-0000-4000-8000-000000000000';
const SERVICES = [
  {
    type: 'Microsoft.KeyVault/vaults',
    prefix: 'kv',
    groupId: 'vault',
    zone: 'privatelink.vaultcore.azure.net',
    fqdn: (n: string) => `${n}.vault.azure.net`,
  },
  {
    type: 'Microsoft.Storage/storageAccounts',
    prefix: 'st',
    groupId: 'blob',
    zone: 'privatelink.blob.core.windows.net',
    fqdn: (n: string) => `${n}.blob.core.windows.net`,
  },
  {
    type: 'Microsoft.Sql/servers',
    prefix: 'sql',
    groupId: 'sqlServer',
    zone: 'privatelink.database.windows.net',
    fqdn: (n: string) => `${n}.database.windows.net`,
  },
] as const;

function subscriptionId(index: number): string {
  return `5eb50000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

export function generateEstate(endpoints: number, perSubscription = 250): GeneratedEstate {
  const spokes = Math.ceil(endpoints / perSubscription);
  const hub = subscriptionId(0);
  const net = 'Microsoft.Network';
  const hubVnet = resourceId(hub, 'rg-hub-network', `${net}/virtualNetworks`, 'vnet-hub');
  const policy = resourceId(hub, 'rg-hub-network', `${net}/firewallPolicies`, 'fwp-hub');
  const firewallIp = '10.0.1.4';
  const zones = SERVICES.map((service) => resourceId(hub, 'rg-hub-dns', `${net}/privateDnsZones`, service.zone));
  const resources: RawResource[] = [];
  const subscriptions: FakeSubscription[] = [{ id: hub, displayName: 'connectivity' }];

  const spokeVnets = Array.from({ length: spokes }, (_, i) =>
    resourceId(subscriptionId(i + 1), 'rg-network', `${net}/virtualNetworks`, `vnet-spoke-${i + 1}`),
  );
  const spokePrefix = (i: number): string => `10.${64 + (i >> 6)}.${(i & 63) << 2}.0/22`;
  resources.push(
    virtualNetwork(
      hubVnet,
      ['10.0.0.0/16'],
      [{ name: 'AzureFirewallSubnet', prefix: '10.0.1.0/26' }],
      spokeVnets.map((remote, i) => ({ name: `peer-hub-to-spoke-${i + 1}`, remote, remotePrefixes: [spokePrefix(i)] })),
    ),
    azureFirewall(
      resourceId(hub, 'rg-hub-network', `${net}/azureFirewalls`, 'fw-hub'),
      `${hubVnet}/subnets/AzureFirewallSubnet`,
      firewallIp,
      policy,
      resourceId(hub, 'rg-hub-network', `${net}/publicIPAddresses`, 'pip-fw-hub'),
    ),
    firewallPolicy(policy, [`${policy}/ruleCollectionGroups/rcg-privatelink`]),
    ruleCollectionGroup(`${policy}/ruleCollectionGroups/rcg-privatelink`, 200, [
      {
        ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
        name: 'allow-privatelink',
        priority: 200,
        action: { type: 'Allow' },
        rules: SERVICES.map((service) => ({
          ruleType: 'ApplicationRule',
          name: service.prefix,
          protocols: [{ protocolType: 'Https', port: 443 }],
          sourceAddresses: ['10.64.0.0/10'],
          targetFqdns: [service.fqdn('*')],
        })),
      },
    ]),
  );
  zones.forEach((zone) => {
    resources.push(privateDnsZone(zone, 0, 1), virtualNetworkLink(zone, 'link-vnet-hub', hubVnet), soaRecord(zone));
  });

  let made = 0;
  for (let i = 0; i < spokes; i += 1) {
    const sub = subscriptionId(i + 1);
    subscriptions.push({ id: sub, displayName: `landing-zone-${i + 1}` });
    const vnet = spokeVnets[i]!;
    const routes = resourceId(sub, 'rg-network', `${net}/routeTables`, `rt-spoke-${i + 1}`);
    const [a, b, c] = spokePrefix(i).split('.').map(Number) as [number, number, number];
    resources.push(
      virtualNetwork(
        vnet,
        [spokePrefix(i)],
        [
          { name: 'snet-pe', prefix: `${a}.${b}.${c}.0/24`, privateEndpointNetworkPolicies: 'RouteTableEnabled' },
          { name: 'snet-app', prefix: `${a}.${b}.${c + 1}.0/24`, routeTable: routes },
        ],
        [{ name: 'peer-to-hub', remote: hubVnet, remotePrefixes: ['10.0.0.0/16'] }],
        [firewallIp],
      ),
      routeTable(routes, [
        { name: 'default-via-firewall', prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHop: firewallIp },
      ]),
    );
    for (let vm = 1; vm <= 2; vm += 1) {
      const vmId = resourceId(sub, 'rg-app', 'Microsoft.Compute/virtualMachines', `vm-${i + 1}-${vm}`);
      const nic = resourceId(sub, 'rg-app', `${net}/networkInterfaces`, `vm-${i + 1}-${vm}-nic`);
      resources.push(
        virtualMachine(vmId, nic),
        networkInterface(nic, `${vnet}/subnets/snet-app`, `${a}.${b}.${c + 1}.${3 + vm}`, { virtualMachine: vmId }),
      );
    }
    for (let j = 0; j < perSubscription && made < endpoints; j += 1, made += 1) {
      const service = SERVICES[made % SERVICES.length]!;
      const name = `${service.prefix}${String(made).padStart(6, '0')}`;
      const target = resourceId(sub, 'rg-app', service.type, name);
      const pe = resourceId(sub, 'rg-app', `${net}/privateEndpoints`, `pe-${name}`);
      const nic = resourceId(sub, 'rg-app', `${net}/networkInterfaces`, `pe-${name}.nic`);
      const ip = `${a}.${b}.${c}.${4 + j}`;
      const zone = zones[made % SERVICES.length]!;
      resources.push(
        privateEndpoint(pe, `${vnet}/subnets/snet-pe`, nic, target, service.groupId, service.fqdn(name), ip),
        networkInterface(nic, `${vnet}/subnets/snet-pe`, ip, {
          privateEndpoint: pe,
          groupId: service.groupId,
          fqdns: [service.fqdn(name)],
        }),
        zoneGroup(pe, [{ zoneId: zone, recordName: name, ip }]),
        aRecord(zone, name, [ip]),
        service.type === 'Microsoft.KeyVault/vaults'
          ? keyVault(target, TENANT, [pe])
          : service.type === 'Microsoft.Storage/storageAccounts'
            ? storageAccount(target, [pe])
            : sqlServer(target, [pe]),
      );
    }
  }
  return {
    estate: { tenantId: TENANT, subscriptions, resources },
    endpoints: made,
    subscriptions: subscriptions.length,
  };
}
