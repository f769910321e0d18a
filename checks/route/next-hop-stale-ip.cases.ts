import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import type check from './next-hop-stale-ip.js';

const oldTable = `${ids.rgApp}/providers/Microsoft.Network/routeTables/rt-app-old`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'route to the endpoint spoke names an IP nobody owns in the hub',
    estate: referenceEstate().set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.0.9'),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'staleIp', related: [ids.appToPepRoute] }],
  },
  {
    name: 'firewall redeployed with a new private IP: both routes are stale',
    estate: referenceEstate().set(ids.firewall, 'ipConfigurations.0.properties.privateIPAddress', '10.0.0.5'),
    expect: [
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [ids.appToPepRoute] },
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [ids.appDefaultRoute] },
    ],
  },
  {
    name: 'a route read as its own resource (Resource Graph row) replaces the embedded one',
    estate: referenceEstate().add({
      id: ids.appToPepRoute,
      name: 'to-pep-via-firewall',
      type: 'Microsoft.Network/routeTables/routes',
      properties: { addressPrefix: '10.2.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.9' },
    }),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'staleIp', related: [ids.appToPepRoute] }],
  },
  {
    name: 'a route table attached to no subnet still holds a stale route',
    estate: referenceEstate().copy(ids.appRouteTable, oldTable, (table) => {
      table.properties!.routes = [
        {
          id: `${oldTable}/routes/legacy-nva`,
          name: 'legacy-nva',
          properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'virtualappliance', nextHopIpAddress: '10.1.0.200' },
        },
      ];
    }),
    expect: [{ resourceId: oldTable, messageId: 'staleIp', related: [`${oldTable}/routes/legacy-nva`] }],
  },
  {
    name: 'next hop is the frontend of an internal load balancer in front of NVAs',
    estate: referenceEstate()
      .add({
        id: `${ids.rgHub}/providers/Microsoft.Network/loadBalancers/lb-nva`,
        name: 'lb-nva',
        type: 'Microsoft.Network/loadBalancers',
        properties: {
          frontendIPConfigurations: [
            { name: 'frontend', properties: { privateIPAddress: '10.0.2.10', subnet: { id: extraIds.nvaSubnet } } },
          ],
        },
      })
      .set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.2.10'),
    expect: [],
  },
  {
    name: 'next hop is the NIC of an NVA (not a firewall, but not stale either)',
    estate: referenceEstate().withNva().set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.2.4'),
    expect: [],
  },
  {
    name: 'next hop outside every VNet read',
    estate: referenceEstate().set(ids.appToPepRoute, 'nextHopIpAddress', '10.50.0.4'),
    expect: [],
    inconclusive: [ids.appRouteTable],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased and the firewall IP changed',
    estate: referenceEstate()
      .set(ids.firewall, 'ipConfigurations.0.properties.privateIPAddress', '10.0.0.5')
      .withIdsUpperCased(),
    expect: [
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [ids.appToPepRoute] },
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [ids.appDefaultRoute] },
    ],
  },
] satisfies CheckCase<typeof check>[];
