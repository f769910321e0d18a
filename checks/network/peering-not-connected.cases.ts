import type { CheckCase } from '../../test/check-cases.js';
import { consumerIds, withSecondHub } from '../../test/consumer-estates.js';
import { ids, referenceEstate, virtualNetworkPeering } from '../../test/estates.js';
import type check from './peering-not-connected.js';

const otherVnet = `${ids.landingZone}/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other`;

const farToHub2 = `${consumerIds.farVnet}/virtualNetworkPeerings/peer-far-to-hub2`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'a spoke behind a second hub that forwards: its peering three links from the endpoint is judged',
    estate: withSecondHub(referenceEstate(), { farRoutes: true }).set(farToHub2, 'peeringState', 'Disconnected'),
    expect: [{ resourceId: farToHub2, messageId: 'notConnected', related: [consumerIds.hub2Vnet], pairs: 1 }],
  },
  {
    name: 'the same spoke behind a hub that forwards nothing is on no path',
    estate: withSecondHub(referenceEstate(), { farRoutes: true, hub2Firewall: false }).set(
      farToHub2,
      'peeringState',
      'Disconnected',
    ),
    expect: [],
  },
  {
    name: 'endpoint spoke peering Disconnected after the hub side was deleted',
    estate: referenceEstate().set(ids.pepToHub, 'peeringState', 'Disconnected'),
    expect: [{ resourceId: ids.pepToHub, messageId: 'notConnected', related: [ids.hubVnet], pairs: 1 }],
  },
  {
    name: 'hub side of the app spoke peering only Initiated',
    estate: referenceEstate().set(ids.hubToApp, 'peeringState', 'Initiated'),
    expect: [{ resourceId: ids.hubToApp, messageId: 'initiated', related: [ids.appVnet], pairs: 1 }],
  },
  {
    name: 'both halves of the endpoint spoke peering Disconnected',
    estate: referenceEstate()
      .set(ids.pepToHub, 'peeringState', 'Disconnected')
      .set(ids.hubToPep, 'peeringState', 'Disconnected'),
    expect: [
      { resourceId: ids.pepToHub, messageId: 'notConnected', related: [ids.hubVnet], pairs: 1 },
      { resourceId: ids.hubToPep, messageId: 'notConnected', related: [ids.pepVnet], pairs: 1 },
    ],
  },
  {
    name: 'a peering on the path of two endpoints is reported once',
    estate: referenceEstate().withStorageBlobEndpoint().set(ids.pepToHub, 'peeringState', 'Disconnected'),
    expect: [
      {
        resourceId: ids.pepToHub,
        messageId: 'notConnected',
        related: [ids.hubVnet],
        pairs: 2,
      },
    ],
  },
  {
    name: 'a peering three hops from the endpoint is not on its path',
    estate: referenceEstate().withPeering(ids.appVnet, 'peer-app-to-other', otherVnet, {
      peeringState: 'Disconnected',
    }),
    expect: [],
  },
  {
    name: 'standalone peering of a spoke VNet that was not read',
    estate: referenceEstate()
      .remove(ids.appVnet)
      .add(
        virtualNetworkPeering(ids.appVnet, 'peer-app-to-hub', ids.hubVnet, {
          peeringState: 'Disconnected',
          allowForwardedTraffic: true,
        }),
      ),
    expect: [{ resourceId: ids.appToHub, messageId: 'notConnected', related: [ids.hubVnet], pairs: 1 }],
  },
  {
    name: 'peering without a peeringState',
    estate: referenceEstate().unset(ids.hubToPep, 'peeringState'),
    expect: [],
    inconclusive: [ids.hubToPep],
  },
  {
    name: 'ids differ only in letter case',
    estate: referenceEstate().set(ids.pepToHub, 'peeringState', 'Disconnected').withIdsUpperCased(),
    expect: [{ resourceId: ids.pepToHub, messageId: 'notConnected', related: [ids.hubVnet], pairs: 1 }],
  },
] satisfies CheckCase<typeof check>[];
