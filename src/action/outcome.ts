// What the Action does with a scan's exit code and SARIF log: upload or not, fail or not, and why.
//
// GitHub code scanning replaces every alert of a SARIF category on each upload, and closes the
// alerts a new upload lacks. An incomplete scan (part of the scope unreadable, a check that could
// not decide or crashed) lacks findings it could not see, so uploading it as if complete would close
// open alerts for resources nobody looked at. Such a scan is never uploaded, and the action fails.
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../cli/outputs.js';
import { exitCodes } from '../engine/exit-code.js';

export interface ActionOutcome {
  /** The SARIF log is complete and may replace its category's alerts. */
  readonly upload: boolean;
  /** The action (the gate) fails. */
  readonly fail: boolean;
  /** One paragraph for the log, the annotation and the job summary. */
  readonly message: string;
  /** The scan ran but could not read or judge part of its scope. */
  readonly incomplete: boolean;
  /** The code scanning category (automationDetails.id up to its last '/'), when the log has one. */
  readonly category?: string;
}

interface SarifStatus {
  readonly readable: boolean;
  readonly problem?: string;
  readonly executionSuccessful?: boolean;
  readonly category?: string;
}

export function actionOutcome(exitCode: number | null, sarifPath: string): ActionOutcome {
  const sarif = sarifStatus(sarifPath);
  const category = sarif.category;
  const where = category !== undefined ? `category ${category}` : 'its category';
  const withCategory = category !== undefined ? { category } : {};

  if (exitCode === exitCodes.usage) {
    return {
      upload: false,
      fail: true,
      incomplete: false,
      message:
        'plaudit stopped on a usage or input error (exit code 2); the log above says what to fix. Nothing was uploaded.',
      ...withCategory,
    };
  }
  if (exitCode !== exitCodes.ok && exitCode !== exitCodes.findings && exitCode !== exitCodes.incomplete) {
    return {
      upload: false,
      fail: true,
      incomplete: false,
      message: `plaudit ended unexpectedly (${exitCode === null ? 'killed by a signal' : `exit code ${exitCode}`}); see the log above. Nothing was uploaded.`,
      ...withCategory,
    };
  }
  if (exitCode === exitCodes.incomplete || (sarif.readable && sarif.executionSuccessful === false)) {
    const alsoFindings = exitCode === exitCodes.findings ? ' It also found findings at or above fail-on.' : '';
    return {
      upload: false,
      fail: true,
      incomplete: true,
      message:
        'The scan was incomplete: part of the scope could not be read or judged (listed in the job summary). ' +
        `The SARIF log was not uploaded, because code scanning replaces all alerts of ${where} on each upload ` +
        'and would close open alerts for resources this scan did not see. Give the identity Reader on the whole ' +
        `scope (and fix any failed check), then run again.${alsoFindings}`,
      ...withCategory,
    };
  }
  if (!sarif.readable) {
    return {
      upload: false,
      fail: true,
      incomplete: false,
      message: `plaudit exited with ${exitCode} but its SARIF log is unusable (${sarif.problem}). Nothing was uploaded.`,
    };
  }
  if (exitCode === exitCodes.findings) {
    return {
      upload: true,
      fail: true,
      incomplete: false,
      message: `plaudit found findings at or above fail-on (exit code 1); they are in the job summary and, once uploaded, in code scanning under ${where}.`,
      ...withCategory,
    };
  }
  return {
    upload: true,
    fail: false,
    incomplete: false,
    message: 'plaudit found nothing at or above fail-on.',
    ...withCategory,
  };
}

/**
 * Replaces the category part of every run's automationDetails.id, keeping the run id after the
 * last '/'. upload-sarif's own `category` input cannot do this: it only fills automationDetails
 * when a log has none, and plaudit's logs always have one.
 */
export function overrideSarifCategory(sarifPath: string, category: string): void {
  const log = JSON.parse(readFileSync(sarifPath, 'utf8')) as { runs?: { automationDetails?: { id?: string } }[] };
  for (const run of log.runs ?? []) {
    const id = run.automationDetails?.id ?? '';
    const runId = id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : '';
    run.automationDetails = { ...run.automationDetails, id: `${category.replace(/\/+$/, '')}/${runId}` };
  }
  writeFileAtomicSync(sarifPath, `${JSON.stringify(log, null, 2)}\n`);
}

/** GitHub's rule: the category is automationDetails.id up to its last '/'. */
export function categoryOf(automationId: string): string | undefined {
  const cut = automationId.lastIndexOf('/');
  return cut > 0 ? automationId.slice(0, cut) : undefined;
}

function sarifStatus(path: string): SarifStatus {
  let log: unknown;
  try {
    log = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { readable: false, problem: code === 'ENOENT' ? `${path} was not written` : `${path} is not valid JSON` };
  }
  const runs = (log as { runs?: unknown }).runs;
  if (!Array.isArray(runs) || runs.length === 0) return { readable: false, problem: `${path} has no runs` };
  type RunShape = { invocations?: { executionSuccessful?: unknown }[]; automationDetails?: { id?: unknown } };
  const typed = runs as RunShape[];
  // SARIF requires executionSuccessful on every invocation; a log without one is not trusted.
  const successful = typed.every((run) =>
    (run.invocations ?? [{}]).every((invocation) => invocation.executionSuccessful === true),
  );
  const id = typed[0]?.automationDetails?.id;
  const category = typeof id === 'string' ? categoryOf(id) : undefined;
  return { readable: true, executionSuccessful: successful, ...(category !== undefined && { category }) };
}
