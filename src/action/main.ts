// Entry point of the GitHub Action's scan step (action.yml runs it with the Node that `npm ci`
// installed beside the action). Runs plaudit as a child process in the step's working directory.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction } from './run.js';
import { annotation } from './summary.js';

// dist/src/action/main.js and src/action/main.ts are both three levels below the package root.
const bin = fileURLToPath(new URL('../../../bin/plaudit.js', import.meta.url));

function plaudit(argv: readonly string[]): Promise<number | null> {
  process.stdout.write(`plaudit ${argv.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

try {
  const outputDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'plaudit-'));
  await runAction({
    env: process.env,
    outputDir,
    plaudit,
    log: (text) => process.stdout.write(text),
  });
} catch (error) {
  process.stdout.write(
    annotation('error', `The plaudit action failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  process.exitCode = 1;
}
