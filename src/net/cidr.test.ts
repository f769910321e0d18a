import { describe, expect, it } from 'vitest';
import { isIpv6, isPublicIpv4, parseIpv4, parseIpv4Prefix, prefixContains, prefixCovers, samePrefix } from './cidr.js';

describe('cidr', () => {
  it('parses dotted-quad addresses only', () => {
    expect(parseIpv4('10.2.0.4')).toBe(0x0a020004);
    expect(parseIpv4(' 255.255.255.255 ')).toBe(0xffffffff);
    expect(parseIpv4('10.2')).toBeUndefined();
    expect(parseIpv4('fd00::1')).toBeUndefined();
    expect(parseIpv4('kv.vault.azure.net')).toBeUndefined();
  });

  it('parses prefixes to their network, clearing host bits', () => {
    expect(parseIpv4Prefix('10.2.3.4/16')).toMatchObject({ text: '10.2.0.0/16', length: 16, network: 0x0a020000 });
    expect(parseIpv4Prefix('0.0.0.0/0')).toMatchObject({ text: '0.0.0.0/0', length: 0, mask: 0 });
    expect(parseIpv4Prefix('10.0.0.4')).toMatchObject({ text: '10.0.0.4/32', length: 32 });
    expect(parseIpv4Prefix('10.0.0.0/33')).toBeUndefined();
    expect(parseIpv4Prefix('AzureCloud')).toBeUndefined();
    expect(parseIpv4Prefix('fd00::/8')).toBeUndefined();
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
