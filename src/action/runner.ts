// The Action's side of the runner protocol: step outputs, annotations, the job log, the job summary
// and the step's exit status. On GitHub this is @actions/core; tests pass the same object and read
// the files it writes.
import { appendFileSync } from 'node:fs';
import * as core from '@actions/core';
import { logText, workflowCommand } from '../text/escape.js';

export type AnnotationKind = 'error' | 'warning' | 'notice';

export interface ActionRunner {
  setOutput(name: string, value: string): void;
  annotate(kind: AnnotationKind, message: string, title?: string): void;
  /** One line (or more) of the job log. */
  log(text: string): void;
  /** Appends Markdown to the job summary; false when there is none (not running on GitHub). */
  appendSummary(markdown: string): boolean;
  /** Marks the step failed once it ends (the message has been annotated already). */
  fail(): void;
}

export const githubRunner: ActionRunner = {
  // $GITHUB_OUTPUT in the multi-line-safe `name<<delimiter` form, read from the environment each time.
  setOutput: (name, value) => core.setOutput(name, value),
  // The message and title are escaped as workflow command data and properties: a newline in a
  // name cannot end the command and start another.
  annotate: (kind, message, title = 'plaudit') => {
    process.stdout.write(`${workflowCommand(kind, { title }, message)}\n`);
  },
  // No line of the log can be read as a workflow command.
  log: (text) => core.info(logText(text)),
  // core.summary remembers the first file it wrote to; appending ourselves reads the variable each
  // time, which is all the protocol asks (Markdown appended to the file the runner names).
  appendSummary: (markdown) => {
    const path = process.env.GITHUB_STEP_SUMMARY;
    if (!path) return false;
    appendFileSync(path, markdown, 'utf8');
    return true;
  },
  fail: () => {
    process.exitCode = core.ExitCode.Failure;
  },
};
