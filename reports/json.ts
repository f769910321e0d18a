// The stable, versioned JSON report (DESIGN "Findings"; described by schemas/report.schema.json).
// Objects are rebuilt field by field so the key order is fixed and nothing internal leaks out.
import type { Finding, Level, ScanResult } from '../src/engine/types.js';
import type { IncompleteEntry } from '../src/snapshot/types.js';
import { summarize } from '../src/engine/types.js';
import type { Reporter } from './reporter.js';

/** The report's shapes are the engine's: what the engine finds is what the report says. */
export type JsonIncomplete = IncompleteEntry;
export type JsonFinding = Finding;

export interface JsonReport {
  readonly schemaVersion: 1;
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

export const jsonReport: Reporter = (result) => {
  const report: JsonReport = {
    schemaVersion: 1,
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
    findings: result.findings.map(toJsonFinding),
    summary: summarize(result.findings),
    ...(result.notices?.length ? { notices: [...result.notices] } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};

export function toJsonFinding(finding: Finding | JsonFinding): JsonFinding {
  return {
    checkId: finding.checkId,
    level: finding.level,
    resourceId: finding.resourceId,
    message: finding.message,
    related: [...finding.related],
    fingerprint: finding.fingerprint,
    ...(finding.baselineState !== undefined && { baselineState: finding.baselineState }),
    ...(finding.suppression !== undefined && {
      suppression: definedOnly({ reason: finding.suppression.reason, expires: finding.suppression.expires }),
    }),
  };
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}
