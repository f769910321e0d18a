// Additions to the reference estate for consumer subnets and reach: a subnet in the app spoke
// holding one kind of workload (AKS node pool, scale set, App Service, Container Apps, application
// gateway, a scale set listed only by the subnet's IP configurations), a gateway in the hub's
// GatewaySubnet, a DNS forwarder the spoke names, and a second hub with a spoke behind it (the
// multi-hub pattern, three peerings from the endpoint). Shapes as ARM returns them.
import { ids, type Estate } from './estates.js';
import { LOCATION, networkInterface, virtualMachine } from './fake-azure/builders.js';

const network = 'providers/Microsoft.Network';
const rgNodes = `${ids.landingZone}/resourceGroups/MC_rg-app_aks-app_westeurope`;
const rgHub2 = `${ids.connectivity}/resourceGroups/rg-hub2`;
const rgFar = `${ids.landingZone}/resourceGroups/rg-far`;
const hub2Vnet = `${rgHub2}/${network}/virtualNetworks/vnet-hub2`;
const farVnet = `${rgFar}/${network}/virtualNetworks/vnet-far`;

/** Ids of what the builders below add. */
export const consumerIds = {
  workloadSubnet: `${ids.appVnet}/subnets/sn-workload`,
  cluster: `${ids.rgApp}/providers/Microsoft.ContainerService/managedClusters/aks-app`,
  scaleSet: `${rgNodes}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss`,
  plainScaleSet: `${ids.rgApp}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-batch`,
  site: `${ids.rgApp}/providers/Microsoft.Web/sites/app-orders`,
  containerAppsEnvironment: `${ids.rgApp}/providers/Microsoft.App/managedEnvironments/cae-app`,
  applicationGateway: `${ids.rgApp}/${network}/applicationGateways/agw-app`,
  gatewaySubnet: `${ids.hubVnet}/subnets/GatewaySubnet`,
  gateway: `${ids.rgHub}/${network}/virtualNetworkGateways/ergw-hub`,
  gatewayRouteTable: `${ids.rgHub}/${network}/routeTables/rt-gateway`,
  hub2Vnet,
  hub2FirewallSubnet: `${hub2Vnet}/subnets/AzureFirewallSubnet`,
  hub2Firewall: `${rgHub2}/${network}/azureFirewalls/fw-hub2`,
  hubFirewallRouteTable: `${ids.rgHub}/${network}/routeTables/rt-firewall`,
  hub2FirewallRouteTable: `${rgHub2}/${network}/routeTables/rt-firewall2`,
  farVnet,
  farSubnet: `${farVnet}/subnets/sn-far`,
  farRouteTable: `${rgFar}/${network}/routeTables/rt-far`,
} as const;

export type WorkloadKindUnderTest =
  | 'aksNodePool'
  | 'aksKubenetScaleSet'
  | 'scaleSet'
  | 'applianceScaleSet'
  | 'appService'
  | 'containerApps'
  | 'applicationGateway'
  | 'listedScaleSetInstance';

/**
 * Subnet sn-workload (10.1.8.0/24) in the app spoke with one workload of the given kind. With
 * `routed` it uses route table rt-app (everything to the hub firewall); without, it has none, so
 * 10.0.0.0/8 -> None drops its traffic to the endpoint.
 */
export function withWorkload(estate: Estate, kind: WorkloadKindUnderTest, routed: boolean): Estate {
  const subnet = consumerIds.workloadSubnet;
  const subnetProperties: Record<string, unknown> = routed ? { routeTable: { id: ids.appRouteTable } } : {};
  switch (kind) {
    case 'aksNodePool':
      return estate.withSubnet(subnet, '10.1.8.0/24', subnetProperties).add(cluster(subnet));
    case 'aksKubenetScaleSet':
      return estate
        .withSubnet(subnet, '10.1.8.0/24', subnetProperties)
        .add(scaleSet(consumerIds.scaleSet, subnet, true, 'nodepool1'));
    case 'scaleSet':
      return estate
        .withSubnet(subnet, '10.1.8.0/24', subnetProperties)
        .add(scaleSet(consumerIds.plainScaleSet, subnet, false));
    case 'applianceScaleSet':
      return estate
        .withSubnet(subnet, '10.1.8.0/24', subnetProperties)
        .add(scaleSet(consumerIds.plainScaleSet, subnet, true));
    case 'appService':
      return estate
        .withSubnet(subnet, '10.1.8.0/24', {
          ...subnetProperties,
          delegations: [delegation(subnet, 'Microsoft.Web/serverFarms')],
        })
        .add(site(subnet));
    case 'containerApps':
      return estate
        .withSubnet(subnet, '10.1.8.0/23', {
          ...subnetProperties,
          delegations: [delegation(subnet, 'Microsoft.App/environments')],
        })
        .add({
          id: consumerIds.containerAppsEnvironment,
          name: 'cae-app',
          type: 'Microsoft.App/managedEnvironments',
          location: LOCATION,
          properties: {
            provisioningState: 'Succeeded',
            vnetConfiguration: { internal: true, infrastructureSubnetId: subnet },
          },
        });
    case 'applicationGateway':
      return estate.withSubnet(subnet, '10.1.8.0/24', subnetProperties).add(applicationGateway(subnet));
    case 'listedScaleSetInstance':
      // Only the subnet says what is in it: an AKS node's NIC, whose scale set was not read.
      return estate.withSubnet(subnet, '10.1.8.0/24', {
        ...subnetProperties,
        ipConfigurations: [
          {
            id: `${consumerIds.scaleSet}/virtualMachines/0/networkInterfaces/aks-nodepool1-12345678-vmss/ipConfigurations/ipconfig1`,
          },
        ],
      });
  }
}

