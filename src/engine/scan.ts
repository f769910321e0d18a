// One scan, start to finish: run the checks, keep what a shard owns, mark suppressed findings and
// the baseline state, and assemble the result every reporter prints. The CLI, shard scans and any
// library user go through here, so a scan means the same thing wherever it runs.
import type { Check } from '../../checks/define.js';
import type { Inventory } from '../inventory/inventory.js';
import type { CloudName, IncompleteEntry } from '../snapshot/types.js';
import { toolName, toolVersion } from '../version.js';
import { applyBaseline, type BaselineFinding } from './baseline.js';
import { runChecks, type RunOptions } from './run.js';
import { applySuppressions, type SuppressionRules } from './suppress.js';
import type { ScanResult } from './types.js';

/** The checks and how to run them (context, level overrides, timings), and what to make of their findings. */
export interface ScanOptions extends RunOptions {
  /** The checks to run, in catalogue order; their ids are the result's `checks`. */
  readonly checks: readonly Check[];
  readonly suppressions?: SuppressionRules;
  /** The day suppressions are judged on (YYYY-MM-DD); one that expires on it no longer applies. Default: today, UTC. */
  readonly today?: string;
  /** Findings of an earlier report: findings are marked new, unchanged or updated, and old ones absent. */
  readonly baseline?: readonly BaselineFinding[];
  /**
   * Whether a resource belongs to this scan's part of the estate (a shard of a snapshot). Findings
   * and inconclusive results on other resources are left out; the checks still see them all.
   */
  readonly owns?: (resourceId: string) => boolean;
  /** Default: this plaudit. */
  readonly tool?: ScanResult['tool'];
  /** Default: the inventory's cloud. */
  readonly cloud?: CloudName;
  readonly scope?: ScanResult['scope'];
  readonly collectedAt?: string;
  /** Parts of the scope that could not be read (the snapshot's `incomplete`); reported first. */
  readonly incomplete?: readonly IncompleteEntry[];
}

export function scan(inventory: Inventory, options: ScanOptions): ScanResult {
  const outcome = runChecks(inventory, options.checks, options);
  const owns = options.owns;
  const owned = (id: string | undefined) => !owns || (id !== undefined && owns(id));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const suppressed = applySuppressions(
    outcome.findings.filter((finding) => owned(finding.resourceId)),
    options.suppressions ?? {},
    today,
  );
  const findings = options.baseline ? applyBaseline(suppressed.findings, options.baseline) : suppressed.findings;
  return {
    tool: options.tool ?? { name: toolName, version: toolVersion },
    cloud: options.cloud ?? inventory.cloud,
    scope: options.scope ?? {},
    ...(options.collectedAt ? { collectedAt: options.collectedAt } : {}),
    checks: options.checks.map((check) => check.id),
    findings,
    incomplete: [...(options.incomplete ?? []), ...outcome.incomplete.filter((entry) => owned(entry.resourceId))],
    checkFailures: outcome.checkFailures,
    ...(suppressed.notices.length > 0 ? { notices: suppressed.notices } : {}),
  };
}
