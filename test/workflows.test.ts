// A structural check of action.yml, the workflows and the pipeline examples in the docs (actionlint
// is not available here): they parse, have the keys GitHub requires, pin every action they use,
// ask for the permissions their steps need, and refer only to inputs, outputs and steps that exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { inputNames } from '../src/action/inputs.js';
import { actionOutputNames } from '../src/action/run.js';

type Node = Record<string, unknown>;

const root = fileURLToPath(new URL('..', import.meta.url));
const workflowDir = `${root}.github/workflows/`;

function parseYaml(text: string, source: string): Node {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0]!.message}`);
  const value: unknown = document.toJS();
  if (!isNode(value)) throw new Error(`${source}: not a YAML mapping`);
  return value;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function node(value: unknown, where: string): Node {
  if (!isNode(value)) throw new Error(`${where} is not a mapping`);
  return value;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} is not a list`);
  return value;
}

/** Every string anywhere in a value (keys excluded). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isNode(value)) return Object.values(value).flatMap(strings);
  return [];
}

function matches(texts: readonly string[], pattern: RegExp): RegExpExecArray[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return texts.flatMap((text) => [...text.matchAll(new RegExp(pattern.source, flags))]);
}

/** A version tag (v4, v2.1.0) or a full commit SHA; never a branch. */
const pinned = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

const actionText = readFileSync(`${root}action.yml`, 'utf8');
const action = parseYaml(actionText, 'action.yml');
const actionInputs = node(action.inputs, 'action.yml inputs');
const actionOutputs = node(action.outputs, 'action.yml outputs');

/** The input names src/action/inputs.ts passes to its readers (text, list, choice), in source order. */
const inputsRead = matches(
  [readFileSync(`${root}src/action/inputs.ts`, 'utf8')],
  /\b(?:text|list|choice)\('([a-z][a-z0-9-]*)'/,
).map((match) => match[1]!);

describe('action.yml: the JavaScript action', () => {
  it('has a name, a description and branding', () => {
    expect(action.name).toBe('plaudit');
    expect(typeof action.description).toBe('string');
    expect(node(action.branding, 'branding')).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
  });

  it('runs the committed bundle on the runner’s Node 24, and nothing else', () => {
    expect(node(action.runs, 'runs')).toEqual({ using: 'node24', main: 'dist-action/index.mjs' });
    expect(existsSync(`${root}dist-action/index.mjs`)).toBe(true);
    expect(existsSync(`${root}dist-action/licenses.txt`)).toBe(true);
    expect(existsSync(`${root}src/action/main.ts`)).toBe(true);
    expect(existsSync(`${root}scan`), 'no second action beside it').toBe(false);
  });

  it('installs nothing at run time', () => {
    expect(actionText).not.toMatch(/\bnpm (ci|install)\b/);
  });

  it('declares exactly the inputs src/action/inputs.ts reads, described, optional, with string defaults', () => {
    expect(Object.keys(actionInputs)).toEqual([...inputNames]);
    expect([...new Set(inputsRead)].sort()).toEqual([...inputNames].sort());
    for (const [name, value] of Object.entries(actionInputs)) {
      const input = node(value, `input ${name}`);
      expect(typeof input.description, name).toBe('string');
      expect(input.required, name).toBe(false);
      expect(typeof input.default, name).toBe('string');
    }
    expect(actionInputs['fail-on']).toMatchObject({ default: 'error' });
    expect(actionInputs).not.toHaveProperty('upload-sarif');
  });

  it('declares exactly the outputs src/action/run.ts writes, described, without values', () => {
    expect(Object.keys(actionOutputs)).toEqual([...actionOutputNames]);
    for (const [name, value] of Object.entries(actionOutputs)) {
      expect(node(value, name)).toEqual({ description: expect.any(String) });
    }
  });
});

/** The text files of the repository, outside installed and generated directories. */
function repositoryFiles(dir: string, ext: RegExp): string[] {
  const skip = new Set(['.git', 'node_modules', 'dist', 'dist-action', 'coverage']);
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : repositoryFiles(`${dir}${entry.name}/`, ext);
    return ext.test(entry.name) ? [`${dir}${entry.name}`] : [];
  });
}

