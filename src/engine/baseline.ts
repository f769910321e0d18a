// Compares a scan with an earlier report (plaudit JSON or SARIF) by fingerprint: new, unchanged,
// updated (same fact, another level or other related resources), and absent (fixed since). The
// caller reads the report; the engine only parses and compares.
import { normalizeId } from '../ids.js';
import { UsageError } from '../errors.js';
import { compareFindings } from './run.js';
import { levels, type Finding, type Level } from './types.js';

export type BaselineFinding = Omit<Finding, 'baselineState' | 'suppression'>;

export function parseBaseline(json: unknown, source: string): BaselineFinding[] {
  const report = json as { findings?: unknown; runs?: unknown };
  if (report && Array.isArray(report.findings)) return fromJsonReport(report.findings, source);
  if (report && Array.isArray(report.runs)) return fromSarif(report.runs, source);
  throw new UsageError(`baseline ${source}: expected a plaudit JSON report ("findings") or a SARIF log ("runs")`);
}

export function applyBaseline(current: readonly Finding[], baseline: readonly BaselineFinding[]): Finding[] {
  const previous = new Map(baseline.map((finding) => [finding.fingerprint, finding]));
  const seen = new Set<string>();
  const marked = current.map((finding): Finding => {
    const before = previous.get(finding.fingerprint);
    if (!before) return { ...finding, baselineState: 'new' };
    seen.add(finding.fingerprint);
    return { ...finding, baselineState: sameEvidence(before, finding) ? 'unchanged' : 'updated' };
  });
  const absent = baseline
    .filter((finding) => !seen.has(finding.fingerprint))
    .map((finding): Finding => ({ ...finding, baselineState: 'absent' }));
  return [...marked, ...absent].sort(compareFindings);
}

function sameEvidence(a: BaselineFinding, b: BaselineFinding): boolean {
  const related = (finding: BaselineFinding) => finding.related.map(normalizeId).sort().join('|');
  return a.level === b.level && related(a) === related(b);
}

function fromJsonReport(findings: unknown[], source: string): BaselineFinding[] {
  return findings.flatMap((value, index) => {
    const finding = value as Partial<Finding>;
    if (finding.baselineState === 'absent') return [];
    if (
      typeof finding.fingerprint !== 'string' ||
      typeof finding.checkId !== 'string' ||
      typeof finding.resourceId !== 'string'
    ) {
      throw new UsageError(`baseline ${source}: $.findings[${index}] lacks fingerprint, checkId or resourceId`);
    }
    return [
      {
        checkId: finding.checkId,
        level: levelOf(finding.level),
        resourceId: finding.resourceId,
        message: typeof finding.message === 'string' ? finding.message : '',
        related: Array.isArray(finding.related)
          ? finding.related.filter((id): id is string => typeof id === 'string')
          : [],
        fingerprint: finding.fingerprint,
      },
    ];
  });
}

interface SarifResultShape {
  ruleId?: string;
  level?: string;
  baselineState?: string;
  message?: { text?: string };
  partialFingerprints?: Record<string, string>;
  locations?: { logicalLocations?: { fullyQualifiedName?: string }[] }[];
  relatedLocations?: { logicalLocations?: { fullyQualifiedName?: string }[] }[];
}

function fromSarif(runs: unknown[], source: string): BaselineFinding[] {
  return runs.flatMap((run, runIndex) =>
    ((run as { results?: SarifResultShape[] }).results ?? []).flatMap((result, index) => {
      if (result.baselineState === 'absent') return [];
      const fingerprint = result.partialFingerprints?.['plaudit/v1'];
      const resourceId = result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName;
      if (!fingerprint || !result.ruleId || !resourceId) {
        throw new UsageError(
          `baseline ${source}: $.runs[${runIndex}].results[${index}] is not a plaudit result (no plaudit/v1 fingerprint, ruleId or resource)`,
        );
      }
      return [
        {
          checkId: result.ruleId,
          level: levelOf(result.level),
          resourceId,
          message: result.message?.text ?? '',
          related: (result.relatedLocations ?? [])
            .map((location) => location.logicalLocations?.[0]?.fullyQualifiedName)
            .filter((id): id is string => id !== undefined),
          fingerprint,
        },
      ];
    }),
  );
}

function levelOf(value: unknown): Level {
  return (levels as readonly unknown[]).includes(value) ? (value as Level) : 'warning';
}
