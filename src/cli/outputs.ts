import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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
  await mkdir(dirname(target.path), { recursive: true });
  await writeFile(target.path, text, 'utf8');
}
