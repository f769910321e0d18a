// Raw ARM JSON for the resources of a hub-and-spoke estate, shaped after the REST API examples in
// shared/rest-examples (field names and nesting as ARM returns them, `properties` not flattened).

import type { RawResource } from '../../src/snapshot/types.js';

export const LOCATION = 'westeurope';

export function rgId(subscription: string, resourceGroup: string): string {
  return `/subscriptions/${subscription}/resourceGroups/${resourceGroup}`;
}

export function resourceId(subscription: string, resourceGroup: string, type: string, name: string): string {
  return `${rgId(subscription, resourceGroup)}/providers/${type}/${name}`;
}

function etag(seed: string): string {
  let hash = 0;
  for (const char of seed) {
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  }
  const hex = hash.toString(16).padStart(8, '0');
  return `W/"${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}"`;
}

function base(id: string, type: string, extra: Partial<RawResource> = {}): RawResource {
  const name = id.split('/').pop() ?? '';
  return { name, id, etag: etag(id), type, location: LOCATION, ...extra };
}

export interface SubnetSpec {
  name: string;
  prefix: string;
  routeTable?: string;
  privateEndpointNetworkPolicies?: string;
  serviceEndpoints?: string[];
  delegation?: string;
}

export function virtualNetwork(
  id: string,
  addressPrefixes: string[],
  subnets: SubnetSpec[],
  peerings: Array<{ name: string; remote: string; remotePrefixes: string[] }>,
  dnsServers?: string[],
): RawResource {
  return base(id, 'Microsoft.Network/virtualNetworks', {
    tags: { workload: 'network' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: etag(`${id}guid`).slice(3, 39),
      addressSpace: { addressPrefixes },
      ...(dnsServers ? { dhcpOptions: { dnsServers } } : {}),
      subnets: subnets.map((subnet) => ({
        name: subnet.name,
        id: `${id}/subnets/${subnet.name}`,
        etag: etag(`${id}/subnets/${subnet.name}`),
        type: 'Microsoft.Network/virtualNetworks/subnets',
        properties: {
          provisioningState: 'Succeeded',
          addressPrefix: subnet.prefix,
          ...(subnet.routeTable ? { routeTable: { id: subnet.routeTable } } : {}),
          serviceEndpoints: (subnet.serviceEndpoints ?? []).map((service) => ({
            provisioningState: 'Succeeded',
            service,
            locations: [LOCATION],
          })),
          delegations: subnet.delegation
            ? [
                {
                  name: 'delegation',
                  id: `${id}/subnets/${subnet.name}/delegations/delegation`,
                  properties: { serviceName: subnet.delegation, provisioningState: 'Succeeded' },
                },
              ]
            : [],
          privateEndpointNetworkPolicies: subnet.privateEndpointNetworkPolicies ?? 'Disabled',
          privateLinkServiceNetworkPolicies: 'Enabled',
        },
      })),
      virtualNetworkPeerings: peerings.map((peering) => ({
        name: peering.name,
        id: `${id}/virtualNetworkPeerings/${peering.name}`,
        etag: etag(`${id}/virtualNetworkPeerings/${peering.name}`),
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        properties: {
          provisioningState: 'Succeeded',
          peeringState: 'Connected',
          peeringSyncLevel: 'FullyInSync',
          remoteVirtualNetwork: { id: peering.remote },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
          allowGatewayTransit: false,
          useRemoteGateways: false,
          remoteAddressSpace: { addressPrefixes: peering.remotePrefixes },
          remoteVirtualNetworkAddressSpace: { addressPrefixes: peering.remotePrefixes },
        },
      })),
      enableDdosProtection: false,
    },
  });
}

export function routeTable(
  id: string,
  routes: Array<{ name: string; prefix: string; nextHopType: string; nextHop?: string }>,
): RawResource {
  return base(id, 'Microsoft.Network/routeTables', {
    properties: {
      provisioningState: 'Succeeded',
      disableBgpRoutePropagation: true,
      routes: routes.map((route) => ({
        name: route.name,
        id: `${id}/routes/${route.name}`,
        etag: etag(`${id}/routes/${route.name}`),
        type: 'Microsoft.Network/routeTables/routes',
        properties: {
          provisioningState: 'Succeeded',
          addressPrefix: route.prefix,
          nextHopType: route.nextHopType,
          ...(route.nextHop ? { nextHopIpAddress: route.nextHop } : {}),
        },
      })),
    },
  });
}

