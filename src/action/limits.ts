// GitHub code scanning's limits on an uploaded SARIF file. A file over any of them is rejected as a
// whole, so the action checks the log before the upload step and, instead of an upload that fails,
// says which limit the log exceeds and how to get under it.
import { gzipSync } from 'node:zlib';

// GitHub's published limits, shared with the SARIF reporter (which cites their sources).
import { codeScanningLimits, type Limits } from '../../reports/sarif-limits.js';

export { codeScanningLimits, type Limits };

export interface LimitReport {
  /** Limits the log exceeds: GitHub would reject the upload. One sentence each. */
  readonly exceeded: readonly string[];
  /** Limits that only truncate what GitHub shows. */
  readonly truncated: readonly string[];
}

interface SarifShape {
  runs?: {
    tool?: { driver?: { rules?: unknown[] } };
    results?: { baselineState?: string; suppressions?: unknown[]; locations?: unknown[] }[];
  }[];
}

const count = (value: number) => value.toLocaleString('en-US');
const megabytes = (bytes: number) => (bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Checks a SARIF log's text against the limits (GitHub's, unless a test gives others). */
export function checkUploadLimits(text: string, limits: Limits = codeScanningLimits): LimitReport {
  const exceeded: string[] = [];
  const truncated: string[] = [];
  const gzipped = gzipSync(text).length;
  if (gzipped > limits.gzippedBytes) {
    exceeded.push(
      `the log is ${megabytes(gzipped)} MB gzipped, above the ${megabytes(limits.gzippedBytes)} MB code scanning accepts per file`,
    );
  }
  const runs = (JSON.parse(text) as SarifShape).runs ?? [];
  if (runs.length > limits.runsPerFile) {
    exceeded.push(
      `the log has ${count(runs.length)} runs, above the ${limits.runsPerFile} code scanning accepts per file`,
    );
  }
  runs.forEach((run, index) => {
    const where = runs.length > 1 ? `run ${index + 1}` : 'the run';
    const results = run.results ?? [];
    const absent = results.filter((result) => result.baselineState === 'absent').length;
    const suppressed = results.filter((result) => (result.suppressions?.length ?? 0) > 0).length;
    const kept = [
      ...(suppressed > 0 ? [`${count(suppressed)} suppressed`] : []),
      ...(absent > 0 ? [`${count(absent)} absent since the baseline`] : []),
    ];
    const breakdown = kept.length > 0 ? ` (${kept.join(', ')})` : '';
    if (results.length > limits.resultsPerRun) {
      exceeded.push(
        `${where} has ${count(results.length)} results${breakdown}, above the ${count(limits.resultsPerRun)} code scanning accepts per run`,
      );
    } else if (results.length > limits.resultsShown) {
      truncated.push(
        `${where} has ${count(results.length)} results${breakdown}; code scanning shows only the ${count(limits.resultsShown)} most severe (the JSON report and the job summary have them all)`,
      );
    }
    const rules = run.tool?.driver?.rules?.length ?? 0;
    if (rules > limits.rulesPerRun) {
      exceeded.push(
        `${where} has ${count(rules)} rules, above the ${count(limits.rulesPerRun)} code scanning accepts per run`,
      );
    }
    const widest = Math.max(0, ...results.map((result) => result.locations?.length ?? 0));
    if (widest > limits.locationsPerResult) {
      exceeded.push(
        `a result of ${where} has ${count(widest)} locations, above the ${count(limits.locationsPerResult)} code scanning accepts per result`,
      );
    }
  });
  return { exceeded, truncated };
}

/** What the job summary and the annotation say when the log is over a limit. */
export function limitsMessage(exceeded: readonly string[]): string {
  return (
    `The SARIF log was not uploaded: ${exceeded.join('; ')}, and code scanning rejects such a file whole. ` +
    'To get under the limit: narrow the scan to the checks you act on (input checks, e.g. dns,route); ' +
    'split the scope into smaller scans, each with its own category (one job per management group or set of ' +
    'subscriptions, or shard with a sarif-category per shard, since merged shards are still one upload); ' +
    'and fix or suppress the findings you know about. Suppressed findings still count, and with a baseline so ' +
    'do the absent ones (fixed since the baseline), so compare with a recent baseline.'
  );
}
