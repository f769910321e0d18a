// A snapshot too large for Node's default heap makes the command start again with a larger one;
// what it reports, and how it exits, must be what the command itself says.
import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnPlaudit, tempFile } from './cli-helpers.js';

describe('a snapshot larger than the default heap allows', () => {
  // Sparse: 6 GB on paper, no disk used; its first byte is not JSON.
  const huge = tempFile('huge.json');
  writeFileSync(huge, '');
  truncateSync(huge, 6e9);
  afterAll(() => rmSync(huge, { force: true }));

  it('is reported in one line with the usual exit code by the command run with a larger heap', () => {
    const run = spawnPlaudit(['scan', '--snapshot', huge]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `plaudit: ${huge}: not valid JSON (Unexpected token "\\u0000" at byte 0)`,
    ]);
    expect(run.stdout).toBe('');
  });
});