export function networkInterface(
  id: string,
  subnet: string,
  ip: string,
  extra: { privateEndpoint?: string; virtualMachine?: string; groupId?: string; fqdns?: string[] } = {},
): RawResource {
  return base(id, 'Microsoft.Network/networkInterfaces', {
    properties: {
      provisioningState: 'Succeeded',
      ipConfigurations: [
        {
          name: extra.privateEndpoint ? `privateEndpointIpConfig.${etag(id).slice(3, 11)}` : 'ipconfig1',
          id: `${id}/ipConfigurations/${extra.privateEndpoint ? 'privateEndpointIpConfig' : 'ipconfig1'}`,
          etag: etag(`${id}/ip`),
          type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
          properties: {
            provisioningState: 'Succeeded',
            privateIPAddress: ip,
            privateIPAllocationMethod: 'Dynamic',
            subnet: { id: subnet },
            primary: true,
            privateIPAddressVersion: 'IPv4',
            ...(extra.groupId
              ? {
                  privateLinkConnectionProperties: {
                    groupId: extra.groupId,
                    requiredMemberName: extra.groupId,
                    fqdns: extra.fqdns ?? [],
                  },
                }
              : {}),
          },
        },
      ],
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableAcceleratedNetworking: false,
      enableIPForwarding: false,
      ...(extra.privateEndpoint ? { privateEndpoint: { id: extra.privateEndpoint } } : {}),
      ...(extra.virtualMachine ? { virtualMachine: { id: extra.virtualMachine } } : {}),
      nicType: 'Standard',
    },
  });
}

export function privateEndpoint(
  id: string,
  subnet: string,
  nic: string,
  target: string,
  groupId: string,
  fqdn: string,
  ip: string,
): RawResource {
  const name = id.split('/').pop() ?? '';
  return base(id, 'Microsoft.Network/privateEndpoints', {
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: etag(`${id}guid`).slice(3, 39),
      privateLinkServiceConnections: [
        {
          name,
          id: `${id}/privateLinkServiceConnections/${name}`,
          etag: etag(`${id}/plsc`),
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
      subnet: { id: subnet },
      networkInterfaces: [{ id: nic }],
      customDnsConfigs: [{ fqdn, ipAddresses: [ip] }],
      ipConfigurations: [],
      customNetworkInterfaceName: '',
    },
  });
}

export function zoneGroup(
  endpoint: string,
  zones: Array<{ zoneId: string; recordName: string; ip: string }>,
): RawResource {
  const id = `${endpoint}/privateDnsZoneGroups/default`;
  return {
    name: 'default',
    id,
    etag: etag(id),
    type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
    properties: {
      provisioningState: 'Succeeded',
      privateDnsZoneConfigs: zones.map((zone) => {
        const zoneName = zone.zoneId.split('/').pop() ?? '';
        return {
          name: zoneName.replaceAll('.', '-'),
          id: `${id}/privateDnsZoneConfigs/${zoneName.replaceAll('.', '-')}`,
          properties: {
            privateDnsZoneId: zone.zoneId,
            recordSets: [
              {
                recordType: 'A',
                recordSetName: zone.recordName,
                fqdn: `${zone.recordName}.${zoneName}`,
                ttl: 10,
                ipAddresses: [zone.ip],
                provisioningState: 'Succeeded',
              },
            ],
          },
        };
      }),
    },
  };
}

export function privateDnsZone(id: string, records: number, links: number): RawResource {
  return {
    id,
    name: id.split('/').pop() ?? '',
    type: 'Microsoft.Network/privateDnsZones',
    etag: etag(id),
    location: 'global',
    tags: {},
    properties: {
      maxNumberOfRecordSets: 25000,
      maxNumberOfVirtualNetworkLinks: 1000,
      maxNumberOfVirtualNetworkLinksWithRegistration: 100,
      numberOfRecordSets: records,
      numberOfVirtualNetworkLinks: links,
      numberOfVirtualNetworkLinksWithRegistration: 0,
      provisioningState: 'Succeeded',
    },
  };
}

export function virtualNetworkLink(zone: string, name: string, vnet: string): RawResource {
  const id = `${zone}/virtualNetworkLinks/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
    etag: etag(id),
    location: 'global',
    properties: {
      virtualNetwork: { id: vnet },
      registrationEnabled: false,
      resolutionPolicy: 'Default',
      virtualNetworkLinkState: 'Completed',
      provisioningState: 'Succeeded',
    },
  };
}

export function aRecord(zone: string, name: string, ips: string[]): RawResource {
  const zoneName = zone.split('/').pop() ?? '';
  const id = `${zone}/A/${name}`;
  return {
    id,
    name,
    type: 'Microsoft.Network/privateDnsZones/A',
    etag: etag(id),
    properties: {
      metadata: { creator: 'created by private endpoint' },
      ttl: 10,
      fqdn: `${name}.${zoneName}.`,
      isAutoRegistered: false,
      aRecords: ips.map((ipv4Address) => ({ ipv4Address })),
    },
  };
}

export function soaRecord(zone: string): RawResource {
  const zoneName = zone.split('/').pop() ?? '';
  const id = `${zone}/SOA/@`;
  return {
    id,
    name: '@',
    type: 'Microsoft.Network/privateDnsZones/SOA',
    etag: etag(id),
    properties: {
      ttl: 3600,
      fqdn: `${zoneName}.`,
      isAutoRegistered: false,
      soaRecord: {
        email: 'azureprivatedns-host.microsoft.com',
        expireTime: 2419200,
        host: 'azureprivatedns.net',
        minimumTtl: 10,
        refreshTime: 3600,
        retryTime: 300,
        serialNumber: 1,
      },
    },
  };
}

function connection(service: string, endpoint: string): Record<string, unknown> {
  const name = `${endpoint.split('/').pop() ?? ''}.${etag(endpoint).slice(3, 11)}`;
  return {
    id: `${service}/privateEndpointConnections/${name}`,
    name,
    type: `${service.split('/providers/')[1]?.split('/').slice(0, 2).join('/')}/privateEndpointConnections`,
    properties: {
      privateEndpoint: { id: endpoint },
      privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved', actionsRequired: 'None' },
      provisioningState: 'Succeeded',
    },
  };
}

export function keyVault(id: string, tenantId: string, endpoints: string[]): RawResource {
  const name = id.split('/').pop() ?? '';
  return base(id, 'Microsoft.KeyVault/vaults', {
    tags: {},
    properties: {
      sku: { family: 'A', name: 'standard' },
      tenantId,
      accessPolicies: [],
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      vaultUri: `https://${name}.vault.azure.net/`,
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Disabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
      privateEndpointConnections: endpoints.map((endpoint) => connection(id, endpoint)),
    },
  });
}

