// The topology as inline SVG: a box per node and a line per edge, each a link to its panel (which
// CSS shows without script), coloured by the worst finding on it and flagged with their count.
// Every label is estate data: clipped to its box and escaped; the full text is in the title.
import { clip, html } from '../../src/text/html.js';
import { isCounted } from '../common.js';
import type { Finding } from '../../src/engine/types.js';
import type { NodeKind } from './facts.js';
import { detailLine, kindWord, labelChars, nodeHeight, type Layout } from './layout.js';

export { kindWord };

const cssKind: Record<NodeKind, string> = {
  hub: 'hub',
  vhub: 'vhub',
  spoke: 'spoke',
  firewall: 'fw',
  subnet: 'subnet',
  service: 'svc',
  zone: 'zone',
  aggregate: 'agg',
};

const round = (value: number) => Math.round(value * 10) / 10;

export function topologySvg(layout: Layout, findings: readonly Finding[]): string {
  const counted = (indices: readonly number[]) => indices.filter((index) => isCounted(findings[index]!)).length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="topology-title">`,
    '<title id="topology-title">Topology of the scanned estate</title>',
  ];
  for (const { edge, points } of layout.edges) {
    if (points.length === 0) continue;
    const d = `M${points.map((point) => `${round(point.x)},${round(point.y)}`).join(' L')}`;
    const classes = ['edge', edge.kind, edge.level ?? ''].filter(Boolean).join(' ');
    const count = counted(edge.findings);
    const title = `${edge.kind}${edge.label ? ` (${edge.label})` : ''}${count > 0 ? `: ${count} ${count === 1 ? 'finding' : 'findings'}` : ''}`;
    parts.push(
      `<a href="#${edge.id}" class="${classes}" data-el="${edge.id}"><title>${html(title)}</title>` +
        `<path class="hit" d="${d}"/><path class="line" d="${d}"/>`,
    );
    if (edge.label) {
      const middle = points[Math.floor(points.length / 2)]!;
      parts.push(
        `<text x="${round(middle.x)}" y="${round(middle.y - 4)}" text-anchor="middle">${html(clip(edge.label, 24))}</text>`,
      );
    }
    parts.push('</a>');
  }
  for (const { node, x, y, width } of layout.nodes) {
    const left = round(x - width / 2);
    const top = round(y - nodeHeight / 2);
    const count = counted(node.findings);
    const classes = ['node', cssKind[node.kind], node.level ?? ''].filter(Boolean).join(' ');
    const title = `${kindWord(node.kind)}: ${node.label}${node.detail ? ` (${node.detail})` : ''}${count > 0 ? `; ${count} ${count === 1 ? 'finding' : 'findings'}` : ''}`;
    const maxDetail = Math.max(8, Math.floor((width - 20) / 6.2));
    const maxLabel = Math.min(labelChars, Math.max(8, Math.floor((width - 24) / 7.2)));
    parts.push(
      `<a href="#${node.id}" class="${classes}" data-el="${node.id}"><title>${html(clip(title, 400))}</title>` +
        `<rect x="${left}" y="${top}" width="${width}" height="${nodeHeight}" rx="6"/>` +
        `<text x="${round(left + 10)}" y="${round(top + 19)}">${html(clip(node.label, maxLabel))}</text>` +
        `<text class="sub" x="${round(left + 10)}" y="${round(top + 36)}">${html(clip(detailLine(node), maxDetail))}</text>`,
    );
    if (count > 0) {
      const cx = round(left + width - 2);
      const cy = round(top + 2);
      parts.push(
        `<circle class="flag" cx="${cx}" cy="${cy}" r="10"/><text class="flag-text" x="${cx}" y="${round(cy + 4)}" text-anchor="middle">${count > 99 ? '99+' : count}</text>`,
      );
    }
    parts.push('</a>');
  }
  parts.push('</svg>');
  return parts.join('\n');
}
