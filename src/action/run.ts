// One run of the GitHub Action: read the inputs, (collect,) scan, (diff,) then decide about the
// upload, write the job summary and the step outputs. The gate itself fails in a later step of
// action.yml, after the SARIF upload, so findings still reach code scanning when the gate fails.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exitCodes } from '../engine/exit-code.js';
import { actionCommand, collectCommand, diffCommand, reportPaths } from './command.js';
import { ActionInputError, readInputs, type ActionInputs } from './inputs.js';
import { actionOutcome, overrideSarifCategory, type ActionOutcome } from './outcome.js';
import { annotation, writeOutputs, writeStepSummary } from './summary.js';

export interface ActionEnvironment {
  /** The process environment: INPUT_* variables, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** An empty directory for the reports. */
  readonly outputDir: string;
  /** Runs plaudit with these arguments; resolves to its exit code (null when killed by a signal). */
  readonly plaudit: (argv: readonly string[]) => Promise<number | null>;
  /** Writes to the job log (stdout). */
  readonly log: (text: string) => void;
}

/** The step outputs the scan step writes; action.yml maps them to the action's outputs. */
export const actionOutputNames = [
  'sarif-file',
  'json-file',
  'markdown-file',
  'report-dir',
  'exit-code',
  'upload',
  'fail',
  'message',
  'category',
  'snapshot-file',
  'drift',
] as const;

export type ActionOutputs = Readonly<Record<(typeof actionOutputNames)[number], string>>;

export async function runAction(environment: ActionEnvironment): Promise<ActionOutputs> {
  const { env, outputDir, plaudit, log } = environment;
  const paths = reportPaths(outputDir);
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env, outputDir);
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    const outcome: ActionOutcome = { upload: false, fail: true, incomplete: false, message: error.message };
    return finish(environment, outcome, { exitCode: exitCodes.usage });
  }

  mkdirSync(outputDir, { recursive: true });
  const collect = collectCommand(inputs);
  if (collect !== undefined) {
    mkdirSync(dirname(resolve(inputs.saveSnapshot!)), { recursive: true });
    const code = await plaudit(collect);
    // 3: collected, with parts unreadable; the scan reports them and the upload is refused.
    if (code !== exitCodes.ok && code !== exitCodes.incomplete) {
      const outcome: ActionOutcome = {
        upload: false,
        fail: true,
        incomplete: false,
        message: `plaudit collect failed (${code === null ? 'killed by a signal' : `exit code ${code}`}); see the log above. Nothing was scanned or uploaded.`,
      };
      return finish(environment, outcome, { exitCode: code ?? exitCodes.usage, inputs });
    }
  }

  const exitCode = await plaudit(actionCommand(inputs));
  if (inputs.sarifCategory !== undefined && existsSync(paths.sarif)) {
    try {
      overrideSarifCategory(paths.sarif, inputs.sarifCategory);
    } catch {
      // An unreadable log is reported by actionOutcome below.
    }
  }
  const outcome = actionOutcome(exitCode, paths.sarif);

  let drift: { text: string; changed: boolean } | undefined;
  const diff = diffCommand(inputs);
  if (diff !== undefined) {
    const code = await plaudit(diff);
    if ((code === exitCodes.ok || code === exitCodes.findings) && existsSync(paths.drift)) {
      drift = { text: readFileSync(paths.drift, 'utf8'), changed: code === exitCodes.findings };
    } else {
      log(
        annotation(
          'warning',
          `Could not compare ${inputs.previousSnapshot} with this run's snapshot; see the log above.`,
        ),
      );
    }
  }
  return finish(environment, outcome, { exitCode: exitCode ?? -1, inputs, ...(drift !== undefined && { drift }) });
}

function finish(
  environment: ActionEnvironment,
  outcome: ActionOutcome,
  run: { exitCode: number; inputs?: ActionInputs; drift?: { text: string; changed: boolean } },
): ActionOutputs {
  const { env, outputDir, log } = environment;
  const paths = reportPaths(outputDir);
  const report = existsSync(paths.markdown) ? readFileSync(paths.markdown, 'utf8') : undefined;
  writeStepSummary(env.GITHUB_STEP_SUMMARY, {
    outcome,
    ...(report !== undefined && { report, reportPath: paths.markdown }),
    ...(run.drift !== undefined && { drift: run.drift.text }),
  });
  log(annotation(outcome.fail ? 'error' : 'notice', outcome.message));
  const snapshot = run.inputs?.snapshot ?? run.inputs?.saveSnapshot;
  const outputs: ActionOutputs = {
    'sarif-file': existsSync(paths.sarif) ? paths.sarif : '',
    'json-file': existsSync(paths.json) ? paths.json : '',
    'markdown-file': report !== undefined ? paths.markdown : '',
    'report-dir': outputDir,
    'exit-code': String(run.exitCode),
    upload: String(outcome.upload),
    fail: String(outcome.fail),
    message: outcome.message,
    category: outcome.category ?? '',
    'snapshot-file': snapshot !== undefined && existsSync(snapshot) ? snapshot : '',
    drift: run.drift === undefined ? '' : String(run.drift.changed),
  };
  writeOutputs(env.GITHUB_OUTPUT, { ...outputs });
  return outputs;
}