export function storageAccount(id: string, endpoints: string[]): RawResource {
  const name = id.split('/').pop() ?? '';
  return base(id, 'Microsoft.Storage/storageAccounts', {
    kind: 'StorageV2',
    sku: { name: 'Standard_ZRS', tier: 'Standard' },
    properties: {
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Disabled',
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      networkAcls: { bypass: 'AzureServices', virtualNetworkRules: [], ipRules: [], defaultAction: 'Deny' },
      primaryEndpoints: {
        blob: `https://${name}.blob.core.windows.net/`,
        dfs: `https://${name}.dfs.core.windows.net/`,
      },
      privateEndpointConnections: endpoints.map((endpoint) => connection(id, endpoint)),
    },
  });
}

export function sqlServer(id: string, endpoints: string[]): RawResource {
  const name = id.split('/').pop() ?? '';
  return base(id, 'Microsoft.Sql/servers', {
    kind: 'v12.0',
    properties: {
      administratorLogin: 'sqladmin',
      version: '12.0',
      state: 'Ready',
      fullyQualifiedDomainName: `${name}.database.windows.net`,
      publicNetworkAccess: 'Disabled',
      minimalTlsVersion: '1.2',
      privateEndpointConnections: endpoints.map((endpoint) => {
        const { id: connectionId, properties } = connection(id, endpoint);
        return { id: connectionId, properties };
      }),
    },
  });
}

export function virtualMachine(id: string, nic: string): RawResource {
  return base(id, 'Microsoft.Compute/virtualMachines', {
    properties: {
      vmId: etag(`${id}vm`).slice(3, 39),
      hardwareProfile: { vmSize: 'Standard_D2s_v5' },
      storageProfile: { osDisk: { osType: 'Linux', name: `${id.split('/').pop()}-osdisk`, createOption: 'FromImage' } },
      osProfile: {
        computerName: id.split('/').pop(),
        adminUsername: 'azureuser',
        linuxConfiguration: { disablePasswordAuthentication: true },
      },
      networkProfile: { networkInterfaces: [{ id: nic, properties: { primary: true } }] },
      provisioningState: 'Succeeded',
    },
  });
}

