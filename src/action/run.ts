// One run of the GitHub Action: read the inputs, (collect,) scan, (diff,) then decide about the
// upload, write the job summary and the step outputs, and fail the step when the gate fails. The
// upload itself is a later step (action.yml runs github/codeql-action/upload-sarif when the
// `upload` output says so), which runs even after this step failed the gate, so findings still
// reach code scanning.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exitCodes } from '../engine/exit-code.js';
import { actionCommand, collectCommand, diffCommand, reportPaths, type ReportPaths } from './command.js';
import { ActionInputError, checkInputFiles, readInputs, type ActionInputs } from './inputs.js';
import { checkUploadLimits, limitsMessage } from './limits.js';
import { actionOutcome, overrideSarifCategory, type ActionOutcome } from './outcome.js';
import type { ActionRunner } from './runner.js';
import { stepSummary } from './summary.js';

export interface ActionEnvironment {
  /** The process environment: INPUT_* variables and GITHUB_WORKSPACE. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Makes a fresh, empty directory for the reports (used unless input output-dir names one). */
  readonly outputDir: () => string;
  /** Runs plaudit with these arguments; resolves to its exit code (null when killed by a signal). */
  readonly plaudit: (argv: readonly string[]) => Promise<number | null>;
  /** Moves into the working directory, where plaudit resolves relative paths. */
  readonly chdir: (directory: string) => void;
  readonly runner: ActionRunner;
}

/** The step outputs the scan step writes; action.yml maps them to the action's outputs. */
export const actionOutputNames = [
  'sarif-file',
  'json-file',
  'markdown-file',
  'text-file',
  'report-dir',
  'exit-code',
  'complete',
  'upload',
  'fail',
  'message',
  'category',
  'snapshot-file',
  'drift',
] as const;

export type ActionOutputs = Readonly<Record<(typeof actionOutputNames)[number], string>>;

interface RunFacts {
  readonly exitCode: number;
  readonly inputs?: ActionInputs;
  readonly workingDirectory?: string;
  readonly outputDir?: string;
  readonly drift?: { text: string; changed: boolean };
  /** Why a complete log is not uploaded after all. */
  readonly warnings?: readonly string[];
}

export async function runAction(environment: ActionEnvironment): Promise<ActionOutputs> {
  const { env, plaudit, runner } = environment;
  let inputs: ActionInputs;
  let workingDirectory: string;
  let outputDir: string;
  try {
    inputs = readInputs(env);
    workingDirectory = resolve(env.GITHUB_WORKSPACE || process.cwd(), inputs.workingDirectory);
    if (!existsSync(workingDirectory)) {
      throw new ActionInputError(`input working-directory: ${workingDirectory} does not exist`);
    }
    checkInputFiles(inputs, (path) => existsSync(resolve(workingDirectory, path)));
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    const outcome: ActionOutcome = { upload: false, fail: true, incomplete: false, message: error.message };
    return finish(environment, outcome, { exitCode: exitCodes.usage });
  }
  environment.chdir(workingDirectory);
  if (inputs.outputDir !== undefined) {
    outputDir = resolve(workingDirectory, inputs.outputDir);
    mkdirSync(outputDir, { recursive: true });
  } else {
    outputDir = environment.outputDir();
  }
  const paths = reportPaths(outputDir);
  const facts = { inputs, workingDirectory, outputDir };

  const collect = collectCommand(inputs);
  if (collect !== undefined) {
    mkdirSync(dirname(resolve(workingDirectory, inputs.saveSnapshot!)), { recursive: true });
    const code = await plaudit(collect);
    // 3: collected, with parts unreadable; the scan reports them and the upload is refused.
    if (code !== exitCodes.ok && code !== exitCodes.incomplete) {
      const outcome: ActionOutcome = {
        upload: false,
        fail: true,
        incomplete: false,
        message: `plaudit collect failed (${code === null ? 'killed by a signal' : `exit code ${code}`}); see the log above. Nothing was scanned or uploaded.`,
      };
      return finish(environment, outcome, { ...facts, exitCode: code ?? exitCodes.usage });
    }
  }

  const exitCode = await plaudit(actionCommand(inputs, outputDir));
  if (inputs.sarifCategory !== undefined && existsSync(paths.sarif)) {
    try {
      overrideSarifCategory(paths.sarif, inputs.sarifCategory);
    } catch {
      // An unreadable log is reported by actionOutcome below.
    }
  }
  const outcome = actionOutcome(exitCode, paths.sarif);
  const warnings = outcome.upload ? uploadWarnings(inputs, paths, outcome, runner) : [];

  let drift: { text: string; changed: boolean } | undefined;
  const diff = diffCommand(inputs, outputDir);
  if (diff !== undefined) {
    const code = await plaudit(diff);
    if ((code === exitCodes.ok || code === exitCodes.findings) && existsSync(paths.drift)) {
      drift = { text: readFileSync(paths.drift, 'utf8'), changed: code === exitCodes.findings };
    } else {
      runner.annotate(
        'warning',
        `Could not compare ${inputs.previousSnapshot} with this run's snapshot; see the log above.`,
      );
    }
  }
  return finish(environment, outcome, {
    ...facts,
    exitCode: exitCode ?? -1,
    warnings,
    ...(drift !== undefined && { drift }),
  });
}

