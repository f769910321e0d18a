// The picture's graph: the estate's elements with the findings placed on them, folded until it fits
// a budget. Hubs always stay; then spokes and zones without findings fold into one node per set of
// hubs, then all spokes and zones (with findings apart from those without), then spokes across
// hubs. A folded node keeps the counts and ids of what it holds, so nothing leaves the picture.
import { isCounted } from '../common.js';
import type { Finding, Level } from '../../src/engine/types.js';
import { normalizeId } from '../../src/ids.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { topologyFacts, type EdgeKind, type Facts, type NodeKind } from './facts.js';

export interface DrawnNode {
  /** A short id for markup (`e12`): never derived from the estate. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly detail: string;
  /** The first of the resources it stands for (at most `idSample`), and how many there are. */
  readonly ids: readonly string[];
  readonly idCount: number;
  readonly endpoints: number;
  /** Indices into the findings: those on this element. */
  readonly findings: readonly number[];
  readonly level: Level | undefined;
}

export interface DrawnEdge {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  readonly ids: readonly string[];
  readonly idCount: number;
  readonly label: string | undefined;
  /** How many lines of the estate this one stands for. */
  readonly count: number;
  readonly findings: readonly number[];
  readonly level: Level | undefined;
}

export interface Topology {
  readonly nodes: readonly DrawnNode[];
  readonly edges: readonly DrawnEdge[];
  /** Per finding (by index), the elements it is drawn on; empty when it is on none. */
  readonly elementsOf: readonly (readonly string[])[];
  /** Findings on no element of the picture. */
  readonly unplaced: readonly number[];
  /** 0 when every element is drawn; higher when parts of the estate were folded together. */
  readonly foldLevel: number;
  readonly totals: {
    readonly vnets: number;
    readonly endpoints: number;
    readonly zones: number;
    readonly firewalls: number;
  };
}

/** Resource ids an element keeps to show; the count says how many it stands for. */
export const idSample = 50;

export interface Budget {
  readonly nodes: number;
  readonly edges: number;
}

const severity: Record<Level, number> = { error: 3, warning: 2, note: 1 };

function worst(levels: Iterable<Level>): Level | undefined {
  let result: Level | undefined;
  for (const level of levels) if (!result || severity[level] > severity[result]) result = level;
  return result;
}

/** The fine elements a finding concerns: its resource's, else the first related resource's. */
function fineElementsOf(facts: Facts, finding: Finding): readonly string[] {
  for (const id of [finding.resourceId, ...finding.related]) {
    const key = normalizeId(id);
    const owned = facts.owners.get(key);
    if (owned?.length) return owned;
    // A child of a VNet (a subnet, a peering) that was not read on its own: on the VNet.
    const vnet = /^(.*?\/providers\/microsoft\.network\/virtualnetworks\/[^/]+)\//.exec(key)?.[1];
    if (vnet && facts.nodes.has(`vnet:${vnet}`)) return [`vnet:${vnet}`];
  }
  return [];
}

export function buildTopology(
  inv: Inventory,
  findings: readonly Finding[],
  budget: Budget = { nodes: 300, edges: 600 },
): Topology {
  const wanted = new Set(findings.flatMap((finding) => [finding.resourceId, ...finding.related]).map(normalizeId));
  const facts = topologyFacts(inv, wanted);
  const fine = findings.map((finding) => fineElementsOf(facts, finding));
  // Units with a counted finding on one of their elements (a line flags the units at both ends).
  const flagged = new Set<string>();
  const unitOf = (element: string) => facts.nodes.get(element)?.unit;
  fine.forEach((elements, index) => {
    if (!isCounted(findings[index]!)) return;
    for (const element of elements) {
      const edge = facts.edges.get(element);
      for (const node of edge ? [edge.from, edge.to] : [element]) {
        const unit = unitOf(node);
        if (unit) flagged.add(unit);
      }
    }
  });
  const units = new Set([...facts.nodes.values()].map((node) => node.unit));
  const levels = [0, 1, 2, 3, 4];
  const endpoints = new Set([...facts.nodes.values()].filter((node) => node.endpoints > 0).map((node) => node.unit));
  let drawn = draw(facts, findings, fine, new Map(), 0);
  for (const level of levels.slice(1)) {
    if (drawn.nodes.length <= budget.nodes && drawn.edges.length <= budget.edges) break;
    drawn = draw(facts, findings, fine, foldings(facts, units, flagged, endpoints, level), level);
  }
  const nodes = [...facts.nodes.values()];
  return {
    ...drawn,
    totals: {
      vnets: inv.vnets.size,
      endpoints: inv.privateEndpoints.size,
      zones: inv.zones.size,
      firewalls: nodes.filter((node) => node.kind === 'firewall').length,
    },
  };
}

