import { describe, expect, it } from 'vitest';
import { defineCheck, type Check } from '../../checks/define.js';
import { ids, referenceEstate } from '../../test/estates.js';
import { normalizeId } from '../ids.js';
import { buildInventory } from '../inventory/build/index.js';
import { parseSnapshot } from '../snapshot/read.js';
import { runChecks } from './run.js';

const meta = {
  title: 'test',
  level: 'error',
  tags: [],
  rationale: '',
  remediation: '',
  references: [],
  messages: { seen: (data: { vnets: number }) => `${data.vnets} VNets.` },
} as const;

describe('runChecks', () => {
  it('runs every check over the same inventory, which a check cannot change', () => {
    const inv = buildInventory(parseSnapshot(referenceEstate().snapshot(), 'run.test'));
    const tries: [string, () => void][] = [
      ['delete a VNet', () => (inv.vnets as Map<string, unknown>).delete(normalizeId(ids.appVnet))],
      ['add a VNet', () => (inv.vnets as Map<string, unknown>).set('x', {})],
      ['drop a subnet', () => (inv.vnet(ids.appVnet)!.subnets as unknown[]).pop()],
      ['rename a subnet', () => ((inv.subnet(ids.appSubnet) as { name: string }).name = 'x')],
      ['edit a raw resource', () => ((inv.vnet(ids.appVnet)!.raw as { name: string }).name = 'x')],
    ];
    const vandals: Check[] = tries.map(([title, vandalise], index) =>
      defineCheck({
        ...meta,
        id: `network/vandal-${index}`,
        title,
        evaluate: () => {
          vandalise();
          return [];
        },
      }),
    );
    const observer = defineCheck({
      ...meta,
      id: 'network/observer',
      evaluate: (inventory) => [
        { resourceId: ids.appVnet, messageId: 'seen', data: { vnets: inventory.vnets.size }, fact: [] },
      ],
    });
    const outcome = runChecks(inv, [...vandals, observer]);
    expect(outcome.checkFailures.map((failure) => failure.checkId)).toEqual(vandals.map((check) => check.id));
    expect(outcome.findings.map((finding) => finding.message)).toEqual(['3 VNets.']);
    expect(inv.subnet(ids.appSubnet)?.name).toBe('sn-app');
    expect(inv.vnet(ids.appVnet)?.subnets).toHaveLength(1);
  });
});
