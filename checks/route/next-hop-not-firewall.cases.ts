import type { CheckCase } from '../../test/check-cases.js';
import { consumerIds, withDnsServerVm, withGateway, withSecondHub } from '../../test/consumer-estates.js';
import { extraIds, ids, referenceEstate, type Estate } from '../../test/estates.js';
import {
  vwanEstate,
  vwanIds,
  withHubStaticRoutes,
  withInternetOnlyIntent,
  withoutRoutingIntent,
} from '../../test/vwan-estates.js';
import type check from './next-hop-not-firewall.js';

const vwanBypass = [vwanIds.firewall];

const bypassRelated = [ids.firewall];
const pepAppSubnet = `${ids.pepVnet}/subnets/sn-pep-app`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    // With 0.0.0.0/0 to the firewall, Azure removes 10.0.0.0/8 -> None: the default route carries it.
    name: 'only the 0.0.0.0/0 route to the firewall is left',
    estate: referenceEstate().remove(ids.appToPepRoute),
    expect: [],
  },
  {
    // azure-reference §2: the endpoint /32 reaches directly peered VNets and wins over any shorter user route.
    name: 'app spoke peered directly with the endpoint spoke: the /32 wins over 10.2.0.0/16',
    estate: peerAppWithPep(referenceEstate()),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'bypass', related: bypassRelated, pairs: 1 }],
  },
  {
    name: 'directly peered, two endpoints behind the same route table: one finding with both pairs',
    estate: peerAppWithPep(referenceEstate().withSecondVault()),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'bypass', related: bypassRelated, pairs: 2 }],
  },
  {
    name: 'directly peered, and RouteTableEnabled on the endpoint subnet lets 10.2.0.0/16 override the /32',
    estate: peerAppWithPep(referenceEstate()).set(ids.pepSubnet, 'privateEndpointNetworkPolicies', 'RouteTableEnabled'),
    expect: [],
  },
  {
    name: 'directly peered with RouteTableEnabled, but only 0.0.0.0/0 goes to the firewall',
    estate: peerAppWithPep(referenceEstate())
      .set(ids.pepSubnet, 'privateEndpointNetworkPolicies', 'routetableenabled')
      .remove(ids.appToPepRoute),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'bypass', related: bypassRelated, pairs: 1 }],
  },
  {
    name: 'route to the endpoint spoke points at an NVA that is not the firewall',
    estate: referenceEstate().withNva().set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.2.4'),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'bypass', related: bypassRelated, pairs: 1 }],
  },
  {
    name: 'route to the endpoint spoke goes to the VPN gateway',
    estate: referenceEstate()
      .set(ids.appToPepRoute, 'nextHopType', 'VirtualNetworkGateway')
      .unset(ids.appToPepRoute, 'nextHopIpAddress'),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'bypass', related: bypassRelated, pairs: 1 }],
  },
  {
    // Gotcha 1: hub subnets hold the /32, so a hub workload bypasses the firewall.
    name: 'a workload subnet in the hub reaches the endpoint over the /32',
    estate: referenceEstate().withHubWorkloadSubnet(),
    expect: [
      {
        resourceId: extraIds.hubWorkloadSubnet,
        messageId: 'bypass',
        related: [ids.firewall],
        pairs: 1,
      },
    ],
  },
  {
    name: 'a workload subnet in the endpoint VNet reaches it directly',
    estate: referenceEstate().withWorkloadSubnet(pepAppSubnet, '10.2.1.0/24', 'vm-pep', '10.2.1.4'),
    expect: [
      {
        resourceId: pepAppSubnet,
        messageId: 'sameVnet',
        related: [ids.firewall],
        pairs: 1,
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
    estate: referenceEstate().set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.0.9'),
    expect: [],
  },
  {
    name: 'route points at an IP outside every VNet read',
    estate: referenceEstate().set(ids.appToPepRoute, 'nextHopIpAddress', '10.50.0.4'),
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
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased and the app spoke peered directly with the endpoint spoke',
    estate: peerAppWithPep(referenceEstate()).withIdsUpperCased(),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'bypass', related: bypassRelated, pairs: 1 }],
  },
  {
    name: 'consumer subnets declared in configuration leave the hub workload out',
    estate: referenceEstate().withHubWorkloadSubnet(),
    context: {
      hubFirewallKeys: [ids.firewall.toLowerCase()],
      consumerSubnetsByEndpoint: new Map([[ids.vaultEndpoint.toLowerCase(), [ids.appSubnet.toLowerCase()]]]),
    },
    expect: [],
  },
  {
    name: 'a DNS forwarder the spokes name as DNS server is not a consumer',
    estate: withDnsServerVm(referenceEstate(), true),
    expect: [],
  },
  {
    name: 'the same VM in the hub, named by no VNet, is a consumer the /32 carries past the firewall',
    estate: withDnsServerVm(referenceEstate(), false),
    expect: [{ resourceId: extraIds.forwarderSubnet, messageId: 'bypass', related: [ids.firewall], pairs: 1 }],
  },
  {
    name: "GatewaySubnet with a gateway: on-premises traffic takes the endpoint's /32 past the firewall",
    estate: withGateway(referenceEstate(), false),
    expect: [{ resourceId: consumerIds.gatewaySubnet, messageId: 'gateway', related: [ids.firewall], pairs: 1 }],
  },
  {
    name: 'GatewaySubnet with a gateway and a route table that overrides the /32 (RouteTableEnabled)',
    estate: withGateway(referenceEstate(), true),
    expect: [],
  },
  {
    name: 'a spoke behind a second hub routes to its own hub firewall (multi-hub)',
    estate: withSecondHub(referenceEstate(), { farRoutes: true }),
    expect: [],
  },
  {
    name: 'a spoke behind a second hub sends its traffic to an appliance that is no firewall',
    estate: withSecondHub(referenceEstate(), { farRoutes: true })
      .withNva()
      .update(consumerIds.farRouteTable, (table) => {
        const routes = (table.properties as { routes: { properties: Record<string, unknown> }[] }).routes;
        routes[0]!.properties.nextHopIpAddress = '10.0.2.4';
      }),
    expect: [
      {
        resourceId: consumerIds.farRouteTable,
        messageId: 'bypass',
        related: [ids.firewall, consumerIds.hub2Firewall],
        pairs: 1,
      },
    ],
  },
  {
    name: 'secured Virtual WAN hub with routing intent sends spoke traffic through its firewall',
    estate: vwanEstate(),
    expect: [],
  },
  {
    name: 'routing intent off: the hub router delivers the endpoint spoke past the hub firewall',
    estate: withoutRoutingIntent(),
    expect: [{ resourceId: vwanIds.appSubnet, messageId: 'bypass', related: vwanBypass, pairs: 1 }],
  },
  {
    name: 'routing intent secures internet traffic only',
    estate: withInternetOnlyIntent(),
    expect: [{ resourceId: vwanIds.appSubnet, messageId: 'bypass', related: vwanBypass, pairs: 1 }],
  },
  {
    name: 'hub route table sends private ranges to the firewall; a connection without internet security still uses it',
    estate: withHubStaticRoutes(['10.0.0.0/8', '0.0.0.0/0']).set(
      vwanIds.appConnection,
      'enableInternetSecurity',
      false,
    ),
    expect: [],
  },
  {
    name: 'hub route table sends only 0.0.0.0/0 to the firewall while connections propagate their address spaces',
    estate: withoutRoutingIntent().set(vwanIds.defaultRouteTable, 'routes', [
      {
        name: 'internet',
        destinationType: 'CIDR',
        destinations: ['0.0.0.0/0'],
        nextHopType: 'ResourceId',
        nextHop: vwanIds.firewall,
      },
    ]),
    expect: [{ resourceId: vwanIds.appSubnet, messageId: 'bypass', related: vwanBypass, pairs: 1 }],
  },
] satisfies CheckCase<typeof check>[];

/** Both halves of a peering between the app spoke and the endpoint spoke. */
function peerAppWithPep(estate: Estate): Estate {
  return estate
    .withPeering(ids.appVnet, 'peer-app-to-pep', ids.pepVnet)
    .withPeering(ids.pepVnet, 'peer-pep-to-app', ids.appVnet);
}
