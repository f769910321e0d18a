import { describe, expect, it } from 'vitest';
import { ids, referenceEstate } from '../../../test/estates.js';
import { normalizeId } from '../../ids.js';
import { buildInventory } from '../../inventory/build/index.js';
import { peeringsOnEndpointPaths, peeringsOnPath } from './endpoint-peerings.js';

describe('peeringsOnPath', () => {
  it('covers both halves of the endpoint spoke and of the spokes behind the hub', () => {
    const inv = buildInventory(referenceEstate().snapshot());
    const endpoint = inv.privateEndpoints.get(normalizeId(ids.vaultEndpoint))!;
    expect(
      peeringsOnPath(inv, endpoint)
        .map((peering) => peering.key)
        .sort(),
    ).toEqual([ids.pepToHub, ids.hubToPep, ids.hubToApp, ids.appToHub].map(normalizeId).sort());
  });

  it('lists each peering once with the endpoints that depend on it', () => {
    const inv = buildInventory(referenceEstate().snapshot());
    const all = peeringsOnEndpointPaths(inv);
    expect(all).toHaveLength(4);
    for (const entry of all)
      expect(entry.endpoints.map((endpoint) => endpoint.key)).toEqual([normalizeId(ids.vaultEndpoint)]);
  });

  it('finds nothing for an endpoint whose subnet is unknown', () => {
    const inv = buildInventory(referenceEstate().set(ids.vaultEndpoint, 'subnet', {}).snapshot());
    const endpoint = inv.privateEndpoints.get(normalizeId(ids.vaultEndpoint))!;
    expect(peeringsOnPath(inv, endpoint)).toEqual([]);
  });
});
