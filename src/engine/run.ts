// Runs checks over one read-only inventory and turns their results into findings: the engine alone
// adds identity (fingerprint), level and message text, then deduplicates and sorts once.
import { createHash } from 'node:crypto';
import type { Check, CheckContext, CheckResult } from '../../checks/define.js';
import { defaultCheckContext, isInconclusive } from '../../checks/define.js';
import { normalizeId } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import type { IncompleteEntry } from '../snapshot/types.js';
import type { CheckFailure, Finding, Level } from './types.js';

export interface RunOptions {
  readonly context?: CheckContext;
  /** Levels by check id that replace the checks' own (configuration `levels`). */
  readonly levelOverrides?: ReadonlyMap<string, Level>;
  /** Called with each check's duration, for debug logs and benchmarks (never in reports). */
  readonly onTiming?: (checkId: string, milliseconds: number) => void;
}

export interface RunOutcome {
  readonly findings: Finding[];
  readonly incomplete: IncompleteEntry[];
  readonly checkFailures: CheckFailure[];
}

export function runChecks(inv: Inventory, checks: readonly Check[], options: RunOptions = {}): RunOutcome {
  const context = options.context ?? defaultCheckContext;
  const findings = new Map<string, Finding>();
  const incomplete = new Map<string, IncompleteEntry>();
  const checkFailures: CheckFailure[] = [];
  for (const check of checks) {
    const started = performance.now();
    try {
      const reported: Finding[] = [];
      const inconclusive: IncompleteEntry[] = [];
      for (const result of check.evaluate(inv, context)) {
        if (isInconclusive(result)) {
          inconclusive.push({ checkId: check.id, resourceId: result.resourceId, reason: result.inconclusive });
        } else {
          reported.push(toFinding(check, result, options.levelOverrides?.get(check.id)));
        }
      }
      // Only a check that completed contributes: half a check's findings would read as the whole.
      for (const finding of reported)
        if (!findings.has(finding.fingerprint)) findings.set(finding.fingerprint, finding);
      for (const entry of inconclusive) {
        incomplete.set(`${entry.checkId}|${normalizeId(entry.resourceId ?? '')}|${entry.reason}`, entry);
      }
    } catch (error) {
      checkFailures.push({ checkId: check.id, error: error instanceof Error ? error.message : String(error) });
    } finally {
      options.onTiming?.(check.id, performance.now() - started);
    }
  }
  return {
    findings: [...findings.values()].sort(compareFindings),
    incomplete: [...incomplete.values()].sort((a, b) =>
      `${a.checkId}|${a.resourceId?.toLowerCase()}`.localeCompare(`${b.checkId}|${b.resourceId?.toLowerCase()}`),
    ),
    checkFailures,
  };
}

export function fingerprintOf(checkId: string, resourceId: string, fact: readonly string[]): string {
  const material = JSON.stringify([checkId, normalizeId(resourceId), fact.map((part) => part.toLowerCase())]);
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.checkId.localeCompare(b.checkId) ||
    a.resourceId.toLowerCase().localeCompare(b.resourceId.toLowerCase()) ||
    a.message.localeCompare(b.message)
  );
}

function toFinding(
  check: Check,
  result: Exclude<CheckResult, { inconclusive: string }>,
  override: Level | undefined,
): Finding {
  const render = check.messages[result.messageId];
  if (!render) throw new Error(`check ${check.id} reported unknown message id "${result.messageId}"`);
  const related = [...new Set((result.related ?? []).map((id) => id))]
    .filter((id) => normalizeId(id) !== normalizeId(result.resourceId))
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  return {
    checkId: check.id,
    level: override ?? result.level ?? check.level,
    resourceId: result.resourceId,
    message: render(result.data),
    related,
    fingerprint: fingerprintOf(check.id, result.resourceId, result.fact),
    ...(result.affected !== undefined && { affected: result.affected }),
  };
}
