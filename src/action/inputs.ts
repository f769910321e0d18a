// The GitHub Action's inputs, read from the environment the runner sets up for a JavaScript action
// (one INPUT_<NAME> variable per input, the name upper-cased with its hyphens kept) and checked
// before anything runs, so that a mistake names the input to fix.
import { catalogue, selectChecks } from '../../checks/index.js';
import { formats, type Format } from '../../reports/index.js';
import { parseShard, ShardSpecError, type Shard } from '../azure/shard.js';
import { logLevels, type LogLevel } from '../cli/logger.js';
import type { FailOn } from '../engine/exit-code.js';
import { UsageError } from '../errors.js';
import type { CloudName } from '../snapshot/types.js';

export interface ActionInputs {
  readonly subscriptions: readonly string[];
  readonly resourceGroups: readonly string[];
  readonly managementGroup?: string;
  readonly tenant?: string;
  /** Scan this snapshot file instead of reading Azure. */
  readonly snapshot?: string;
  /** Collect the scope into this snapshot file first, then scan the file. */
  readonly saveSnapshot?: string;
  /** Compare this earlier snapshot with the one scanned (`plaudit diff`) and summarize the drift. */
  readonly previousSnapshot?: string;
  /** Check ids or groups to run; empty means all. */
  readonly checks: readonly string[];
  /** Read (or, for a snapshot, report) only this slice of the subscriptions. */
  readonly shard?: Shard;
  readonly config?: string;
  readonly baseline?: string;
  readonly failOn: FailOn;
  readonly failOnNew: boolean;
  readonly cloud?: CloudName;
  readonly source?: 'graph' | 'arm';
  readonly armEndpoint?: string;
  readonly logLevel?: LogLevel;
  /** Report files to write; JSON, SARIF and Markdown always are. */
  readonly formats: readonly Format[];
  /** Where the reports go; a fresh directory under RUNNER_TEMP when not given. */
  readonly outputDir?: string;
  /** Replaces the category part of automationDetails.id (the scope key by default). */
  readonly sarifCategory?: string;
  /** Where plaudit runs, relative to the workspace; relative paths in other inputs are relative to it. */
  readonly workingDirectory: string;
}

/** A bad input: the action stops before running plaudit and says which input to fix. */
export class ActionInputError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

/** Every input of the scan action (scan/action.yml), in the order the docs list them. */
export const inputNames = [
  'subscriptions',
  'resource-groups',
  'management-group',
  'tenant',
  'snapshot',
  'save-snapshot',
  'previous-snapshot',
  'checks',
  'shard',
  'config',
  'baseline',
  'fail-on',
  'fail-on-new',
  'cloud',
  'source',
  'arm-endpoint',
  'log-level',
  'formats',
  'output-dir',
  'sarif-category',
  'working-directory',
] as const;

export type InputName = (typeof inputNames)[number];

/** The variable the runner sets for an input of a JavaScript action (what @actions/core reads). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

const failLevels: readonly FailOn[] = ['error', 'warning', 'note', 'none'];
const clouds: readonly CloudName[] = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'];
const sources = ['graph', 'arm'] as const;
/** Always written: JSON for outputs and baselines, SARIF for code scanning, Markdown for the summary. */
export const requiredFormats: readonly Format[] = ['json', 'sarif', 'markdown'];

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const resourceGroupId = /^\/subscriptions\/([^/\s]+)\/resourceGroups\/[^/\s]+\/?$/i;

