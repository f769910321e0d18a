// The Action end to end, with the real CLI run in-process on the bundled example snapshots: the
// reports it writes, the upload decision, the job summary and the step outputs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/main.js';
import { runAction, type ActionOutputs } from './run.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const clean = join(examples, 'clean.json');
const drifted = join(examples, 'drifted.json');
const category = 'plaudit/sub-1a2b3c4d-0000-4000-8000-000000000001+sub-5e6f7a8b-0000-4000-8000-000000000002';

interface Run {
  readonly outputs: ActionOutputs;
  readonly calls: string[][];
  readonly summary: string;
  readonly githubOutput: Record<string, string>;
  readonly log: string;
}

async function run(
  inputs: Record<string, string>,
  plaudit: (argv: readonly string[]) => Promise<number | null> = runCli,
): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'plaudit-action-run-'));
  const env = {
    ...inputs,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_OUTPUT: join(dir, 'output'),
  };
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');
  writeFileSync(env.GITHUB_OUTPUT, '');
  const calls: string[][] = [];
  let log = '';
  const outputs = await runAction({
    env,
    outputDir: join(dir, 'reports'),
    plaudit: (argv) => {
      calls.push([...argv]);
      return plaudit(argv);
    },
    log: (text) => {
      log += text;
    },
  });
  return {
    outputs,
    calls,
    summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
    githubOutput: parseOutputs(readFileSync(env.GITHUB_OUTPUT, 'utf8')),
    log,
  };
}

function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

function tempSnapshot(from: string, change: (snapshot: Record<string, unknown>) => void): string {
  const snapshot = JSON.parse(readFileSync(from, 'utf8')) as Record<string, unknown>;
  change(snapshot);
  const path = join(mkdtempSync(join(tmpdir(), 'plaudit-action-snapshot-')), 'snapshot.json');
  writeFileSync(path, JSON.stringify(snapshot));
  return path;
}

const quiet = ((_chunk: unknown, encoding?: unknown, callback?: (error?: Error | null) => void) => {
  (typeof encoding === 'function' ? (encoding as () => void) : callback)?.();
  return true;
}) as typeof process.stdout.write;

