import { describe, expect, it } from 'vitest';
import { ids, referenceEstate } from '../../test/estates.js';
import { normalizeId } from '../ids.js';
import { buildInventory } from '../inventory/build/index.js';
import { parseSnapshot } from '../snapshot/read.js';
import { runChecks } from './run.js';

describe('runChecks', () => {
  it('freezes the whole inventory: maps, shared entities and raw resources', () => {
    const inv = buildInventory(parseSnapshot(referenceEstate().snapshot(), 'run.test'));
    runChecks(inv, []);
    const vnet = inv.vnets.get(normalizeId(ids.appVnet))!;
    const subnet = inv.subnets.get(normalizeId(ids.appSubnet))!;
    expect(vnet.subnets).toContain(subnet);
    for (const value of [inv, inv.vnets, vnet, vnet.subnets, subnet, subnet.raw, vnet.raw.properties]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    // A second run over the frozen inventory finds nothing left to freeze and still works.
    expect(runChecks(inv, []).findings).toEqual([]);
  });
});