export function readInputs(env: Readonly<Record<string, string | undefined>>): ActionInputs {
  const text = (name: InputName) => env[inputVariable(name)]?.trim() || undefined;
  const list = (name: InputName) => (text(name) ?? '').split(/[\s,]+/).filter(Boolean);
  const choice = <T extends string>(name: InputName, choices: readonly T[]): T | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const match = choices.find((each) => each.toLowerCase() === value.toLowerCase());
    if (match === undefined)
      throw new ActionInputError(`input ${name}: "${value}" is not one of ${choices.join(', ')}`);
    return match;
  };

  const subscriptions = list('subscriptions');
  const badSubscription = subscriptions.find((id) => !guid.test(id));
  if (badSubscription !== undefined) {
    throw new ActionInputError(
      `input subscriptions: "${badSubscription}" is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)`,
    );
  }
  const resourceGroups = list('resource-groups');
  const badGroup = resourceGroups.find((id) => !guid.test(resourceGroupId.exec(id)?.[1] ?? ''));
  if (badGroup !== undefined) {
    throw new ActionInputError(
      `input resource-groups: "${badGroup}" is not a resource group id; write /subscriptions/<subscription id>/resourceGroups/<name>`,
    );
  }
  const managementGroup = single('management-group', text('management-group'));
  const tenant = single('tenant', text('tenant'));

  const checks = list('checks').map((selector) => selector.toLowerCase());
  const { unknown } = selectChecks(checks);
  if (unknown.length > 0) {
    const groups = [...new Set(catalogue.map((check) => check.id.split('/')[0]))].join(', ');
    throw new ActionInputError(
      `input checks: unknown check id or group ${unknown.join(', ')}; use a group (${groups}) or a check id such as ${catalogue[0]!.id} (plaudit checks lists them)`,
    );
  }

  const shard = shardInput(text('shard'));
  const armEndpoint = endpointInput(text('arm-endpoint'));

  const requested = list('formats').map((format) => format.toLowerCase());
  const unknownFormats = requested.filter((format) => !(formats as readonly string[]).includes(format));
  if (unknownFormats.length > 0) {
    throw new ActionInputError(
      `input formats: unknown ${unknownFormats.join(', ')}; choose from ${formats.join(', ')}`,
    );
  }

  const sarifCategory = text('sarif-category')?.replace(/\/+$/, '');
  if (sarifCategory !== undefined && /\s/.test(sarifCategory)) {
    throw new ActionInputError(`input sarif-category: "${sarifCategory}" has spaces; use letters, digits, - _ . and /`);
  }

  const inputs: ActionInputs = {
    subscriptions,
    resourceGroups,
    ...optional('managementGroup', managementGroup),
    ...optional('tenant', tenant),
    ...optional('snapshot', text('snapshot')),
    ...optional('saveSnapshot', text('save-snapshot')),
    ...optional('previousSnapshot', text('previous-snapshot')),
    checks,
    ...optional('shard', shard),
    ...optional('config', text('config')),
    ...optional('baseline', text('baseline')),
    failOn: choice('fail-on', failLevels) ?? 'error',
    failOnNew: booleanInput('fail-on-new', text('fail-on-new'), false),
    ...optional('cloud', choice('cloud', clouds)),
    ...optional('source', choice('source', sources)),
    ...optional('armEndpoint', armEndpoint),
    ...optional('logLevel', choice('log-level', logLevels)),
    formats: formats.filter((format) => requiredFormats.includes(format) || requested.includes(format)),
    ...optional('outputDir', text('output-dir')),
    ...optional('sarifCategory', sarifCategory),
    workingDirectory: text('working-directory') ?? '.',
  };
  checkCombinations(inputs);
  return inputs;
}

/** The files the inputs name must exist (relative paths are relative to the working directory). */
export function checkInputFiles(inputs: ActionInputs, exists: (path: string) => boolean): void {
  const files: [InputName, string | undefined][] = [
    ['snapshot', inputs.snapshot],
    ['previous-snapshot', inputs.previousSnapshot],
    ['baseline', inputs.baseline],
    ['config', inputs.config],
  ];
  for (const [name, path] of files) {
    if (path !== undefined && !exists(path)) {
      throw new ActionInputError(
        `input ${name}: ${path} does not exist (relative paths are relative to working-directory ${inputs.workingDirectory})`,
      );
    }
  }
}

function checkCombinations(inputs: ActionInputs): void {
  const liveScope =
    inputs.subscriptions.length > 0 ||
    inputs.resourceGroups.length > 0 ||
    inputs.managementGroup !== undefined ||
    inputs.tenant !== undefined;
  if (inputs.snapshot && (liveScope || inputs.saveSnapshot)) {
    throw new ActionInputError(
      'input snapshot: a snapshot file is the whole scope; leave subscriptions, resource-groups, management-group, tenant and save-snapshot empty, or drop snapshot to read Azure',
    );
  }
  if (inputs.snapshot && (inputs.source !== undefined || inputs.armEndpoint !== undefined)) {
    throw new ActionInputError(
      `input ${inputs.source !== undefined ? 'source' : 'arm-endpoint'}: only applies when reading Azure; leave it empty with snapshot`,
    );
  }
  if (inputs.previousSnapshot && !inputs.snapshot && !inputs.saveSnapshot) {
    throw new ActionInputError(
      'input previous-snapshot: needs snapshot or save-snapshot, the snapshot of this run to compare it with',
    );
  }
  if (inputs.failOnNew && !inputs.baseline) {
    throw new ActionInputError(
      'input fail-on-new: needs baseline (a previous plaudit JSON report or SARIF log); on a first run without one, set fail-on-new to false',
    );
  }
  if (inputs.sarifCategory === '') throw new ActionInputError('input sarif-category: is only slashes');
}

/** An input that names one thing: a management group or a tenant. */
function single(name: InputName, value: string | undefined): string | undefined {
  if (value !== undefined && /[\s,]/.test(value)) {
    throw new ActionInputError(`input ${name}: give one ${name.replace('-', ' ')} id, not "${value}"`);
  }
  return value;
}

function shardInput(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  try {
    return parseShard(value);
  } catch (error) {
    if (!(error instanceof ShardSpecError)) throw error;
    throw new ActionInputError(
      `input shard: "${value}" is not I/N with 1 <= I <= N <= 256; give this job's shard and the number of shards, e.g. 2/4 or \${{ matrix.shard }}/4`,
    );
  }
}

function endpointInput(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    throw new ActionInputError(`input arm-endpoint: "${value}" is not an https:// URL`);
  }
  return value;
}

function booleanInput(name: InputName, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  // The YAML 1.2 core schema's spellings, as @actions/core's getBooleanInput accepts them.
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new ActionInputError(`input ${name}: "${value}" is not true or false`);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