/**
 * Which units fold into which aggregate at a level: 1, spokes without findings or endpoints; 2, also
 * spokes with endpoints and zones, without findings; 3, all of them, those with findings apart;
 * 4, spokes across hubs.
 */
function foldings(
  facts: Facts,
  units: ReadonlySet<string>,
  flagged: ReadonlySet<string>,
  endpoints: ReadonlySet<string>,
  level: number,
) {
  const folded = new Map<string, string>();
  for (const unit of units) {
    if (facts.hubs.has(unit)) continue;
    const kind = unit.slice(0, unit.indexOf(':'));
    const state = flagged.has(unit) ? 'flagged' : 'clean';
    if (level <= 2 && state === 'flagged') continue;
    if (level === 1 && (kind !== 'vnet' || endpoints.has(unit))) continue;
    if (kind === 'vnet') {
      const hubs = level >= 4 ? 'all' : (facts.hubsOfUnit.get(unit) ?? []).join(',') || 'none';
      const holds = level === 1 ? 'plain' : endpoints.has(unit) ? 'endpoints' : 'plain';
      folded.set(unit, `agg|spokes|${state}|${holds}|${hubs}`);
    } else if (kind === 'zone') {
      folded.set(unit, `agg|zones|${state}`);
    } else {
      folded.set(unit, `agg|${kind}|${state}`);
    }
  }
  return folded;
}

interface Building {
  kind: NodeKind;
  label: string;
  detail: string;
  ids: string[];
  idCount: number;
  endpoints: number;
  members: Set<string>;
  findings: number[];
}