/**
 * An ExpressRoute gateway in the hub's GatewaySubnet. With `steered`, the subnet's route table
 * sends the endpoint spoke to the firewall and the endpoint subnet lets user routes override the
 * endpoint's /32 (RouteTableEnabled); without, the /32 carries on-premises traffic past the firewall.
 */
export function withGateway(estate: Estate, steered: boolean): Estate {
  estate.add({
    id: consumerIds.gateway,
    name: 'ergw-hub',
    type: 'Microsoft.Network/virtualNetworkGateways',
    location: LOCATION,
    properties: {
      provisioningState: 'Succeeded',
      gatewayType: 'ExpressRoute',
      ipConfigurations: [
        {
          name: 'default',
          id: `${consumerIds.gateway}/ipConfigurations/default`,
          properties: { subnet: { id: consumerIds.gatewaySubnet } },
        },
      ],
    },
  });
  if (!steered) return estate;
  return estate
    .add(
      routeTable(consumerIds.gatewayRouteTable, [
        ['to-pep-via-firewall', '10.2.0.0/16', 'VirtualAppliance', '10.0.0.4'],
      ]),
    )
    .set(consumerIds.gatewaySubnet, 'routeTable', { id: consumerIds.gatewayRouteTable })
    .set(ids.pepSubnet, 'privateEndpointNetworkPolicies', 'RouteTableEnabled');
}

/**
 * A DNS forwarder VM in hub subnet sn-dns at 10.0.2.4. With `named`, the app spoke uses it as its
 * DNS server (it is a forwarder, not a consumer); without, it is just a VM in the hub.
 */
export function withDnsServerVm(estate: Estate, named: boolean): Estate {
  estate.withForwarderVm('10.0.2.4');
  return named ? estate.set(ids.appVnet, 'dhcpOptions', { dnsServers: ['10.0.2.4'] }) : estate;
}

/**
 * A second hub vnet-hub2 (10.3.0.0/16, firewall fw-hub2 at 10.3.0.4) peered with the first, and a
 * spoke vnet-far (10.4.0.0/16, a VM in sn-far) peered only with hub2: three peerings from the
 * endpoint. Options: `farRoutes` gives sn-far a route table sending everything to fw-hub2; the
 * firewalls' subnets route each other's spokes through each other (the multi-hub routes) unless
 * `hubRoutes` is false; `hub2Firewall` false leaves hub2 without a firewall.
 */
export function withSecondHub(
  estate: Estate,
  options: { farRoutes: boolean; hubRoutes?: boolean; hub2Firewall?: boolean },
): Estate {
  const hub2Firewall = options.hub2Firewall ?? true;
  estate.add(vnet(hub2Vnet, 'vnet-hub2', '10.3.0.0/16'), vnet(farVnet, 'vnet-far', '10.4.0.0/16'));
  estate.withSubnet(consumerIds.hub2FirewallSubnet, '10.3.0.0/26');
  estate.withPeering(ids.hubVnet, 'peer-hub-to-hub2', hub2Vnet, { allowForwardedTraffic: true });
  estate.withPeering(hub2Vnet, 'peer-hub2-to-hub', ids.hubVnet, { allowForwardedTraffic: true });
  estate.withPeering(hub2Vnet, 'peer-hub2-to-far', farVnet);
  estate.withPeering(farVnet, 'peer-far-to-hub2', hub2Vnet, { allowForwardedTraffic: true });
  if (hub2Firewall) {
    estate.add({
      ...structuredClone(estate.find(ids.firewall)),
      id: consumerIds.hub2Firewall,
      name: 'fw-hub2',
    });
    estate.update(consumerIds.hub2Firewall, (firewall) => {
      const configs = (firewall.properties as { ipConfigurations: { properties: Record<string, unknown> }[] })
        .ipConfigurations;
      configs[0]!.properties.privateIPAddress = '10.3.0.4';
      configs[0]!.properties.subnet = { id: consumerIds.hub2FirewallSubnet };
    });
  }
  if (options.hubRoutes ?? true) {
    estate.add(
      routeTable(consumerIds.hubFirewallRouteTable, [
        ['to-far-via-hub2', '10.4.0.0/16', 'VirtualAppliance', '10.3.0.4'],
        ['internet', '0.0.0.0/0', 'Internet'],
      ]),
    );
    estate.set(ids.firewallSubnet, 'routeTable', { id: consumerIds.hubFirewallRouteTable });
    estate.add(
      routeTable(consumerIds.hub2FirewallRouteTable, [
        ['to-pep-via-hub', '10.2.0.0/16', 'VirtualAppliance', '10.0.0.4'],
        ['internet', '0.0.0.0/0', 'Internet'],
      ]),
    );
    estate.set(consumerIds.hub2FirewallSubnet, 'routeTable', { id: consumerIds.hub2FirewallRouteTable });
  }
  const farNic = `${rgFar}/${network}/networkInterfaces/nic-vm-far`;
  const farVm = `${rgFar}/providers/Microsoft.Compute/virtualMachines/vm-far`;
  const nic = networkInterface(farNic, consumerIds.farSubnet, '10.4.0.4', { virtualMachine: farVm });
  estate.withSubnet(
    consumerIds.farSubnet,
    '10.4.0.0/24',
    options.farRoutes ? { routeTable: { id: consumerIds.farRouteTable } } : {},
  );
  estate.add(nic, virtualMachine(farVm, farNic));
  if (options.farRoutes) {
    estate.add(
      routeTable(consumerIds.farRouteTable, [
        ['default-via-hub2', '0.0.0.0/0', 'VirtualAppliance', hub2Firewall ? '10.3.0.4' : '10.3.0.5'],
      ]),
    );
  }
  return estate;
}

