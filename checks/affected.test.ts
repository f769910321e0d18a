// The grouping helper behind findings at the grain of the fix: pairs deduplicated by normalized id,
// kept as blocks of sources and targets, counted, and digested independently of the order seen.
import { describe, expect, it } from 'vitest';
import { AffectedGroups, describeEnd, sampleOf } from './affected.js';

const subnet = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-${name}/subnets/sn`;
const endpoint = (name: string) =>
  `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-${name}`;

function affectedOf(pairs: [string, string][], key = 'k') {
  const groups = new AffectedGroups<{ key: string }>('subnet', 'privateEndpoint');
  for (const [source, target] of pairs) groups.add(key, () => ({ key }), source, target);
  return [...groups.entries()][0]!.affected;
}

describe('AffectedGroups', () => {
  it('keeps every subnet cut off from every endpoint as one block, however many pairs', () => {
    const pairs: [string, string][] = [];
    for (const s of ['a', 'b']) for (const e of ['1', '2', '3']) pairs.push([subnet(s), endpoint(e)]);
    const affected = affectedOf(pairs);
    expect(affected).toMatchObject({ from: 'subnet', to: 'privateEndpoint', pairs: 6, sources: 2, targets: 3 });
    expect(affected.blocks).toEqual([{ sources: [subnet('a'), subnet('b')], targets: ['1', '2', '3'].map(endpoint) }]);
  });

  it('splits targets by the sources that reach them, and counts each pair once whatever the letter case', () => {
    const affected = affectedOf([
      [subnet('a'), endpoint('1')],
      [subnet('a').toUpperCase(), endpoint('1')],
      [subnet('a'), endpoint('2')],
      [subnet('b'), endpoint('2')],
    ]);
    expect(affected.pairs).toBe(3);
    expect(affected.blocks).toEqual([
      { sources: [subnet('a')], targets: [endpoint('1')] },
      { sources: [subnet('a'), subnet('b')], targets: [endpoint('2')] },
    ]);
  });

  it('digests the pair set: the same pairs in any order agree, another pair differs', () => {
    const pairs: [string, string][] = [
      [subnet('a'), endpoint('1')],
      [subnet('b'), endpoint('2')],
    ];
    const digest = affectedOf(pairs).digest;
    expect(affectedOf([...pairs].reverse()).digest).toBe(digest);
    expect(affectedOf([...pairs, [subnet('b'), endpoint('3')]]).digest).not.toBe(digest);
  });

  it('describes an end with a count and a bounded sample', () => {
    const pairs: [string, string][] = Array.from({ length: 2140 }, (_, i) => [subnet('a'), endpoint(`${1000 + i}`)]);
    const affected = affectedOf(pairs);
    expect(describeEnd(affected, 'targets')).toBe('2,140 private endpoints (pe-1000, pe-1001, pe-1002 and 2,137 more)');
    expect(describeEnd(affected, 'sources')).toBe('1 subnet (vnet-a/sn)');
    expect(sampleOf(['x', 'y'], 2)).toBe('x and y');
  });
});
