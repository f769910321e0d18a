// Builds the index of a snapshot file: the whole file is read and validated as `scan` reads it (an
// index is made only of a snapshot plaudit accepts), and each resource's place in the file is
// recorded with the keys a partial read finds it by (see keys.ts).
import { parseSnapshot, readSnapshotFile, SnapshotError } from '../read.js';
import { parseJsonPath, spansOf } from '../stream.js';
import type { RawResource } from '../types.js';
import { encodeIndex, keyHash, lookupKey, type IndexedFile } from './format.js';
import { fileIdentity } from './identity.js';
import { alwaysReferencedKeys, idKey, partialKind, resourceKeys, traceView } from './keys.js';

export interface IndexOptions {
  /**
   * VNets (and subnets) larger than this many bytes are read by a trace as their trace view, kept
   * in the index (see keys.ts traceView); default 256 KiB.
   */
  readonly viewAbove?: number;
}

/** The index file's bytes for the snapshot at `path`; throws SnapshotError as reading it would. */
export async function indexSnapshotFile(path: string, options: IndexOptions = {}): Promise<Buffer> {
  let before: IndexedFile;
  let json: unknown;
  try {
    before = await fileIdentity(path);
    json = await parseJsonPath(path, undefined, { spans: true });
  } catch (error) {
    // The ordinary reader words the error: a file it cannot read, JSON.parse's own message.
    await readSnapshotFile(path);
    throw new SnapshotError(path, '$', `cannot be indexed (${(error as Error).message})`);
  }
  const snapshot = parseSnapshot(json, path);
  const spans = spansOf(snapshot.resources);
  if (!spans || spans.starts.length !== snapshot.resources.length) {
    throw new SnapshotError(path, '$', 'cannot be indexed: its resources are not one array of the file');
  }
  const after = await fileIdentity(path);
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    throw new SnapshotError(path, '$', 'changed while it was being indexed; index it again');
  }
  const envelope = Object.fromEntries(Object.entries(snapshot).filter(([key]) => key !== 'resources'));
  return buildIndex(snapshot.resources, spans, envelope, after, options.viewAbove ?? 256 * 1024);
}

function buildIndex(
  resources: readonly RawResource[],
  spans: { starts: number[]; lengths: number[]; sums: number[] },
  envelope: Record<string, unknown>,
  file: IndexedFile,
  viewAbove: number,
): Buffer {
  const always: number[] = [];
  const hashes: number[] = [];
  const entries: number[] = [];
  resources.forEach((resource, entry) => {
    const kind = partialKind(resource);
    if (kind === undefined) {
      always.push(entry);
      // A resource read by key that shares an id with this one is read with it.
      if (typeof resource.id === 'string') {
        hashes.push(keyHash(idKey(resource.id)));
        entries.push(entry);
      }
      return;
    }
    for (const key of resourceKeys(resource, kind)) {
      hashes.push(keyHash(key));
      entries.push(entry);
    }
  });
  const order = new Uint32Array(hashes.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => hashes[a]! - hashes[b]! || entries[a]! - entries[b]!);
  const sortedHashes = new Uint32Array(order.length);
  const sortedEntries = new Uint32Array(order.length);
  order.forEach((from, to) => {
    sortedHashes[to] = hashes[from]!;
    sortedEntries[to] = entries[from]!;
  });
  const starts = Float64Array.from(spans.starts);
  // What the resources every read takes lead to is the same for every read: worked out once, here.
  const keys = new Set<string>();
  for (const entry of always) alwaysReferencedKeys(resources[entry]!, keys);
  const followed = new Set<number>();
  for (const key of keys) lookupKey({ hashes: sortedHashes, entries: sortedEntries, starts }, key, followed);
  for (const entry of always) followed.delete(entry);
  const follow = Uint32Array.from([...followed].sort((a, b) => a - b));
  const viewed: number[] = [];
  const texts: Buffer[] = [];
  for (const entry of always) {
    if (spans.lengths[entry]! <= viewAbove) continue;
    const view = traceView(resources[entry]!);
    if (view === undefined) continue;
    viewed.push(entry);
    texts.push(Buffer.from(JSON.stringify(view), 'utf8'));
  }
  let end = 0;
  const viewEnds = Uint32Array.from(texts, (text) => (end += text.length));
  return encodeIndex({
    header: {
      snapshot: file,
      envelope,
      resources: resources.length,
      always: always.length,
      follow: follow.length,
      viewed: viewed.length,
      keys: order.length,
    },
    starts,
    lengths: Uint32Array.from(spans.lengths),
    sums: Uint32Array.from(spans.sums),
    always: Uint32Array.from(always),
    follow,
    viewed: Uint32Array.from(viewed),
    viewEnds,
    hashes: sortedHashes,
    entries: sortedEntries,
    views: Buffer.concat(texts),
  });
}
