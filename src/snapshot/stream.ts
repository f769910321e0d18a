// Reads a snapshot file of any size: the file is read in blocks, the top-level envelope is walked
// byte by byte, and each resource of its array is cut out and parsed on its own with JSON.parse.
// Nothing ever holds the whole file as one string, which V8 caps at about 512 MB (a snapshot of
// 100,000 private endpoints is larger), and the parse stays JSON.parse's own speed. A token-level
// streaming parser was measured 10-20 times slower; a resource is never large, so cutting at
// resource boundaries is enough.
import { open, type FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';

const BLOCK = 1 << 22;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The file is not one JSON value; `offset` is the byte at fault. */
export class JsonStreamError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** Where each element of a resource array stands in the file: its first byte, its length, and a checksum of its bytes. */
export interface ElementSpans {
  readonly starts: number[];
  readonly lengths: number[];
  readonly sums: number[];
}

const spansByArray = new WeakMap<readonly unknown[], ElementSpans>();

/** The spans of a resource array parsed with `{ spans: true }`. */
export function spansOf(array: readonly unknown[]): ElementSpans | undefined {
  return spansByArray.get(array);
}

export interface ParseOptions {
  /** Record each resource array element's span (see spansOf). */
  readonly spans?: boolean;
}

/** The JSON value of a file, with the resource arrays (`$`, `$.resources`, `$.data`) parsed element by element. */
export async function parseJsonFile(
  handle: FileHandle,
  blockSize = BLOCK,
  options: ParseOptions = {},
): Promise<unknown> {
  const reader = new BlockReader(handle, blockSize, options.spans === true);
  await reader.skipSpace();
  const first = await reader.peek();
  let value: unknown;
  if (first === OPEN_BRACKET) value = await readArray(reader);
  else if (first === OPEN_BRACE) value = await readEnvelope(reader);
  else value = await readValue(reader);
  await reader.skipSpace();
  if ((await reader.peek()) !== -1) throw reader.unexpected();
  return value;
}

/** Opens `path` and reads it with parseJsonFile. */
export async function parseJsonPath(path: string, blockSize = BLOCK, options: ParseOptions = {}): Promise<unknown> {
  const handle = await open(path, 'r');
  try {
    return await parseJsonFile(handle, blockSize, options);
  } finally {
    await handle.close();
  }
}

async function readEnvelope(reader: BlockReader): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  reader.advance(1);
  await reader.skipSpace();
  if ((await reader.peek()) === CLOSE_BRACE) {
    reader.advance(1);
    return out;
  }
  for (;;) {
    await reader.skipSpace();
    if ((await reader.peek()) !== QUOTE) throw reader.unexpected();
    const key = (await readValue(reader)) as string;
    await reader.skipSpace();
    if ((await reader.peek()) !== COLON) throw reader.unexpected();
    reader.advance(1);
    await reader.skipSpace();
    const array = (key === 'resources' || key === 'data') && (await reader.peek()) === OPEN_BRACKET;
    const value = array ? await readArray(reader) : await readValue(reader);
    // As JSON.parse does: a repeated key keeps its last value, and "__proto__" is an ordinary key.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    await reader.skipSpace();
    const next = await reader.peek();
    reader.advance(1);
    if (next === CLOSE_BRACE) return out;
    if (next !== COMMA) throw reader.unexpected(-1);
  }
}

async function readArray(reader: BlockReader): Promise<unknown[]> {
  const out: unknown[] = [];
  const spans: ElementSpans | undefined = reader.record ? { starts: [], lengths: [], sums: [] } : undefined;
  if (spans) spansByArray.set(out, spans);
  reader.advance(1);
  await reader.skipSpace();
  if ((await reader.peek()) === CLOSE_BRACKET) {
    reader.advance(1);
    return out;
  }
  for (;;) {
    await reader.skipSpace();
    out.push(await readValue(reader, spans));
    await reader.skipSpace();
    const next = await reader.peek();
    reader.advance(1);
    if (next === CLOSE_BRACKET) return out;
    if (next !== COMMA) throw reader.unexpected(-1);
  }
}

