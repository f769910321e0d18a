import type { RawResource } from '../../src/snapshot/types.js';
import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';

const otherVnet = `${ids.landingZone}/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other`;
const appToOther = `${ids.appVnet}/virtualNetworkPeerings/peer-app-to-other`;
const storageEndpoint = `${ids.rgPep}/providers/Microsoft.Network/privateEndpoints/pe-st-pep-spokepep-blob`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'endpoint spoke peering Disconnected after the hub side was deleted',
    estate: referenceEstate().update(ids.pepVnet, (vnet) => {
      peeringProperties(vnet, 'peer-pep-to-hub').peeringState = 'Disconnected';
    }),
    expect: [{ resourceId: ids.pepToHub, messageId: 'notConnected', related: [ids.hubVnet, ids.vaultEndpoint] }],
  },
  {
    name: 'hub side of the app spoke peering only Initiated',
    estate: referenceEstate().update(ids.hubVnet, (vnet) => {
      peeringProperties(vnet, 'peer-hub-to-app').peeringState = 'Initiated';
    }),
    expect: [{ resourceId: ids.hubToApp, messageId: 'initiated', related: [ids.appVnet, ids.vaultEndpoint] }],
  },
  {
    name: 'both halves of the endpoint spoke peering Disconnected',
    estate: referenceEstate()
      .update(ids.pepVnet, (vnet) => {
        peeringProperties(vnet, 'peer-pep-to-hub').peeringState = 'Disconnected';
      })
      .update(ids.hubVnet, (vnet) => {
        peeringProperties(vnet, 'peer-hub-to-pep').peeringState = 'Disconnected';
      }),
    expect: [
      { resourceId: ids.pepToHub, messageId: 'notConnected', related: [ids.hubVnet, ids.vaultEndpoint] },
      { resourceId: ids.hubToPep, messageId: 'notConnected', related: [ids.pepVnet, ids.vaultEndpoint] },
    ],
  },
  {
    name: 'a peering on the path of two endpoints is reported once',
    estate: referenceEstate()
      .add(endpoint(storageEndpoint))
      .update(ids.pepVnet, (vnet) => {
        peeringProperties(vnet, 'peer-pep-to-hub').peeringState = 'Disconnected';
      }),
    expect: [
      {
        resourceId: ids.pepToHub,
        messageId: 'notConnected',
        related: [ids.hubVnet, ids.vaultEndpoint, storageEndpoint],
      },
    ],
  },
  {
    name: 'a peering three hops from the endpoint is not on its path',
    estate: referenceEstate().update(ids.appVnet, (vnet) => {
      (vnet.properties!.virtualNetworkPeerings as unknown[]).push({
        id: appToOther,
        name: 'peer-app-to-other',
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        properties: { peeringState: 'Disconnected', remoteVirtualNetwork: { id: otherVnet } },
      });
    }),
    expect: [],
  },
  {
    name: 'standalone peering of a spoke VNet that was not read',
    estate: referenceEstate()
      .remove(ids.appVnet)
      .add({
        id: ids.appToHub,
        name: 'peer-app-to-hub',
        type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
        properties: {
          provisioningState: 'Succeeded',
          peeringState: 'Disconnected',
          remoteVirtualNetwork: { id: ids.hubVnet },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
        },
      }),
    expect: [{ resourceId: ids.appToHub, messageId: 'notConnected', related: [ids.hubVnet, ids.vaultEndpoint] }],
  },
  {
    name: 'peering without a peeringState',
    estate: referenceEstate().update(ids.hubVnet, (vnet) => {
      delete peeringProperties(vnet, 'peer-hub-to-pep').peeringState;
    }),
    expect: [],
    inconclusive: [ids.hubToPep],
  },
  {
    name: 'ids differ only in letter case',
    estate: referenceEstate()
      .update(ids.pepVnet, (vnet) => {
        peeringProperties(vnet, 'peer-pep-to-hub').peeringState = 'Disconnected';
      })
      .withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.pepToHub, messageId: 'notConnected', related: [ids.hubVnet, ids.vaultEndpoint] }],
  },
] satisfies CheckCase[];

type Json = Record<string, unknown>;

function peeringProperties(vnet: RawResource, name: string): Json {
  const peerings = (vnet.properties?.virtualNetworkPeerings ?? []) as { name: string; properties: Json }[];
  const peering = peerings.find((candidate) => candidate.name === name);
  if (!peering) throw new Error(`${vnet.name} has no peering ${name}`);
  return peering.properties;
}

/** A second private endpoint in the endpoint spoke (its target is not needed here). */
function endpoint(id: string): RawResource {
  const name = id.split('/').pop()!;
  return {
    id,
    name,
    type: 'Microsoft.Network/privateEndpoints',
    location: 'westeurope',
    properties: {
      provisioningState: 'Succeeded',
      subnet: { id: ids.pepSubnet },
      privateLinkServiceConnections: [
        {
          id: `${id}/privateLinkServiceConnections/${name}`,
          name,
          properties: {
            privateLinkServiceId: `${ids.rgPep}/providers/Microsoft.Storage/storageAccounts/stpepspokepep`,
            groupIds: ['blob'],
            privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved' },
          },
        },
      ],
      manualPrivateLinkServiceConnections: [],
      networkInterfaces: [],
    },
  };
}
