import type { RawResource } from '../../src/snapshot/types.js';
import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate, type Estate } from '../../test/estates.js';

const nvaSubnet = `${ids.hubVnet}/subnets/sn-nva`;
const hubVmSubnet = `${ids.hubVnet}/subnets/sn-hub-vm`;
const pepAppSubnet = `${ids.pepVnet}/subnets/sn-pep-app`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    // With 0.0.0.0/0 to the firewall, Azure removes 10.0.0.0/8 -> None: the default route carries it.
    name: 'only the 0.0.0.0/0 route to the firewall is left',
    estate: referenceEstate().update(ids.appRouteTable, (table) => removeRoute(table, 'to-pep-via-firewall')),
    expect: [],
  },
  {
    // azure-reference §2: the endpoint /32 reaches directly peered VNets and wins over any shorter user route.
    name: 'app spoke peered directly with the endpoint spoke: the /32 wins over 10.2.0.0/16',
    estate: peerAppWithPep(referenceEstate()),
    expect: [
      {
        resourceId: ids.appRouteTable,
        messageId: 'bypass',
        related: [ids.vaultEndpoint, ids.appSubnet, ids.firewall],
      },
    ],
  },
  {
    name: 'directly peered, and RouteTableEnabled on the endpoint subnet lets 10.2.0.0/16 override the /32',
    estate: peerAppWithPep(referenceEstate()).update(ids.pepVnet, (vnet) => {
      subnetProperties(vnet, 'sn-pep').privateEndpointNetworkPolicies = 'RouteTableEnabled';
    }),
    expect: [],
  },
  {
    name: 'directly peered with RouteTableEnabled, but only 0.0.0.0/0 goes to the firewall',
    estate: peerAppWithPep(referenceEstate())
      .update(ids.pepVnet, (vnet) => {
        subnetProperties(vnet, 'sn-pep').privateEndpointNetworkPolicies = 'routetableenabled';
      })
      .update(ids.appRouteTable, (table) => removeRoute(table, 'to-pep-via-firewall')),
    expect: [
      {
        resourceId: ids.appRouteTable,
        messageId: 'bypass',
        related: [ids.vaultEndpoint, ids.appSubnet, ids.firewall],
      },
    ],
  },
  {
    name: 'route to the endpoint spoke points at an NVA that is not the firewall',
    estate: referenceEstate()
      .add(...nva())
      .set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.0.2.4'),
    expect: [
      {
        resourceId: ids.appRouteTable,
        messageId: 'bypass',
        related: [ids.vaultEndpoint, ids.appSubnet, ids.firewall],
      },
    ],
  },
  {
    name: 'route to the endpoint spoke goes to the VPN gateway',
    estate: referenceEstate().update(ids.appRouteTable, (table) => {
      const props = routes(table)[0]!.properties;
      props.nextHopType = 'VirtualNetworkGateway';
      delete props.nextHopIpAddress;
    }),
    expect: [
      {
        resourceId: ids.appRouteTable,
        messageId: 'bypass',
        related: [ids.vaultEndpoint, ids.appSubnet, ids.firewall],
      },
    ],
  },
  {
    // Gotcha 1: hub subnets hold the /32, so a hub workload bypasses the firewall.
    name: 'a workload subnet in the hub reaches the endpoint over the /32',
    estate: referenceEstate().add(...hubWorkload()),
    expect: [
      {
        resourceId: hubVmSubnet,
        messageId: 'bypass',
        related: [ids.vaultEndpoint, ids.firewall],
      },
    ],
  },
  {
    name: 'a workload subnet in the endpoint VNet reaches it directly',
    estate: referenceEstate().add(...pepWorkload()),
    expect: [
      {
        resourceId: pepAppSubnet,
        messageId: 'sameVnet',
        related: [ids.vaultEndpoint, ids.firewall],
      },
    ],
  },
  {
    name: 'no firewall in scope: nothing to enforce',
    estate: peerAppWithPep(referenceEstate()).remove(ids.firewall),
    expect: [],
  },
  {
    // route/next-hop-stale-ip reports a next hop nobody owns; it is not reported twice.
    name: 'route points at an IP nobody owns in the hub',
    estate: referenceEstate().set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.0.0.9'),
    expect: [],
  },
  {
    name: 'route points at an IP outside every VNet read',
    estate: referenceEstate().set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.50.0.4'),
    expect: [],
    inconclusive: [ids.appSubnet],
  },
  {
    name: "the app subnet's route table was not read",
    estate: referenceEstate().remove(ids.appRouteTable),
    expect: [],
    inconclusive: [ids.appSubnet],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsInCase((id) => id.toUpperCase()),
    expect: [],
  },
  {
    name: 'ids upper-cased and the app spoke peered directly with the endpoint spoke',
    estate: peerAppWithPep(referenceEstate()).withIdsInCase((id) => id.toUpperCase()),
    expect: [
      {
        resourceId: ids.appRouteTable,
        messageId: 'bypass',
        related: [ids.vaultEndpoint, ids.appSubnet, ids.firewall],
      },
    ],
  },
  {
    name: 'consumer subnets declared in configuration leave the hub workload out',
    estate: referenceEstate().add(...hubWorkload()),
    context: {
      hubFirewallKeys: [ids.firewall.toLowerCase()],
      consumerSubnetsByEndpoint: new Map([[ids.vaultEndpoint.toLowerCase(), [ids.appSubnet.toLowerCase()]]]),
    },
    expect: [],
  },
] satisfies CheckCase[];

