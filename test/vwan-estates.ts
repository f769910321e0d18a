// A Virtual WAN estate for case tables and the bundled example: a secured hub (Azure Firewall
// `AZFW_Hub` with routing intent for private and internet traffic) connecting an app spoke, an
// endpoint spoke and a shared-services spoke holding the DNS Private Resolver that the spokes and
// the firewall's DNS use. As built here it has no fault.
import type { RawResource } from '../src/snapshot/types.js';
import { Estate } from './estates.js';
import {
  aRecord,
  dnsResolver,
  inboundEndpoint,
  keyVault,
  networkInterface,
  privateDnsZone,
  privateEndpoint,
  ruleCollectionGroup,
  soaRecord,
  virtualMachine,
  virtualNetwork,
  virtualNetworkLink,
  zoneGroup,
} from './fake-azure/builders.js';
import { networkSecurityGroup } from './nsg-estates.js';

const connectivity = '/subscriptions/1a2b3c4d-0000-4000-8000-000000000001';
const landingZone = '/subscriptions/5e6f7a8b-0000-4000-8000-000000000002';
const net = 'providers/Microsoft.Network';
const rgVwan = `${connectivity}/resourceGroups/rg-vwan`;
const rgDns = `${connectivity}/resourceGroups/rg-dns`;
const rgShared = `${connectivity}/resourceGroups/rg-shared`;
const rgApp = `${landingZone}/resourceGroups/rg-app-weu`;
const rgPep = `${landingZone}/resourceGroups/rg-pep-weu`;
const hub = `${rgVwan}/${net}/virtualHubs/vhub-weu`;
const policy = `${rgVwan}/${net}/firewallPolicies/fwpol-vhub-weu`;
const zone = `${rgDns}/${net}/privateDnsZones/privatelink.vaultcore.azure.net`;
const appVnet = `${rgApp}/${net}/virtualNetworks/vnet-app-weu`;
const pepVnet = `${rgPep}/${net}/virtualNetworks/vnet-pep-weu`;
const sharedVnet = `${rgShared}/${net}/virtualNetworks/vnet-shared-weu`;
const resolver = `${rgShared}/${net}/dnsResolvers/dnspr-shared`;
// The Microsoft-managed VNet of the hub, which each hub connection peers its spoke with.
const hubManagedVnet =
  '/subscriptions/9f8e7d6c-0000-4000-8000-00000000000f/resourceGroups/RG_vhub-weu_3f1c2a/providers/Microsoft.Network/virtualNetworks/HV_vhub-weu_3f1c2a';

export const vwanIds = {
  wan: `${rgVwan}/${net}/virtualWans/vwan-corp`,
  hub,
  firewall: `${rgVwan}/${net}/azureFirewalls/fw-vhub-weu`,
  policy,
  ruleGroup: `${policy}/ruleCollectionGroups/DefaultApplicationRuleCollectionGroup`,
  routingIntent: `${hub}/routingIntent/ri-vhub-weu`,
  defaultRouteTable: `${hub}/hubRouteTables/defaultRouteTable`,
  appConnection: `${hub}/hubVirtualNetworkConnections/conn-app-weu`,
  pepConnection: `${hub}/hubVirtualNetworkConnections/conn-pep-weu`,
  sharedConnection: `${hub}/hubVirtualNetworkConnections/conn-shared-weu`,
  appVnet,
  appSubnet: `${appVnet}/subnets/sn-app`,
  appNic: `${rgApp}/${net}/networkInterfaces/nic-vm-app-weu`,
  vm: `${rgApp}/providers/Microsoft.Compute/virtualMachines/vm-app-weu`,
  appNsg: `${rgApp}/${net}/networkSecurityGroups/nsg-sn-app-weu`,
  pepVnet,
  pepSubnet: `${pepVnet}/subnets/sn-pep`,
  pepNsg: `${rgPep}/${net}/networkSecurityGroups/nsg-sn-pep-weu`,
  vault: `${rgPep}/providers/Microsoft.KeyVault/vaults/kv-vwan-app`,
  vaultEndpoint: `${rgPep}/${net}/privateEndpoints/pe-kv-vwan-app`,
  vaultEndpointNic: `${rgPep}/${net}/networkInterfaces/pe-kv-vwan-app.nic.4c2e8a10`,
  sharedVnet,
  resolver,
  inboundEndpoint: `${resolver}/inboundEndpoints/in-shared`,
  zone,
  sharedLink: `${zone}/virtualNetworkLinks/link-vnet-shared-weu`,
  hubManagedVnet,
} as const;

export const vwanAddresses = {
  hubPrefix: '10.100.0.0/23',
  firewallIp: '10.100.0.132',
  routerIps: ['10.100.0.68', '10.100.0.69'],
  resolverIp: '10.30.0.4',
  vmIp: '10.11.0.4',
  endpointIp: '10.12.0.4',
} as const;

