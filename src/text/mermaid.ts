// Mermaid flowcharts from data, for Markdown that GitHub renders (```mermaid blocks). Node ids are
// made here (`n1`, `n2`...), never taken from data; every label is clipped and written with only
// letters, digits and a few plain punctuation marks as themselves, everything else as a Mermaid
// entity code (`#60;`), so a name can neither end the label, the line or the code block, nor start
// a directive, a link or markup. Control and bidi characters are shown as `\u{202e}`-style text.

/* eslint-disable-next-line no-control-regex -- the pattern exists to find control characters */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text inside a quoted Mermaid label: clipped to `max` characters, then encoded. */
export function mermaidText(text: string, max = 48): string {
  // A code point is at most two UTF-16 units: look at no more of a long text than can be kept.
  const visible = text.slice(0, max * 2 + 2).replace(unsafe, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
  const chars = Array.from(visible);
  const whole = chars.length <= max && text.length <= max * 2 + 2;
  const clipped = whole ? chars : [...chars.slice(0, Math.max(1, max - 1)), '…'];
  return clipped.map((char) => (/^[A-Za-z0-9 .,:_/()+=-]$/.test(char) ? char : `#${char.codePointAt(0)};`)).join('');
}

export type MermaidShape = 'box' | 'round' | 'stadium' | 'hexagon' | 'slanted';

export interface MermaidNode {
  readonly label: string;
  /** A second line, smaller in meaning (kind, counts). */
  readonly detail?: string;
  readonly shape?: MermaidShape;
  /** A class defined in `classes`. */
  readonly className?: string;
}

export type MermaidLine = 'arrow' | 'line' | 'dotted' | 'thick';

export interface MermaidEdge {
  /** Indices into the nodes. */
  readonly from: number;
  readonly to: number;
  readonly line?: MermaidLine;
  readonly label?: string;
  /** A style for this line only (`stroke:#cf222e,stroke-width:3px`); written by the caller, not data. */
  readonly style?: string;
}

export interface Flowchart {
  readonly direction: 'LR' | 'TD';
  readonly nodes: readonly MermaidNode[];
  readonly edges: readonly MermaidEdge[];
  /** Class name -> style, written by the caller (never data). */
  readonly classes?: Readonly<Record<string, string>>;
}

const shapes: Record<MermaidShape, [string, string]> = {
  box: ['["', '"]'],
  round: ['("', '")'],
  stadium: ['(["', '"])'],
  hexagon: ['{{"', '"}}'],
  slanted: ['[/"', '"/]'],
};

const lines: Record<MermaidLine, string> = { arrow: '-->', line: '---', dotted: '-.-', thick: '==>' };

/** The flowchart's Mermaid source (without the code fence). */
export function flowchart(chart: Flowchart): string {
  const out = [`flowchart ${chart.direction}`];
  chart.nodes.forEach((node, index) => {
    const [open, close] = shapes[node.shape ?? 'box'];
    const text = mermaidText(node.label) + (node.detail ? `<br/><small>${mermaidText(node.detail, 60)}</small>` : '');
    out.push(`  n${index + 1}${open}${text}${close}`);
  });
  const styles: string[] = [];
  chart.edges.forEach((edge, index) => {
    const label = edge.label ? `|"${mermaidText(edge.label, 40)}"|` : '';
    out.push(`  n${edge.from + 1} ${lines[edge.line ?? 'arrow']}${label} n${edge.to + 1}`);
    if (edge.style) styles.push(`  linkStyle ${index} ${edge.style}`);
  });
  out.push(...styles);
  for (const [name, style] of Object.entries(chart.classes ?? {})) {
    const members = chart.nodes.flatMap((node, index) => (node.className === name ? [`n${index + 1}`] : []));
    if (members.length === 0) continue;
    out.push(`  classDef ${name} ${style}`, `  class ${members.join(',')} ${name}`);
  }
  return out.join('\n');
}

/** A fenced block GitHub renders as a diagram. */
export function mermaidBlock(chart: Flowchart): string {
  return `\`\`\`mermaid\n${flowchart(chart)}\n\`\`\``;
}
