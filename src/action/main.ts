// Entry point of the GitHub Action (action.yml runs the bundle of this file, dist-action/index.mjs, on
// the runner's own Node 24). plaudit runs in this process: the bundle holds the whole CLI, so the
// action needs neither npm nor a checkout of plaudit at run time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/main.js';
import { runAction } from './run.js';
import { githubRunner } from './runner.js';
import { commandSafeStream } from '../text/escape.js';

// Everything plaudit prints goes to the job log, where a line starting with `::` would be a
// workflow command: data never starts one.
const io = { stdout: commandSafeStream(process.stdout), stderr: commandSafeStream(process.stderr), env: process.env };

try {
  await runAction({
    env: process.env,
    outputDir: () => mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'plaudit-')),
    plaudit: (argv) => {
      githubRunner.log(`plaudit ${argv.join(' ')}`);
      return runCli(argv, io);
    },
    chdir: (directory) => process.chdir(directory),
    runner: githubRunner,
  });
} catch (error) {
  githubRunner.annotate(
    'error',
    `The plaudit action failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  githubRunner.fail();
}
// The reports, outputs and summary are written; idle keep-alive sockets of the Azure clients must
// not hold the step open. Let the log drain first (pipes are asynchronous on some platforms).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
process.exit(Number(process.exitCode ?? 0));
