import { describe, expect, it } from 'vitest';
import { referenceEstate } from '../../test/estates.js';
import { buildInventory } from './build/index.js';
import { memoByInventory, memoByInventoryKey } from './memo.js';

const inventory = () => buildInventory(referenceEstate().snapshot());

describe('memoByInventory', () => {
  it('builds once per inventory, undefined answers included', () => {
    const calls: unknown[] = [];
    const count = memoByInventory((inv) => {
      calls.push(inv);
      return calls.length === 1 ? undefined : calls.length;
    });
    const first = inventory();
    const second = inventory();
    expect(count(first)).toBeUndefined();
    expect(count(first)).toBeUndefined();
    expect(count(second)).toBe(2);
    expect(calls).toEqual([first, second]);
  });
});

describe('memoByInventoryKey', () => {
  it('builds once per inventory and key, the key derived from the argument', () => {
    let calls = 0;
    const upper = memoByInventoryKey(
      (_inv, name: string) => `${name.toUpperCase()}#${++calls}`,
      (name) => name.toLowerCase(),
    );
    const inv = inventory();
    expect(upper(inv, 'kv')).toBe('KV#1');
    expect(upper(inv, 'KV')).toBe('KV#1');
    expect(upper(inv, 'st')).toBe('ST#2');
    expect(upper(inventory(), 'kv')).toBe('KV#3');
  });

  it('keys on the argument itself by default, objects by identity', () => {
    let calls = 0;
    const tag = memoByInventoryKey((_inv, _ctx: { readonly name: string }) => ++calls);
    const inv = inventory();
    const ctx = { name: 'a' };
    expect(tag(inv, ctx)).toBe(1);
    expect(tag(inv, ctx)).toBe(1);
    expect(tag(inv, { name: 'a' })).toBe(2);
  });
});
