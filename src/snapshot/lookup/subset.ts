// A partial read of an indexed snapshot: the resources every read takes, the ones the caller's keys
// lead to, and then, round after round, whatever the resources read so far lead to (see keys.ts),
// until nothing new comes. Resources keep the order they have in the file, and each is parsed from
// exactly the bytes the whole read would parse, so what is read is what the whole read holds; but
// large VNets, read as the trace view the index keeps of them (keys.ts traceView).
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { checksum } from '../stream.js';
import type { RawResource, Snapshot } from '../types.js';
import { fileIdentity } from './identity.js';
import { decodeIndex, entryRange, lookupKey, MalformedIndexError, viewsOf, type SnapshotIndex } from './format.js';
import { referencedKeys } from './keys.js';

/** Where the index of a snapshot file lives: beside it. */
export function indexPathOf(snapshotPath: string): string {
  return `${snapshotPath}.idx`;
}

export type IndexOpening =
  | { readonly kind: 'missing' }
  /** Present but not to be used: stale (the snapshot changed) or malformed. */
  | { readonly kind: 'unusable'; readonly reason: string }
  | { readonly kind: 'ready'; readonly index: SnapshotIndex };

/** The snapshot's index, when there is one that matches the snapshot as it is now. */
export async function openSnapshotIndex(snapshotPath: string): Promise<IndexOpening> {
  let bytes: Buffer;
  try {
    bytes = await readFile(indexPathOf(snapshotPath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', reason: `it cannot be read (${code ?? 'unknown error'})` };
  }
  let index: SnapshotIndex;
  try {
    index = decodeIndex(bytes);
  } catch (error) {
    return { kind: 'unusable', reason: `it is malformed: ${(error as Error).message}` };
  }
  let identity;
  try {
    identity = await fileIdentity(snapshotPath);
  } catch {
    // The snapshot itself cannot be read: the whole read says why.
    return { kind: 'missing' };
  }
  const indexed = index.header.snapshot;
  const same =
    indexed.size === identity.size &&
    indexed.mtimeMs === identity.mtimeMs &&
    indexed.head === identity.head &&
    indexed.tail === identity.tail;
  return same ? { kind: 'ready', index } : { kind: 'unusable', reason: 'the snapshot changed since it was indexed' };
}

/** The bytes read do not match the index: the snapshot changed under it. */
export class IndexMismatchError extends Error {}

/** The snapshot with only the resources the keys lead to (and what those lead to). */
export async function readIndexedSubset(
  snapshotPath: string,
  index: SnapshotIndex,
  keys: Iterable<string>,
): Promise<Snapshot> {
  const count = index.starts.length;
  const always = new Uint8Array(count);
  for (const entry of index.always) always[entry] = 1;
  const loaded = new Map<number, RawResource>();
  const views = viewsOf(index);
  const handle = await open(snapshotPath, 'r');
  try {
    let wanted = new Set<number>([...index.always, ...index.follow]);
    for (const key of keys) lookupKey(index, key, wanted);
    while (wanted.size > 0) {
      const batch = [...wanted].filter((entry) => !loaded.has(entry)).sort((a, b) => a - b);
      if (batch.length === 0) break;
      const fromFile = batch.filter((entry) => !views.has(entry));
      const parsed = await readEntries(handle, index, fromFile);
      const byEntry = new Map(fromFile.map((entry, i) => [entry, parsed[i]!]));
      const read = batch.map((entry) => byEntry.get(entry) ?? parseView(views.get(entry)!));
      const next = new Set<string>();
      batch.forEach((entry, i) => {
        const resource = read[i]!;
        loaded.set(entry, resource);
        // What the resources every read takes lead to was worked out with the index (index.follow).
        if (always[entry] === 0) referencedKeys(resource, next);
      });
      wanted = new Set();
      for (const key of next) lookupKey(index, key, wanted);
    }
  } finally {
    await handle.close();
  }
  const resources = [...loaded.keys()].sort((a, b) => a - b).map((entry) => loaded.get(entry)!);
  return { ...index.header.envelope, resources } as Snapshot;
}

/** A resource's trace view, as the index holds it (keys.ts traceView). */
function parseView(text: string): RawResource {
  try {
    return JSON.parse(text) as RawResource;
  } catch {
    throw new MalformedIndexError('a trace view in it is not JSON');
  }
}

/** Gaps up to this size between wanted resources are read through rather than read around. */
const bridge = 64 * 1024;
const maxRun = 16 * 1024 * 1024;

/** Parses the entries (sorted by position), reading neighbouring ones in one go. */
async function readEntries(handle: FileHandle, index: SnapshotIndex, batch: readonly number[]): Promise<RawResource[]> {
  const out: RawResource[] = [];
  for (let first = 0; first < batch.length;) {
    const [runStart, firstEnd] = entryRange(index, batch[first]!);
    let last = first;
    let runEnd = firstEnd;
    while (last + 1 < batch.length) {
      const [start, end] = entryRange(index, batch[last + 1]!);
      if (start - runEnd > bridge || end - runStart > maxRun) break;
      runEnd = Math.max(runEnd, end);
      last++;
    }
    const buffer = Buffer.allocUnsafe(runEnd - runStart);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, runStart);
    if (bytesRead !== buffer.length) throw new IndexMismatchError('the snapshot is shorter than its index says');
    for (let i = first; i <= last; i++) {
      const entry = batch[i]!;
      const [start, end] = entryRange(index, entry);
      const from = start - runStart;
      const to = end - runStart;
      if (checksum(buffer, from, to) !== index.sums[entry]) {
        throw new IndexMismatchError('a resource of the snapshot is not what its index says');
      }
      let value: unknown;
      try {
        value = JSON.parse(buffer.toString('utf8', from, to));
      } catch {
        throw new IndexMismatchError('a resource of the snapshot is not what its index says');
      }
      out.push(value as RawResource);
    }
    first = last + 1;
  }
  return out;
}
