// The snapshot index file: a short JSON header, then typed arrays a reader uses in place (no parse).
//
//   "plaudit-index 1\n"  u32 header length  header (JSON)  padding to 8 bytes
//   Float64 starts[n]  Uint32 lengths[n]  Uint32 sums[n]   each resource's bytes in the snapshot
//   Uint32 always[a]                                       resources every partial read takes
//   Uint32 follow[f]                                       resources those lead to (see keys.ts)
//   Uint32 viewed[v]  Uint32 viewEnds[v]                   large VNets read as a trace view ...
//   Uint32 hashes[k]  Uint32 entries[k]                    keys (sorted by hash) to resources
//   UTF-8 views                                            ... whose JSON texts are these (keys.ts traceView)
//
// A key is stored as a 32-bit hash: two keys that share one lead to both keys' resources, which
// costs a read and never an answer.

export const indexMagic = 'plaudit-index 1\n';

/** What the index says about the snapshot it was made from, to tell when the snapshot changed. */
export interface IndexedFile {
  readonly size: number;
  readonly mtimeMs: number;
  /** SHA-256 of the first and the last 64 KiB. */
  readonly head: string;
  readonly tail: string;
}

export interface IndexHeader {
  readonly snapshot: IndexedFile;
  /** The snapshot's fields other than its resources (cloud, collectedAt, scope, incomplete). */
  readonly envelope: Record<string, unknown>;
  readonly resources: number;
  readonly always: number;
  readonly follow: number;
  readonly viewed: number;
  readonly keys: number;
}

export interface SnapshotIndex {
  readonly header: IndexHeader;
  readonly starts: Float64Array;
  readonly lengths: Uint32Array;
  readonly sums: Uint32Array;
  readonly always: Uint32Array;
  readonly follow: Uint32Array;
  /** Resources read as their trace view, and where each view's text ends in `views`. */
  readonly viewed: Uint32Array;
  readonly viewEnds: Uint32Array;
  readonly hashes: Uint32Array;
  readonly entries: Uint32Array;
  readonly views: Buffer;
}

/** FNV-1a over a key's UTF-16 code units. */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function encodeIndex(index: SnapshotIndex): Buffer {
  const header = Buffer.from(JSON.stringify(index.header), 'utf8');
  const lead = indexMagic.length + 4 + header.length;
  const padding = (8 - (lead % 8)) % 8;
  const arrays = [
    index.starts,
    index.lengths,
    index.sums,
    index.always,
    index.follow,
    index.viewed,
    index.viewEnds,
    index.hashes,
    index.entries,
    index.views,
  ];
  const out = Buffer.alloc(lead + padding + arrays.reduce((sum, array) => sum + array.byteLength, 0));
  out.write(indexMagic, 0, 'latin1');
  out.writeUInt32LE(header.length, indexMagic.length);
  header.copy(out, indexMagic.length + 4);
  let at = lead + padding;
  for (const array of arrays) {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return out;
}

/** The index in a file's bytes; throws a plain Error saying what is wrong when it is not one. */
/** The index contradicts itself or the snapshot's size. */
export class MalformedIndexError extends Error {}

export function decodeIndex(bytes: Buffer): SnapshotIndex {
  if (bytes.length < indexMagic.length + 4 || bytes.toString('latin1', 0, indexMagic.length) !== indexMagic) {
    throw new MalformedIndexError('not a plaudit snapshot index (or one of another version)');
  }
  const headerLength = bytes.readUInt32LE(indexMagic.length);
  const lead = indexMagic.length + 4 + headerLength;
  if (lead > bytes.length) throw new MalformedIndexError('the index is cut short');
  let header: IndexHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', indexMagic.length + 4, lead)) as IndexHeader;
  } catch {
    throw new MalformedIndexError('the index header is not valid JSON');
  }
  const counts = [header?.resources, header?.always, header?.follow, header?.viewed, header?.keys];
  if (
    !counts.every((count) => Number.isSafeInteger(count) && count >= 0) ||
    typeof header.snapshot !== 'object' ||
    header.snapshot === null ||
    !Number.isSafeInteger(header.snapshot.size) ||
    typeof header.envelope !== 'object' ||
    header.envelope === null
  ) {
    throw new MalformedIndexError('the index header is incomplete');
  }
  const { resources: n, always: a, follow: f, viewed: v, keys: k } = header;
  let at = lead + ((8 - (lead % 8)) % 8);
  const viewBytes = bytes.length - (at + n * 16 + (a + f + 2 * v) * 4 + k * 8);
  if (viewBytes < 0) throw new MalformedIndexError('the index has the wrong length');
  // Typed arrays need aligned offsets: copy into fresh memory when the buffer's are not.
  const base = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, count: number, size: number) => {
    const array = make(base.buffer as ArrayBuffer, base.byteOffset + at, count);
    at += count * size;
    return array;
  };
  const f64 = (b: ArrayBuffer, o: number, l: number) => new Float64Array(b, o, l);
  const u32 = (b: ArrayBuffer, o: number, l: number) => new Uint32Array(b, o, l);
  const index: SnapshotIndex = {
    header,
    starts: take(f64, n, 8),
    lengths: take(u32, n, 4),
    sums: take(u32, n, 4),
    always: take(u32, a, 4),
    follow: take(u32, f, 4),
    viewed: take(u32, v, 4),
    viewEnds: take(u32, v, 4),
    hashes: take(u32, k, 4),
    entries: take(u32, k, 4),
    views: base.subarray(at),
  };
  if (v > 0 && index.viewEnds[v - 1] !== viewBytes) throw new MalformedIndexError('the index has the wrong length');
  if (v === 0 && viewBytes !== 0) throw new MalformedIndexError('the index has the wrong length');
  // Entries are checked when used (lookupKey, entryRange): a trace uses a few of hundreds of thousands.
  for (const entry of index.always)
    if (entry >= n) throw new MalformedIndexError('it names a resource it does not hold');
  return index;
}

/** The resources a key leads to (binary search over the sorted hashes). */
export function lookupKey(
  index: Pick<SnapshotIndex, 'hashes' | 'entries' | 'starts'>,
  key: string,
  into: Set<number>,
): void {
  const hash = keyHash(key);
  const { hashes, entries } = index;
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[mid]! < hash) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < hashes.length && hashes[i] === hash; i++) {
    const entry = entries[i]!;
    if (entry >= index.starts.length) throw new MalformedIndexError('it names a resource it does not hold');
    into.add(entry);
  }
}

/** The JSON text of each resource read as its trace view, by entry. */
export function viewsOf(index: SnapshotIndex): ReadonlyMap<number, string> {
  const views = new Map<number, string>();
  let start = 0;
  index.viewed.forEach((entry, i) => {
    const end = index.viewEnds[i]!;
    if (end < start || end > index.views.length) throw new MalformedIndexError('the index has the wrong length');
    views.set(entry, index.views.toString('utf8', start, end));
    start = end;
  });
  return views;
}

/** Where a resource's bytes are in the snapshot: [start, end). */
export function entryRange(index: SnapshotIndex, entry: number): readonly [number, number] {
  const start = index.starts[entry]!;
  const end = start + index.lengths[entry]!;
  if (!Number.isSafeInteger(start) || start < 0 || end > index.header.snapshot.size) {
    throw new MalformedIndexError('it places a resource outside the snapshot');
  }
  return [start, end];
}
