// The GitHub Action's inputs, read from the environment that action.yml sets up (one INPUT_*
// variable per input, never interpolated into a shell script) and checked before anything runs.
import { formats, type Format } from '../../reports/index.js';
import type { FailOn } from '../engine/exit-code.js';
import { UsageError } from '../errors.js';
import type { CloudName } from '../snapshot/types.js';

export interface ActionInputs {
  readonly subscriptions: readonly string[];
  readonly resourceGroups: readonly string[];
  readonly managementGroup?: string;
  /** Scan this snapshot file instead of reading Azure. */
  readonly snapshot?: string;
  /** Collect the scope into this snapshot file first, then scan the file. */
  readonly saveSnapshot?: string;
  /** Compare this earlier snapshot with the one scanned (`plaudit diff`) and summarize the drift. */
  readonly previousSnapshot?: string;
  /** Report files to write besides JSON, SARIF and Markdown, which the action always writes. */
  readonly formats: readonly Format[];
  readonly failOn: FailOn;
  readonly failOnNew: boolean;
  readonly baseline?: string;
  readonly config?: string;
  readonly cloud?: CloudName;
  /** Replaces the category part of automationDetails.id (the scope key by default). */
  readonly sarifCategory?: string;
  readonly uploadSarif: boolean;
  /** Where the reports go (a fresh directory under RUNNER_TEMP). */
  readonly outputDir: string;
}

/** A bad input: the action stops before running plaudit and says which input to fix. */
export class ActionInputError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

/** The environment variable action.yml sets for each input. */
export const inputVariables = {
  subscriptions: 'INPUT_SUBSCRIPTIONS',
  'resource-groups': 'INPUT_RESOURCE_GROUPS',
  'management-group': 'INPUT_MANAGEMENT_GROUP',
  snapshot: 'INPUT_SNAPSHOT',
  'save-snapshot': 'INPUT_SAVE_SNAPSHOT',
  'previous-snapshot': 'INPUT_PREVIOUS_SNAPSHOT',
  formats: 'INPUT_FORMATS',
  'fail-on': 'INPUT_FAIL_ON',
  'fail-on-new': 'INPUT_FAIL_ON_NEW',
  baseline: 'INPUT_BASELINE',
  config: 'INPUT_CONFIG',
  cloud: 'INPUT_CLOUD',
  'sarif-category': 'INPUT_SARIF_CATEGORY',
  'upload-sarif': 'INPUT_UPLOAD_SARIF',
} as const;

export type InputName = keyof typeof inputVariables;

const failLevels: readonly FailOn[] = ['error', 'warning', 'note', 'none'];
const clouds: readonly CloudName[] = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'];
/** Always written: JSON for outputs and baselines, SARIF for code scanning, Markdown for the summary. */
export const requiredFormats: readonly Format[] = ['json', 'sarif', 'markdown'];

export function readInputs(env: Readonly<Record<string, string | undefined>>, outputDir: string): ActionInputs {
  const text = (name: InputName) => env[inputVariables[name]]?.trim() || undefined;
  const list = (name: InputName) => (text(name) ?? '').split(/[\s,]+/).filter(Boolean);

  const failOn = (text('fail-on') ?? 'error').toLowerCase();
  if (!(failLevels as readonly string[]).includes(failOn)) {
    throw new ActionInputError(`input fail-on: "${text('fail-on')}" is not one of ${failLevels.join(', ')}`);
  }
  const cloud = text('cloud');
  if (cloud !== undefined && !(clouds as readonly string[]).includes(cloud)) {
    throw new ActionInputError(`input cloud: "${cloud}" is not one of ${clouds.join(', ')}`);
  }
  const requested = list('formats').map((format) => format.toLowerCase());
  const unknown = requested.filter((format) => !(formats as readonly string[]).includes(format));
  if (unknown.length > 0) {
    throw new ActionInputError(`input formats: unknown ${unknown.join(', ')}; choose from ${formats.join(', ')}`);
  }

  const inputs: ActionInputs = {
    subscriptions: list('subscriptions'),
    resourceGroups: list('resource-groups'),
    ...optional('managementGroup', text('management-group')),
    ...optional('snapshot', text('snapshot')),
    ...optional('saveSnapshot', text('save-snapshot')),
    ...optional('previousSnapshot', text('previous-snapshot')),
    formats: formats.filter((format) => requiredFormats.includes(format) || requested.includes(format)),
    failOn: failOn as FailOn,
    failOnNew: booleanInput('fail-on-new', text('fail-on-new'), false),
    ...optional('baseline', text('baseline')),
    ...optional('config', text('config')),
    ...optional('cloud', cloud as CloudName | undefined),
    ...optional('sarifCategory', text('sarif-category')?.replace(/\/+$/, '')),
    uploadSarif: booleanInput('upload-sarif', text('upload-sarif'), true),
    outputDir,
  };
  checkCombinations(inputs);
  return inputs;
}

function checkCombinations(inputs: ActionInputs): void {
  const liveScope = inputs.subscriptions.length > 0 || inputs.resourceGroups.length > 0 || !!inputs.managementGroup;
  if (inputs.snapshot && (liveScope || inputs.saveSnapshot)) {
    throw new ActionInputError(
      'input snapshot: a snapshot file is the whole scope; leave subscriptions, resource-groups, management-group and save-snapshot empty, or drop snapshot to read Azure',
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

function booleanInput(name: InputName, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  // The YAML 1.2 core schema's spellings, as GitHub's own boolean inputs accept them.
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new ActionInputError(`input ${name}: "${value}" is not true or false`);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
