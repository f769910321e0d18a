import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';

const toPep = `${ids.appRouteTable}/routes/to-pep-via-firewall`;
const defaultRoute = `${ids.appRouteTable}/routes/default-via-firewall`;
const oldTable = `${ids.rgApp}/providers/Microsoft.Network/routeTables/rt-app-old`;
const nvaSubnet = `${ids.hubVnet}/subnets/sn-nva`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'route to the endpoint spoke names an IP nobody owns in the hub',
    estate: referenceEstate().set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.0.0.9'),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'staleIp', related: [toPep] }],
  },
  {
    name: 'firewall redeployed with a new private IP: both routes are stale',
    estate: referenceEstate().set(ids.firewall, 'ipConfigurations.0.properties.privateIPAddress', '10.0.0.5'),
    expect: [
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [toPep] },
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [defaultRoute] },
    ],
  },
  {
    name: 'a route read as its own resource (Resource Graph row) replaces the embedded one',
    estate: referenceEstate().add({
      id: toPep,
      name: 'to-pep-via-firewall',
      type: 'Microsoft.Network/routeTables/routes',
      properties: { addressPrefix: '10.2.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.9' },
    }),
    expect: [{ resourceId: ids.appRouteTable, messageId: 'staleIp', related: [toPep] }],
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
            { name: 'frontend', properties: { privateIPAddress: '10.0.2.10', subnet: { id: nvaSubnet } } },
          ],
        },
      })
      .set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.0.2.10'),
    expect: [],
  },
  {
    name: 'next hop is the NIC of an NVA (not a firewall, but not stale either)',
    estate: referenceEstate()
      .add({
        id: `${ids.rgHub}/providers/Microsoft.Network/networkInterfaces/nic-nva`,
        name: 'nic-nva',
        type: 'Microsoft.Network/networkInterfaces',
        properties: {
          enableIPForwarding: true,
          ipConfigurations: [
            { name: 'ipconfig1', properties: { privateIPAddress: '10.0.2.4', subnet: { id: nvaSubnet } } },
          ],
        },
      })
      .set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.0.2.4'),
    expect: [],
  },
  {
    name: 'next hop outside every VNet read',
    estate: referenceEstate().set(ids.appRouteTable, 'routes.0.properties.nextHopIpAddress', '10.50.0.4'),
    expect: [],
    inconclusive: [ids.appRouteTable],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsInCase((id) => id.toUpperCase()),
    expect: [],
  },
  {
    name: 'ids upper-cased and the firewall IP changed',
    estate: referenceEstate()
      .set(ids.firewall, 'ipConfigurations.0.properties.privateIPAddress', '10.0.0.5')
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [toPep] },
      { resourceId: ids.appRouteTable, messageId: 'staleIp', related: [defaultRoute] },
    ],
  },
] satisfies CheckCase[];
