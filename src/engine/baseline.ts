// Compares a scan with an earlier report (plaudit JSON or SARIF) by fingerprint: new, unchanged,
// updated (same fact, another level or other related resources), and absent (fixed since). The
// caller reads the report; the engine only parses and compares. The shapes it reads are checked
// first against schemas/baseline.schema.json, so a malformed file is named with the JSON path at
// fault rather than failing somewhere inside the comparison.
import { Ajv, type ErrorObject } from 'ajv';
import baselineSchema from '../../schemas/baseline.schema.json' with { type: 'json' };
import { normalizeId } from '../ids.js';
import { UsageError } from '../errors.js';
import { compareFindings } from './run.js';
import { levels, type Finding, type Level } from './types.js';
import { printable } from '../snapshot/printable.js';
import { toJsonPath } from '../snapshot/read.js';

/** A finding as an earlier report gives it: its pairs only as their digest (`affected.digest`). */
export type BaselineFinding = Omit<Finding, 'baselineState' | 'suppression' | 'affected'> & {
  readonly affectedDigest?: string;
};

/** The text of a baseline file, as `--baseline` reads it: JSON, then {@link parseBaseline}. */
export function parseBaselineText(text: string, source: string): BaselineFinding[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`baseline ${source}: not valid JSON (${printable((error as Error).message)})`);
  }
  return parseBaseline(json, source);
}

const validateBaseline = new Ajv({ allErrors: false, strict: false }).compile(baselineSchema);

export function parseBaseline(json: unknown, source: string): BaselineFinding[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('findings' in json || 'runs' in json)) {
    throw new UsageError(`baseline ${source}: expected a plaudit JSON report ("findings") or a SARIF log ("runs")`);
  }
  if (!validateBaseline(json)) throw schemaError(validateBaseline.errors ?? [], source);
  const report = json as { findings?: unknown[]; runs?: unknown[] };
  if (report.findings) return fromJsonReport(report.findings, source);
  return fromSarif(report.runs!, source);
}

/** The first error Ajv found that is about the input rather than about the if/then of the schema. */
function schemaError(errors: readonly ErrorObject[], source: string): UsageError {
  const error = errors.find((entry) => entry.keyword !== 'if');
  if (!error) return new UsageError(`baseline ${source}: not a plaudit JSON report or SARIF log`);
  const path = `$${toJsonPath(error.instancePath)}`;
  const missing =
    error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  const detail = missing ? `missing required property "${missing}"` : (error.message ?? 'invalid value');
  return new UsageError(`baseline ${source}: ${missing ? `${path}.${missing}` : path}: ${detail}`);
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
    .map(({ affectedDigest: _digest, ...finding }): Finding => ({ ...finding, baselineState: 'absent' }));
  return [...marked, ...absent].sort(compareFindings);
}

/** Same level, same related resources and the same affected pairs (a baseline without pairs has none). */
function sameEvidence(before: BaselineFinding, now: Finding): boolean {
  const related = (finding: { related: readonly string[] }) => finding.related.map(normalizeId).sort().join('|');
  return (
    before.level === now.level &&
    related(before) === related(now) &&
    (before.affectedDigest ?? '') === (now.affected?.digest ?? '')
  );
}

function digestOf(value: unknown): { affectedDigest?: string } {
  const digest = (value as { digest?: unknown } | undefined)?.digest;
  return typeof digest === 'string' ? { affectedDigest: digest } : {};
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
        ...digestOf(finding.affected),
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
  properties?: { affected?: { digest?: string } };
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
          ...digestOf(result.properties?.affected),
        },
      ];
    }),
  );
}

function levelOf(value: unknown): Level {
  return (levels as readonly unknown[]).includes(value) ? (value as Level) : 'warning';
}
