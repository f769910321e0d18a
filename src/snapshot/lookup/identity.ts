// What an index remembers of the snapshot file it was made from, to tell when the file changed: its
// size, its modification time, and hashes of its first and last 64 KiB (cheap at any size).
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type { IndexedFile } from './format.js';

const edge = 64 * 1024;

/** Size, modification time, and hashes of the file's first and last 64 KiB. */
export async function fileIdentity(path: string): Promise<IndexedFile> {
  const stats = await stat(path);
  const handle = await open(path, 'r');
  try {
    const hashOf = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex');
    };
    return {
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      head: await hashOf(0, Math.min(edge, stats.size)),
      tail: await hashOf(Math.max(0, stats.size - edge), Math.min(edge, stats.size)),
    };
  } finally {
    await handle.close();
  }
}
