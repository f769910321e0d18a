// Findings at the grain of the fix: a check reports one finding per thing to change (a firewall
// policy that lacks a rule, a zone that lacks a link, a route table) and carries the pairs that
// thing breaks (consumer subnet -> private endpoint, VNet -> endpoint) as evidence. The number of
// findings then grows with the misconfigured resources, not with consumers times endpoints.
//
// `AffectedGroups` collects pairs under a group key and hands back, per group, the check's own
// data and the pairs in a compact form: blocks of sources and targets where every source of a block
// is cut off from every target of it (a missing rule usually blocks all consumers from all
// endpoints of a service, which is one block however large the estate).
import { createHash } from 'node:crypto';
import { normalizeId } from '../src/ids.js';

/** What the two ends of an affected pair are. */
export type AffectedKind = 'subnet' | 'virtualNetwork' | 'privateEndpoint' | 'service';

/** Every source of a block is affected with every target of it; ids as the inventory spells them. */
export interface AffectedBlock {
  readonly sources: readonly string[];
  readonly targets: readonly string[];
}

/** The pairs a finding breaks: counts always, the full list as blocks. */
export interface Affected {
  readonly from: AffectedKind;
  readonly to: AffectedKind;
  /** Distinct (source, target) pairs. */
  readonly pairs: number;
  /** Distinct sources and targets. */
  readonly sources: number;
  readonly targets: number;
  readonly blocks: readonly AffectedBlock[];
  /** A hash of the pair set, so a baseline can tell when the pairs changed (finding `updated`). */
  readonly digest: string;
}

interface Group<G> {
  readonly data: G;
  /** Distinct sources, as indices into the instance's id table. */
  readonly sources: Set<number>;
  /**
   * Source indices per target index, targets in the order first seen: one number while a target
   * has one source (the common case, and no array for it), a list that may repeat until `finish`.
   */
  readonly sourcesOf: Map<number, number | number[]>;
}

/** One group of an `AffectedGroups`, for a caller that adds many pairs under the same key. */
export interface AffectedGroup<G> {
  readonly data: G;
  add(source: string, target: string): void;
}

/**
 * Groups a check's (source, target) pairs by the thing to change. Pairs are deduplicated by
 * normalized id; groups come back in the order they were first seen.
 */
export class AffectedGroups<G> {
  private readonly groups = new Map<string, Group<G>>();
  private readonly from: AffectedKind;
  private readonly to: AffectedKind;
  /** Ids as given (the inventory hands out the same strings), by normalized id, and the first spelling. */
  private readonly seen = new Map<string, number>();
  private readonly byNormalized = new Map<string, number>();
  private readonly spelling: string[] = [];
  private readonly normalized: string[] = [];
  /** Sort keys: the spelling in lower case, as ids are compared for people. */
  private readonly lower: string[] = [];
  private rank: Int32Array | undefined;

  constructor(from: AffectedKind, to: AffectedKind) {
    this.from = from;
    this.to = to;
  }

  get size(): number {
    return this.groups.size;
  }

  /** Adds one pair under `key`; `create` makes the group's data the first time the key is seen. */
  add(key: string, create: () => G, source: string, target: string): G {
    const group = this.groupOf(key, create);
    this.addPair(group, source, target);
    return group.data;
  }

  /** The group under `key` (made with `create` the first time), to add pairs to without the key. */
  group(key: string, create: () => G): AffectedGroup<G> {
    const group = this.groupOf(key, create);
    return { data: group.data, add: (source, target) => this.addPair(group, source, target) };
  }

  private groupOf(key: string, create: () => G): Group<G> {
    let group = this.groups.get(key);
    if (!group) {
      group = { data: create(), sources: new Set(), sourcesOf: new Map() };
      this.groups.set(key, group);
    }
    return group;
  }

  private addPair(group: Group<G>, source: string, target: string): void {
    const s = this.seen.get(source) ?? this.indexOf(source);
    const t = this.seen.get(target) ?? this.indexOf(target);
    group.sources.add(s);
    const entry = group.sourcesOf.get(t);
    if (entry === undefined) group.sourcesOf.set(t, s);
    else if (typeof entry === 'number') {
      if (entry !== s) group.sourcesOf.set(t, [entry, s]);
    } else if (entry[entry.length - 1] !== s) entry.push(s);
  }

  /** The data of the group under `key`, if any pair was added under it. */
  get(key: string): G | undefined {
    return this.groups.get(key)?.data;
  }

  /** Each group's data with its pairs. */
  *entries(): Generator<{ readonly data: G; readonly affected: Affected }> {
    for (const group of this.groups.values()) yield { data: group.data, affected: this.finish(group) };
  }

  private indexOf(id: string): number {
    const key = normalizeId(id);
    let found = this.byNormalized.get(key);
    if (found === undefined) {
      found = this.spelling.length;
      this.byNormalized.set(key, found);
      this.spelling.push(id);
      this.normalized.push(key);
      this.lower.push(id.toLowerCase());
    }
    this.seen.set(id, found);
    return found;
  }

