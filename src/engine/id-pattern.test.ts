import { describe, expect, it } from 'vitest';
import { idPattern } from './id-pattern.js';

const vault = '/subscriptions/s/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv-app';

describe('idPattern', () => {
  it('matches ids exactly without a star, ignoring case and trailing slashes of the pattern', () => {
    expect(idPattern(vault).test(vault)).toBe(true);
    expect(idPattern(` ${vault.toUpperCase()}/ `).test(vault)).toBe(true);
    expect(idPattern(vault).test(vault.toUpperCase())).toBe(true);
    expect(idPattern(vault).test(`${vault}x`)).toBe(false);
    expect(idPattern(vault).test(vault.slice(1))).toBe(false);
  });

  it('lets a star match any run of characters, empty included', () => {
    expect(idPattern('*').test('')).toBe(true);
    expect(idPattern('*').test(vault)).toBe(true);
    expect(idPattern('*/vaults/kv-*').test(vault)).toBe(true);
    expect(idPattern('*/VAULTS/*').test(vault)).toBe(true);
    expect(idPattern('*/vaults/kv-app*').test(vault)).toBe(true);
    expect(idPattern('/subscriptions/*/vaults/*').test(vault)).toBe(true);
    expect(idPattern('/subscriptions/**/kv-app').test(vault)).toBe(true);
    expect(idPattern('*/vaults/kv').test(vault)).toBe(false);
    expect(idPattern('/subscriptions/x*').test(vault)).toBe(false);
    expect(idPattern('*kv-app*kv-app').test(vault)).toBe(false);
  });

  it('does not let the prefix and the suffix overlap', () => {
    expect(idPattern('ab*ba').test('aba')).toBe(false);
    expect(idPattern('ab*ba').test('abba')).toBe(true);
    expect(idPattern('a*b*c').test('abc')).toBe(true);
    expect(idPattern('a*bc*c').test('abc')).toBe(false);
  });

  it('treats regular expression characters literally', () => {
    expect(idPattern('a.b(c)+[d]$').test('a.b(c)+[d]$')).toBe(true);
    expect(idPattern('a.b').test('axb')).toBe(false);
    expect(idPattern('a?').test('ab')).toBe(false);
  });

  it('agrees with the regular expression it replaces', () => {
    const regex = (pattern: string) =>
      new RegExp(
        `^${pattern
          .trim()
          .toLowerCase()
          .replace(/\/+$/, '')
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
    const letters = ['a', 'b', '*'];
    const words = (length: number): string[] =>
      length === 0 ? [''] : words(length - 1).flatMap((word) => letters.map((letter) => word + letter));
    const patterns = [0, 1, 2, 3, 4].flatMap(words);
    const ids = [0, 1, 2, 3, 4, 5].flatMap(words).filter((id) => !id.includes('*'));
    for (const pattern of patterns) {
      const expected = regex(pattern);
      const actual = idPattern(pattern);
      for (const id of ids) expect(actual.test(id), `${pattern} on ${id}`).toBe(expected.test(id));
    }
  });

  it('stays fast with many stars on a long id that does not match', () => {
    const pattern = `${'*a'.repeat(30)}*b`;
    const id = 'a'.repeat(50_000);
    const started = performance.now();
    expect(idPattern(pattern).test(id)).toBe(false);
    expect(idPattern(`/subscriptions/${'*/'.repeat(40)}*x`).test(`/subscriptions/${'s/'.repeat(20_000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
