import { describe, expect, it } from 'vitest';
import { compileFqdnPattern, fqdnMatches } from './fqdn.js';

describe('fqdnMatches (application rule target FQDNs)', () => {
  it.each([
    ['*.vault.azure.net', 'kv.vault.azure.net', true],
    ['*.vault.azure.net', 'a.b.vault.azure.net', true],
    ['*.vault.azure.net', 'vault.azure.net', false],
    ['*.vault.azure.net', 'kv.privatelink.vaultcore.azure.net', false],
    ['*.vault.azure.net', 'kv.vault.azure.net.evil.com', false],
    ['*contoso.com', 'contoso.com', true],
    ['*contoso.com', 'x.anycontoso.com', true],
    ['*contoso.com', 'contoso.com.au', false],
    ['*', 'anything.example', true],
    ['kv.vault.azure.net', 'kv.vault.azure.net', true],
    ['kv.vault.azure.net', 'kv2.vault.azure.net', false],
    ['KV.Vault.Azure.NET', 'kv.vault.azure.net', true],
    ['kv.vault.azure.net', 'KV.VAULT.AZURE.NET.', true],
    ['www.contoso.*', 'www.contoso.com', false],
    ['*.contoso.*', 'a.contoso.com', false],
  ])('%s vs %s -> %s', (pattern, name, expected) => {
    expect(fqdnMatches(pattern, name)).toBe(expected);
  });

  it('classifies patterns', () => {
    expect(compileFqdnPattern('*')).toEqual({ kind: 'any' });
    expect(compileFqdnPattern('*.a.com')).toEqual({ kind: 'suffix', suffix: '.a.com' });
    expect(compileFqdnPattern('a.*.com').kind).toBe('unsupported');
  });
});
