import type { CheckCase } from '../../test/check-cases.js';
import { consumerIds, withSecondHub, withWorkload, type WorkloadKindUnderTest } from '../../test/consumer-estates.js';
import { ids, referenceEstate } from '../../test/estates.js';
import { routeTable } from '../../test/fake-azure/builders.js';
import {
  appConsumesVault,
  vwanEstate,
  vwanIds,
  withHubStaticRoutes,
  withoutRoutingIntent,
} from '../../test/vwan-estates.js';
import type check from './blackhole.js';

const vwanAppTable = `${vwanIds.appVnet.replace(/\/providers\/.*$/, '')}/providers/Microsoft.Network/routeTables/rt-app-weu`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    // azure-reference §8 Q1: 0.0.0.0/0 to an appliance removes 10.0.0.0/8 -> None, so it carries the traffic.
    name: 'only the 0.0.0.0/0 route to the firewall is left',
    estate: referenceEstate().remove(ids.appToPepRoute),
    expect: [],
  },
  {
    name: "the app subnet's route table is empty: 10.0.0.0/8 -> None catches the endpoint",
    estate: referenceEstate().set(ids.appRouteTable, 'routes', []),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: 'only the route to the endpoint spoke is left, and it goes to None',
    estate: referenceEstate()
      .remove(ids.appDefaultRoute)
      .set(ids.appToPepRoute, 'nextHopType', 'None')
      .unset(ids.appToPepRoute, 'nextHopIpAddress'),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: 'the route table was detached from the app subnet',
    estate: referenceEstate().unset(ids.appSubnet, 'routeTable'),
    expect: [{ resourceId: ids.appSubnet, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: 'detached route table and no firewall: the fix is peering or an appliance route',
    estate: referenceEstate().unset(ids.appSubnet, 'routeTable').remove(ids.firewall),
    expect: [{ resourceId: ids.appSubnet, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: "the app subnet's route table was not read",
    estate: referenceEstate().remove(ids.appRouteTable),
    expect: [],
    inconclusive: [ids.appSubnet],
  },
  {
    name: "the endpoint's NIC was not read, so its IP is unknown",
    estate: referenceEstate().remove(ids.vaultEndpointNic),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased and the route table empty',
    estate: referenceEstate().set(ids.appRouteTable, 'routes', []).withIdsUpperCased(),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'noneRoute', pairs: 1 }],
  },
  // Every kind of consumer: judged without routes (dropped by 10.0.0.0/8 -> None) and with them.
  ...(
    [
      ['an AKS node pool (agentPoolProfiles vnetSubnetID)', 'aksNodePool'],
      ['AKS nodes with IP forwarding on (kubenet scale set)', 'aksKubenetScaleSet'],
      ['a VM scale set', 'scaleSet'],
      ['App Service VNet integration (virtualNetworkSubnetId)', 'appService'],
      ['a Container Apps environment (infrastructureSubnetId)', 'containerApps'],
      ['an application gateway', 'applicationGateway'],
      ["an AKS node listed only in the subnet's ipConfigurations", 'listedScaleSetInstance'],
    ] as [string, WorkloadKindUnderTest][]
  ).flatMap(([what, kind]) => [
    {
      name: `${what} without a route to the endpoint`,
      estate: withWorkload(referenceEstate(), kind, false),
      expect: [{ resourceId: consumerIds.workloadSubnet, messageId: 'noneRoute' as const, pairs: 1 }],
    },
    {
      name: `${what} routed through the hub firewall`,
      estate: withWorkload(referenceEstate(), kind, true),
      expect: [],
    },
  ]),
  {
    name: 'an AKS node pool excluded in configuration is not judged',
    estate: withWorkload(referenceEstate(), 'aksNodePool', false),
    context: {
      hubFirewallKeys: [],
      consumerSubnetsByEndpoint: new Map(),
      consumerSubnets: new Map([
        [consumerIds.workloadSubnet.toLowerCase(), { consumer: false, reason: 'batch nodes reach no endpoint' }],
      ]),
    },
    expect: [],
  },
  {
    name: 'an empty subnet declared a consumer in configuration is judged',
    estate: referenceEstate().withSubnet(consumerIds.workloadSubnet, '10.1.8.0/24'),
    context: {
      hubFirewallKeys: [],
      consumerSubnetsByEndpoint: new Map(),
      consumerSubnets: new Map([
        [consumerIds.workloadSubnet.toLowerCase(), { consumer: true, reason: 'VMs come and go here' }],
      ]),
    },
    expect: [{ resourceId: consumerIds.workloadSubnet, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: 'a scale set that forwards traffic is an appliance, not a consumer',
    estate: withWorkload(referenceEstate(), 'applianceScaleSet', false),
    expect: [],
  },
  {
    name: 'a spoke three peerings away behind a second hub whose firewall forwards: no route',
    estate: withSecondHub(referenceEstate(), { farRoutes: false }),
    expect: [{ resourceId: consumerIds.farSubnet, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: 'a spoke three peerings away routed to its own hub firewall (multi-hub)',
    estate: withSecondHub(referenceEstate(), { farRoutes: true }),
    expect: [],
  },
  {
    name: 'a spoke behind a second hub that forwards nothing does not reach the endpoint',
    estate: withSecondHub(referenceEstate(), { farRoutes: false, hub2Firewall: false }),
    expect: [],
  },
  {
    name: 'Virtual WAN spoke with routing intent reaches the endpoint spoke through the hub firewall',
    estate: vwanEstate(),
    expect: [],
  },
  {
    name: 'Virtual WAN spoke without routing intent learns the endpoint spoke from the default route table',
    estate: withoutRoutingIntent(),
    expect: [],
  },
  {
    name: "Virtual WAN spoke subnet whose route table refuses the hub's routes (gateway route propagation off)",
    estate: vwanEstate().add(routeTable(vwanAppTable, [])).set(vwanIds.appSubnet, 'routeTable', { id: vwanAppTable }),
    expect: [
      {
        resourceId: vwanAppTable,
        messageId: 'noneRoute',
        pairs: 1,
      },
    ],
  },
  {
    name: "the endpoint spoke's hub connection is missing: routing intent takes the traffic to a hub that cannot deliver it",
    estate: vwanEstate().remove(vwanIds.pepConnection),
    context: appConsumesVault,
    expect: [
      {
        resourceId: vwanIds.hub,
        messageId: 'hubNoConnection',
        pairs: 1,
      },
    ],
  },
  {
    name: "the endpoint spoke's hub connection is missing and there is no routing intent",
    estate: withoutRoutingIntent().remove(vwanIds.pepConnection),
    context: appConsumesVault,
    expect: [{ resourceId: vwanIds.appSubnet, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: 'hub route table sends only 0.0.0.0/0 to the firewall and the connection has no internet security',
    estate: withHubStaticRoutes(['0.0.0.0/0']).set(vwanIds.appConnection, 'enableInternetSecurity', false),
    expect: [{ resourceId: vwanIds.appSubnet, messageId: 'noneRoute', pairs: 1 }],
  },
  {
    name: 'the same hub route table with internet security on the connection carries the traffic to the firewall',
    estate: withHubStaticRoutes(['0.0.0.0/0']),
    expect: [],
  },
] satisfies CheckCase<typeof check>[];
