// `plaudit merge FILES... --format json|sarif`: the reports of sharded scans as one report.
import { readFile } from 'node:fs/promises';
import { mergeJsonReports } from './json.js';
import { MergeInputError } from './common.js';
import { mergeSarifLogs } from './sarif.js';

export { MergeInputError } from './common.js';
export { mergeJsonReports, scanResultOfReport } from './json.js';
export { fingerprintKey, mergeSarifLogs } from './sarif.js';

export type MergeFormat = 'json' | 'sarif';

/** Reads the files (errors name the file), merges them, and returns the text to write. */
export async function mergeReportFiles(paths: readonly string[], format: MergeFormat): Promise<string> {
  const values = await Promise.all(paths.map(readJsonFile));
  const merged = format === 'json' ? mergeJsonReports(values, paths) : mergeSarifLogs(values, paths);
  return `${JSON.stringify(merged, null, 2)}\n`;
}

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MergeInputError(`${path}: ${code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MergeInputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}
