// Running the CLI in tests: in-process through runCli with captured streams (a pipe, or a terminal
// for stderr), or the built bin in a process of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Output } from '../src/cli/io.js';
import { runCli } from '../src/cli/main.js';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'bin/plaudit.js');
export const clean = join(root, 'examples/clean.json');
export const drifted = join(root, 'examples/drifted.json');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it, as a pipe (or, with isTTY, a terminal) would show it. */
export class Captured implements Output {
  text = '';
  readonly isTTY: boolean;
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(text: string, callback?: (error?: Error | null) => void): boolean {
    this.text += text;
    callback?.();
    return true;
  }
}

export function plaudit(...args: string[]): Promise<Run> {
  return plauditWithEnv({}, ...args);
}

/** In-process, with these variables on top of this process's environment. */
export async function plauditWithEnv(env: Record<string, string>, ...args: string[]): Promise<Run> {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await runCli(args, { stdout, stderr, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** As run in a terminal: stderr is a TTY (stdout a pipe, as in `plaudit ... | jq`). */
export async function plauditOnTerminal(...args: string[]): Promise<Run> {
  const stdout = new Captured();
  const stderr = new Captured(true);
  const code = await runCli(args, { stdout, stderr, env: { ...process.env, NO_COLOR: '1' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The built bin in a process of its own; `node` options go before the script. */
export function spawnPlaudit(args: readonly string[], nodeOptions: readonly string[] = []): Run {
  const result = spawnSync(process.execPath, [...nodeOptions, bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempFile(name: string, content?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'plaudit-cli-')), name);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

export function partialSnapshot(): string {
  const snapshot = JSON.parse(readFileSync(clean, 'utf8'));
  snapshot.incomplete = [
    {
      scope: '/subscriptions/00000000-0000-0000-0000-00000000dead',
      reason: '403 AuthorizationFailed: no read access',
    },
  ];
  return tempFile('partial.json', JSON.stringify(snapshot));
}
