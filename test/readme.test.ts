// The README promises commands, documents the scan flags and describes the example workflows it
// links to; keep all of it true.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');

type Node = Record<string, unknown>;

/** The README's bullet that links the workflow, as one line of text. */
function workflowBullet(workflow: string): string {
  const path = `.github/workflows/${workflow}`;
  const start = readme.indexOf(`- [${path}](${path})`);
  if (start < 0) throw new Error(`README has no bullet linking ${path}`);
  const rest = readme.slice(start + 2);
  const end = rest.search(/\n(- |\n)/);
  return (end < 0 ? rest : rest.slice(0, end)).replace(/\s*\n\s*/g, ' ');
}

/** The `with:` of the workflow's step that runs this repository's action. */
function plauditInputs(workflow: string): Node {
  const parsed = parseYaml(read(`.github/workflows/${workflow}`)) as { jobs: Record<string, { steps: Node[] }> };
  const steps = Object.values(parsed.jobs).flatMap((job) => job.steps);
  const plaudit = steps.filter((step) => step.uses === './');
  expect(plaudit, `${workflow} runs the action once`).toHaveLength(1);
  return plaudit[0]!.with as Node;
}

describe('README', () => {
  it('names the two commands a newcomer needs, and .ci/run runs the test command', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });

  it('links only to files that exist', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((match) => match[1]!)
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(0);
    const missing = targets.filter((target) => !existsSync(new URL(`../${target}`, import.meta.url)));
    expect(missing, `README links to missing files: ${missing.join(', ')}`).toEqual([]);
  });

  it('tells the reader which action to use in place of uses: ./', () => {
    expect(readme.replace(/\s+/g, ' ')).toContain('replace `uses: ./` with `uses: plaudit-dev/plaudit@v0`');
  });

  const actionInputs = (parseYaml(read('action.yml')) as { inputs: Node }).inputs;

  for (const workflow of ['gate.yml', 'nightly.yml']) {
    it(`describes .github/workflows/${workflow} by the action inputs it sets`, () => {
      const inputs = plauditInputs(workflow);
      const named = [...workflowBullet(workflow).matchAll(/`([^`]+)`/g)]
        .map((match) => /^([a-z][a-z0-9-]*)(?::\s*(\S+))?$/.exec(match[1]!))
        .filter((match): match is RegExpExecArray => match !== null);
      expect(named.length, `the README names the inputs ${workflow} sets`).toBeGreaterThan(0);
      for (const [, name, value] of named) {
        expect(actionInputs, `${name} is an input of action.yml`).toHaveProperty(name!);
        expect(inputs, `${workflow} sets ${name}`).toHaveProperty(name!);
        if (value !== undefined) expect(String(inputs[name!]), `${workflow}: ${name}`).toBe(value);
      }
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