export function azureFirewall(id: string, subnet: string, ip: string, policy: string, publicIp: string): RawResource {
  return base(id, 'Microsoft.Network/azureFirewalls', {
    zones: ['1', '2', '3'],
    properties: {
      provisioningState: 'Succeeded',
      sku: { name: 'AZFW_VNet', tier: 'Standard' },
      threatIntelMode: 'Alert',
      ipConfigurations: [
        {
          name: 'fw-ipconfig',
          id: `${id}/azureFirewallIpConfigurations/fw-ipconfig`,
          etag: etag(`${id}/ipc`),
          properties: {
            provisioningState: 'Succeeded',
            privateIPAddress: ip,
            subnet: { id: subnet },
            publicIPAddress: { id: publicIp },
          },
        },
      ],
      applicationRuleCollections: [],
      natRuleCollections: [],
      networkRuleCollections: [],
      firewallPolicy: { id: policy },
    },
  });
}

export function firewallPolicy(id: string, groups: string[], basePolicy?: string): RawResource {
  return base(id, 'Microsoft.Network/firewallPolicies', {
    properties: {
      provisioningState: 'Succeeded',
      sku: { tier: 'Standard' },
      threatIntelMode: 'Alert',
      dnsSettings: { servers: [], enableProxy: true },
      snat: { privateRanges: ['255.255.255.255/32'] },
      ...(basePolicy ? { basePolicy: { id: basePolicy } } : {}),
      ruleCollectionGroups: groups.map((group) => ({ id: group })),
      childPolicies: [],
      firewalls: [],
    },
  });
}

export function ruleCollectionGroup(id: string, priority: number, ruleCollections: unknown[]): RawResource {
  return {
    name: id.split('/').pop() ?? '',
    id,
    type: 'Microsoft.Network/FirewallPolicies/RuleCollectionGroups',
    etag: etag(id),
    properties: { provisioningState: 'Succeeded', priority, ruleCollections },
  };
}

export function ipGroup(id: string, ipAddresses: string[]): RawResource {
  return base(id, 'Microsoft.Network/ipGroups', {
    properties: { provisioningState: 'Succeeded', ipAddresses, firewalls: [], firewallPolicies: [] },
  });
}

export function publicIp(id: string, address: string): RawResource {
  return base(id, 'Microsoft.Network/publicIPAddresses', {
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      provisioningState: 'Succeeded',
      ipAddress: address,
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: 'Static',
    },
  });
}

export function dnsResolver(id: string, vnet: string): RawResource {
  return base(id, 'Microsoft.Network/dnsResolvers', {
    properties: {
      virtualNetwork: { id: vnet },
      dnsResolverState: 'Connected',
      provisioningState: 'Succeeded',
      resourceGuid: etag(`${id}g`).slice(3, 39),
    },
  });
}

export function inboundEndpoint(resolver: string, name: string, subnet: string, ip: string): RawResource {
  const id = `${resolver}/inboundEndpoints/${name}`;
  return base(id, 'Microsoft.Network/dnsResolvers/inboundEndpoints', {
    properties: {
      ipConfigurations: [{ subnet: { id: subnet }, privateIpAddress: ip, privateIpAllocationMethod: 'Dynamic' }],
      provisioningState: 'Succeeded',
      resourceGuid: etag(`${id}g`).slice(3, 39),
    },
  });
}

export function forwardingRule(ruleset: string, name: string, domainName: string, targets: string[]): RawResource {
  return base(`${ruleset}/forwardingRules/${name}`, 'Microsoft.Network/dnsForwardingRulesets/forwardingRules', {
    properties: {
      domainName,
      forwardingRuleState: 'Enabled',
      targetDnsServers: targets.map((ipAddress) => ({ ipAddress, port: 53 })),
      provisioningState: 'Succeeded',
    },
  });
}

export function rulesetLink(ruleset: string, name: string, vnet: string): RawResource {
  return base(`${ruleset}/virtualNetworkLinks/${name}`, 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks', {
    properties: { virtualNetwork: { id: vnet }, metadata: {}, provisioningState: 'Succeeded' },
  });
}

export function forwardingRuleset(id: string, outboundEndpoint: string): RawResource {
  return base(id, 'Microsoft.Network/dnsForwardingRulesets', {
    properties: {
      dnsResolverOutboundEndpoints: [{ id: outboundEndpoint }],
      provisioningState: 'Succeeded',
      resourceGuid: etag(`${id}g`).slice(3, 39),
    },
  });
}
