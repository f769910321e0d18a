// The Action as GitHub runs it: the runner's Node runs the committed bundle (dist-action/index.mjs,
// named by scan/action.yml) in the workspace, with the inputs in INPUT_* variables (action.yml's
// defaults filled in, as the runner does) and GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP
// pointing at temporary files. Live scans read the local fake of Azure; any other address goes to a
// proxy that refuses connections, so nothing here can reach Azure or GitHub.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { subscriptionOf } from '../src/ids.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { TOKEN } from './azure/helpers.js';
import { startFakeAzure, type FakeAzure } from './fake-azure/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scanAction = parseYaml(readFileSync(join(root, 'scan/action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};
const bundle = join(root, 'scan', scanAction.runs.main);
const estate = JSON.parse(readFileSync(join(root, 'examples/drifted.json'), 'utf8')) as Snapshot;
const subscriptions = [
  ...new Set(estate.resources.map((resource) => subscriptionOf(resource.id)!.split('/')[2]!)),
].sort();
const category = `plaudit/${subscriptions.map((id) => `sub-${id}`).join('+')}`;

interface StepResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly workspace: string;
  readonly runnerTemp: string;
}

/** A fresh workspace holding the example estates, as a checkout of this repository would. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plaudit-workspace-'));
  mkdirSync(join(dir, 'examples'));
  for (const name of ['drifted.json', 'clean.json'])
    copyFileSync(join(root, 'examples', name), join(dir, 'examples', name));
  return dir;
}

/** Runs the bundle as the runner runs a node24 action's main; async, so the fake can answer meanwhile. */
function runStep(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<StepResult> {
  const work = workspace();
  const runner = mkdtempSync(join(tmpdir(), 'plaudit-runner-'));
  const runnerTemp = join(runner, 'temp');
  mkdirSync(runnerTemp);
  const files = { output: join(runner, 'output'), summary: join(runner, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const values = {
    ...Object.fromEntries(Object.entries(scanAction.inputs).map(([name, input]) => [name, input.default])),
    ...inputs,
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: runner,
    NO_COLOR: '1',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: work,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: runnerTemp,
    // Anything not on this machine goes to a proxy that is not there.
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
    ...Object.fromEntries(Object.entries(values).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...extraEnv,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], { cwd: work, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({
        status,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(files.output, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
        workspace: work,
        runnerTemp,
      }),
    );
  });
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}

const fingerprints = (path: string) =>
  (JSON.parse(readFileSync(path, 'utf8')) as { findings: { fingerprint: string }[] }).findings
    .map((finding) => finding.fingerprint)
    .sort();

it('scan/action.yml runs the committed bundle on node24', () => {
  expect(scanAction.runs).toEqual({ using: 'node24', main: '../dist-action/index.mjs' });
  if (!existsSync(bundle)) throw new Error('dist-action/index.mjs is missing: run `npm run bundle:action`');
});

describe('the bundled action on the example snapshot', () => {
  it('drifted estate, default inputs: reports, outputs and summary are written, and the step fails the gate', async () => {
    const step = await runStep({ snapshot: 'examples/drifted.json' });
    expect(step.status, step.stderr).toBe(1);
    expect(Object.keys(step.outputs).sort()).toEqual(Object.keys(scanAction.outputs).sort());
    expect(step.outputs).toMatchObject({
      'exit-code': '1',
      complete: 'true',
      upload: 'true',
      fail: 'true',
      category,
      drift: '',
      'text-file': '',
      'snapshot-file': join(step.workspace, 'examples/drifted.json'),
    });
    const reports = step.outputs['report-dir']!;
    expect(reports.startsWith(step.runnerTemp)).toBe(true);
    for (const [output, name] of [
      ['json-file', 'plaudit.json'],
      ['sarif-file', 'plaudit.sarif'],
      ['markdown-file', 'plaudit.md'],
    ] as const) {
      expect(step.outputs[output]).toBe(join(reports, name));
      expect(existsSync(step.outputs[output]!)).toBe(true);
    }
    const sarif = JSON.parse(readFileSync(step.outputs['sarif-file']!, 'utf8')) as {
      runs: { results: unknown[]; invocations: { executionSuccessful: boolean }[] }[];
    };
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(5);
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
    expect(step.summary).toMatch(/^> \[!CAUTION\]\n> plaudit found findings at or above fail-on/);
    expect(step.summary).toContain(readFileSync(step.outputs['markdown-file']!, 'utf8').trimEnd());
    // The log: the command, the text report, then the gate's annotation.
    expect(step.stdout).toContain('plaudit scan --snapshot examples/drifted.json');
    expect(step.stdout).toContain('Summary: 7 errors, 4 warnings, 0 notes; 0 incomplete.');
    expect(step.stdout).toMatch(/^::error title=plaudit::plaudit found findings at or above fail-on/m);
  });

  it('fail-on none, text and an output directory: the gate passes', async () => {
    const step = await runStep({
      snapshot: 'examples/drifted.json',
      'fail-on': 'none',
      formats: 'text',
      'output-dir': 'reports',
    });
    expect(step.status, step.stderr).toBe(0);
    expect(step.outputs).toMatchObject({ 'exit-code': '0', upload: 'true', fail: 'false' });
    expect(step.outputs['report-dir']).toBe(join(step.workspace, 'reports'));
    expect(readFileSync(step.outputs['text-file']!, 'utf8')).toContain('dns/zone-not-linked');
    expect(step.summary).toMatch(/^## ❌ plaudit: 7 errors/);
    expect(step.stdout).toMatch(/^::notice title=plaudit::plaudit found nothing at or above fail-on\.$/m);
  });

  it('a bad input: plaudit does not run, the step fails and says which input', async () => {
    const step = await runStep({ snapshot: 'examples/drifted.json', checks: 'dns,firewal' });
    expect(step.status).toBe(1);
    expect(step.outputs).toMatchObject({
      'exit-code': '2',
      upload: 'false',
      fail: 'true',
      'report-dir': '',
      'sarif-file': '',
    });
    expect(step.outputs.message).toMatch(/^input checks: unknown check id or group firewal; use a group/);
    expect(step.summary).toContain(step.outputs.message);
    expect(step.stdout).not.toContain('plaudit scan');
  });
});

describe('the bundled action reading Azure (the local fake)', () => {
  let fake: FakeAzure;
  let caFile: string;

  beforeAll(async () => {
    fake = await startFakeAzure({
      estate: {
        tenantId: '0a1b2c3d-9999-4999-8999-999999999999',
        subscriptions: subscriptions.map((id) => ({ id, displayName: `sub ${id.slice(0, 8)}` })),
        resources: estate.resources,
      },
      graphQuota: { limit: 1000, windowMs: 5000 },
      expectedToken: TOKEN,
    });
    caFile = join(mkdtempSync(join(tmpdir(), 'plaudit-ca-')), 'fake-ca.pem');
    writeFileSync(caFile, fake.ca);
  });
  afterAll(async () => {
    await fake?.close();
  });

  const live = () => ({ NODE_EXTRA_CA_CERTS: caFile, PLAUDIT_ACCESS_TOKEN: TOKEN });

  it('collects a snapshot, scans it like the example snapshot, and summarizes the drift', async () => {
    const step = await runStep(
      {
        subscriptions: subscriptions.join('\n'),
        'arm-endpoint': fake.url,
        'save-snapshot': 'snapshots/tonight.json',
        'previous-snapshot': 'examples/clean.json',
      },
      live(),
    );
    expect(step.status, step.stderr).toBe(1);
    expect(step.outputs).toMatchObject({
      'exit-code': '1',
      complete: 'true',
      upload: 'true',
      drift: 'true',
      'snapshot-file': join(step.workspace, 'snapshots/tonight.json'),
      category,
    });
    expect(step.stdout).toContain('plaudit collect --subscription');
    expect(step.summary).toContain('## Drift since the previous snapshot');
    const offline = await runStep({ snapshot: 'examples/drifted.json' });
    expect(fingerprints(step.outputs['json-file']!)).toEqual(fingerprints(offline.outputs['json-file']!));
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('a subscription it may not read: incomplete, not uploaded, the step fails', async () => {
    fake.faults.push({
      match: { path: new RegExp(subscriptions[1]!, 'i') },
      action: { kind: 'status', status: 403, code: 'AuthorizationFailed', message: 'no read access' },
    });
    try {
      const step = await runStep(
        { subscriptions: subscriptions.join(','), 'arm-endpoint': fake.url, source: 'arm' },
        live(),
      );
      expect(step.status, step.stderr).toBe(1);
      expect(step.outputs).toMatchObject({ complete: 'false', upload: 'false', fail: 'true' });
      expect(['1', '3']).toContain(step.outputs['exit-code']);
      expect(step.summary).toContain('The SARIF log was not uploaded, because code scanning replaces all alerts');
    } finally {
      fake.faults.length = 0;
    }
  });
});
