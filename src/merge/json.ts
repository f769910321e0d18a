// Merges the JSON reports of sharded scans (`plaudit scan --shard I/N --format json`) into the
// report one unsharded scan would have written: findings deduplicated by fingerprint and sorted as
// the engine sorts them, every incomplete entry kept, scopes and checks unioned, summary recomputed.
import { Ajv2020 } from 'ajv/dist/2020.js';
import reportSchema from '../../schemas/report.schema.json' with { type: 'json' };
import {
  reportSchemaVersion,
  toJsonFinding,
  type JsonFinding,
  type JsonIncomplete,
  type JsonReport,
} from '../../reports/json.js';
import { compareFindings } from '../engine/run.js';
import { summarize, type CheckFailure, type ScanResult } from '../engine/types.js';
import type { CloudName, IncompleteEntry } from '../snapshot/types.js';
import {
  checkArguments,
  checkShardCoverage,
  describeKind,
  inCatalogueOrder,
  isRecord,
  mergedCloud,
  mergedCollectedAt,
  mergedScope,
  mergedToolVersion,
  MergeInputError,
  preferred,
  type MergeSource,
} from './common.js';

const validateReport = new Ajv2020({ strict: false, allErrors: false }).compile<JsonReport>(reportSchema);

/** The prefix the JSON reporter gives a failed check's entry under `incomplete`. */
const checkFailedPrefix = 'check failed: ';

export function mergeJsonReports(reports: readonly unknown[], sources: readonly string[]): JsonReport {
  checkArguments(reports, sources);
  const inputs = reports.map((report, index) => readReport(report, sources[index]!));
  const meta: MergeSource[] = inputs.map(({ report, source }) => ({
    source,
    version: report.tool.version,
    cloud: report.cloud,
    collectedAt: report.collectedAt,
    scope: report.scope,
  }));
  const version = mergedToolVersion(meta);
  const cloud = mergedCloud(meta);
  checkShardCoverage(meta);
  const collectedAt = mergedCollectedAt(meta);

  const byFingerprint = new Map<string, JsonFinding>();
  for (const { report } of inputs) {
    for (const finding of report.findings) {
      const kept = byFingerprint.get(finding.fingerprint);
      byFingerprint.set(
        finding.fingerprint,
        kept === undefined ? finding : preferred(kept, finding, isAbsent, compareFindings),
      );
    }
  }
  const findings = [...byFingerprint.values()].sort(compareFindings).map(toJsonFinding);
  const notices = [...new Set(inputs.flatMap(({ report }) => report.notices ?? []))];

  const merged: JsonReport = {
    schemaVersion: reportSchemaVersion,
    tool: { name: 'plaudit', version },
    cloud,
    ...(collectedAt !== undefined && { collectedAt }),
    scope: mergedScope(meta),
    checks: inCatalogueOrder(inputs.flatMap(({ report }) => report.checks)),
    incomplete: orderIncomplete(inputs.flatMap(({ report }) => report.incomplete)),
    findings,
    summary: summarize(findings),
    ...(notices.length > 0 && { notices }),
  };
  return merged;
}

/**
 * The scan result a JSON report describes, so any reporter can render a merged report (text,
 * Markdown) and the exit code can be computed from it. Failed checks, which the JSON report lists
 * under `incomplete`, become check failures again.
 */
export function scanResultOfReport(report: JsonReport): ScanResult {
  const incomplete: IncompleteEntry[] = [];
  const checkFailures: CheckFailure[] = [];
  for (const entry of report.incomplete) {
    if (isCheckFailure(entry)) {
      checkFailures.push({ checkId: entry.checkId!, error: entry.reason.slice(checkFailedPrefix.length) });
    } else {
      incomplete.push({ ...entry });
    }
  }
  return {
    tool: { ...report.tool },
    cloud: report.cloud as CloudName,
    scope: report.scope,
    ...(report.collectedAt !== undefined && { collectedAt: report.collectedAt }),
    checks: report.checks,
    findings: report.findings,
    incomplete,
    checkFailures,
    ...(report.notices !== undefined && { notices: report.notices }),
  };
}

function readReport(value: unknown, source: string): { report: JsonReport; source: string } {
  if (!isRecord(value) || !('schemaVersion' in value) || !Array.isArray(value.findings)) {
    const kind = describeKind(value);
    const hint = kind === 'a SARIF log' ? '; merge SARIF logs with --format sarif' : '';
    throw new MergeInputError(`${source}: expected a plaudit JSON report, found ${kind}${hint}`);
  }
  if (value.schemaVersion !== reportSchemaVersion) {
    throw new MergeInputError(
      `${source}: report schema version ${JSON.stringify(value.schemaVersion)}; this plaudit merges version ${reportSchemaVersion} (use the plaudit that wrote it)`,
    );
  }
  if (!validateReport(value)) {
    const error = validateReport.errors![0]!;
    const where = ['$', ...error.instancePath.split('/').slice(1)].join('.');
    throw new MergeInputError(`${source}: not a valid plaudit JSON report: ${where} ${error.message ?? 'is invalid'}`);
  }
  return { report: value, source };
}

function isAbsent(finding: JsonFinding): boolean {
  return finding.baselineState === 'absent';
}

function isCheckFailure(entry: JsonIncomplete): boolean {
  return (
    entry.checkId !== undefined &&
    entry.resourceId === undefined &&
    entry.scope === undefined &&
    entry.reason.startsWith(checkFailedPrefix)
  );
}

/**
 * Every entry of every shard, exact repeats once (a dependency read by two shards), in the order
 * the JSON reporter writes them: parts not read, then inconclusive checks (sorted as the engine
 * sorts them), then failed checks.
 */
function orderIncomplete(entries: readonly JsonIncomplete[]): JsonIncomplete[] {
  const unique = new Map<string, JsonIncomplete>();
  for (const entry of entries) {
    const copy = definedOnly({
      scope: entry.scope,
      checkId: entry.checkId,
      resourceId: entry.resourceId,
      reason: entry.reason,
    });
    unique.set(JSON.stringify(copy), copy);
  }
  const all = [...unique.values()];
  const unread = all.filter((entry) => entry.checkId === undefined);
  const failures = all.filter((entry) => isCheckFailure(entry));
  const inconclusive = all.filter((entry) => entry.checkId !== undefined && !isCheckFailure(entry));
  const byText = (a: string, b: string) => a.localeCompare(b);
  unread.sort(
    (a, b) =>
      byText((a.scope ?? a.resourceId ?? '').toLowerCase(), (b.scope ?? b.resourceId ?? '').toLowerCase()) ||
      byText(a.reason, b.reason),
  );
  // The engine's own key: check id and lower-cased resource id as one string.
  const engineKey = (entry: JsonIncomplete) => `${entry.checkId}|${entry.resourceId?.toLowerCase()}`;
  inconclusive.sort((a, b) => byText(engineKey(a), engineKey(b)) || byText(a.reason, b.reason));
  failures.sort((a, b) => byText(a.checkId!, b.checkId!) || byText(a.reason, b.reason));
  return [...unread, ...inconclusive, ...failures];
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}
