import type { Affected, Level } from '../../checks/define.js';
import type { CloudName, IncompleteEntry, SnapshotScope } from '../snapshot/types.js';

// Levels belong to the checks, which declare them; the engine's results carry them on.
export { levels, type Level } from '../../checks/define.js';

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface Suppression {
  readonly reason: string;
  readonly expires?: string;
}

/** A finding as reported (the DESIGN JSON shape). */
export interface Finding {
  readonly checkId: string;
  readonly level: Level;
  readonly resourceId: string;
  readonly message: string;
  readonly related: readonly string[];
  readonly fingerprint: string;
  /** The pairs the defect breaks: counts, and every pair as blocks (absent where a check has none). */
  readonly affected?: Affected;
  readonly baselineState?: BaselineState;
  readonly suppression?: Suppression;
}

/** A check that threw: recorded, reported, and the run marked incomplete. */
export interface CheckFailure {
  readonly checkId: string;
  readonly error: string;
}

export interface ScanResult {
  readonly tool: { readonly name: string; readonly version: string };
  readonly cloud: CloudName;
  readonly scope: SnapshotScope & { readonly snapshot?: string };
  readonly collectedAt?: string;
  /** Check ids that ran, in catalogue order. */
  readonly checks: readonly string[];
  readonly findings: readonly Finding[];
  readonly incomplete: readonly IncompleteEntry[];
  readonly checkFailures: readonly CheckFailure[];
  /** What the user should know about the configuration (an expired suppression...). */
  readonly notices?: readonly string[];
}

export function summarize(findings: readonly Finding[]): Record<Level, number> {
  const summary: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) {
    if (!finding.suppression && finding.baselineState !== 'absent') summary[finding.level] += 1;
  }
  return summary;
}