const hubPeering = { name: 'RemoteVnetToHubPeering_3f1c2a', remote: hubManagedVnet, remotePrefixes: ['10.100.0.0/23'] };

function resource(
  id: string,
  type: string,
  properties: Record<string, unknown>,
  extra: Partial<RawResource> = {},
): RawResource {
  return {
    id,
    name: id.split('/').pop()!,
    type,
    location: 'westeurope',
    ...extra,
    properties: { provisioningState: 'Succeeded', ...properties },
  };
}

export function hubConnection(id: string, vnet: string, properties: Record<string, unknown> = {}): RawResource {
  return {
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/virtualHubs/hubVirtualNetworkConnections',
    properties: {
      provisioningState: 'Succeeded',
      remoteVirtualNetwork: { id: vnet },
      allowHubToRemoteVnetTransit: true,
      allowRemoteVnetToUseHubVnetGateways: true,
      enableInternetSecurity: true,
      routingConfiguration: {
        associatedRouteTable: { id: vwanIds.defaultRouteTable },
        propagatedRouteTables: { labels: ['default'], ids: [{ id: vwanIds.defaultRouteTable }] },
        vnetRoutes: { staticRoutes: [] },
      },
      ...properties,
    },
  };
}

/** The clean secured-hub estate. */
export function vwanEstate(): Estate {
  const fqdn = 'kv-vwan-app.vault.azure.net';
  const appRules = [
    {
      ruleCollectionType: 'FirewallPolicyFilterRuleCollection',
      name: 'allow-private-endpoints',
      priority: 200,
      action: { type: 'Allow' },
      rules: [
        {
          ruleType: 'ApplicationRule',
          name: 'app-to-vault',
          sourceAddresses: ['10.11.0.0/16'],
          sourceIpGroups: [],
          protocols: [{ protocolType: 'Https', port: 443 }],
          targetFqdns: [fqdn],
          targetUrls: [],
          fqdnTags: [],
          webCategories: [],
          destinationAddresses: [],
          terminateTLS: false,
        },
      ],
    },
  ];
  return new Estate([
    resource(vwanIds.wan, 'Microsoft.Network/virtualWans', { type: 'Standard', allowBranchToBranchTraffic: true }),
    resource(hub, 'Microsoft.Network/virtualHubs', {
      addressPrefix: vwanAddresses.hubPrefix,
      virtualWan: { id: vwanIds.wan },
      azureFirewall: { id: vwanIds.firewall },
      virtualRouterIps: [...vwanAddresses.routerIps],
      virtualRouterAsn: 65515,
      sku: 'Standard',
      routingState: 'Provisioned',
      hubRoutingPreference: 'ExpressRoute',
    }),
    resource(vwanIds.firewall, 'Microsoft.Network/azureFirewalls', {
      sku: { name: 'AZFW_Hub', tier: 'Standard' },
      virtualHub: { id: hub },
      hubIPAddresses: {
        privateIPAddress: vwanAddresses.firewallIp,
        publicIPs: { count: 1, addresses: [{ address: '20.61.14.7' }] },
      },
      firewallPolicy: { id: policy },
      threatIntelMode: 'Alert',
      ipConfigurations: [],
      networkRuleCollections: [],
      applicationRuleCollections: [],
      natRuleCollections: [],
    }),
    resource(policy, 'Microsoft.Network/firewallPolicies', {
      sku: { tier: 'Standard' },
      threatIntelMode: 'Alert',
      dnsSettings: { servers: [vwanAddresses.resolverIp], enableProxy: true },
      ruleCollectionGroups: [{ id: vwanIds.ruleGroup }],
    }),
    ruleCollectionGroup(vwanIds.ruleGroup, 300, appRules),
    {
      id: vwanIds.routingIntent,
      name: 'ri-vhub-weu',
      type: 'Microsoft.Network/virtualHubs/routingIntent',
      properties: {
        provisioningState: 'Succeeded',
        routingPolicies: [
          { name: 'PrivateTrafficPolicy', destinations: ['PrivateTraffic'], nextHop: vwanIds.firewall },
          { name: 'InternetTrafficPolicy', destinations: ['Internet'], nextHop: vwanIds.firewall },
        ],
      },
    },
    {
      id: vwanIds.defaultRouteTable,
      name: 'defaultRouteTable',
      type: 'Microsoft.Network/virtualHubs/hubRouteTables',
      properties: {
        provisioningState: 'Succeeded',
        labels: ['default'],
        routes: [
          {
            name: '_policy_PrivateTrafficPolicy',
            destinationType: 'CIDR',
            destinations: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
            nextHopType: 'ResourceId',
            nextHop: vwanIds.firewall,
          },
          {
            name: '_policy_InternetTrafficPolicy',
            destinationType: 'CIDR',
            destinations: ['0.0.0.0/0'],
            nextHopType: 'ResourceId',
            nextHop: vwanIds.firewall,
          },
        ],
      },
    },
    hubConnection(vwanIds.appConnection, appVnet),
    hubConnection(vwanIds.pepConnection, pepVnet),
    hubConnection(vwanIds.sharedConnection, sharedVnet),
    virtualNetwork(
      appVnet,
      ['10.11.0.0/16'],
      [{ name: 'sn-app', prefix: '10.11.0.0/24' }],
      [hubPeering],
      [vwanAddresses.resolverIp],
    ),
    networkInterface(vwanIds.appNic, vwanIds.appSubnet, vwanAddresses.vmIp, { virtualMachine: vwanIds.vm }),
    virtualMachine(vwanIds.vm, vwanIds.appNic),
    virtualNetwork(
      pepVnet,
      ['10.12.0.0/16'],
      [{ name: 'sn-pep', prefix: '10.12.0.0/24', privateEndpointNetworkPolicies: 'Enabled' }],
      [hubPeering],
      [vwanAddresses.resolverIp],
    ),
    networkSecurityGroup(vwanIds.pepNsg, [
      {
        name: 'allow-hub-firewall-443',
        priority: 100,
        direction: 'Inbound',
        access: 'Allow',
        source: vwanAddresses.hubPrefix,
        destination: '10.12.0.0/24',
        destinationPorts: ['443'],
      },
      { name: 'deny-all-inbound', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*' },
    ]),
    keyVault(vwanIds.vault, '72f988bf-0000-4000-8000-00000000000a', [vwanIds.vaultEndpoint]),
    privateEndpoint(
      vwanIds.vaultEndpoint,
      vwanIds.pepSubnet,
      vwanIds.vaultEndpointNic,
      vwanIds.vault,
      'vault',
      fqdn,
      vwanAddresses.endpointIp,
    ),
    networkInterface(vwanIds.vaultEndpointNic, vwanIds.pepSubnet, vwanAddresses.endpointIp, {
      privateEndpoint: vwanIds.vaultEndpoint,
      groupId: 'vault',
      fqdns: [fqdn],
    }),
    zoneGroup(vwanIds.vaultEndpoint, [{ zoneId: zone, recordName: 'kv-vwan-app', ip: vwanAddresses.endpointIp }]),
    virtualNetwork(
      sharedVnet,
      ['10.30.0.0/16'],
      [{ name: 'sn-dns-inbound', prefix: '10.30.0.0/28', delegation: 'Microsoft.Network/dnsResolvers' }],
      [hubPeering],
    ),
    dnsResolver(resolver, sharedVnet),
    inboundEndpoint(resolver, 'in-shared', `${sharedVnet}/subnets/sn-dns-inbound`, vwanAddresses.resolverIp),
    privateDnsZone(zone, 2, 1),
    soaRecord(zone),
    aRecord(zone, 'kv-vwan-app', [vwanAddresses.endpointIp]),
    virtualNetworkLink(zone, 'link-vnet-shared-weu', sharedVnet),
  ]).set(vwanIds.pepSubnet, 'networkSecurityGroup', { id: vwanIds.pepNsg });
}

/** The hub without routing intent: spokes learn the defaultRouteTable, here with no static route. */
export function withoutRoutingIntent(estate: Estate = vwanEstate()): Estate {
  return estate.remove(vwanIds.routingIntent).set(vwanIds.defaultRouteTable, 'routes', []);
}

/** Routing intent with only the internet-traffic policy. */
export function withInternetOnlyIntent(estate: Estate = vwanEstate()): Estate {
  return estate.set(vwanIds.routingIntent, 'routingPolicies', [
    { name: 'InternetTrafficPolicy', destinations: ['Internet'], nextHop: vwanIds.firewall },
  ]);
}

/**
 * No routing intent; the defaultRouteTable sends these prefixes to the hub firewall and the
 * connections propagate to the none route table (how Firewall Manager secures a hub without it).
 */
export function withHubStaticRoutes(destinations: string[], estate: Estate = vwanEstate()): Estate {
  const none = { labels: ['none'], ids: [{ id: `${hub}/hubRouteTables/noneRouteTable` }] };
  for (const connection of [vwanIds.appConnection, vwanIds.pepConnection, vwanIds.sharedConnection]) {
    estate.set(connection, 'routingConfiguration.propagatedRouteTables', none);
  }
  return withoutRoutingIntent(estate).set(vwanIds.defaultRouteTable, 'routes', [
    {
      name: 'to-firewall',
      destinationType: 'CIDR',
      destinations,
      nextHopType: 'ResourceId',
      nextHop: vwanIds.firewall,
    },
  ]);
}

/** Configuration declaring sn-app as the vault endpoint's consumer. */
export const appConsumesVault = {
  hubFirewallKeys: [],
  consumerSubnetsByEndpoint: new Map([[vwanIds.vaultEndpoint.toLowerCase(), [vwanIds.appSubnet.toLowerCase()]]]),
};
