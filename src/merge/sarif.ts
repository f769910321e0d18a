// Merges the SARIF logs of sharded scans into one log with one run, as one unsharded scan would
// have written it: rules unioned in catalogue order, results deduplicated by plaudit's fingerprint
// and sorted as the engine sorts findings, ruleIndex recomputed, invocations folded into one that
// failed if any shard failed, and automationDetails.id recomputed for the merged scope, because
// GitHub code scanning replaces a category's alerts on each upload (one category per scope).
import type { Invocation, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { automationId, sarifSchemaUri } from '../../reports/sarif.js';
import type { ScanResult } from '../engine/types.js';
import type { CloudName } from '../snapshot/types.js';
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
  type Scope,
} from './common.js';

/** The key of `partialFingerprints` that holds plaudit's own fingerprint. */
export const fingerprintKey = 'plaudit/v1';

interface Input {
  readonly source: string;
  readonly run: Run;
  readonly meta: MergeSource;
}

export function mergeSarifLogs(logs: readonly unknown[], sources: readonly string[]): Log {
  checkArguments(logs, sources);
  const inputs = logs.map((log, index) => readLog(log, sources[index]!));
  const meta = inputs.map((input) => input.meta);
  const version = mergedToolVersion(meta);
  const cloud = mergedCloud(meta);
  checkShardCoverage(meta);
  const collectedAt = mergedCollectedAt(meta);
  const scope = mergedScope(meta);

  const rulesById = new Map<string, ReportingDescriptor>();
  for (const { run } of inputs) {
    for (const rule of run.tool.driver.rules ?? []) if (!rulesById.has(rule.id)) rulesById.set(rule.id, rule);
  }
  const rules = inCatalogueOrder(rulesById.keys()).map((id) => rulesById.get(id)!);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));

  const byFingerprint = new Map<string, Result>();
  for (const { run } of inputs) {
    for (const result of run.results ?? []) {
      const fingerprint = result.partialFingerprints![fingerprintKey]!;
      const kept = byFingerprint.get(fingerprint);
      byFingerprint.set(fingerprint, kept === undefined ? result : preferred(kept, result, isAbsent, compareResults));
    }
  }
  const kept = [...byFingerprint.values()].sort(compareResults);
  // SARIF: baselineState and suppressions are on every result or on none.
  const withBaseline = kept.some((result) => result.baselineState !== undefined);
  const withSuppressions = kept.some((result) => result.suppressions !== undefined);
  const results = kept.map((result) => withRuleIndex(result, ruleIndex, withBaseline, withSuppressions));

  const invocations = inputs.flatMap(({ run }) => run.invocations ?? []);
  const executionNotifications = orderNotifications(
    unique(invocations.flatMap((invocation) => invocation.toolExecutionNotifications ?? [])).map((notification) =>
      withAssociatedRuleIndex(notification, ruleIndex),
    ),
  );
  const configurationNotifications = unique(
    invocations.flatMap((invocation) => invocation.toolConfigurationNotifications ?? []),
  );
  const invocation: Invocation = {
    executionSuccessful: invocations.every((each) => each.executionSuccessful),
    ...(executionNotifications.length > 0 && { toolExecutionNotifications: executionNotifications }),
    ...(configurationNotifications.length > 0 && { toolConfigurationNotifications: configurationNotifications }),
  };

  const driver = inputs[0]!.run.tool.driver;
  const run: Run = {
    tool: {
      driver: {
        name: driver.name,
        version,
        semanticVersion: version,
        ...(driver.informationUri !== undefined && { informationUri: driver.informationUri }),
        rules,
      },
    },
    automationDetails: { id: automationId(categoryResult(scope, cloud, collectedAt, version)) },
    invocations: [invocation],
    results,
    properties: {
      cloud,
      ...(collectedAt !== undefined && { collectedAt }),
      scope,
    },
  };
  return { $schema: sarifSchemaUri, version: '2.1.0', runs: [run] };
}