beforeEach(() => {
  // The CLI prints the text report to stdout and errors to stderr; keep the test output readable.
  vi.spyOn(process.stdout, 'write').mockImplementation(quiet);
  vi.spyOn(process.stderr, 'write').mockImplementation(quiet);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('runAction', () => {
  it('findings: uploads the SARIF log, fails the gate, and puts the report in the job summary', async () => {
    const { outputs, summary, githubOutput, log, calls } = await run({ INPUT_SNAPSHOT: drifted });
    expect(calls).toHaveLength(1);
    expect(outputs).toMatchObject({ 'exit-code': '1', upload: 'true', fail: 'true', category, drift: '' });
    expect(githubOutput).toEqual({ ...outputs });
    const sarif = JSON.parse(readFileSync(outputs['sarif-file'], 'utf8')) as { runs: unknown[] };
    expect(sarif.runs).toHaveLength(1);
    const json = JSON.parse(readFileSync(outputs['json-file'], 'utf8')) as { findings: unknown[] };
    expect(json.findings.length).toBeGreaterThan(5);
    expect(summary).toMatch(/^> \[!CAUTION\]\n> plaudit found findings at or above fail-on/);
    expect(summary).toContain(readFileSync(outputs['markdown-file'], 'utf8').trimEnd());
    expect(log).toMatch(/^::error title=plaudit::plaudit found findings/);
  });

  it('a clean estate: uploads and passes', async () => {
    const { outputs, summary, log } = await run({ INPUT_SNAPSHOT: clean });
    expect(outputs).toMatchObject({ 'exit-code': '0', upload: 'true', fail: 'false', category });
    expect(summary).toMatch(/^## ✅ plaudit/);
    expect(log).toBe('::notice title=plaudit::plaudit found nothing at or above fail-on.\n');
  });

  it('an incomplete scan: no upload, the gate fails, and the summary says why first', async () => {
    const partial = tempSnapshot(clean, (snapshot) => {
      snapshot.incomplete = [
        { scope: '/subscriptions/5e6f7a8b-0000-4000-8000-000000000002', reason: '403 AuthorizationFailed' },
      ];
    });
    const { outputs, summary } = await run({ INPUT_SNAPSHOT: partial });
    expect(outputs).toMatchObject({ 'exit-code': '3', upload: 'false', fail: 'true', category });
    expect(outputs['sarif-file']).not.toBe('');
    expect(summary).toMatch(/^> \[!WARNING\]\n> The scan was incomplete/);
    expect(summary).toContain(`replaces all alerts of category ${category} on each upload`);
    expect(summary).toContain('403 AuthorizationFailed');
  });

  it('an incomplete scan with findings (exit 1) is not uploaded either', async () => {
    const partial = tempSnapshot(drifted, (snapshot) => {
      snapshot.incomplete = [{ scope: '/subscriptions/1a2b3c4d-0000-4000-8000-000000000001', reason: '403' }];
    });
    const { outputs } = await run({ INPUT_SNAPSHOT: partial });
    expect(outputs).toMatchObject({ 'exit-code': '1', upload: 'false', fail: 'true' });
  });

  it('a bad input: plaudit does not run, the gate fails naming the input', async () => {
    const { outputs, calls, summary } = await run({ INPUT_FAIL_ON: 'critical' });
    expect(calls).toEqual([]);
    expect(outputs).toMatchObject({ 'exit-code': '2', upload: 'false', fail: 'true', 'sarif-file': '' });
    expect(outputs.message).toBe('input fail-on: "critical" is not one of error, warning, note, none');
    expect(summary).toContain(outputs.message);
  });

  it('a usage error from plaudit (a missing baseline file): no upload, fail', async () => {
    const { outputs } = await run({ INPUT_SNAPSHOT: clean, INPUT_BASELINE: join(examples, 'nope.json') });
    expect(outputs).toMatchObject({ 'exit-code': '2', upload: 'false', fail: 'true' });
    expect(process.stderr.write).toHaveBeenCalledWith(expect.stringContaining('nope.json: file not found'));
  });

  it('with a baseline and fail-on-new, known findings pass the gate', async () => {
    const first = await run({ INPUT_SNAPSHOT: drifted });
    const baseline = join(mkdtempSync(join(tmpdir(), 'plaudit-baseline-')), 'plaudit.json');
    copyFileSync(first.outputs['json-file'], baseline);
    const { outputs } = await run({ INPUT_SNAPSHOT: drifted, INPUT_BASELINE: baseline, INPUT_FAIL_ON_NEW: 'true' });
    expect(outputs).toMatchObject({ 'exit-code': '0', upload: 'true', fail: 'false' });
  });

  it('sarif-category replaces the category in the log itself (upload-sarif would not)', async () => {
    const { outputs } = await run({ INPUT_SNAPSHOT: clean, INPUT_SARIF_CATEGORY: 'plaudit/production' });
    expect(outputs.category).toBe('plaudit/production');
    const sarif = JSON.parse(readFileSync(outputs['sarif-file'], 'utf8')) as {
      runs: { automationDetails: { id: string } }[];
    };
    expect(sarif.runs[0]!.automationDetails.id).toBe('plaudit/production/20261120T020000Z');
  });

  it('save-snapshot and previous-snapshot: collects, scans the snapshot, and summarizes the drift', async () => {
    const collected: string[] = [];
    const fakeCollect = async (argv: readonly string[]) => {
      if (argv[0] !== 'collect') return runCli(argv);
      const output = argv[argv.indexOf('--output') + 1]!;
      collected.push(output);
      copyFileSync(drifted, output);
      return 0;
    };
    const saved = join(mkdtempSync(join(tmpdir(), 'plaudit-saved-')), 'snapshot.json');
    const { outputs, calls, summary } = await run(
      {
        INPUT_SUBSCRIPTIONS: '1a2b3c4d-0000-4000-8000-000000000001',
        INPUT_SAVE_SNAPSHOT: saved,
        INPUT_PREVIOUS_SNAPSHOT: clean,
      },
      fakeCollect,
    );
    expect(calls.map((argv) => argv[0])).toEqual(['collect', 'scan', 'diff']);
    expect(collected).toEqual([saved]);
    expect(outputs).toMatchObject({ 'snapshot-file': saved, drift: 'true', 'exit-code': '1' });
    expect(summary).toContain('## Drift since the previous snapshot');
  });

  it('a failed collect: nothing is scanned or uploaded', async () => {
    const { outputs, calls } = await run({ INPUT_SAVE_SNAPSHOT: join(tmpdir(), 'never.json') }, async (argv) =>
      argv[0] === 'collect' ? 2 : runCli(argv),
    );
    expect(calls.map((argv) => argv[0])).toEqual(['collect']);
    expect(outputs).toMatchObject({ upload: 'false', fail: 'true', 'exit-code': '2' });
    expect(outputs.message).toContain('plaudit collect failed (exit code 2)');
  });
});

describe('the built entry point (dist/src/action/main.js, as action.yml runs it)', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const entry = join(root, 'dist/src/action/main.js');

  it('runs plaudit as a child process and writes the outputs', () => {
    if (!existsSync(entry)) throw new Error('the action is not built: run `npm run build` (npm test does)');
    const dir = mkdtempSync(join(tmpdir(), 'plaudit-action-main-'));
    const githubOutput = join(dir, 'output');
    const result = spawnSync(process.execPath, [entry], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        NO_COLOR: '1',
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: githubOutput,
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
        INPUT_SNAPSHOT: 'examples/drifted.json',
      },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('plaudit scan --snapshot examples/drifted.json');
    expect(result.stdout).toContain('::error title=plaudit::plaudit found findings');
    const outputs = parseOutputs(readFileSync(githubOutput, 'utf8'));
    expect(outputs).toMatchObject({ 'exit-code': '1', upload: 'true', fail: 'true', category });
    expect(outputs['report-dir']!.startsWith(dir)).toBe(true);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('## ❌ plaudit');
  });
});
