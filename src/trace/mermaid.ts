// A trace as Markdown with a Mermaid path diagram: the source, each step as a box coloured by its
// verdict with the resource behind it, and the destination; then the steps as a table.
import { nameFromId } from '../ids.js';
import { markdownCode, markdownText } from '../text/escape.js';
import { mermaidBlock, type Flowchart } from '../text/mermaid.js';
import { brokenStepsText } from './render.js';
import type { StepVerdict } from './steps/step.js';
import type { Trace } from './trace.js';

const verdictWords: Record<StepVerdict, string> = {
  ok: 'ok',
  warning: 'warning',
  broken: 'BROKEN',
  unknown: 'unknown',
  skipped: 'skipped',
};

const classes = {
  ok: 'fill:#dafbe1,stroke:#1a7f37,color:#1f2328',
  warning: 'fill:#fff8c5,stroke:#bf8700,color:#1f2328',
  unknown: 'fill:#fff8c5,stroke:#bf8700,color:#1f2328',
  broken: 'fill:#ffebe9,stroke:#cf222e,stroke-width:3px,color:#1f2328',
  skipped: 'fill:#eaeef2,stroke:#8c959f,stroke-dasharray:4 3,color:#59636e',
  end: 'fill:#ddf4ff,stroke:#0969da,color:#1f2328',
};

export function destinationText(trace: Trace): string {
  return `${trace.destination.fqdn ?? trace.destination.address}:${trace.destination.port} (${trace.destination.protocol})`;
}

export function traceChart(trace: Trace): Flowchart {
  const steps = trace.steps.map((step, index) => ({
    label: `${index + 1}. ${step.title}`,
    detail: `${verdictWords[step.verdict]}${step.resources[0] ? ` · ${nameFromId(step.resources[0])}` : ''}`,
    className: step.verdict,
  }));
  const nodes = [
    { label: trace.source.description, detail: trace.source.address, shape: 'stadium' as const, className: 'end' },
    ...steps,
    { label: destinationText(trace), shape: 'stadium' as const, className: 'end' },
  ];
  return {
    direction: 'TD',
    nodes,
    edges: nodes.slice(1).map((_, index) => ({
      from: index,
      to: index + 1,
      ...(trace.brokenAt !== undefined && index > trace.brokenAt && { line: 'dotted' as const }),
    })),
    classes,
  };
}

export function renderTraceMarkdown(trace: Trace): string {
  const mark = trace.verdict === 'works' ? '✅' : trace.verdict === 'broken' ? '❌' : '⚠️';
  const verdict =
    trace.verdict === 'works'
      ? 'the path works'
      : trace.verdict === 'broken'
        ? `broken at ${markdownText(brokenStepsText(trace))}`
        : 'the path could not be judged completely';
  const rows = trace.steps.map((step, index) => {
    const resources = step.resources.map((id) => markdownCode(nameFromId(id))).join('<br>');
    const fix = step.verdict === 'broken' && step.fix ? `<br>**Fix:** ${markdownText(step.fix, { breaks: true })}` : '';
    return `| ${index + 1} | ${verdictWords[step.verdict]} | ${markdownText(step.title)} | ${markdownText(step.detail, { breaks: true })}${fix} | ${resources} |`;
  });
  const blocks = [
    `## ${mark} plaudit trace: ${verdict}`,
    `From ${markdownCode(trace.source.description)} (${markdownCode(trace.source.address)}) to ${markdownCode(destinationText(trace))}.`,
    mermaidBlock(traceChart(trace)),
    ['| # | Verdict | Step | Detail | Resources |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'),
  ];
  if (trace.assumptions.length > 0) {
    blocks.push('### Assumptions', trace.assumptions.map((assumption) => `- ${markdownText(assumption)}`).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}
