// GitHub code scanning's limits on an uploaded SARIF file. A file over any hard limit is rejected
// whole, so the SARIF reporter keeps a run within them (the most severe results first) and says
// what it left out; the Action checks the written log again before its upload step.
//
// Published in "SARIF support for code scanning" and "SARIF results exceed one or more limits":
// https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
// https://docs.github.com/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
// https://docs.github.com/code-security/code-scanning/troubleshooting-sarif-uploads/file-too-large
import type { Finding, ScanResult } from '../src/engine/types.js';

export const codeScanningLimits = {
  /** The gzip-compressed file, in bytes ("larger than the maximum size of 10 MB"). */
  gzippedBytes: 10_000_000,
  runsPerFile: 20,
  /** Results per run (hard limit); GitHub shows the top 5,000 by severity. */
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  /** Locations per result (hard limit); GitHub shows 100. */
  locationsPerResult: 1_000,
  /** Results shown per run, the most severe first; the rest are kept but not shown. */
  resultsShown: 5_000,
} as const;

export type Limits = { readonly [K in keyof typeof codeScanningLimits]: number };

/** Which findings a SARIF run holds, and a sentence about the others when some are left out. */
export interface SarifSelection {
  readonly kept: readonly Finding[];
  readonly leftOut: number;
  /** Set when findings were left out: for a toolExecutionNotification and for stderr. */
  readonly note?: string;
}

const rank = (finding: Finding): number =>
  (finding.suppression || finding.baselineState === 'absent' ? 3 : 0) +
  (finding.level === 'error' ? 0 : finding.level === 'warning' ? 1 : 2);

/**
 * At most `resultsPerRun` findings: the most severe, open ones first (suppressed findings and those
 * absent since the baseline last), in the engine's order.
 */
export function sarifSelection(result: ScanResult, limits: Limits = codeScanningLimits): SarifSelection {
  const findings = result.findings;
  if (findings.length <= limits.resultsPerRun) return { kept: findings, leftOut: 0 };
  const order = findings.map((finding, index) => ({ index, rank: rank(finding) }));
  order.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const chosen = order.slice(0, limits.resultsPerRun).map((entry) => entry.index);
  chosen.sort((a, b) => a - b);
  const kept = chosen.map((index) => findings[index]!);
  const leftOut = findings.length - kept.length;
  const count = (value: number) => value.toLocaleString('en-US');
  return {
    kept,
    leftOut,
    note:
      `the SARIF log holds the ${count(kept.length)} most severe of ${count(findings.length)} findings, ` +
      `because GitHub code scanning rejects a run of more than ${count(limits.resultsPerRun)} results; ` +
      `${count(leftOut)} left out are in the JSON report`,
  };
}
