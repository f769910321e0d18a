// The rules that admit addresses to a public endpoint: SQL firewall rule children and IP rules,
// and whether an IP rule admits any public address.
import ipaddr from 'ipaddr.js';
import type { Inventory } from '../../inventory/inventory.js';
import { isIpv6, parseIpv4Prefix, prefixCovers, type Ipv4Prefix } from '../cidr.js';

export interface SqlFirewallRule {
  readonly id: string;
  readonly name: string;
  readonly startIp: string | undefined;
  readonly endIp: string | undefined;
  /** 0.0.0.0-0.0.0.0: "allow Azure services and resources to access this server". */
  readonly azureServices: boolean;
}

export function sqlFirewallRules(inv: Inventory, serverId: string): readonly SqlFirewallRule[] {
  return inv.sqlFirewallRulesOf(serverId).map(({ id, name, startIp, endIp }) => ({
    id,
    name,
    startIp,
    endIp,
    azureServices: startIp === '0.0.0.0' && endIp === '0.0.0.0',
  }));
}

// Addresses that never reach a public endpoint from the internet: RFC 1918, shared address space
// (RFC 6598), loopback, link-local, and IPv6 unique-local, link-local and loopback.
const nonPublicIpv4 = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
]
  .map(parseIpv4Prefix)
  .filter((prefix): prefix is Ipv4Prefix => prefix !== undefined);
const nonPublicIpv6 = ['fc00::/7', 'fe80::/10', '::1/128'].map((block) => ipaddr.IPv6.parseCIDR(block));

/**
 * Whether an IP rule (an address or CIDR) admits any public address. A rule plaudit cannot parse
 * counts as public, so that it is reported rather than trusted.
 */
export function admitsPublicAddresses(rule: string): boolean {
  const text = cleanIpRule(rule);
  const ipv4 = parseIpv4Prefix(text);
  if (ipv4) return !nonPublicIpv4.some((block) => prefixCovers(block, ipv4));
  if (!isIpv6(text) || !ipaddr.IPv6.isValidCIDR(text.includes('/') ? text : `${text}/128`)) return true;
  const [address, length] = ipaddr.IPv6.parseCIDR(text.includes('/') ? text : `${text}/128`);
  return !nonPublicIpv6.some(([block, blockLength]) => length >= blockLength && address.match(block, blockLength));
}

// Rules are sometimes stored with stray quotes or spaces (e.g. `'10.91.4.0/24'`).
export function cleanIpRule(rule: string): string {
  return rule
    .trim()
    .replace(/^['"]+|['"]+$/g, '')
    .trim();
}
