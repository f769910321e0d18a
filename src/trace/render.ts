import { createColors } from 'picocolors';
import type { StepVerdict } from './steps/step.js';
import type { Trace } from './trace.js';
import { mapStrings, terminalText } from '../text/escape.js';

const marks: Record<StepVerdict, string> = {
  ok: 'ok',
  warning: 'warn',
  broken: 'BROKEN',
  unknown: '??',
  skipped: '--',
};

export function renderTraceText(traced: Trace, options: { color: boolean }): string {
  // Names, ids and addresses come from the estate: no control or bidi character reaches the terminal.
  const trace = mapStrings(traced, (text) => terminalText(text));
  const c = createColors(options.color);
  const paint: Record<StepVerdict, (text: string) => string> = {
    ok: c.green,
    warning: c.yellow,
    broken: c.red,
    unknown: c.yellow,
    skipped: c.dim,
  };
  const lines = [
    c.bold(
      `Trace from ${trace.source.description} to ${trace.destination.fqdn ?? trace.destination.address}:${trace.destination.port} (${trace.destination.protocol})`,
    ),
    '',
  ];
  trace.steps.forEach((step, index) => {
    const first = index === trace.brokenAt;
    const mark = paint[step.verdict](marks[step.verdict].padEnd(6));
    lines.push(`${String(index + 1).padStart(2)}. ${mark} ${first ? c.bold(step.title) : step.title}: ${step.detail}`);
    for (const id of step.resources) lines.push(c.dim(`             ${id}`));
    if (first && step.fix) lines.push(c.bold(`    Fix: ${step.fix}`));
  });
  lines.push('');
  const verdict =
    trace.verdict === 'works'
      ? c.green('The path works.')
      : trace.verdict === 'broken'
        ? c.red(`The path is broken at step ${trace.brokenAt! + 1} (${trace.steps[trace.brokenAt!]!.title}).`)
        : c.yellow('The path could not be judged completely (see the steps marked ??).');
  lines.push(verdict);
  if (trace.assumptions.length > 0) {
    lines.push('', 'Assumptions:', ...trace.assumptions.map((assumption) => `  - ${assumption}`));
  }
  return `${lines.join('\n')}\n`;
}

export function renderTraceJson(trace: Trace): string {
  return `${JSON.stringify({ schemaVersion: 1, ...trace }, null, 2)}\n`;
}
