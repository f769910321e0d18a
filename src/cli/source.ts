// Where scan and trace get their resources: a snapshot file, or a live read of a scope.
import { readSnapshotFile } from '../snapshot/read.js';
import type { Snapshot } from '../snapshot/types.js';
import { assertOneSource, collectLive, type LiveOptions } from './live.js';
import type { CliRun } from './run.js';

/** A snapshot file, or a live read of the scope given on the command line. */
export async function loadSnapshot(options: LiveOptions & { snapshot?: string }, run: CliRun): Promise<Snapshot> {
  assertOneSource(options);
  if (options.snapshot) return readSnapshotFile(options.snapshot);
  return collectLive(options, run);
}
