import { describe, expect, it } from 'vitest';
import { extraIds, ids, referenceEstate } from '../../../test/estates.js';
import { defaultCheckContext } from '../../inventory/context.js';
import { normalizeId } from '../../ids.js';
import { buildInventory } from '../../inventory/build/index.js';
import { parseSnapshot } from '../../snapshot/read.js';
import { endpointConsumers } from './endpoint-consumers.js';
import { endpointSpace } from '../routing/index.js';

describe('endpointConsumers', () => {
  it('lists the reference endpoint with its consumer subnet, IP and hub firewall', () => {
    const inv = buildInventory(parseSnapshot(referenceEstate().snapshot(), 'test'));
    const [vault, ...others] = endpointConsumers(inv, defaultCheckContext);
    expect(others).toEqual([]);
    expect(vault?.endpoint.id).toBe(ids.vaultEndpoint);
    expect(vault?.ips).toEqual(['10.2.0.4']);
    expect(vault?.subnets.map((subnet) => subnet.id)).toEqual([ids.appSubnet]);
    expect(vault?.firewalls.map((firewall) => firewall.id)).toEqual([ids.firewall]);
    expect(endpointConsumers(inv, defaultCheckContext)).toBe(endpointConsumers(inv, defaultCheckContext));
  });

  it('leaves out subnets that hold only forwarding appliances, unless declared', () => {
    const inv = buildInventory(parseSnapshot(referenceEstate().withNva().snapshot(), 'test'));
    expect(endpointConsumers(inv, defaultCheckContext)[0]?.subnets.map((subnet) => subnet.name)).toEqual(['sn-app']);
    const declared = {
      ...defaultCheckContext,
      consumerSubnetsByEndpoint: new Map([[normalizeId(ids.vaultEndpoint), [normalizeId(extraIds.nvaSubnet)]]]),
    };
    expect(endpointConsumers(inv, declared)[0]?.subnets.map((subnet) => subnet.name)).toEqual(['sn-nva']);
  });
});

describe('endpointSpace', () => {
  it("is the endpoint VNet's prefix, or the endpoint subnet's for a client in the same VNet", () => {
    const inv = buildInventory(parseSnapshot(referenceEstate().snapshot(), 'test'));
    const endpoint = inv.privateEndpoints.get(normalizeId(ids.vaultEndpoint))!;
    expect(endpointSpace(inv, endpoint, '10.2.0.4', inv.subnet(ids.appSubnet))).toBe('10.2.0.0/16');
    expect(endpointSpace(inv, endpoint, '10.2.0.4', inv.subnet(ids.pepSubnet))).toBe('10.2.0.0/24');
    expect(endpointSpace(inv, endpoint, '10.9.0.4')).toBe('10.9.0.4/32');
  });
});