/**
 * Reasons not to upload a complete log after all: a shard that would replace its whole scope's
 * alerts, or a log over one of code scanning's limits (GitHub would reject the file).
 */
function uploadWarnings(inputs: ActionInputs, paths: ReportPaths, outcome: ActionOutcome, runner: ActionRunner) {
  const warnings: string[] = [];
  const shard = inputs.shard ? `${inputs.shard.index}/${inputs.shard.count}` : reportShard(paths.json);
  if (shard !== undefined && inputs.sarifCategory === undefined) {
    const category = outcome.category ?? 'plaudit/<scope>';
    warnings.push(
      `The SARIF log was not uploaded: this is shard ${shard} of its scope, and its category ${category} is the whole scope's, ` +
        "so the upload would close the open alerts of the other shards' resources. Merge the shards' logs " +
        '(plaudit merge) and upload the merged log, or give each shard its own sarif-category ' +
        `(for example ${category}/shard-${shard.split('/')[0]}).`,
    );
  }
  const limits = checkUploadLimits(readFileSync(paths.sarif, 'utf8'));
  if (limits.exceeded.length > 0) warnings.push(limitsMessage(limits.exceeded));
  for (const note of limits.truncated) runner.annotate('notice', note, 'plaudit: code scanning limit');
  return warnings;
}

/** The shard a JSON report says it is (`scope.shard`), e.g. a scan of a shard's snapshot. */
function reportShard(jsonPath: string): string | undefined {
  try {
    const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as { scope?: { shard?: unknown } };
    return typeof report.scope?.shard === 'string' ? report.scope.shard : undefined;
  } catch {
    return undefined;
  }
}

function finish(environment: ActionEnvironment, outcome: ActionOutcome, run: RunFacts): ActionOutputs {
  const { runner } = environment;
  const paths = run.outputDir !== undefined ? reportPaths(run.outputDir) : undefined;
  const written = (path: string | undefined) => (path !== undefined && existsSync(path) ? path : '');
  const report = paths && existsSync(paths.markdown) ? readFileSync(paths.markdown, 'utf8') : undefined;
  const warnings = run.warnings ?? [];
  runner.appendSummary(
    stepSummary({
      outcome,
      warnings,
      ...(report !== undefined && { report, reportPath: paths!.markdown }),
      ...(run.drift !== undefined && { drift: run.drift.text }),
    }),
  );
  for (const warning of warnings) runner.annotate('warning', warning);
  runner.annotate(outcome.fail ? 'error' : 'notice', outcome.message);
  const snapshot = run.inputs?.snapshot ?? run.inputs?.saveSnapshot;
  const outputs: ActionOutputs = {
    'sarif-file': written(paths?.sarif),
    'json-file': written(paths?.json),
    'markdown-file': report !== undefined ? paths!.markdown : '',
    'text-file': written(paths?.text),
    'report-dir': run.outputDir ?? '',
    'exit-code': String(run.exitCode),
    complete: String(outcome.upload),
    upload: String(outcome.upload && warnings.length === 0),
    fail: String(outcome.fail),
    message: outcome.message,
    category: outcome.category ?? '',
    'snapshot-file': snapshot !== undefined ? written(resolve(run.workingDirectory ?? '.', snapshot)) : '',
    drift: run.drift === undefined ? '' : String(run.drift.changed),
  };
  for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value);
  if (outcome.fail) runner.fail();
  return outputs;
}
