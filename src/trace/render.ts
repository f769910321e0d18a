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
    const broken = step.verdict === 'broken';
    const mark = paint[step.verdict](marks[step.verdict].padEnd(6));
    lines.push(`${String(index + 1).padStart(2)}. ${mark} ${broken ? c.bold(step.title) : step.title}: ${step.detail}`);
    for (const id of step.resources) lines.push(c.dim(`             ${id}`));
    if (broken && step.fix) lines.push(c.bold(`    Fix: ${step.fix}`));
  });
  lines.push('');
  const verdict =
    trace.verdict === 'works'
      ? c.green('The path works.')
      : trace.verdict === 'broken'
        ? c.red(brokenSummary(trace))
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

/** Where a path breaks: "step 6 (Route from the source)", or "2 steps: 3 (Zone and link), 7 (Links on the way)". */
export function brokenStepsText(trace: Trace): string {
  const named = trace.brokenSteps.map((index) => `${index + 1} (${trace.steps[index]!.title})`);
  return named.length <= 1 ? `step ${named[0] ?? '?'}` : `${named.length} steps: ${named.join(', ')}`;
}

/** The closing line of a broken trace; with several broken steps, each was judged as if the earlier were fixed. */
function brokenSummary(trace: Trace): string {
  if (trace.brokenSteps.length <= 1) return `The path is broken at ${brokenStepsText(trace)}.`;
  return `The path is broken at ${brokenStepsText(trace)}; each was judged as if the ones before it were fixed, so it needs every fix above.`;
}
