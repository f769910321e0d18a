import { describe, expect, it } from 'vitest';
import {
  formatIpv4,
  isIpv6,
  isPublicIpv4,
  parseIpv4,
  parseIpv4Prefix,
  prefixContains,
  prefixCovers,
  prefixRange,
  samePrefix,
} from './cidr.js';

describe('cidr', () => {
  it('parses dotted-quad addresses only', () => {
    expect(parseIpv4('10.2.0.4')).toBe(0x0a020004);
    expect(parseIpv4(' 255.255.255.255 ')).toBe(0xffffffff);
    expect(parseIpv4('10.2')).toBeUndefined();
    expect(parseIpv4('fd00::1')).toBeUndefined();
    expect(parseIpv4('kv.vault.azure.net')).toBeUndefined();
  });

  it('takes four decimal octets without leading zeros, blanks around the text ignored', () => {
    expect(parseIpv4('\t10.0.0.1\n')).toBe(0x0a000001);
    expect(parseIpv4('010.0.0.1')).toBeUndefined();
    expect(parseIpv4('10.0.0.01')).toBeUndefined();
    expect(parseIpv4('0x0a.0.0.1')).toBeUndefined();
    expect(parseIpv4('167772161')).toBeUndefined();
    expect(parseIpv4('256.0.0.1')).toBeUndefined();
    expect(parseIpv4('10 .0.0.1')).toBeUndefined();
    expect(parseIpv4('')).toBeUndefined();
    // The answer is remembered per text: asking twice gives the same answer.
    expect(parseIpv4(' 10.0.0.1')).toBe(parseIpv4(' 10.0.0.1'));
  });

  it('formats addresses back to dotted quads', () => {
    expect(formatIpv4(0)).toBe('0.0.0.0');
    expect(formatIpv4(0x0a020004)).toBe('10.2.0.4');
    expect(formatIpv4(0xffffffff)).toBe('255.255.255.255');
    for (const text of ['1.2.3.4', '128.0.0.1', '172.31.255.254']) expect(formatIpv4(parseIpv4(text)!)).toBe(text);
  });

  it('parses prefixes to their network, clearing host bits', () => {
    expect(parseIpv4Prefix('10.2.3.4/16')).toMatchObject({ text: '10.2.0.0/16', length: 16, network: 0x0a020000 });
    expect(parseIpv4Prefix('0.0.0.0/0')).toMatchObject({ text: '0.0.0.0/0', length: 0, mask: 0 });
    expect(parseIpv4Prefix('10.0.0.4')).toMatchObject({ text: '10.0.0.4/32', length: 32 });
    expect(parseIpv4Prefix('10.0.0.0/33')).toBeUndefined();
    expect(parseIpv4Prefix('AzureCloud')).toBeUndefined();
    expect(parseIpv4Prefix('fd00::/8')).toBeUndefined();
  });

  it('reads prefix edge cases the same way everywhere', () => {
    // A bare address and an explicit /32 are one prefix.
    expect(parseIpv4Prefix(' 10.0.0.4 ')).toEqual(parseIpv4Prefix('10.0.0.4/32'));
    expect(parseIpv4Prefix('255.255.255.255/32')).toMatchObject({ network: 0xffffffff, mask: 0xffffffff });
    // Leading zeros: refused in the address, accepted in the length.
    expect(parseIpv4Prefix('010.0.0.0/8')).toBeUndefined();
    expect(parseIpv4Prefix('10.0.0.0/08')).toMatchObject({ text: '10.0.0.0/8' });
    expect(parseIpv4Prefix('10.0.0.0/024')).toMatchObject({ text: '10.0.0.0/24' });
    // Blanks around the whole text only.
    expect(parseIpv4Prefix('10.0.0.0 /8')).toBeUndefined();
    expect(parseIpv4Prefix('10.0.0.0/ 8')).toBeUndefined();
    expect(parseIpv4Prefix('10.0.0.0/')).toBeUndefined();
    expect(parseIpv4Prefix('/8')).toBeUndefined();
  });

  it('gives the first and last address of a prefix', () => {
    expect(prefixRange(parseIpv4Prefix('10.1.0.7/24')!)).toEqual([0x0a010000, 0x0a0100ff]);
    expect(prefixRange(parseIpv4Prefix('0.0.0.0/0')!)).toEqual([0, 0xffffffff]);
    expect(prefixRange(parseIpv4Prefix('255.255.255.255')!)).toEqual([0xffffffff, 0xffffffff]);
    expect(prefixRange(parseIpv4Prefix('10.0.0.5/31')!)).toEqual([0x0a000004, 0x0a000005]);
  });

  it('matches addresses and prefixes', () => {
    const vnet = parseIpv4Prefix('10.2.0.0/16')!;
    expect(prefixContains(vnet, parseIpv4('10.2.255.1')!)).toBe(true);
    expect(prefixContains(vnet, parseIpv4('10.3.0.1')!)).toBe(false);
    expect(prefixContains(parseIpv4Prefix('0.0.0.0/0')!, parseIpv4('200.1.1.1')!)).toBe(true);
    expect(prefixCovers(parseIpv4Prefix('10.0.0.0/8')!, vnet)).toBe(true);
    expect(prefixCovers(vnet, parseIpv4Prefix('10.0.0.0/8')!)).toBe(false);
    expect(samePrefix(vnet, parseIpv4Prefix('10.2.9.9/16')!)).toBe(true);
  });

  it('classifies IPv6 and public addresses', () => {
    expect(isIpv6('fd00:db8::/64')).toBe(true);
    expect(isIpv6('10.0.0.0/8')).toBe(false);
    expect(isPublicIpv4('20.38.1.1')).toBe(true);
    expect(isPublicIpv4('10.1.1.1')).toBe(false);
    expect(isPublicIpv4('100.64.0.1')).toBe(false);
  });
});