it('no workflow, action or doc uses an action by a $/ reference (GitHub does not run them)', () => {
  const files = repositoryFiles(root, /\.(ya?ml|md)$/);
  expect(files).toContain(`${root}action.yml`);
  const offending = files.filter((file) => /\buses:\s*['"]?\$\//.test(readFileSync(file, 'utf8')));
  expect(offending.map((file) => file.slice(root.length))).toEqual([]);
});

const workflowFiles = readdirSync(workflowDir).filter((name) => /\.ya?ml$/.test(name));

describe.each(workflowFiles)('.github/workflows/%s', (file) => {
  const text = readFileSync(`${workflowDir}${file}`, 'utf8');
  const workflow = parseYaml(text, file);
  const jobs = node(workflow.jobs, `${file} jobs`);

  it('has a name, triggers, top-level permissions and jobs with steps', () => {
    expect(typeof workflow.name).toBe('string');
    expect(workflow.on).toBeDefined();
    expect(isNode(workflow.permissions), 'top-level permissions').toBe(true);
    expect(Object.keys(jobs).length).toBeGreaterThan(0);
    for (const [id, value] of Object.entries(jobs)) {
      const job = node(value, `job ${id}`);
      expect(job['runs-on'], id).toBeDefined();
      const steps = list(job.steps, `job ${id} steps`);
      expect(steps.length, id).toBeGreaterThan(0);
      for (const step of steps.map((each) => node(each, `job ${id} step`))) {
        expect(Number(step.uses !== undefined) + Number(step.run !== undefined), JSON.stringify(step)).toBe(1);
      }
    }
  });

  it('pins every action to a version tag or a commit', () => {
    const used = matches([text], /^\s*(?:-\s+)?uses:\s*(\S+)/m).map((match) => match[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const uses of used.filter((each) => each !== './')) expect(uses).toMatch(pinned);
  });

  it('never interpolates expressions into a shell script (inputs go through env)', () => {
    for (const [id, value] of Object.entries(jobs)) {
      for (const step of list(node(value, id).steps, id).map((each) => node(each, id))) {
        if (step.run !== undefined) expect(String(step.run), `${id}: ${String(step.name)}`).not.toContain('${{');
      }
    }
  });

  for (const [id, value] of Object.entries(jobs)) {
    const job = node(value, id);
    const steps = list(job.steps, id).map((each) => node(each, id));
    const permissions = (isNode(job.permissions) ? job.permissions : node(workflow.permissions, 'permissions')) as Node;
    const usesAction = steps.filter(
      (step) => step.uses === './' || String(step.uses).startsWith('plaudit-dev/plaudit@'),
    );

    it(`job ${id}: asks for the permissions its steps need`, () => {
      if (steps.some((step) => String(step.uses).startsWith('azure/login@'))) {
        expect(permissions['id-token'], 'azure/login with OIDC needs id-token: write').toBe('write');
      }
      const uploads = steps.some((step) => String(step.uses).startsWith('github/codeql-action/upload-sarif@'));
      if (uploads) expect(permissions['security-events'], 'SARIF upload needs security-events: write').toBe('write');
      if (steps.some((step) => /\bgh (api|run download)\b/.test(String(step.run ?? '')))) {
        expect(permissions.actions, 'reading artifacts of other runs needs actions: read').toBe('read');
      }
      if (steps.some((step) => String(step.uses).startsWith('actions/checkout@'))) {
        expect(permissions.contents).toBe('read');
      }
    });

    it(`job ${id}: uploads SARIF with upload-sarif v4 right after the plaudit step, guarded by its upload output`, () => {
      const uploads = steps.filter((step) => String(step.uses).startsWith('github/codeql-action/upload-sarif@'));
      for (const upload of uploads) {
        const plaudit = steps[steps.indexOf(upload) - 1]!;
        expect(usesAction, 'the step before the upload runs plaudit').toContain(plaudit);
        expect(typeof plaudit.id, 'the plaudit step has an id').toBe('string');
        expect(upload.uses).toBe('github/codeql-action/upload-sarif@v4');
        // !cancelled(): the plaudit step fails when the gate fails, and the findings must still be
        // uploaded; `upload` is 'true' only for a complete scan within code scanning's limits.
        expect(upload.if).toBe(`\${{ !cancelled() && steps.${String(plaudit.id)}.outputs.upload == 'true' }}`);
        expect(node(upload.with, 'upload with')).toEqual({
          sarif_file: `\${{ steps.${String(plaudit.id)}.outputs.sarif-file }}`,
        });
      }
    });

    it(`job ${id}: gives the plaudit action only inputs it declares`, () => {
      for (const step of usesAction) {
        for (const key of Object.keys(node(step.with ?? {}, 'with'))) expect(actionInputs, key).toHaveProperty(key);
      }
    });

    it(`job ${id}: refers only to steps, outputs and jobs that exist`, () => {
      steps.forEach((step, index) => {
        for (const match of matches(strings(step), /steps\.([\w-]+)\.outputs\.([\w-]+)/)) {
          const [, stepId, output] = match as unknown as [string, string, string];
          const target = steps.slice(0, index).find((earlier) => earlier.id === stepId);
          expect(target, `step ${stepId} (before "${String(step.name)}")`).toBeDefined();
          if (target!.uses === './' || String(target!.uses).startsWith('plaudit-dev/plaudit@')) {
            expect(actionOutputs, `action output ${output}`).toHaveProperty(output);
          } else if (target!.run !== undefined) {
            expect(String(target!.run), `step ${stepId} writes ${output}`).toContain(`${output}=`);
          }
        }
      });
      for (const match of matches(strings(job), /needs\.([\w-]+)\.outputs\.([\w-]+)/)) {
        const [, needed, output] = match as unknown as [string, string, string];
        expect([job.needs].flat(), `needs ${needed}`).toContain(needed);
        expect(node(node(jobs[needed], needed).outputs, `${needed} outputs`)).toHaveProperty(output);
      }
    });
  }

  // CI and the release build this repository; the others are examples of using the action.
  if (file === 'ci.yml' || file === 'release.yml') return;

  it('uses this repository’s action and tells the reader what to use instead', () => {
    expect(text).toMatch(/uses: \.\/ # in your repository: plaudit-dev\/plaudit@v0/);
    expect(text).toContain('replace `uses: ./` with `uses: plaudit-dev/plaudit@v0`');
  });
});

describe('gate.yml: the deployment gate', () => {
  const workflow = parseYaml(readFileSync(`${workflowDir}gate.yml`, 'utf8'), 'gate.yml');
  const on = node(workflow.on, 'on');
  const jobs = node(workflow.jobs, 'jobs');
  const gate = node(jobs.gate, 'gate');
  const steps = list(gate.steps, 'gate steps').map((step) => node(step, 'step'));
  const plaudit = steps.find((step) => step.uses === './')!;

  it('runs on push to main and by hand, after the deployment job', () => {
    expect(node(on.push, 'push').branches).toEqual(['main']);
    expect(on).toHaveProperty('workflow_dispatch');
    expect(gate.needs).toBe('deploy');
  });

  it('scans the deployed resource groups, new findings against the last accepted report', () => {
    const inputs = node(plaudit.with, 'with');
    expect(inputs['resource-groups']).toBe('${{ needs.deploy.outputs.resource-groups }}');
    expect(inputs.baseline).toBe("${{ steps.baseline.outputs.found == 'true' && 'baseline/plaudit.json' || '' }}");
    expect(inputs['fail-on-new']).toBe("${{ steps.baseline.outputs.found == 'true' }}");
    expect(steps.findIndex((step) => step.id === 'baseline')).toBeLessThan(steps.indexOf(plaudit));
    expect(steps.findIndex((step) => String(step.uses).startsWith('azure/login@'))).toBeLessThan(
      steps.indexOf(plaudit),
    );
  });

  it('uploads the findings to code scanning right after the scan, even when the gate failed', () => {
    const upload = steps.find((step) => String(step.uses).startsWith('github/codeql-action/upload-sarif@'))!;
    expect(steps.indexOf(upload)).toBe(steps.indexOf(plaudit) + 1);
    expect(String(upload.if)).toContain('!cancelled()');
  });

  it('keeps the report as the next baseline only when the gate passed on the default branch', () => {
    const keep = steps.find((step) => node(step.with ?? {}, 'with').name === 'plaudit-baseline')!;
    expect(keep.uses).toMatch(/^actions\/upload-artifact@/);
    expect(keep.if).toBe('success() && github.ref_name == github.event.repository.default_branch');
    expect(node(keep.with, 'with').path).toBe('${{ steps.plaudit.outputs.json-file }}');
    const download = String(steps.find((step) => step.id === 'baseline')!.run);
    expect(download).toContain('name=plaudit-baseline');
  });
});

describe('nightly.yml: the nightly audit', () => {
  const workflow = parseYaml(readFileSync(`${workflowDir}nightly.yml`, 'utf8'), 'nightly.yml');
  const on = node(workflow.on, 'on');
  const audit = node(node(workflow.jobs, 'jobs').audit, 'audit');
  const steps = list(audit.steps, 'audit steps').map((step) => node(step, 'step'));
  const plaudit = steps.find((step) => step.uses === './')!;

  it('runs on a valid daily schedule and by hand', () => {
    const cron = String(node(list(on.schedule, 'schedule')[0], 'schedule[0]').cron);
    const [minute, hour, ...rest] = cron.split(' ');
    expect(rest).toEqual(['*', '*', '*']);
    expect(Number(minute)).toBeGreaterThanOrEqual(0);
    expect(Number(minute)).toBeLessThan(60);
    expect(Number(hour)).toBeLessThan(24);
    expect(on).toHaveProperty('workflow_dispatch');
  });

  it('collects a snapshot and compares it and its findings with the previous night', () => {
    const inputs = node(plaudit.with, 'with');
    expect(inputs['save-snapshot']).toMatch(/snapshot\.json$/);
    expect(inputs['previous-snapshot']).toContain('previous/snapshot.json');
    expect(inputs.baseline).toContain('previous/plaudit.json');
    expect(inputs['fail-on-new']).toBe("${{ steps.previous.outputs.found == 'true' }}");
  });

  it('uploads the findings to code scanning right after the scan, even when new findings failed it', () => {
    const upload = steps.find((step) => String(step.uses).startsWith('github/codeql-action/upload-sarif@'))!;
    expect(steps.indexOf(upload)).toBe(steps.indexOf(plaudit) + 1);
    expect(String(upload.if)).toContain('!cancelled()');
  });

  it('keeps tonight’s snapshot and reports, with a retention, only when the scan was complete', () => {
    const uploads = steps.filter((step) => String(step.uses).startsWith('actions/upload-artifact@'));
    expect(uploads.length).toBeGreaterThan(0);
    for (const upload of uploads) expect(node(upload.with, 'with')['retention-days']).toEqual(expect.any(Number));
    const keep = uploads.find((step) => node(step.with, 'with').name === 'plaudit-nightly')!;
    expect(keep.if).toBe("${{ !cancelled() && steps.plaudit.outputs.complete == 'true' }}");
    const gather = steps.find((step) => step.name === 'Gather the artifact')!;
    expect(String(gather.run)).toContain('snapshot.json');
    expect(String(gather.run)).toContain('plaudit.json');
  });
});

describe('pipeline examples in the docs', () => {
  function yamlBlocks(path: string): Node[] {
    const text = readFileSync(`${root}${path}`, 'utf8');
    return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match, index) => {
      const parsed = parseDocument(match[1]!, { prettyErrors: false });
      if (parsed.errors.length > 0) throw new Error(`${path} block ${index}: ${parsed.errors[0]!.message}`);
      const value: unknown = parsed.toJS();
      return (Array.isArray(value) ? { steps: value } : value) as Node;
    });
  }

  it('docs/azure-devops.md: AzureCLI@2 with a service connection, pinned tasks, SARIF only when complete', () => {
    const [nightly, ...others] = yamlBlocks('docs/azure-devops.md');
    expect(others.length).toBeGreaterThan(0);
    const steps = list(nightly!.steps, 'steps').map((step) => node(step, 'step'));
    for (const block of [nightly!, ...others]) {
      for (const step of list(block.steps, 'steps').map((each) => node(each, 'step'))) {
        if (step.task !== undefined) expect(String(step.task)).toMatch(/^[\w-]+@\d+$/);
      }
    }
    const scan = steps.find((step) => step.task === 'AzureCLI@2')!;
    const inputs = node(scan.inputs, 'AzureCLI@2 inputs');
    expect(inputs.azureSubscription).toBe('$(serviceConnection)');
    expect(inputs.scriptType).toBe('bash');
    expect(String(inputs.inlineScript)).toContain('executionSuccessful == true');
    expect(String(inputs.inlineScript)).toContain('##vso[task.uploadsummary]');
    const publishesSarif = steps.filter(
      (step) =>
        step.task === 'AdvancedSecurity-Publish@1' || node(step.inputs ?? {}, 'inputs').artifact === 'CodeAnalysisLogs',
    );
    expect(publishesSarif).toHaveLength(2);
    for (const step of publishesSarif) expect(step.condition).toContain("eq(variables.plauditComplete, 'true')");
  });

  it('docs/pipelines.md: the sharding example parses and pins its actions', () => {
    const blocks = yamlBlocks('docs/pipelines.md');
    expect(blocks.length).toBeGreaterThan(0);
    for (const uses of strings(blocks).filter((text) => /^[\w-]+\/[\w-]+.*@/.test(text))) {
      expect(uses).toMatch(pinned);
    }
  });
});
