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
  /** Source indices per target index, targets in the order first seen (sources may repeat until `finish`). */
  readonly sourcesOf: Map<number, number[]>;
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

  constructor(from: AffectedKind, to: AffectedKind) {
    this.from = from;
    this.to = to;
  }

  get size(): number {
    return this.groups.size;
  }

  /** Adds one pair under `key`; `create` makes the group's data the first time the key is seen. */
  add(key: string, create: () => G, source: string, target: string): G {
    let group = this.groups.get(key);
    if (!group) {
      group = { data: create(), sources: new Set(), sourcesOf: new Map() };
      this.groups.set(key, group);
    }
    const s = this.seen.get(source) ?? this.indexOf(source);
    const t = this.seen.get(target) ?? this.indexOf(target);
    group.sources.add(s);
    const list = group.sourcesOf.get(t);
    if (!list) group.sourcesOf.set(t, [s]);
    else if (list[list.length - 1] !== s) list.push(s);
    return group.data;
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

  private finish(group: Group<G>): Affected {
    const blocks = new Map<string, { sources: number[]; targets: number[] }>();
    let pairs = 0;
    for (const [target, list] of group.sourcesOf) {
      const sources = list.length === 1 ? list : [...new Set(list)].sort((a, b) => a - b);
      pairs += sources.length;
      const signature = sources.length === 1 ? String(sources[0]) : sources.join(',');
      const block = blocks.get(signature);
      if (block) block.targets.push(target);
      else blocks.set(signature, { sources, targets: [target] });
    }
    const { lower, normalized, spelling } = this;
    const byName = (a: number, b: number) => (lower[a]! < lower[b]! ? -1 : lower[a]! > lower[b]! ? 1 : 0);
    const ordered = [...blocks.values()]
      .map((block) => ({ sources: block.sources.slice().sort(byName), targets: block.targets.sort(byName) }))
      .sort((a, b) => byName(a.targets[0]!, b.targets[0]!) || byName(a.sources[0]!, b.sources[0]!));
    const hash = createHash('sha256');
    for (const block of ordered) {
      const ids = (list: number[]) => list.map((index) => normalized[index]).join('|');
      hash.update(`${ids(block.sources)}>${ids(block.targets)};`);
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
