// The README promises commands and copies the example workflows; keep both true.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');

describe('README', () => {
  it('names the two commands a newcomer needs, and .ci/run runs the test command', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });

  for (const workflow of ['gate.yml', 'nightly.yml']) {
    it(`copies .github/workflows/${workflow} verbatim`, () => {
      expect(readme).toContain(read(`.github/workflows/${workflow}`).trimEnd());
    });
  }

  it('documents every scan flag', () => {
    const flags = [
      '--snapshot',
      '--format',
      '--output',
      '--fail-on',
      '--checks',
      '--config',
      '--baseline',
      '--fail-on-new',
      '--shard',
      '--log-level',
      '--subscription',
      '--resource-group',
      '--management-group',
      '--tenant',
      '--cloud',
      '--arm-endpoint',
      '--source',
    ];
    for (const flag of flags) expect(readme, flag).toContain(`\`${flag}`);
  });
});
