// The snapshot index on the command line: `plaudit index SNAPSHOT` (and `collect`, after writing a
// snapshot) writes SNAPSHOT.idx, and `trace --snapshot` reads through it only the resources the
// trace needs. An index that does not match its snapshot, or that cannot be read, is set aside
// with one line on stderr and the whole snapshot is read, as without one.
import { rm, stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { MalformedIndexError } from '../snapshot/lookup/format.js';
import { IndexMismatchError, indexPathOf, openSnapshotIndex, readIndexedSubset } from '../snapshot/lookup/subset.js';
import type { Snapshot } from '../snapshot/types.js';
import { traceKeys } from '../trace/seeds.js';
import { writeBytesAtomic } from './outputs.js';
import { assertOneSource, type LiveOptions } from './live.js';
import type { CliRun } from './run.js';
import { parseDestination } from './trace.js';

/** Snapshots at least this large get a hint on stderr when trace reads them whole for want of an index. */
const hintSize = 64 * 1024 * 1024;

/** Writes the index of a snapshot file beside it; returns the index's path. */
export async function writeSnapshotIndex(snapshotPath: string): Promise<string> {
  const { indexSnapshotFile } = await import('../snapshot/lookup/build.js');
  const bytes = await indexSnapshotFile(snapshotPath);
  const path = indexPathOf(snapshotPath);
  await writeBytesAtomic(path, bytes);
  return path;
}

/**
 * After collect: the index of the snapshot just written. A snapshot that cannot be indexed (one
 * plaudit cannot read back, such as an empty one) is said on stderr, and collect's outcome stands.
 */
export async function writeSnapshotIndexOrWarn(snapshotPath: string, run: CliRun): Promise<void> {
  try {
    await writeSnapshotIndex(snapshotPath);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await rm(indexPathOf(snapshotPath), { force: true }).catch(() => undefined);
    run.stderr.line(`plaudit: warning: no index written beside the snapshot: ${error.message}`);
  }
}

/** The snapshot a trace needs: through its index when it has a usable one, else the whole file. */
export async function traceSnapshot(
  path: string,
  request: LiveOptions & { readonly from: string; readonly to: string },
  run: CliRun,
): Promise<Snapshot> {
  assertOneSource({ ...request, snapshot: path });
  let destination: ReturnType<typeof parseDestination> | undefined;
  try {
    destination = parseDestination(request.to);
  } catch {
    // The trace says what is wrong with --to once the snapshot is read, as without an index.
  }
  const opening = destination ? await openSnapshotIndex(path) : { kind: 'missing' as const };
  let reason = opening.kind === 'unusable' ? opening.reason : undefined;
  if (opening.kind === 'ready' && destination) {
    try {
      return await readIndexedSubset(path, opening.index, traceKeys(request.from, destination));
    } catch (error) {
      const message = (error as Error).message;
      reason =
        error instanceof MalformedIndexError
          ? `it is malformed: ${message}`
          : error instanceof IndexMismatchError
            ? `it does not match the snapshot (${message})`
            : `the snapshot cannot be read through it (${message})`;
    }
  }
  if (reason !== undefined) {
    run.stderr.line(
      `plaudit: warning: not using the index ${indexPathOf(path)}: ${reason}; reading the whole snapshot (plaudit index ${path} makes a new one)`,
    );
  } else if (destination && run.chatty) {
    const size = await stat(path).then(
      (stats) => stats.size,
      () => 0,
    );
    if (size >= hintSize) {
      run.stderr.line(`plaudit: reading the whole snapshot; plaudit index ${path} makes traces of it faster`);
    }
  }
  const { readSnapshotFile } = await import('../snapshot/read.js');
  return readSnapshotFile(path);
}
