import { diffHasChanges, diffSnapshots, renderDiff, renderDiffHtml } from '../diff/index.js';
import { readSnapshotFile } from '../snapshot/read.js';
import { exitCodes } from '../engine/exit-code.js';
import { stdoutColor, type CliIo } from './io.js';
import { outputTargets, writeOutput } from './outputs.js';

export interface DiffCommandOptions {
  format: 'text' | 'json' | 'markdown' | 'html';
  output?: string;
}

/** Exit 0 when nothing plaudit audits changed, 1 when something did (like diff(1)). */
export async function runDiff(
  oldPath: string,
  newPath: string,
  options: DiffCommandOptions,
  io: CliIo,
): Promise<number> {
  const [before, after] = await Promise.all([readSnapshotFile(oldPath), readSnapshotFile(newPath)]);
  for (const [path, snapshot] of [
    [oldPath, before],
    [newPath, after],
  ] as const) {
    if ((snapshot.incomplete ?? []).length > 0) {
      // A resource that could not be read in one run would otherwise read as added or removed.
      io.stderr.write(
        `plaudit: warning: ${path} is incomplete; resources it could not read may show as removed or added\n`,
      );
    }
  }
  const diff = diffSnapshots(before, after);
  const [target] = outputTargets([options.format], options.output ? [options.output] : [], 'text');
  const color = target!.path === undefined && stdoutColor(io);
  const content = options.format === 'html' ? renderDiffHtml(diff) : renderDiff(diff, options.format, { color });
  await writeOutput(target!, content, io.stdout);
  return diffHasChanges(diff) ? exitCodes.findings : exitCodes.ok;
}