  /** Each id's place in the order people read ids in (lower case), worked out once for all groups. */
  private ranks(): Int32Array {
    if (this.rank?.length !== this.lower.length) {
      const { lower } = this;
      const order = lower
        .map((_, index) => index)
        .sort((a, b) => (lower[a]! < lower[b]! ? -1 : lower[a]! > lower[b]! ? 1 : 0));
      const rank = new Int32Array(order.length);
      order.forEach((index, position) => (rank[index] = position));
      this.rank = rank;
    }
    return this.rank;
  }

  private finish(group: Group<G>): Affected {
    type Block = { sources: number[]; targets: number[] };
    const bySource = new Map<number, Block>();
    const bySources = new Map<string, Block>();
    let pairs = 0;
    for (const [target, entry] of group.sourcesOf) {
      const sources = typeof entry === 'number' ? [entry] : [...new Set(entry)].sort((a, b) => a - b);
      pairs += sources.length;
      let block = sources.length === 1 ? bySource.get(sources[0]!) : bySources.get(sources.join(','));
      if (!block) {
        block = { sources, targets: [] };
        if (sources.length === 1) bySource.set(sources[0]!, block);
        else bySources.set(sources.join(','), block);
      }
      block.targets.push(target);
    }
    const { normalized, spelling } = this;
    const rank = this.ranks();
    const byName = (a: number, b: number) => rank[a]! - rank[b]!;
    const ordered = [...bySource.values(), ...bySources.values()]
      .map((block) => ({ sources: block.sources.slice().sort(byName), targets: block.targets.sort(byName) }))
      .sort((a, b) => byName(a.targets[0]!, b.targets[0]!) || byName(a.sources[0]!, b.sources[0]!));
    // The digest of `sources|…>targets|…;` per block, fed in slices: one string of a whole block
    // would be megabytes for a block of every endpoint.
    const hash = createHash('sha256');
    const update = (list: number[]) => {
      for (let start = 0; start < list.length; start += hashSlice) {
        const slice = list.slice(start, start + hashSlice).map((index) => normalized[index]);
        hash.update(`${start > 0 ? '|' : ''}${slice.join('|')}`);
      }
    };
    for (const block of ordered) {
      update(block.sources);
      hash.update('>');
      update(block.targets);
      hash.update(';');
    }
    const spelled = (list: number[]) => list.map((index) => spelling[index]!);
    return {
      from: this.from,
      to: this.to,
      pairs,
      sources: group.sources.size,
      targets: group.sourcesOf.size,
      blocks: ordered.map((block) => ({ sources: spelled(block.sources), targets: spelled(block.targets) })),
      digest: hash.digest('hex').slice(0, 32),
    };
  }
}

/** Ids per update of a digest. */
const hashSlice = 512;

const kindNames: Record<AffectedKind, [string, string]> = {
  subnet: ['subnet', 'subnets'],
  virtualNetwork: ['VNet', 'VNets'],
  privateEndpoint: ['private endpoint', 'private endpoints'],
  service: ['service', 'services'],
};

/** "1 subnet", "2,140 private endpoints": a count with its noun, for messages. */
export function countOf(count: number, kind: AffectedKind): string {
  const [one, many] = kindNames[kind];
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** "private endpoint" or "private endpoints" for `count`. */
export function nounOf(count: number, kind: AffectedKind): string {
  const [one, many] = kindNames[kind];
  return count === 1 ? one : many;
}

/** "a, b, c and 2,137 more": at most `limit` names, then how many are left out. */
export function sampleOf(names: readonly string[], total: number, limit = 3): string {
  const shown = names.slice(0, limit);
  const more = total - shown.length;
  if (more <= 0)
    return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown.join('');
  return `${shown.join(', ')} and ${more.toLocaleString('en-US')} more`;
}

/** The first `limit` distinct names (last id segments) of the affected sources or targets. */
export function affectedNames(affected: Affected, end: 'sources' | 'targets', limit = 3): string[] {
  const names = new Map<string, string>();
  for (const block of affected.blocks) {
    for (const id of block[end]) {
      if (names.size >= limit) return [...names.values()];
      names.set(normalizeId(id), readableName(id));
    }
  }
  return [...names.values()];
}

/** "subnets a, b and c" / "2,140 private endpoints (pe-1, pe-2, pe-3 and 2,137 more)". */
export function describeEnd(affected: Affected, end: 'sources' | 'targets', limit = 3): string {
  const total = affected[end];
  const kind = end === 'sources' ? affected.from : affected.to;
  return `${countOf(total, kind)} (${sampleOf(affectedNames(affected, end, limit), total, limit)})`;
}

/** A resource's name for people: a subnet with its VNet (`vnet-app/sn-app`), since subnet names repeat. */
function readableName(id: string): string {
  const subnet = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)$/i.exec(id);
  return subnet ? `${subnet[1]}/${subnet[2]}` : id.slice(id.lastIndexOf('/') + 1);
}