function vnet(id: string, name: string, prefix: string) {
  return {
    id,
    name,
    type: 'Microsoft.Network/virtualNetworks',
    location: LOCATION,
    properties: {
      provisioningState: 'Succeeded',
      addressSpace: { addressPrefixes: [prefix] },
      subnets: [],
      virtualNetworkPeerings: [],
    },
  };
}

function routeTable(id: string, routes: [name: string, prefix: string, hop: string, ip?: string][]) {
  return {
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/routeTables',
    location: LOCATION,
    properties: {
      provisioningState: 'Succeeded',
      disableBgpRoutePropagation: false,
      routes: routes.map(([name, addressPrefix, nextHopType, nextHopIpAddress]) => ({
        id: `${id}/routes/${name}`,
        name,
        properties: { addressPrefix, nextHopType, ...(nextHopIpAddress ? { nextHopIpAddress } : {}) },
      })),
    },
  };
}

function delegation(subnet: string, serviceName: string) {
  const name = serviceName.replace('/', '.');
  return { name, id: `${subnet}/delegations/${name}`, properties: { serviceName } };
}

function cluster(subnet: string) {
  return {
    id: consumerIds.cluster,
    name: 'aks-app',
    type: 'Microsoft.ContainerService/managedClusters',
    location: LOCATION,
    properties: {
      provisioningState: 'Succeeded',
      nodeResourceGroup: 'MC_rg-app_aks-app_westeurope',
      networkProfile: { networkPlugin: 'kubenet' },
      agentPoolProfiles: [{ name: 'nodepool1', count: 3, mode: 'System', vnetSubnetID: subnet }],
    },
  };
}

function scaleSet(id: string, subnet: string, ipForwarding: boolean, aksPool?: string) {
  return {
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    location: LOCATION,
    ...(aksPool ? { tags: { 'aks-managed-poolName': aksPool } } : {}),
    properties: {
      virtualMachineProfile: {
        networkProfile: {
          networkInterfaceConfigurations: [
            {
              name: 'nic0',
              properties: {
                primary: true,
                enableIPForwarding: ipForwarding,
                ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: subnet } } }],
              },
            },
          ],
        },
      },
    },
  };
}

function site(subnet: string) {
  return {
    id: consumerIds.site,
    name: 'app-orders',
    type: 'Microsoft.Web/sites',
    kind: 'app,linux',
    location: LOCATION,
    properties: {
      state: 'Running',
      virtualNetworkSubnetId: subnet,
      vnetRouteAllEnabled: true,
      publicNetworkAccess: 'Disabled',
    },
  };
}

function applicationGateway(subnet: string) {
  const id = consumerIds.applicationGateway;
  return {
    id,
    name: 'agw-app',
    type: 'Microsoft.Network/applicationGateways',
    location: LOCATION,
    properties: {
      provisioningState: 'Succeeded',
      gatewayIPConfigurations: [
        { name: 'gwip', id: `${id}/gatewayIPConfigurations/gwip`, properties: { subnet: { id: subnet } } },
      ],
      frontendIPConfigurations: [
        {
          name: 'private',
          id: `${id}/frontendIPConfigurations/private`,
          properties: { privateIPAddress: '10.1.8.10', privateIPAllocationMethod: 'Static', subnet: { id: subnet } },
        },
      ],
    },
  };
}
