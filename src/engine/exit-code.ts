import type { Level, ScanResult } from './types.js';

export const exitCodes = { ok: 0, findings: 1, usage: 2, incomplete: 3 } as const;

export type FailOn = Level | 'none';

const rank: Record<Level, number> = { note: 1, warning: 2, error: 3 };

/** Findings at or above the threshold win over an incomplete scan (DESIGN: both -> 1). */
export function exitCodeFor(result: ScanResult, failOn: FailOn, options: { onlyNew?: boolean } = {}): number {
  const failing = result.findings.some(
    (finding) =>
      failOn !== 'none' &&
      !finding.suppression &&
      finding.baselineState !== 'absent' &&
      (!options.onlyNew || finding.baselineState === 'new' || finding.baselineState === undefined) &&
      rank[finding.level] >= rank[failOn],
  );
  if (failing) return exitCodes.findings;
  if (isIncomplete(result)) return exitCodes.incomplete;
  return exitCodes.ok;
}

export function isIncomplete(result: ScanResult): boolean {
  return result.incomplete.length > 0 || result.checkFailures.length > 0;
}
