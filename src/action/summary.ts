// The Action's side of the runner protocol: the job summary ($GITHUB_STEP_SUMMARY), step outputs
// ($GITHUB_OUTPUT) and annotations (workflow commands on stdout).
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { ActionOutcome } from './outcome.js';

/** GitHub refuses a step summary above 1 MiB; stay under it with room for the truncation note. */
export const summaryLimitBytes = 1_000_000;

export interface SummaryParts {
  readonly outcome: ActionOutcome;
  /** The Markdown report, when the scan wrote one. */
  readonly report?: string;
  /** The Markdown drift between the previous and this snapshot, when compared. */
  readonly drift?: string;
  /** Where the full report is, named when the summary has to be cut. */
  readonly reportPath?: string;
}

/** The summary text: a warning first when the gate failed without a usable report, then the report. */
export function stepSummary(parts: SummaryParts): string {
  const { outcome } = parts;
  const blocks: string[] = [];
  if (outcome.fail && !outcome.upload) {
    blocks.push(`> [!WARNING]\n> ${outcome.message.replace(/\n/g, '\n> ')}`);
  } else if (outcome.fail) {
    blocks.push(`> [!CAUTION]\n> ${outcome.message.replace(/\n/g, '\n> ')}`);
  }
  if (parts.report !== undefined) blocks.push(parts.report.trimEnd());
  if (parts.drift !== undefined) blocks.push('## Drift since the previous snapshot', parts.drift.trimEnd());
  const text = `${blocks.join('\n\n')}\n`;
  if (Buffer.byteLength(text, 'utf8') <= summaryLimitBytes) return text;
  const note = `\n\n_The report is too long for the job summary and was cut here; the full report is ${parts.reportPath ?? 'in the output directory'}._\n`;
  const cut = Buffer.from(text, 'utf8').subarray(0, summaryLimitBytes - Buffer.byteLength(note, 'utf8'));
  // Cut at the last full line, so no table row or multi-byte character is left half written.
  const kept = cut.toString('utf8');
  return `${kept.slice(0, Math.max(0, kept.lastIndexOf('\n')))}${note}`;
}

/** Appends to the job summary; returns false when there is none (not running in GitHub Actions). */
export function writeStepSummary(summaryPath: string | undefined, parts: SummaryParts): boolean {
  if (!summaryPath) return false;
  appendFileSync(summaryPath, stepSummary(parts), 'utf8');
  return true;
}

/** Appends outputs in the multi-line-safe `name<<delimiter` form; returns false when there is no file. */
export function writeOutputs(outputPath: string | undefined, outputs: Readonly<Record<string, string>>): boolean {
  if (!outputPath) return false;
  const text = Object.entries(outputs)
    .map(([name, value]) => {
      const delimiter = `plaudit_${randomUUID()}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
  appendFileSync(outputPath, text, 'utf8');
  return true;
}

/** An `::error::`/`::warning::`/`::notice::` line, with the data escaped as the runner expects. */
export function annotation(kind: 'error' | 'warning' | 'notice', message: string, title = 'plaudit'): string {
  const data = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = title
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
  return `::${kind} title=${property}::${data}\n`;
}
