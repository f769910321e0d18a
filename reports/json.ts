// The stable, versioned JSON report (DESIGN "Findings"; described by schemas/report.schema.json).
// Objects are rebuilt field by field so the key order is fixed and nothing internal leaks out.
import type { Affected } from '../checks/define.js';
import type { Finding, Level, ScanResult } from '../src/engine/types.js';
import type { IncompleteEntry } from '../src/snapshot/types.js';
import { summarize } from '../src/engine/types.js';
import { jsonWithStreamedArray, joined, type PieceReporter } from './reporter.js';

/** The report's shapes are the engine's: what the engine finds is what the report says. */
export type JsonIncomplete = IncompleteEntry;
export type JsonFinding = Finding;

/**
 * Version 2 reports findings at the grain of the fix, each with the pairs it breaks (`affected`);
 * version 1 reported one finding per pair. Baselines of either version are read.
 */
export const reportSchemaVersion = 2;

export interface JsonReport {
  readonly schemaVersion: typeof reportSchemaVersion;
  readonly tool: { readonly name: string; readonly version: string };
  readonly cloud: string;
  readonly collectedAt?: string;
  readonly scope: ScanResult['scope'];
  readonly checks: readonly string[];
  readonly incomplete: readonly JsonIncomplete[];
  readonly findings: readonly JsonFinding[];
  readonly summary: Record<Level, number>;
  readonly notices?: readonly string[];
}

export const jsonReportPieces: PieceReporter = function* (result) {
  const report: Omit<JsonReport, 'findings'> = {
    schemaVersion: reportSchemaVersion,
    tool: { name: result.tool.name, version: result.tool.version },
    cloud: result.cloud,
    ...(result.collectedAt !== undefined && { collectedAt: result.collectedAt }),
    scope: definedOnly(result.scope),
    checks: [...result.checks],
    incomplete: [
      ...result.incomplete.map((entry) =>
        definedOnly({ scope: entry.scope, checkId: entry.checkId, resourceId: entry.resourceId, reason: entry.reason }),
      ),
      // A check that threw judged nothing: report it where the other gaps in the scan are.
      ...result.checkFailures.map((failure) => ({
        checkId: failure.checkId,
        reason: `check failed: ${failure.error}`,
      })),
    ] as JsonIncomplete[],
    summary: summarize(result.findings),
    ...(result.notices?.length ? { notices: [...result.notices] } : {}),
  };
  // The findings (with every affected pair) go out one at a time, in the key order of JsonReport.
  const { summary, notices, ...head } = report;
  yield* jsonWithStreamedArray(
    { ...head, findings: undefined, summary, ...(notices && { notices }) },
    'findings',
    (function* () {
      for (const finding of result.findings) yield toJsonFinding(finding);
    })(),
  );
  yield '\n';
};

export const jsonReport = joined(jsonReportPieces);

export function toJsonFinding(finding: Finding | JsonFinding): JsonFinding {
  return {
    checkId: finding.checkId,
    level: finding.level,
    resourceId: finding.resourceId,
    message: finding.message,
    related: [...finding.related],
    fingerprint: finding.fingerprint,
    ...(finding.affected !== undefined && { affected: affectedOf(finding.affected) }),
    ...(finding.baselineState !== undefined && { baselineState: finding.baselineState }),
    ...(finding.suppression !== undefined && {
      suppression: definedOnly({ reason: finding.suppression.reason, expires: finding.suppression.expires }),
    }),
  };
}

/** The evidence field by field, so the key order is fixed. */
function affectedOf(affected: Affected): Affected {
  return {
    from: affected.from,
    to: affected.to,
    pairs: affected.pairs,
    sources: affected.sources,
    targets: affected.targets,
    digest: affected.digest,
    blocks: affected.blocks.map((block) => ({ sources: [...block.sources], targets: [...block.targets] })),
  };
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}