type Json = Record<string, unknown>;

function subnetProperties(vnet: RawResource, name: string): Json {
  const subnets = vnet.properties!.subnets as { name: string; properties: Json }[];
  return subnets.find((subnet) => subnet.name === name)!.properties;
}

function routes(table: RawResource): { name: string; properties: Json }[] {
  return table.properties!.routes as { name: string; properties: Json }[];
}

function removeRoute(table: RawResource, name: string): void {
  table.properties!.routes = routes(table).filter((route) => route.name !== name);
}

/** Both halves of a peering between the app spoke and the endpoint spoke. */
function peerAppWithPep(estate: Estate): Estate {
  const half = (from: string, to: string, name: string, space: string) => ({
    id: `${from}/virtualNetworkPeerings/${name}`,
    name,
    type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
    properties: {
      peeringState: 'Connected',
      remoteVirtualNetwork: { id: to },
      allowVirtualNetworkAccess: true,
      remoteAddressSpace: { addressPrefixes: [space] },
    },
  });
  return estate
    .update(ids.appVnet, (vnet) => {
      (vnet.properties!.virtualNetworkPeerings as unknown[]).push(
        half(ids.appVnet, ids.pepVnet, 'peer-app-to-pep', '10.2.0.0/16'),
      );
    })
    .update(ids.pepVnet, (vnet) => {
      (vnet.properties!.virtualNetworkPeerings as unknown[]).push(
        half(ids.pepVnet, ids.appVnet, 'peer-pep-to-app', '10.1.0.0/16'),
      );
    });
}

function workloadNic(name: string, subnetId: string, ip: string, forwarding = false): RawResource {
  return {
    id: `${subnetId.replace(/\/providers\/.*$/, '')}/providers/Microsoft.Network/networkInterfaces/${name}`,
    name,
    type: 'Microsoft.Network/networkInterfaces',
    location: 'westeurope',
    properties: {
      enableIPForwarding: forwarding,
      ipConfigurations: [{ name: 'ipconfig1', properties: { privateIPAddress: ip, subnet: { id: subnetId } } }],
    },
  };
}

function standaloneSubnet(id: string, prefix: string): RawResource {
  return {
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/virtualNetworks/subnets',
    properties: { addressPrefix: prefix, privateEndpointNetworkPolicies: 'Disabled' },
  };
}

/** An NVA with IP forwarding in its own hub subnet, at 10.0.2.4. */
function nva(): RawResource[] {
  return [standaloneSubnet(nvaSubnet, '10.0.2.0/24'), workloadNic('nic-nva', nvaSubnet, '10.0.2.4', true)];
}

function hubWorkload(): RawResource[] {
  return [standaloneSubnet(hubVmSubnet, '10.0.3.0/24'), workloadNic('nic-vm-hub', hubVmSubnet, '10.0.3.4')];
}

function pepWorkload(): RawResource[] {
  return [standaloneSubnet(pepAppSubnet, '10.2.1.0/24'), workloadNic('nic-vm-pep', pepAppSubnet, '10.2.1.4')];
}
