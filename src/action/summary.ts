// The job summary ($GITHUB_STEP_SUMMARY): why the gate failed or the log was not uploaded, then the
// Markdown report and the drift, cut to fit GitHub's limit.
import type { ActionOutcome } from './outcome.js';
import { markdownText } from '../text/escape.js';

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
  /** Why a complete log is not uploaded (over a code scanning limit, a shard without its own category). */
  readonly warnings?: readonly string[];
}

/** The summary text: a warning first when the gate failed without a usable report, then the report. */
export function stepSummary(parts: SummaryParts): string {
  const { outcome } = parts;
  const blocks: string[] = [];
  // Messages name paths and reasons from the run: escaped, one quoted line per line.
  const quote = (kind: string, text: string) =>
    `> [!${kind}]\n> ${text
      .split(/\r?\n/)
      .map((line) => markdownText(line))
      .join('\n> ')}`;
  if (outcome.fail && !outcome.upload) {
    blocks.push(quote('WARNING', outcome.message));
  } else if (outcome.fail) {
    blocks.push(quote('CAUTION', outcome.message));
  }
  for (const warning of parts.warnings ?? []) blocks.push(quote('WARNING', warning));
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