function readLog(value: unknown, source: string): Input {
  if (!isRecord(value) || !Array.isArray(value.runs)) {
    const kind = describeKind(value);
    const hint = kind === 'a plaudit JSON report' ? '; merge JSON reports with --format json' : '';
    throw new MergeInputError(`${source}: expected a SARIF log from plaudit, found ${kind}${hint}`);
  }
  if (value.version !== '2.1.0') {
    throw new MergeInputError(`${source}: SARIF version ${JSON.stringify(value.version)}; plaudit writes 2.1.0`);
  }
  if (value.runs.length !== 1) {
    throw new MergeInputError(`${source}: ${value.runs.length} runs; a plaudit SARIF log has exactly one`);
  }
  const run = value.runs[0] as Run;
  const driver = isRecord(run) && isRecord(run.tool) && isRecord(run.tool.driver) ? run.tool.driver : undefined;
  if (driver?.name !== 'plaudit') {
    throw new MergeInputError(
      `${source}: a SARIF log from ${typeof driver?.name === 'string' ? driver.name : 'an unknown tool'}, not from plaudit`,
    );
  }
  if (typeof driver.version !== 'string')
    throw new MergeInputError(`${source}: $.runs[0].tool.driver.version is missing`);
  const properties = run.properties;
  if (!isRecord(properties) || !isRecord(properties.scope) || typeof properties.cloud !== 'string') {
    // Without the scope the merged category cannot be computed, and a wrong category would close
    // another scope's alerts on upload.
    throw new MergeInputError(
      `${source}: $.runs[0].properties lacks the scan's scope or cloud; was it written by plaudit?`,
    );
  }
  if (!Array.isArray(run.results)) throw new MergeInputError(`${source}: $.runs[0].results is not an array`);
  run.results.forEach((result, index) => {
    if (typeof result.ruleId !== 'string' || typeof result.partialFingerprints?.[fingerprintKey] !== 'string') {
      throw new MergeInputError(
        `${source}: $.runs[0].results[${index}] has no ruleId or "${fingerprintKey}" fingerprint; was it written by plaudit?`,
      );
    }
  });
  // Whether the shard was complete decides whether the merged log may be uploaded: never guess it.
  const invocations: unknown = run.invocations;
  if (
    !Array.isArray(invocations) ||
    invocations.length === 0 ||
    !invocations.every((invocation) => isRecord(invocation) && typeof invocation.executionSuccessful === 'boolean')
  ) {
    throw new MergeInputError(`${source}: $.runs[0].invocations does not say whether the scan was complete`);
  }
  return {
    source,
    run,
    meta: {
      source,
      version: driver.version,
      cloud: properties.cloud,
      collectedAt: typeof properties.collectedAt === 'string' ? properties.collectedAt : undefined,
      scope: properties.scope as Scope,
    },
  };
}

/** automationId takes a scan result; only its scope and collection time matter for the id. */
function categoryResult(scope: Scope, cloud: string, collectedAt: string | undefined, version: string): ScanResult {
  return {
    tool: { name: 'plaudit', version },
    cloud: cloud as CloudName,
    scope,
    ...(collectedAt !== undefined && { collectedAt }),
    checks: [],
    findings: [],
    incomplete: [],
    checkFailures: [],
  };
}

function isAbsent(result: Result): boolean {
  return result.baselineState === 'absent';
}

function resourceOf(result: Result): string {
  const location = result.locations?.[0];
  return location?.logicalLocations?.[0]?.fullyQualifiedName ?? location?.physicalLocation?.artifactLocation?.uri ?? '';
}

/** The engine's finding order (compareFindings): check id, lower-cased resource id, message. */
function compareResults(a: Result, b: Result): number {
  return (
    (a.ruleId ?? '').localeCompare(b.ruleId ?? '') ||
    resourceOf(a).toLowerCase().localeCompare(resourceOf(b).toLowerCase()) ||
    (a.message.text ?? '').localeCompare(b.message.text ?? '')
  );
}

function withRuleIndex(
  result: Result,
  ruleIndex: ReadonlyMap<string, number>,
  withBaseline: boolean,
  withSuppressions: boolean,
): Result {
  const { ruleId, ruleIndex: _old, ...rest } = result;
  const index = ruleIndex.get(ruleId!);
  return {
    ruleId,
    ...(index !== undefined && { ruleIndex: index }),
    ...rest,
    // A shard scanned without a baseline: its results were not in the baseline, so they are new.
    ...(withBaseline && { baselineState: result.baselineState ?? 'new' }),
    ...(withSuppressions && { suppressions: result.suppressions ?? [] }),
  };
}

function withAssociatedRuleIndex(notification: Notification, ruleIndex: ReadonlyMap<string, number>): Notification {
  const rule = notification.associatedRule;
  if (rule?.id === undefined) return notification;
  const { index: _old, ...rest } = rule;
  const index = ruleIndex.get(rule.id);
  return { ...notification, associatedRule: { ...rest, ...(index !== undefined && { index }) } };
}

/** Exact repeats once: a dependency outside every shard's scope is reported by each shard. */
function unique<T>(values: readonly T[]): T[] {
  const byText = new Map<string, T>();
  for (const value of values) {
    const key = JSON.stringify(value);
    if (!byText.has(key)) byText.set(key, value);
  }
  return [...byText.values()];
}

/**
 * The SARIF reporter's order: parts of the scope not read, then inconclusive checks (by check and
 * resource, as the engine sorts them), then failed checks.
 */
function orderNotifications(notifications: readonly Notification[]): Notification[] {
  const group = (notification: Notification) =>
    notification.associatedRule === undefined ? 0 : notification.exception === undefined ? 1 : 2;
  const where = (notification: Notification) =>
    notification.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName?.toLowerCase();
  const key = (notification: Notification) =>
    group(notification) === 0
      ? (where(notification) ?? '')
      : `${notification.associatedRule?.id}|${where(notification)}`;
  return [...notifications].sort(
    (a, b) =>
      group(a) - group(b) || key(a).localeCompare(key(b)) || (a.message.text ?? '').localeCompare(b.message.text ?? ''),
  );
}
