// Reports and snapshots reach their final path whole or not at all: each is written to a temporary
// file beside it and renamed. A write that fails part-way (a full disk, a kill) leaves the old file
// as it was and no stray temporary file; an unwritable path is one line on stderr and exit code 2.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clean, drifted, plaudit } from './cli-helpers.js';

/** When set, a file's first write stores half of its text and then fails, as a full disk or a kill would leave it. */
let failPartWay = false;

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      if (!failPartWay) return handle;
      return Object.assign(Object.create(handle) as typeof handle, {
        write: async (data: string) => {
          await actual.appendFile(args[0], data.slice(0, Math.floor(data.length / 2)));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        },
        close: () => handle.close(),
      });
    },
  };
});

afterEach(() => {
  failPartWay = false;
});

describe('writing outputs', () => {
  it('leaves the previous report whole when a write fails part-way, with one clear line and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaudit-atomic-'));
    const report = join(dir, 'report.json');
    writeFileSync(report, '{"previous": true}\n');
    failPartWay = true;
    const { code, stderr } = await plaudit('scan', '--snapshot', drifted, '--format', 'json', '--output', report);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([`plaudit: cannot write ${report}: no space left on the device`]);
    expect(readFileSync(report, 'utf8')).toBe('{"previous": true}\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes the report whole, with no temporary file left beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaudit-atomic-'));
    const report = join(dir, 'report.sarif');
    expect((await plaudit('scan', '--snapshot', clean, '--format', 'sarif', '--output', report)).code).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('says in one line why an output path cannot be written, for scan and diff alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaudit-atomic-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const directory = join(dir, 'a-directory');
    mkdirSync(directory);
    const runs = [
      [join(file, 'report.json'), ['scan', '--snapshot', clean, '--format', 'json', '--output']],
      [directory, ['scan', '--snapshot', clean, '--format', 'json', '--output']],
      [join(file, 'drift.md'), ['diff', clean, drifted, '--format', 'markdown', '--output']],
    ] as const;
    for (const [path, args] of runs) {
      const { code, stderr } = await plaudit(...args, path);
      expect(code).toBe(2);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^plaudit: cannot write ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(lines[0]).not.toMatch(/unexpected error/);
    }
    expect(readdirSync(dir).sort()).toEqual(['a-directory', 'a-file']);
    expect(readdirSync(directory)).toEqual([]);
  });
});
