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
  readonly drift: string;
}

const fileNames: Record<Format | 'drift', string> = {
  json: 'plaudit.json',
  sarif: 'plaudit.sarif',
  markdown: 'plaudit.md',
  text: 'plaudit.txt',
  csv: 'plaudit.csv',
  drift: 'drift.md',
};

export function reportPaths(outputDir: string): ReportPaths {
  return {
    json: join(outputDir, fileNames.json),
    sarif: join(outputDir, fileNames.sarif),
    markdown: join(outputDir, fileNames.markdown),
    text: join(outputDir, fileNames.text),
    csv: join(outputDir, fileNames.csv),
    drift: join(outputDir, fileNames.drift),
  };
}

/**
 * `plaudit scan ...`: JSON, SARIF and Markdown (and any other requested format) into the output
 * directory, and the text report to stdout for the job log.
 */
export function actionCommand(inputs: ActionInputs): string[] {
  const paths = reportPaths(inputs.outputDir);
  const snapshot = inputs.snapshot ?? inputs.saveSnapshot;
  return [
    'scan',
    ...(snapshot !== undefined ? ['--snapshot', snapshot] : scopeArguments(inputs)),
    ...(inputs.cloud !== undefined ? ['--cloud', inputs.cloud] : []),
    // --format and --output pair by position; the last --format, without an --output, is stdout.
    ...inputs.formats.flatMap((format) => ['--format', format, '--output', paths[format]]),
    '--format',
    'text',
    '--fail-on',
    inputs.failOn,
    ...(inputs.baseline !== undefined ? ['--baseline', inputs.baseline] : []),
    ...(inputs.failOnNew ? ['--fail-on-new'] : []),
    ...(inputs.config !== undefined ? ['--config', inputs.config] : []),
  ];
}

/** `plaudit collect ...` when the action is to keep a snapshot (input save-snapshot). */
export function collectCommand(inputs: ActionInputs): string[] | undefined {
  if (inputs.saveSnapshot === undefined) return undefined;
  return [
    'collect',
    ...scopeArguments(inputs),
    ...(inputs.cloud !== undefined ? ['--cloud', inputs.cloud] : []),
    '--output',
    inputs.saveSnapshot,
  ];
}

/** `plaudit diff PREVIOUS CURRENT` as Markdown, when there is a previous snapshot to compare. */
export function diffCommand(inputs: ActionInputs): string[] | undefined {
  const current = inputs.snapshot ?? inputs.saveSnapshot;
  if (inputs.previousSnapshot === undefined || current === undefined) return undefined;
  return [
    'diff',
    inputs.previousSnapshot,
    current,
    '--format',
    'markdown',
    '--output',
    reportPaths(inputs.outputDir).drift,
  ];
}

/** No scope at all means every subscription the credential can read (plaudit's default). */
function scopeArguments(inputs: ActionInputs): string[] {
  return [
    ...inputs.subscriptions.flatMap((id) => ['--subscription', id]),
    ...inputs.resourceGroups.flatMap((id) => ['--resource-group', id]),
    ...(inputs.managementGroup !== undefined ? ['--management-group', inputs.managementGroup] : []),
  ];
}
