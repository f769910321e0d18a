import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './blackhole.js';

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
] satisfies CheckCase<typeof check>[];
