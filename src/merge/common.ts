// What merging JSON reports and SARIF logs share: input errors that name the file, tool version
// and cloud agreement, the union of scopes, check order, and which copy of a finding wins.
import { catalogue } from '../../checks/index.js';
import { parseShard, type Shard } from '../azure/shard.js';
import { UsageError } from '../errors.js';
import { normalizeId } from '../ids.js';
import type { ScanResult } from '../engine/types.js';

/** An input to `plaudit merge` is not what it should be: a usage error naming the file (exit 2). */
export class MergeInputError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'MergeInputError';
  }
}

export type Scope = ScanResult['scope'];

/** One input, already known to be of the right kind, with what merging needs from it. */
export interface MergeSource {
  readonly source: string;
  readonly version: string;
  readonly cloud: string;
  readonly collectedAt: string | undefined;
  readonly scope: Scope;
}

export function checkArguments(values: readonly unknown[], sources: readonly string[]): void {
  if (values.length !== sources.length) {
    throw new Error(`merge: ${values.length} inputs but ${sources.length} source names`);
  }
  if (values.length === 0) throw new MergeInputError('nothing to merge: give at least one report file');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of what a file that is not the expected kind seems to be. */
export function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON array (a snapshot?)';
  if (!isRecord(value)) return `a JSON ${value === null ? 'null' : typeof value}`;
  if (Array.isArray(value.runs)) return 'a SARIF log';
  if ('schemaVersion' in value && Array.isArray(value.findings)) return 'a plaudit JSON report';
  if (Array.isArray(value.resources) || Array.isArray(value.data)) return 'a snapshot';
  if (Array.isArray(value.checks) && !('findings' in value))
    return 'a check catalogue (`plaudit checks --format json`)';
  return 'some other JSON document';
}

/**
 * All inputs must come from one major version of plaudit (fingerprints and report shapes may
 * change between majors); the merged report carries the highest version among them.
 */
export function mergedToolVersion(inputs: readonly MergeSource[]): string {
  const first = inputs[0]!;
  const firstMajor = majorOf(first);
  for (const input of inputs.slice(1)) {
    const major = majorOf(input);
    if (major !== firstMajor) {
      throw new MergeInputError(
        `${input.source}: written by plaudit ${input.version}, but ${first.source} by plaudit ${first.version}; ` +
          'merge reports of one major version (rerun the older shards with the same plaudit)',
      );
    }
  }
  return inputs.map((input) => input.version).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
}

export function mergedCloud(inputs: readonly MergeSource[]): string {
  const first = inputs[0]!;
  for (const input of inputs.slice(1)) {
    if (input.cloud !== first.cloud) {
      throw new MergeInputError(
        `${input.source}: scanned ${input.cloud}, but ${first.source} scanned ${first.cloud}; shards of one scan share a cloud`,
      );
    }
  }
  return first.cloud;
}

