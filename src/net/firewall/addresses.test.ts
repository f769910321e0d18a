import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../cidr.js';
import { AddressSet, parseAddressEntry, parseIpv4Interval } from './addresses.js';

describe('firewall address entries', () => {
  it('parses the forms rules use', () => {
    expect(parseAddressEntry('*')).toEqual({ kind: 'any' });
    expect(parseAddressEntry('10.1.0.4')).toEqual({
      kind: 'ipv4',
      interval: [parseIpv4('10.1.0.4'), parseIpv4('10.1.0.4')],
    });
    expect(parseIpv4Interval('10.1.0.0/24')).toEqual([parseIpv4('10.1.0.0'), parseIpv4('10.1.0.255')]);
    expect(parseIpv4Interval('10.1.0.7/24')).toEqual([parseIpv4('10.1.0.0'), parseIpv4('10.1.0.255')]);
    expect(parseIpv4Interval('192.168.1.1-192.168.1.12')).toEqual([
      parseIpv4('192.168.1.1'),
      parseIpv4('192.168.1.12'),
    ]);
    expect(parseIpv4Interval('0.0.0.0/0')).toEqual([0, 0xffffffff]);
    expect(parseAddressEntry('AzureKeyVault')).toEqual({ kind: 'other', text: 'AzureKeyVault' });
    expect(parseAddressEntry('fd00::/8').kind).toBe('other');
    expect(parseIpv4Interval('10.0.0.9-10.0.0.1')).toBeUndefined();
    expect(parseIpv4Interval('10.0.0.0/33')).toBeUndefined();
  });

  it('reads addresses and prefixes as the routes do, with the leniencies rules have always had', () => {
    // The same address parser: no leading zeros, blanks around the text ignored.
    expect(parseIpv4Interval('010.0.0.1')).toBeUndefined();
    expect(parseIpv4Interval(' 10.0.0.1 ')).toEqual([parseIpv4('10.0.0.1'), parseIpv4('10.0.0.1')]);
    expect(parseIpv4Interval('10.0.0.1/32')).toEqual(parseIpv4Interval('10.0.0.1'));
    expect(parseIpv4Interval('255.255.255.255/32')).toEqual([0xffffffff, 0xffffffff]);
    expect(parseIpv4Interval('10.0.0.0/08')).toEqual(parseIpv4Interval('10.0.0.0/8'));
    // Blanks are allowed around a range's dash and before a prefix's slash, not after it.
    expect(parseIpv4Interval('10.0.0.1 - 10.0.0.5')).toEqual([parseIpv4('10.0.0.1'), parseIpv4('10.0.0.5')]);
    expect(parseIpv4Interval('10.0.0.0 /24')).toEqual(parseIpv4Interval('10.0.0.0/24'));
    expect(parseIpv4Interval('10.0.0.0/ 24')).toBeUndefined();
    // A length takes one or two digits here (route prefixes accept `/024`).
    expect(parseIpv4Interval('10.0.0.0/024')).toBeUndefined();
    expect(parseAddressEntry('10.0.0.0/024')).toEqual({ kind: 'other', text: '10.0.0.0/024' });
  });

  it('intersects, subtracts and prints sets', () => {
    const subnet = AddressSet.parse(['10.1.0.0/24']);
    const half = AddressSet.parse(['10.1.0.0/25']);
    expect(subnet.intersect(half).toStrings()).toEqual(['10.1.0.0/25']);
    expect(subnet.subtract(half).toStrings()).toEqual(['10.1.0.128/25']);
    expect(subnet.subtract(AddressSet.parse(['10.1.0.10-10.1.0.20', '10.1.0.200'])).toStrings()).toEqual([
      '10.1.0.0-10.1.0.9',
      '10.1.0.21-10.1.0.199',
      '10.1.0.201-10.1.0.255',
    ]);
    expect(subnet.subtract(AddressSet.all).isEmpty).toBe(true);
    expect(AddressSet.parse(['10.0.0.0/25', '10.0.0.128/25']).toStrings()).toEqual(['10.0.0.0/24']);
    expect(AddressSet.parse(['255.255.255.255/32']).hasIp('255.255.255.255')).toBe(true);
    expect(AddressSet.parse(['10.0.0.0/8', '172.16.0.0/12']).hasIp('172.31.255.255')).toBe(true);
    expect(AddressSet.parse(['10.0.0.0/8', '172.16.0.0/12']).hasIp('172.32.0.0')).toBe(false);
  });
});
