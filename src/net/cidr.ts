// IPv4 addresses and prefixes, parsed here for routes, DNS, the trace and firewall rules alike.
// Parsing and validation are ipaddr.js's: an address is four decimal octets without leading zeros
// (`10.0.0.1`; not `010.0.0.1`, `10.1` or `0x0a.0.0.1`), and blanks around the whole text are
// ignored. The one thing ipaddr.js lacks is a compact integer form, which longest-prefix matching
// over tens of thousands of routes and interval arithmetic over firewall rules need.
import ipaddr from 'ipaddr.js';

export interface Ipv4Prefix {
  /** Canonical form: the network address (host bits cleared) and the length, e.g. `10.2.0.0/16`. */
  readonly text: string;
  readonly network: number;
  readonly length: number;
  readonly mask: number;
}

// Route checks parse the same endpoint IPs once per consumer subnet, and firewall flows the same
// sources once per rule path; remember recent answers.
const parsed = new Map<string, number | null>();
const parsedLimit = 500_000;

/** An IPv4 address in dotted-quad form as a 32-bit unsigned integer, or undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const known = parsed.get(text);
  if (known !== undefined) return known ?? undefined;
  const trimmed = text.trim();
  const value = ipaddr.IPv4.isValidFourPartDecimal(trimmed) ? toUint32(ipaddr.IPv4.parse(trimmed).octets) : null;
  if (parsed.size >= parsedLimit) parsed.clear();
  parsed.set(text, value);
  return value ?? undefined;
}

/** The dotted-quad form of a 32-bit unsigned integer. */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

// Every endpoint IP is parsed as a /32 by several indexes; prefixes are frozen, so one can be shared.
const parsedPrefixes = new Map<string, Ipv4Prefix | null>();

/**
 * An IPv4 CIDR prefix (`10.2.0.0/16`; a bare address counts as /32), or undefined when it is not
 * one. No blanks inside (`10.2.0.0 /16` is not a prefix); the length may have leading zeros.
 */
export function parseIpv4Prefix(text: string): Ipv4Prefix | undefined {
  const known = parsedPrefixes.get(text);
  if (known !== undefined) return known ?? undefined;
  const prefix = prefixOf(text);
  if (parsedPrefixes.size >= parsedLimit) parsedPrefixes.clear();
  parsedPrefixes.set(text, Object.freeze(prefix) ?? null);
  return prefix;
}

function prefixOf(text: string): Ipv4Prefix | undefined {
  const trimmed = text.trim();
  const cidr = trimmed.includes('/') ? trimmed : `${trimmed}/32`;
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(cidr)) return undefined;
  const length = ipaddr.IPv4.parseCIDR(cidr)[1];
  const network = ipaddr.IPv4.networkAddressFromCIDR(cidr);
  const mask = toUint32(ipaddr.IPv4.subnetMaskFromPrefixLength(length).octets);
  return { text: `${network.toString()}/${length}`, network: toUint32(network.octets), length, mask };
}

/** The first and last address of a prefix. */
export function prefixRange(prefix: Ipv4Prefix): readonly [number, number] {
  return [prefix.network, (prefix.network | ~prefix.mask) >>> 0];
}

export function prefixContains(prefix: Ipv4Prefix, address: number): boolean {
  return (address & prefix.mask) >>> 0 === prefix.network;
}

/** Whether `outer` contains every address of `inner`. */
export function prefixCovers(outer: Ipv4Prefix, inner: Ipv4Prefix): boolean {
  return outer.length <= inner.length && prefixContains(outer, inner.network);
}

export function samePrefix(a: Ipv4Prefix, b: Ipv4Prefix): boolean {
  return a.length === b.length && a.network === b.network;
}

/** Whether the text is an IPv6 address or prefix (which plaudit's route model leaves out). */
export function isIpv6(text: string): boolean {
  const address = text.trim().split('/')[0] ?? '';
  return ipaddr.IPv6.isValid(address);
}

/** Whether an IPv4 address is a public unicast address (not RFC 1918, RFC 6598, loopback...). */
export function isPublicIpv4(text: string): boolean {
  const trimmed = text.trim();
  return ipaddr.IPv4.isValidFourPartDecimal(trimmed) && ipaddr.IPv4.parse(trimmed).range() === 'unicast';
}

function toUint32(octets: readonly number[]): number {
  return (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
}