function draw(
  facts: Facts,
  findings: readonly Finding[],
  fine: readonly (readonly string[])[],
  folded: ReadonlyMap<string, string>,
  foldLevel: number,
): Omit<Topology, 'totals'> {
  const nodes = new Map<string, Building>();
  const drawnOf = (key: string) => {
    const node = facts.nodes.get(key);
    return node ? (folded.get(node.unit) ?? key) : key;
  };
  for (const node of facts.nodes.values()) {
    const key = drawnOf(node.key);
    const existing = nodes.get(key);
    if (existing) {
      if (existing.ids.length < idSample) existing.ids.push(...node.ids.slice(0, idSample - existing.ids.length));
      existing.idCount += node.ids.length;
      existing.endpoints += node.endpoints;
      existing.members.add(node.unit);
    } else if (key === node.key) {
      nodes.set(key, {
        ...node,
        ids: node.ids.slice(0, idSample),
        idCount: node.ids.length,
        members: new Set([node.unit]),
        findings: [],
      });
    } else {
      nodes.set(key, {
        kind: 'aggregate',
        label: '',
        detail: '',
        ids: node.ids.slice(0, idSample),
        idCount: node.ids.length,
        endpoints: node.endpoints,
        members: new Set([node.unit]),
        findings: [],
      });
    }
  }
  for (const [key, node] of nodes) {
    if (node.kind !== 'aggregate') continue;
    const [, what, state] = key.split('|', 3);
    const count = node.members.size;
    const flagged = state === 'flagged' ? ' with findings' : '';
    if (what === 'spokes') {
      node.label = `${count.toLocaleString('en-US')} ${count === 1 ? 'spoke' : 'spokes'}${flagged}`;
      node.detail = node.endpoints > 0 ? `${node.endpoints.toLocaleString('en-US')} endpoints` : 'no endpoints';
    } else if (what === 'zones') {
      node.label = `${count.toLocaleString('en-US')} ${count === 1 ? 'zone' : 'zones'}${flagged}`;
      node.detail = 'private DNS zones';
    } else {
      node.label = `${count.toLocaleString('en-US')} services${flagged}`;
      node.detail = 'without a private endpoint';
    }
  }
  const edges = new Map<
    string,
    {
      kind: EdgeKind;
      from: string;
      to: string;
      ids: string[];
      idCount: number;
      label: string | undefined;
      count: number;
      findings: number[];
    }
  >();
  const edgeOf = new Map<string, string>();
  for (const edge of facts.edges.values()) {
    const from = drawnOf(edge.from);
    const to = drawnOf(edge.to);
    if (from === to) continue;
    const key = `${edge.kind}|${from}|${to}`;
    edgeOf.set(edge.key, key);
    const existing = edges.get(key);
    if (existing) {
      if (existing.ids.length < idSample) existing.ids.push(...edge.ids.slice(0, idSample - existing.ids.length));
      existing.idCount += edge.ids.length;
      existing.count += 1;
      existing.label ??= edge.label;
    } else {
      edges.set(key, {
        kind: edge.kind,
        from,
        to,
        ids: edge.ids.slice(0, idSample),
        idCount: edge.ids.length,
        label: edge.label,
        count: 1,
        findings: [],
      });
    }
  }
  // Short ids for markup, in a stable order.
  const ids = new Map<string, string>();
  let next = 0;
  for (const key of nodes.keys()) ids.set(key, `e${++next}`);
  for (const key of edges.keys()) ids.set(key, `e${++next}`);

  const unplaced: number[] = [];
  const elementsOf = fine.map((elements, index) => {
    const drawnKeys = new Set<string>();
    for (const element of elements) {
      if (facts.edges.has(element)) {
        const edgeKey = edgeOf.get(element);
        // A line folded inside one node: the finding is on that node.
        drawnKeys.add(edgeKey ?? drawnOf(facts.edges.get(element)!.from));
      } else {
        drawnKeys.add(drawnOf(element));
      }
    }
    const list = [...drawnKeys].filter((key) => ids.has(key));
    for (const key of list) (nodes.get(key) ?? edges.get(key))!.findings.push(index);
    if (list.length === 0) unplaced.push(index);
    return list.map((key) => ids.get(key)!);
  });
  const levelOf = (indices: readonly number[]) =>
    worst(
      indices
        .map((index) => findings[index]!)
        .filter(isCounted)
        .map((finding) => finding.level),
    );
  return {
    nodes: [...nodes].map(([key, node]) => ({
      id: ids.get(key)!,
      kind: node.kind,
      label: node.label,
      detail: node.detail,
      ids: node.ids,
      idCount: node.idCount,
      endpoints: node.endpoints,
      findings: node.findings,
      level: levelOf(node.findings),
    })),
    edges: [...edges].map(([key, edge]) => ({
      id: ids.get(key)!,
      kind: edge.kind,
      from: ids.get(edge.from)!,
      to: ids.get(edge.to)!,
      ids: edge.ids,
      idCount: edge.idCount,
      label:
        edge.count > 1 ? `×${edge.count.toLocaleString('en-US')}${edge.label ? ` · ${edge.label}` : ''}` : edge.label,
      count: edge.count,
      findings: edge.findings,
      level: levelOf(edge.findings),
    })),
    elementsOf,
    unplaced,
    foldLevel,
  };
}
