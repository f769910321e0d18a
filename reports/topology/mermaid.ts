// The topology as a Mermaid flowchart for the Markdown report and the job summary. It folds the
// estate further than the HTML picture: GitHub draws at most a few hundred lines and 50,000
// characters of Mermaid, and the summary is read at a glance.
import type { Finding } from '../../src/engine/types.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { mermaidBlock, type Flowchart, type MermaidShape } from '../../src/text/mermaid.js';
import { isCounted, plural } from '../common.js';
import type { NodeKind } from './facts.js';
import { detailLine } from './layout.js';
import { buildTopology, type Topology } from './topology.js';

/** Characters of Mermaid source a diagram stays under (GitHub's renderer refuses 50,000). */
export const mermaidLimit = 40_000;

const shapeOf: Record<NodeKind, MermaidShape> = {
  hub: 'box',
  vhub: 'box',
  spoke: 'box',
  firewall: 'hexagon',
  subnet: 'box',
  service: 'round',
  zone: 'stadium',
  aggregate: 'slanted',
};

const classes = {
  error: 'stroke:#cf222e,stroke-width:3px',
  warning: 'stroke:#bf8700,stroke-width:3px',
  note: 'stroke:#0969da,stroke-width:2px',
};

const lineStyle = {
  error: 'stroke:#cf222e,stroke-width:3px',
  warning: 'stroke:#bf8700,stroke-width:3px',
  note: 'stroke:#0969da,stroke-width:2px',
};

export function topologyChart(topology: Topology, findings: readonly Finding[]): Flowchart {
  const index = new Map(topology.nodes.map((node, position) => [node.id, position]));
  const count = (indices: readonly number[]) => indices.filter((at) => isCounted(findings[at]!)).length;
  return {
    direction: 'LR',
    nodes: topology.nodes.map((node) => {
      const flagged = count(node.findings);
      return {
        label: flagged > 0 ? `${node.label} (${plural(flagged, 'finding')})` : node.label,
        detail: detailLine(node),
        shape: shapeOf[node.kind],
        ...(node.level && { className: node.level }),
      };
    }),
    edges: topology.edges.map((edge) => {
      const flagged = count(edge.findings);
      const label = [edge.label, flagged > 0 ? plural(flagged, 'finding') : undefined].filter(Boolean).join(' · ');
      return {
        from: index.get(edge.from)!,
        to: index.get(edge.to)!,
        line: edge.kind === 'link' ? 'dotted' : edge.kind === 'contains' ? 'arrow' : 'line',
        ...(label && { label }),
        ...(edge.level && { style: lineStyle[edge.level] }),
      };
    }),
    classes,
  };
}

/**
 * A `### Topology` section with the diagram, folded to fit; undefined when the estate has nothing
 * to draw.
 */
export function topologyMarkdown(inventory: Inventory, findings: readonly Finding[]): string | undefined {
  const topology = buildTopology(inventory, findings, { nodes: 60, edges: 120 });
  if (topology.nodes.length === 0) return undefined;
  const block = mermaidBlock(topologyChart(topology, findings));
  if (block.length > mermaidLimit) {
    return `### Topology\n\nThe estate is too large for a diagram here (${plural(topology.nodes.length, 'element')} even folded); the HTML report (\`--format html\`) has the picture.`;
  }
  const notes = [
    topology.foldLevel > 0 ? 'Parts of the estate are folded together (slanted boxes, with counts).' : '',
    topology.unplaced.length > 0
      ? `${plural(topology.unplaced.length, 'finding')} concern resources that are not on the diagram.`
      : '',
    'Findings are drawn on the element they concern; the HTML report (`--format html`) has the full picture.',
  ].filter(Boolean);
  return `### Topology\n\n${block}\n\n${notes.join(' ')}`;
}
