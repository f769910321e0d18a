import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { maxShardCount, parseShard, shardIndexOf, shardSubscriptions, ShardSpecError } from './shard.js';

/** 40 made-up subscription GUIDs, varied enough to land in every shard of small counts. */
const subscriptions = Array.from(
  { length: 40 },
  (_, n) => `${(n * 2654435761).toString(16).padStart(8, '0').slice(-8)}-0000-4000-8000-${String(n).padStart(12, '0')}`,
);

function allShards(ids: readonly string[], count: number): string[][] {
  return Array.from({ length: count }, (_, i) => shardSubscriptions(ids, { index: i + 1, count }));
}

describe('shardSubscriptions', () => {
  for (const count of [1, 2, 3, 4, 7, 16]) {
    it(`puts every subscription in exactly one of ${count} shards`, () => {
      const shards = allShards(subscriptions, count);
      expect(shards.flat().sort()).toEqual([...subscriptions].sort());
      expect(new Set(shards.flat()).size).toBe(subscriptions.length);
    });
  }

  it('uses every shard when there are enough subscriptions', () => {
    expect(allShards(subscriptions, 4).every((shard) => shard.length > 0)).toBe(true);
  });

  it('depends on the id, not on its position, case or spelling', () => {
    const reordered = [...subscriptions].reverse();
    const spelled = subscriptions.map((id, n) => (n % 2 === 0 ? `/subscriptions/${id.toUpperCase()}/` : id));
    for (const id of subscriptions) {
      const index = shardIndexOf(id, 5);
      expect(shardSubscriptions(reordered, { index, count: 5 })).toContain(id);
      expect(shardIndexOf(`/subscriptions/${id.toUpperCase()}`, 5)).toBe(index);
    }
    expect(allShards(spelled, 5).map((shard) => shard.length)).toEqual(
      allShards(subscriptions, 5).map((shard) => shard.length),
    );
  });

  it('moves no other subscription when one is added or removed', () => {
    const before = allShards(subscriptions.slice(1), 4);
    const after = allShards([...subscriptions.slice(1), 'ffffffff-0000-4000-8000-00000000ffff'], 4);
    for (let i = 0; i < 4; i += 1) {
      expect(after[i]!.filter((id) => id !== 'ffffffff-0000-4000-8000-00000000ffff')).toEqual(before[i]);
    }
  });

  it('keeps the order and spelling given, and a subscription listed twice once', () => {
    const twice = [subscriptions[0]!, subscriptions[0]!.toUpperCase(), ...subscriptions.slice(1)];
    const shards = allShards(twice, 3);
    expect(shards.flat()).toHaveLength(subscriptions.length);
    for (const shard of allShards(subscriptions, 3)) {
      expect(shard).toEqual(subscriptions.filter((id) => shard.includes(id)));
    }
  });

  it('is stable across releases (the hash is part of the contract)', () => {
    expect(subscriptions.slice(0, 8).map((id) => shardIndexOf(id, 4))).toEqual([1, 2, 1, 4, 1, 2, 1, 3]);
  });

  it('rejects an impossible shard', () => {
    expect(() => shardSubscriptions(subscriptions, { index: 3, count: 2 })).toThrow(ShardSpecError);
    expect(() => shardSubscriptions(subscriptions, { index: 1, count: 0 })).toThrow(ShardSpecError);
  });
});

describe('parseShard', () => {
  it('reads I/N', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 3 / 8 ')).toEqual({ index: 3, count: 8 });
    expect(parseShard(`${maxShardCount}/${maxShardCount}`)).toEqual({ index: 256, count: 256 });
  });

  const errors: [string, RegExp][] = [
    ['', /is not I\/N/],
    ['2', /is not I\/N; .* e\.g\. --shard 2\/4/],
    ['1/2/3', /is not I\/N/],
    ['a/b', /is not I\/N/],
    ['-1/2', /is not I\/N/],
    ['1.5/2', /is not I\/N/],
    ['0/4', /numbered 1 to 4, got 0 \(shards count from 1\)/],
    ['5/4', /numbered 1 to 4, got 5$/],
    ['1/0', /between 1 and 256, got 0/],
    ['1/257', /between 1 and 256, got 257/],
  ];
  for (const [text, message] of errors) {
    it(`rejects ${JSON.stringify(text)} with a message that says what to give`, () => {
      expect(() => parseShard(text)).toThrow(message);
    });
  }

  it('throws a usage error, so the CLI exits 2 without a stack trace', () => {
    const error = (() => {
      try {
        parseShard('0/0');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ShardSpecError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).name).toBe('ShardSpecError');
  });
});
