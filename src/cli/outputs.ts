import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  createReadStream,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
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

/**
 * What a reporter hands over: the whole text, or its pieces in order (so a large report never has
 * to exist as one string, which V8 caps at about 512 MB).
 */
export type Content = string | Iterable<string> | AsyncIterable<string>;

/** The content's pieces, ending with a newline whether or not the content does. */
async function* endingWithNewline(content: Content): AsyncGenerator<string> {
  let last = '';
  for await (const chunk of typeof content === 'string' ? [content] : content) {
    if (chunk.length === 0) continue;
    last = chunk;
    yield chunk;
  }
  if (!last.endsWith('\n')) yield '\n';
}

/**
 * Checks, before any work starts, that each output file can be written: its directory exists and
 * takes new files, and the path is not a directory or a special file (`/proc/...`, a device). A
 * scan that cannot write its report should fail at once, not after reading the whole estate.
 * Throws a UsageError with one line (`plaudit: cannot write PATH: REASON`).
 */
export function checkOutputPaths(targets: readonly OutputTarget[]): void {
  for (const target of targets) {
    if (target.path !== undefined) checkOutputPath(target.path);
  }
}

function checkOutputPath(path: string): void {
  if (/[/\\]$/.test(path)) throw new UsageError(`cannot write ${path}: it is a directory`);
  const fail = (error: unknown) => writeError(path, error);
  let directory;
  try {
    directory = statSync(dirname(path));
  } catch (error) {
    throw fail(error);
  }
  if (!directory.isDirectory()) throw new UsageError(`cannot write ${path}: a part of the path is not a directory`);
  let existing;
  try {
    existing = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(error);
  }
  if (existing?.isDirectory()) throw new UsageError(`cannot write ${path}: it is a directory`);
  if (existing && !existing.isFile()) {
    throw new UsageError(`cannot write ${path}: it is not a regular file (a device, a pipe or a kernel file)`);
  }
  // The report is written beside its path and renamed over it: the directory must take new files.
  // Kernel file systems (/proc, /sys) refuse them whatever the permission bits say.
  if (/^\/(proc|sys)(\/|$)/.test(dirname(path))) {
    throw new UsageError(`cannot write ${path}: it is in a kernel file system`);
  }
  try {
    accessSync(dirname(path), constants.W_OK | constants.X_OK);
  } catch (error) {
    throw fail(error);
  }
}

/** The size of a file once gzipped, read as a stream (GitHub limits uploaded SARIF by it). */
export async function gzippedSize(path: string): Promise<number> {
  let size = 0;
  await pipeline(
    createReadStream(path),
    createGzip(),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback();
      },
    }),
  );
  return size;
}

/** Whether an error is the reader of stdout having gone away (`plaudit ... | head -1`). */
export function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/**
 * Writes the content to the target's file, or to `stdout` when it has none. When the reader of
 * stdout goes away (`| head -1`), writing stops quietly, as git and jq do.
 */
export async function writeOutput(target: OutputTarget, content: Content, stdout: Output): Promise<void> {
  if (target.path === undefined) {
    try {
      for await (const chunk of batched(endingWithNewline(content))) {
        await new Promise<void>((resolve, reject) =>
          stdout.write(chunk, (error) => (error ? reject(error) : resolve())),
        );
      }
    } catch (error) {
      if (isClosedPipe(error)) return;
      throw error;
    }
    return;
  }
  await writeFileAtomic(target.path, endingWithNewline(content));
}

/** Joins small pieces into writes of about 64 KiB, so a report of many small pieces is not a syscall each. */
async function* batched(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pending: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= 1 << 16) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield pending.join('');
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

/** A failure of the content's producer rather than of the file system: passed on unchanged. */
class ProducerFailure {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

async function* guarded(content: Content): AsyncGenerator<string> {
  const source = typeof content === 'string' ? [content] : content;
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  for (;;) {
    let step: IteratorResult<string>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw new ProducerFailure(error);
    }
    if (step.done === true) return;
    yield step.value;
  }
}

/**
 * Writes the content, piece by piece, to a temporary file in the same directory, then renames it
 * over `path`: a reader (or a kill part-way) sees the old file or the new one, never a truncated
 * one. A file-system failure removes the temporary file and is a UsageError with one line saying
 * why (exit code 2); a failure of the content's producer is passed on as it was thrown.
 */
export async function writeFileAtomic(path: string, content: Content): Promise<void> {
  const temporary = temporaryPath(path);
  let handle: FileHandle | undefined;
  try {
    await mkdir(dirname(path), { recursive: true });
    handle = await open(temporary, 'wx');
    for await (const chunk of batched(guarded(content))) await handle.write(chunk, null, 'utf8');
    await handle.close();
    handle = undefined;
    await rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof ProducerFailure) throw error.error;
    throw writeError(path, error);
  }
}

/** writeFileAtomic for bytes (the snapshot index). */
export async function writeBytesAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, bytes, { flag: 'wx' });
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