/** One complete JSON value starting at the reader's position, parsed by JSON.parse. */
async function readValue(reader: BlockReader, spans?: ElementSpans): Promise<unknown> {
  for (;;) {
    const end = valueEnd(reader.buffer, reader.position, reader.length, reader.atEnd);
    if (end >= 0) {
      const start = reader.position;
      if (spans) {
        spans.starts.push(reader.offsetOf(start));
        spans.lengths.push(end - start);
        spans.sums.push(checksum(reader.buffer, start, end));
      }
      const text = reader.buffer.toString('utf8', start, end);
      reader.advance(end - start);
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new JsonStreamError(
          `${(error as Error).message} (in the value at byte ${reader.offsetOf(start)})`,
          start,
        );
      }
    }
    if (end === -2 || reader.atEnd) throw reader.unexpected();
    await reader.more();
  }
}

/**
 * Where the JSON value at `start` ends (exclusive): -1 when the buffer ends first and more may
 * come, -2 when the bytes cannot start a value. Only brackets and strings are tracked here;
 * JSON.parse judges the rest.
 */
function valueEnd(buffer: Buffer, start: number, length: number, atEnd: boolean): number {
  const first = buffer[start];
  if (first === undefined) return -1;
  if (first === QUOTE) return stringEnd(buffer, start, length);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A scalar ends at a delimiter or at the end of the file.
    for (let i = start; i < length; i++) {
      const byte = buffer[i]!;
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte <= 0x20) return i > start ? i : -2;
    }
    return atEnd && length > start ? length : -1;
  }
  let depth = 0;
  for (let i = start; i < length; i++) {
    const byte = buffer[i]!;
    if (byte === QUOTE) {
      const end = stringEnd(buffer, i, length);
      if (end < 0) return -1;
      i = end - 1;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The end (exclusive) of the string whose opening quote is at `start`, or -1. */
function stringEnd(buffer: Buffer, start: number, length: number): number {
  let from = start + 1;
  for (;;) {
    const quote = buffer.indexOf(QUOTE, from);
    if (quote < 0 || quote >= length) return -1;
    let backslashes = 0;
    while (buffer[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
let crcTable: Uint32Array | undefined;

/** CRC-32 (zlib's) of a byte range: a cheap check that bytes read again are the bytes indexed. */
export function checksum(bytes: Uint8Array, start: number, end: number): number {
  if (nativeCrc32) return nativeCrc32(bytes.subarray(start, end)) >>> 0;
  // Node before 22.2 has no zlib.crc32: the same function, computed here.
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The file as a sliding window of bytes: what is consumed is dropped when the next block comes in. */
class BlockReader {
  buffer: Buffer = Buffer.alloc(0);
  position = 0;
  length = 0;
  atEnd = false;
  /** Whether resource arrays record their elements' spans. */
  readonly record: boolean;
  private readonly handle: FileHandle;
  private readonly blockSize: number;
  /** File offset of buffer[0]. */
  private base = 0;

  constructor(handle: FileHandle, blockSize: number, record: boolean) {
    this.handle = handle;
    this.blockSize = blockSize;
    this.record = record;
  }

  offsetOf(index: number): number {
    return this.base + index;
  }

  advance(count: number): void {
    this.position += count;
  }

  /** Reads the next block, keeping the unconsumed bytes; false at the end of the file. */
  async more(): Promise<boolean> {
    if (this.atEnd) return false;
    const kept = this.length - this.position;
    const size = Math.max(this.blockSize, kept * 2);
    const next = this.buffer.length >= size && this.position > 0 ? this.buffer : Buffer.allocUnsafe(size);
    this.buffer.copy(next, 0, this.position, this.length);
    this.base += this.position;
    this.buffer = next;
    this.position = 0;
    this.length = kept;
    const { bytesRead } = await this.handle.read(next, kept, next.length - kept, null);
    this.length += bytesRead;
    if (bytesRead === 0) this.atEnd = true;
    return bytesRead > 0;
  }

  /** The byte at the position, or -1 at the end of the file. */
  async peek(): Promise<number> {
    while (this.position >= this.length) if (!(await this.more())) return -1;
    return this.buffer[this.position]!;
  }

  async skipSpace(): Promise<void> {
    for (;;) {
      while (this.position < this.length) {
        const byte = this.buffer[this.position]!;
        if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return;
        this.position++;
      }
      if (!(await this.more())) return;
    }
  }

  unexpected(shift = 0): JsonStreamError {
    const at = this.position + shift;
    const byte = this.buffer[at];
    const what =
      byte === undefined || at >= this.length
        ? 'end of JSON input'
        : `token ${JSON.stringify(String.fromCharCode(byte))}`;
    return new JsonStreamError(`Unexpected ${what} at byte ${this.offsetOf(at)}`, this.offsetOf(at));
  }
}
