// The plaudit command lines the Action runs, built from its inputs. Pure: no environment, no files.
import { join } from 'node:path';
import type { Format } from '../../reports/index.js';
import type { ActionInputs } from './inputs.js';

/** Report files in the output directory, by format, and the drift summary. */
export interface ReportPaths {
  readonly json: string;
  readonly sarif: string;
  readonly markdown: string;
  readonly text: string;
  readonly csv: string;
  readonly html: string;
  readonly drift: string;
}

const fileNames: Record<Format | 'drift', string> = {
  json: 'plaudit.json',
  sarif: 'plaudit.sarif',
  markdown: 'plaudit.md',
  text: 'plaudit.txt',
  csv: 'plaudit.csv',
  html: 'plaudit.html',
  drift: 'drift.md',
};

export function reportPaths(outputDir: string): ReportPaths {
  return {
    json: join(outputDir, fileNames.json),
    sarif: join(outputDir, fileNames.sarif),
    markdown: join(outputDir, fileNames.markdown),
    text: join(outputDir, fileNames.text),
    csv: join(outputDir, fileNames.csv),
    html: join(outputDir, fileNames.html),
    drift: join(outputDir, fileNames.drift),
  };
}

/**
 * `plaudit scan ...`: JSON, SARIF and Markdown (and any other requested format) into the output
 * directory, and the text report to stdout for the job log.
 */
export function actionCommand(inputs: ActionInputs, outputDir: string): string[] {
  const paths = reportPaths(outputDir);
  return [
    'scan',
    ...(inputs.snapshot !== undefined
      ? // A snapshot given as input is scanned as one shard of itself when asked to.
        ['--snapshot', inputs.snapshot, ...shardArguments(inputs)]
      : inputs.saveSnapshot !== undefined
        ? // The collected snapshot is already the shard (its scope says so).
          ['--snapshot', inputs.saveSnapshot]
        : liveArguments(inputs)),
    ...(inputs.cloud !== undefined ? ['--cloud', inputs.cloud] : []),
    // --format and --output pair by position; the last --format, without an --output, is stdout.
    ...inputs.formats.flatMap((format) => ['--format', format, '--output', paths[format]]),
    '--format',
    'text',
    '--fail-on',
    inputs.failOn,
    ...(inputs.checks.length > 0 ? ['--checks', inputs.checks.join(',')] : []),
    ...(inputs.baseline !== undefined ? ['--baseline', inputs.baseline] : []),
    ...(inputs.failOnNew ? ['--fail-on-new'] : []),
    ...(inputs.config !== undefined ? ['--config', inputs.config] : []),
    ...logArguments(inputs),
  ];
}

/** `plaudit collect ...` when the action is to keep a snapshot (input save-snapshot). */
export function collectCommand(inputs: ActionInputs): string[] | undefined {
  if (inputs.saveSnapshot === undefined) return undefined;
  return [
    'collect',
    ...liveArguments(inputs),
    ...(inputs.cloud !== undefined ? ['--cloud', inputs.cloud] : []),
    '--output',
    inputs.saveSnapshot,
    ...logArguments(inputs),
  ];
}

/** `plaudit diff PREVIOUS CURRENT` as Markdown, when there is a previous snapshot to compare. */
export function diffCommand(inputs: ActionInputs, outputDir: string): string[] | undefined {
  const current = inputs.snapshot ?? inputs.saveSnapshot;
  if (inputs.previousSnapshot === undefined || current === undefined) return undefined;
  return ['diff', inputs.previousSnapshot, current, '--format', 'markdown', '--output', reportPaths(outputDir).drift];
}

/**
 * The live scope and how to read it. No scope at all means every subscription the credential can
 * read (plaudit's default).
 */
function liveArguments(inputs: ActionInputs): string[] {
  return [
    ...inputs.subscriptions.flatMap((id) => ['--subscription', id]),
    ...inputs.resourceGroups.flatMap((id) => ['--resource-group', id]),
    ...(inputs.managementGroup !== undefined ? ['--management-group', inputs.managementGroup] : []),
    ...(inputs.tenant !== undefined ? ['--tenant', inputs.tenant] : []),
    ...shardArguments(inputs),
    ...(inputs.source !== undefined ? ['--source', inputs.source] : []),
    ...(inputs.armEndpoint !== undefined ? ['--arm-endpoint', inputs.armEndpoint] : []),
  ];
}

function shardArguments(inputs: ActionInputs): string[] {
  return inputs.shard !== undefined ? ['--shard', `${inputs.shard.index}/${inputs.shard.count}`] : [];
}

function logArguments(inputs: ActionInputs): string[] {
  return inputs.logLevel !== undefined ? ['--log-level', inputs.logLevel] : [];
}
