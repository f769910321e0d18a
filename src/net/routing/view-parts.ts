// What building a subnet's route view gathers as it goes: the routes with a prefix (before routes
// with the same prefix are weighed), user routes to service tags, the VNets whose private endpoints
// reach the subnet with their address spaces, and what plaudit assumed or could not know, each in
// the order met.
import { parseIpv4Prefix, type Ipv4Prefix } from '../cidr.js';
import type { Compiled, Draft } from './precedence.js';
import type { EffectiveRoute, RouteSource } from './types.js';

export class ViewParts {
  readonly drafts: Draft[] = [];
  /** User routes to a service tag: listed, never matched (plaudit does not know the tag's prefixes). */
  readonly serviceTagRoutes: Compiled[] = [];
  /** VNets whose private endpoints put /32 routes in this subnet: its own and those peered (Connected). */
  readonly endpointVnets = new Set<string>();
  /** Address spaces of those VNets, as this subnet's routes see them. */
  readonly spaces = new Map<string, readonly Ipv4Prefix[]>();
  readonly assumptions: string[] = [];
  /** Why part of the table cannot be known. */
  readonly unknown: string[] = [];

  route(source: RouteSource, prefix: Ipv4Prefix, nextHopType: string, extra: Partial<EffectiveRoute>): void {
    this.drafts.push({ source, prefix, nextHopType, extra });
  }

  /** A VNet whose private endpoints reach the subnet, with the address space its routes cover. */
  reach(vnetKey: string, space: readonly Ipv4Prefix[]): void {
    this.endpointVnets.add(vnetKey);
    this.spaces.set(vnetKey, space);
  }

  /** The IPv4 prefixes among an address space; the others are named as not modelled. */
  prefixesOf(texts: readonly string[], owner: string): Ipv4Prefix[] {
    const prefixes: Ipv4Prefix[] = [];
    for (const text of texts) {
      const prefix = parseIpv4Prefix(text);
      if (prefix) prefixes.push(prefix);
      else this.assumptions.push(`${owner} has address prefix ${text}, which plaudit does not model (IPv4 only).`);
    }
    return prefixes;
  }
}
