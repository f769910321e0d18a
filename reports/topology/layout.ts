// Places the picture's nodes and routes its lines with dagre (a layered graph layout), run when the
// report is written: zones on the left, then hubs, spokes, endpoint subnets and services.
import dagre from '@dagrejs/dagre';
import type { NodeKind } from './facts.js';
import type { DrawnEdge, DrawnNode, Topology } from './topology.js';

const kindWords: Record<NodeKind, string> = {
  hub: 'hub VNet',
  vhub: 'Virtual WAN hub',
  spoke: 'VNet',
  firewall: 'firewall',
  subnet: 'endpoint subnet',
  service: 'private endpoints',
  zone: 'private DNS zone',
  aggregate: 'folded',
};

export function kindWord(kind: NodeKind): string {
  return kindWords[kind];
}

export const nodeHeight = 46;
/** Characters of a label a box shows; the whole text is in its title and panel. */
export const labelChars = 34;

export interface Placed {
  readonly node: DrawnNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export interface Routed {
  readonly edge: DrawnEdge;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly Placed[];
  readonly edges: readonly Routed[];
}

/** The second line of a box: what it is and its detail (a folded box: its counts). */
export function detailLine(node: DrawnNode): string {
  if (node.kind === 'aggregate') return node.detail;
  return `${kindWords[node.kind]}${node.detail ? ` · ${node.detail}` : ''}`;
}

export function nodeWidth(node: DrawnNode): number {
  const chars = Math.max(
    Math.min(Array.from(node.label).length, labelChars) * 1.1,
    Math.min(Array.from(detailLine(node)).length, 48) * 0.95,
  );
  return Math.round(Math.max(110, Math.min(320, chars * 6.6 + 30)));
}

export function layoutTopology(topology: Topology): Layout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, edgesep: 8, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of topology.nodes) graph.setNode(node.id, { width: nodeWidth(node), height: nodeHeight });
  for (const edge of topology.edges) {
    graph.setEdge(
      edge.from,
      edge.to,
      { minlen: edge.kind === 'contains' ? 1 : 1, weight: edge.kind === 'contains' ? 2 : 1 },
      edge.id,
    );
  }
  dagre.layout(graph);
  const label = graph.graph();
  return {
    width: Math.ceil(label.width ?? 0),
    height: Math.ceil(label.height ?? 0),
    nodes: topology.nodes.map((node) => {
      const placed = graph.node(node.id) as { x: number; y: number; width: number };
      return { node, x: placed.x, y: placed.y, width: placed.width };
    }),
    edges: topology.edges.map((edge) => {
      const routed = graph.edge({ v: edge.from, w: edge.to, name: edge.id }) as { points?: { x: number; y: number }[] };
      return { edge, points: routed.points ?? [] };
    }),
  };
}