/** The earliest collection time: the merged data is at least as old as its oldest shard. */
export function mergedCollectedAt(inputs: readonly MergeSource[]): string | undefined {
  const times = inputs.flatMap((input) => (input.collectedAt === undefined ? [] : [input.collectedAt]));
  if (times.length === 0) return undefined;
  return times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

/**
 * The union of the shards' scopes. Subscriptions and resource groups are unioned (case-insensitively,
 * sorted); a management group or tenant must be the same in every input, since shards of one scan
 * share it. An input that asked for everything readable makes the union everything readable.
 */
export function mergedScope(inputs: readonly MergeSource[]): Scope {
  const first = inputs[0]!;
  for (const key of ['managementGroup', 'tenant'] as const) {
    const expected = first.scope[key]?.toLowerCase();
    for (const input of inputs.slice(1)) {
      if (input.scope[key]?.toLowerCase() !== expected) {
        const name = key === 'tenant' ? 'tenant' : 'management group';
        throw new MergeInputError(
          `${input.source}: scope ${name} ${input.scope[key] ?? '(none)'} differs from ${first.scope[key] ?? '(none)'} in ${first.source}; merge shards of one scan`,
        );
      }
    }
  }
  const snapshots = new Set(inputs.map((input) => input.scope.snapshot));
  const snapshot = snapshots.size === 1 ? [...snapshots][0] : undefined;
  const everything = inputs.some((input) => !input.scope.subscriptions?.length && !input.scope.resourceGroups?.length);
  const subscriptions = everything
    ? []
    : unionBy(
        inputs.flatMap((input) => input.scope.subscriptions ?? []),
        (id) => normalizeId(id).replace(/^\/?subscriptions\//, ''),
      );
  const resourceGroups = everything
    ? []
    : unionBy(
        inputs.flatMap((input) => input.scope.resourceGroups ?? []),
        (id) => normalizeId(id),
      );
  return {
    ...(subscriptions.length > 0 && { subscriptions }),
    ...(resourceGroups.length > 0 && { resourceGroups }),
    ...(first.scope.managementGroup !== undefined && { managementGroup: first.scope.managementGroup }),
    ...(first.scope.tenant !== undefined && { tenant: first.scope.tenant }),
    ...(snapshot !== undefined && { snapshot }),
  };
}

/**
 * When the inputs say which shard they are (`scope.shard`, "I/N"), every shard of one sharded scan
 * must be there exactly once: a merge of three shards out of four would read as the whole scope, and
 * its upload would close the alerts of the fourth shard's resources. Inputs that do not say are
 * merged as given.
 */
export function checkShardCoverage(inputs: readonly MergeSource[]): void {
  const marked = inputs.map((input) => ({ input, written: (input.scope as { shard?: unknown }).shard }));
  const sharded = marked.filter((entry) => entry.written !== undefined);
  if (sharded.length === 0) return;
  const first = sharded[0]!;
  const unmarked = marked.find((entry) => entry.written === undefined);
  if (unmarked) {
    throw new MergeInputError(
      `${unmarked.input.source}: not a shard (its scope has no shard), but ${first.input.source} is shard ${String(first.written)}; merge the shards of one sharded scan`,
    );
  }
  const sourceByIndex = new Map<number, string>();
  let count: number | undefined;
  for (const { input, written } of sharded) {
    let shard: Shard;
    try {
      shard = parseShard(String(written));
    } catch {
      throw new MergeInputError(`${input.source}: scope.shard ${JSON.stringify(written)} is not I/N`);
    }
    count ??= shard.count;
    if (shard.count !== count) {
      throw new MergeInputError(
        `${input.source}: shard ${shard.index}/${shard.count}, but ${first.input.source} is shard ${String(first.written)}; merge the shards of one sharded scan`,
      );
    }
    const earlier = sourceByIndex.get(shard.index);
    if (earlier !== undefined) {
      throw new MergeInputError(`${input.source}: shard ${shard.index}/${shard.count} again (also ${earlier})`);
    }
    sourceByIndex.set(shard.index, input.source);
  }
  const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((index) => !sourceByIndex.has(index));
  if (missing.length > 0) {
    throw new MergeInputError(
      `missing shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')}: ` +
        "a merge of part of a sharded scan would read as the whole scope (and its upload would close the missing shards' alerts)",
    );
  }
}

/** Check ids in catalogue order; ids this plaudit does not know (a newer minor) follow, sorted. */
export function inCatalogueOrder(ids: Iterable<string>): string[] {
  const position = new Map<string, number>(catalogue.map((check, index) => [check.id, index]));
  const rank = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Which of two copies of one finding (same fingerprint) the merged report keeps. A shard scanned
 * with a baseline marks every baseline finding outside its own subscriptions `absent`, so a copy
 * that is present wins over an absent one; otherwise the choice is by sort order, so the result
 * does not depend on the order the files were given in.
 */
export function preferred<T>(a: T, b: T, isAbsent: (value: T) => boolean, compare: (x: T, y: T) => number): T {
  if (isAbsent(a) !== isAbsent(b)) return isAbsent(a) ? b : a;
  const order = compare(a, b) || JSON.stringify(a).localeCompare(JSON.stringify(b));
  return order <= 0 ? a : b;
}

/** Keeps the first spelling of each key, drops repeats, sorts by key. */
function unionBy(values: readonly string[], key: (value: string) => string): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) if (!byKey.has(key(value))) byKey.set(key(value), value);
  return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, value]) => value);
}

function majorOf(input: MergeSource): number {
  const match = /^v?(\d+)\./.exec(input.version);
  if (!match) throw new MergeInputError(`${input.source}: tool version "${input.version}" is not a version number`);
  return Number(match[1]);
}

function compareVersions(a: string, b: string): number {
  const parts = (version: string) => (/^v?(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}
