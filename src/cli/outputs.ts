import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formats, type Format } from '../../reports/index.js';
import { UsageError } from '../errors.js';
import type { Output } from './io.js';

export interface OutputTarget {
  readonly format: Format;
  /** A file path, or undefined for stdout. */
  readonly path: string | undefined;
}

/**
 * Pairs `--format` and `--output` by position: the first output is for the first format, and so
 * on; a format without an output (or with `-`) goes to stdout, which only one format may use.
 */
export function outputTargets(
  requestedFormats: readonly string[],
  outputs: readonly string[],
  fallback: Format,
): OutputTarget[] {
  const chosen = requestedFormats.length > 0 ? requestedFormats : [fallback];
  if (outputs.length > chosen.length) {
    throw new UsageError(
      `${outputs.length} --output values for ${chosen.length} --format values; give one --format per --output`,
    );
  }
  const targets = chosen.map((format, index) => {
    if (!(formats as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format "${format}"; choose from ${formats.join(', ')}`);
    }
    const output = outputs[index];
    return { format: format as Format, path: output === undefined || output === '-' ? undefined : output };
  });
  const toStdout = targets.filter((target) => target.path === undefined);
  if (toStdout.length > 1) {
    throw new UsageError(
      `formats ${toStdout.map((target) => target.format).join(' and ')} would both go to stdout; give each but one an --output file`,
    );
  }
  return targets;
}

/** Writes the content to the target's file, or to `stdout` when it has none. */
export async function writeOutput(target: OutputTarget, content: string, stdout: Output): Promise<void> {
  const text = content.endsWith('\n') ? content : `${content}\n`;
  if (target.path === undefined) {
    await new Promise<void>((resolve, reject) => stdout.write(text, (error) => (error ? reject(error) : resolve())));
    return;
  }
  await writeFileAtomic(target.path, text);
}

/** A fresh name beside `path`, so the rename stays on one file system. */
function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'the directory does not exist',
  EEXIST: 'a part of the path is a file',
};

/** The one line a failed write is reported with (`plaudit: cannot write PATH: REASON`). */
function writeError(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    (code !== undefined ? reasons[code] : undefined) ?? (error instanceof Error ? error.message : String(error));
  return new UsageError(`cannot write ${path}: ${reason}`);
}

/**
 * Writes the whole text to a temporary file in the same directory, then renames it over `path`:
 * a reader (or a kill part-way) sees the old file or the new one, never a truncated one. A failure
 * removes the temporary file and is a UsageError with one line saying why (exit code 2).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw writeError(path, error);
  }
}

/** writeFileAtomic for synchronous callers (the Action rewriting its SARIF log). */
export function writeFileAtomicSync(path: string, text: string): void {
  const temporary = temporaryPath(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeError(path, error);
  }
}
