// IPv4 address sets for Azure Firewall rule matching. Rules write addresses as `*`, single IPs,
// CIDRs or ranges `a-b`; a set keeps them as sorted, merged [low, high] integer intervals so that
// containment, intersection and subtraction stay cheap when thousands of rules are walked.
// Addresses and prefixes are parsed by ../cidr.ts, like every other IPv4 text in plaudit.
import { formatIpv4, parseIpv4, parseIpv4Prefix, prefixRange } from '../cidr.js';

/** An inclusive range of IPv4 addresses as unsigned 32-bit integers. */
export type Interval = readonly [number, number];

const maxIpv4 = 0xffffffff;

/** What one address entry of a rule means. */
export type AddressEntry =
  | { readonly kind: 'any' }
  | { readonly kind: 'ipv4'; readonly interval: Interval }
  /** IPv6 addresses, service tags and anything else plaudit cannot place in IPv4 space. */
  | { readonly kind: 'other'; readonly text: string };

export function parseAddressEntry(text: string): AddressEntry {
  const value = text.trim();
  if (value === '*') return { kind: 'any' };
  const interval = parseIpv4Interval(value);
  return interval ? { kind: 'ipv4', interval } : { kind: 'other', text: value };
}

/** An IPv4 address, CIDR or `a-b` range as an interval; undefined for anything else. */
export function parseIpv4Interval(text: string): Interval | undefined {
  const value = text.trim();
  const dash = value.indexOf('-');
  if (dash > 0) {
    const low = parseIpv4(value.slice(0, dash));
    const high = parseIpv4(value.slice(dash + 1));
    return low !== undefined && high !== undefined && low <= high ? [low, high] : undefined;
  }
  const slash = value.indexOf('/');
  if (slash > 0) {
    // Rule entries have always been read with blanks allowed before the slash (as around the dash
    // of a range) and a length of one or two digits; route prefixes are stricter on the first and
    // laxer on the second (see parseIpv4Prefix).
    const length = value.slice(slash + 1);
    const prefix = /^\d{1,2}$/.test(length) ? parseIpv4Prefix(`${value.slice(0, slash).trim()}/${length}`) : undefined;
    return prefix && prefixRange(prefix);
  }
  const single = parseIpv4(value);
  return single === undefined ? undefined : [single, single];
}

/** A set of IPv4 addresses; immutable. */
export class AddressSet {
  static readonly empty = new AddressSet([]);
  static readonly all = new AddressSet([[0, maxIpv4]]);

  /** Sorted, non-overlapping, non-adjacent intervals. */
  readonly intervals: readonly Interval[];

  private constructor(intervals: readonly Interval[]) {
    this.intervals = intervals;
  }

  static of(intervals: readonly Interval[]): AddressSet {
    if (intervals.length === 0) return AddressSet.empty;
    const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [low, high] of sorted) {
      const last = merged[merged.length - 1];
      if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
      else merged.push([low, high]);
    }
    return new AddressSet(merged);
  }

  /** The set of the IPv4 entries among texts (others are ignored; see `parseAddressEntry`). */
  static parse(texts: readonly string[]): AddressSet {
    return AddressSet.of(texts.map(parseIpv4Interval).filter((interval): interval is Interval => !!interval));
  }

  get isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  has(address: number): boolean {
    let low = 0;
    let high = this.intervals.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [start, end] = this.intervals[middle]!;
      if (address < start) high = middle - 1;
      else if (address > end) low = middle + 1;
      else return true;
    }
    return false;
  }

  hasIp(ip: string): boolean {
    const address = parseIpv4(ip);
    return address !== undefined && this.has(address);
  }

  union(other: AddressSet): AddressSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return AddressSet.of([...this.intervals, ...other.intervals]);
  }

  intersect(other: AddressSet): AddressSet {
    const result: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < this.intervals.length && j < other.intervals.length) {
      const [a0, a1] = this.intervals[i]!;
      const [b0, b1] = other.intervals[j]!;
      const low = Math.max(a0, b0);
      const high = Math.min(a1, b1);
      if (low <= high) result.push([low, high]);
      if (a1 < b1) i++;
      else j++;
    }
    return result.length === 0 ? AddressSet.empty : new AddressSet(result);
  }

  subtract(other: AddressSet): AddressSet {
    if (other.isEmpty || this.isEmpty) return this;
    const result: Interval[] = [];
    let j = 0;
    for (const [start, end] of this.intervals) {
      let low = start;
      while (j < other.intervals.length && other.intervals[j]![1] < low) j++;
      for (let k = j; low <= end && k < other.intervals.length && other.intervals[k]![0] <= end; k++) {
        const [cutLow, cutHigh] = other.intervals[k]!;
        if (cutLow > low) result.push([low, cutLow - 1]);
        low = Math.max(low, cutHigh + 1);
      }
      if (low <= end) result.push([low, end]);
    }
    return result.length === 0 ? AddressSet.empty : new AddressSet(result);
  }

  /** The set as CIDRs where they align, `a-b` otherwise: `10.1.0.0/25`, `10.1.0.3-10.1.0.9`. */
  toStrings(): string[] {
    return this.intervals.map(([low, high]) => formatInterval(low, high));
  }
}

function formatInterval(low: number, high: number): string {
  if (low === high) return formatIpv4(low);
  const size = high - low + 1;
  const bits = 32 - Math.log2(size);
  if (Number.isInteger(bits) && low % size === 0) return `${formatIpv4(low)}/${bits}`;
  return `${formatIpv4(low)}-${formatIpv4(high)}`;
}

/** RFC 1918 and RFC 6598 (shared address space): what the `IANAPrivateRanges` token stands for. */
export const ianaPrivateRanges: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
