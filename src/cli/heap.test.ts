import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heapLimitFor } from './heap.js';

const dir = mkdtempSync(join(tmpdir(), 'plaudit-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sized = (name: string, bytes: number) => {
  const path = join(dir, name);
  writeFileSync(path, '');
  truncateSync(path, bytes); // sparse: no disk used
  return path;
};
const gib = 2 ** 30;
const limits = { current: 4 * gib, memory: 24 * gib };

describe('the heap a command needs', () => {
  const big = sized('big.json', 1.2e9);
  const small = sized('small.json', 50e6);

  it('is raised for a command that loads a large snapshot', () => {
    expect(heapLimitFor(['scan', '--snapshot', big], {}, [], limits)).toBe(
      Math.floor((512 * 2 ** 20 + 9.6e9) / 2 ** 20),
    );
    expect(heapLimitFor(['scan', `--snapshot=${big}`], {}, [], limits)).toBeGreaterThan(4096);
    expect(heapLimitFor(['diff', small, big], {}, [], limits)).toBeGreaterThan(4096);
  });

  it("is left alone for a trace through the snapshot's index, and raised for indexing it", () => {
    const indexed = sized('indexed.json', 1.2e9);
    expect(heapLimitFor(['trace', '--snapshot', indexed, '--from', 'vm', '--to', 'x'], {}, [], limits)).toBeGreaterThan(
      4096,
    );
    sized('indexed.json.idx', 1e6);
    expect(heapLimitFor(['trace', '--snapshot', indexed, '--from', 'vm', '--to', 'x'], {}, [], limits)).toBeUndefined();
    expect(heapLimitFor(['index', indexed], {}, [], limits)).toBeGreaterThan(4096);
  });

  it('stays below most of the machine memory', () => {
    expect(heapLimitFor(['scan', '--snapshot', big], {}, [], { current: 4 * gib, memory: 8 * gib })).toBe(
      Math.floor((8 * gib * 0.8) / 2 ** 20),
    );
  });

  it('is left alone for small files, other commands, a limit set by hand and the relaunched child', () => {
    expect(heapLimitFor(['scan', '--snapshot', small], {}, [], limits)).toBeUndefined();
    expect(heapLimitFor(['collect', '-o', big], {}, [], limits)).toBeUndefined();
    expect(heapLimitFor(['--version'], {}, [], limits)).toBeUndefined();
    expect(heapLimitFor(['scan', '--snapshot', big], {}, ['--max-old-space-size=2048'], limits)).toBeUndefined();
    expect(
      heapLimitFor(['scan', '--snapshot', big], { NODE_OPTIONS: '--max-old-space-size=2048' }, [], limits),
    ).toBeUndefined();
    expect(heapLimitFor(['scan', '--snapshot', big], { PLAUDIT_HEAP_RAISED: '1' }, [], limits)).toBeUndefined();
    expect(heapLimitFor(['scan', '--snapshot', join(dir, 'missing.json')], {}, [], limits)).toBeUndefined();
  });
});
