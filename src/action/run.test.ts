// The Action end to end, with the real CLI run in-process on the bundled example snapshots and the
// real runner protocol (@actions/core writing $GITHUB_OUTPUT, the summary file): the reports it
// writes, the upload decision, the job summary, the step outputs and the step's failure.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/main.js';
import { inputVariable, type InputName } from './inputs.js';
import { runAction, type ActionOutputs } from './run.js';
import { githubRunner, type ActionRunner } from './runner.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = join(root, 'examples');
const clean = join(examples, 'clean.json');
const drifted = join(examples, 'drifted.json');
const category = 'plaudit/sub-1a2b3c4d-0000-4000-8000-000000000001+sub-5e6f7a8b-0000-4000-8000-000000000002';

type Plaudit = (argv: readonly string[]) => Promise<number | null>;

interface Run {
  readonly outputs: ActionOutputs;
  readonly calls: string[][];
  readonly summary: string;
  readonly githubOutput: Record<string, string>;
  /** The annotations, as `kind: message`. */
  readonly annotations: string[];
  readonly failed: boolean;
  readonly directories: string[];
}

async function run(
  inputs: Partial<Record<InputName, string>>,
  plaudit: Plaudit = runCli,
  { workspace = root, chdir = () => {} }: { workspace?: string; chdir?: (directory: string) => void } = {},
): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'plaudit-action-run-'));
  const summaryFile = join(dir, 'summary.md');
  const outputFile = join(dir, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
  vi.stubEnv('GITHUB_OUTPUT', outputFile);
  const calls: string[][] = [];
  const annotations: string[] = [];
  const directories: string[] = [];
  let failed = false;
  const runner: ActionRunner = {
    ...githubRunner,
    annotate: (kind, message, title) => {
      annotations.push(`${kind}: ${message}`);
      githubRunner.annotate(kind, message, title);
    },
    // The real one sets process.exitCode, which would fail the test run itself.
    fail: () => {
      failed = true;
    },
  };
  const outputs = await runAction({
    env: {
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputVariable(name), value])),
      GITHUB_WORKSPACE: workspace,
    },
    outputDir: () => mkdtempSync(join(dir, 'reports-')),
    plaudit: (argv) => {
      calls.push([...argv]);
      return plaudit(argv);
    },
    chdir: (directory) => {
      directories.push(directory);
      chdir(directory);
    },
    runner,
  });
  return {
    outputs,
    calls,
    summary: readFileSync(summaryFile, 'utf8'),
    githubOutput: parseOutputs(readFileSync(outputFile, 'utf8')),
    annotations,
    failed,
    directories,
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

/** The --output given for a --format. */
function outputOf(argv: readonly string[], format: string): string {
  const index = argv.findIndex((arg, at) => arg === '--format' && argv[at + 1] === format);
  return argv[index + 3]!;
}

const quiet = ((_chunk: unknown, encoding?: unknown, callback?: (error?: Error | null) => void) => {
  (typeof encoding === 'function' ? (encoding as () => void) : callback)?.();
  return true;
}) as typeof process.stdout.write;

beforeEach(() => {
  // The CLI prints the text report to stdout and errors to stderr, and @actions/core writes
  // workflow commands to stdout; keep the test output readable.
  vi.spyOn(process.stdout, 'write').mockImplementation(quiet);
  vi.spyOn(process.stderr, 'write').mockImplementation(quiet);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('runAction', () => {
  it('findings: the log may be uploaded, the gate fails, and the report is in the job summary', async () => {
    const { outputs, summary, githubOutput, annotations, calls, failed } = await run({ snapshot: drifted });
    expect(calls).toHaveLength(1);
    expect(outputs).toMatchObject({
      'exit-code': '1',
      complete: 'true',
      upload: 'true',
      fail: 'true',
      category,
      drift: '',
      'text-file': '',
      'snapshot-file': drifted,
    });
    expect(failed).toBe(true);
    expect(githubOutput).toEqual({ ...outputs });
    const sarif = JSON.parse(readFileSync(outputs['sarif-file'], 'utf8')) as { runs: unknown[] };
    expect(sarif.runs).toHaveLength(1);
    const json = JSON.parse(readFileSync(outputs['json-file'], 'utf8')) as { findings: unknown[] };
    expect(json.findings.length).toBeGreaterThan(5);
    expect(summary).toMatch(/^> \[!CAUTION\]\n> plaudit found findings at or above fail-on/);
    expect(summary).toContain(readFileSync(outputs['markdown-file'], 'utf8').trimEnd());
    expect(annotations).toEqual([expect.stringMatching(/^error: plaudit found findings/)]);
    expect(process.stdout.write).toHaveBeenCalledWith(expect.stringMatching(/^::error title=plaudit::plaudit found/));
  });

  it('a clean estate: may be uploaded, and passes', async () => {
    const { outputs, summary, annotations, failed } = await run({ snapshot: clean });
    expect(outputs).toMatchObject({ 'exit-code': '0', complete: 'true', upload: 'true', fail: 'false', category });
    expect(failed).toBe(false);
    expect(summary).toMatch(/^## ✅ plaudit/);
    expect(annotations).toEqual(['notice: plaudit found nothing at or above fail-on.']);
  });

  it('an incomplete scan: no upload, the gate fails, and the summary says why first', async () => {
    const partial = tempSnapshot(clean, (snapshot) => {
      snapshot.incomplete = [
        { scope: '/subscriptions/5e6f7a8b-0000-4000-8000-000000000002', reason: '403 AuthorizationFailed' },
      ];
    });
    const { outputs, summary, failed } = await run({ snapshot: partial });
    expect(outputs).toMatchObject({ 'exit-code': '3', complete: 'false', upload: 'false', fail: 'true', category });
    expect(failed).toBe(true);
    expect(outputs['sarif-file']).not.toBe('');
    expect(summary).toMatch(/^> \[!WARNING\]\n> The scan was incomplete/);
    expect(summary).toContain(`replaces all alerts of category ${category} on each upload`);
    expect(summary).toContain('403 AuthorizationFailed');
  });

  it('an incomplete scan with findings (exit 1) is not uploaded either', async () => {
    const partial = tempSnapshot(drifted, (snapshot) => {
      snapshot.incomplete = [{ scope: '/subscriptions/1a2b3c4d-0000-4000-8000-000000000001', reason: '403' }];
    });
    const { outputs } = await run({ snapshot: partial });
    expect(outputs).toMatchObject({ 'exit-code': '1', complete: 'false', upload: 'false', fail: 'true' });
  });

  it('a bad input: plaudit does not run, the gate fails naming the input', async () => {
    const { outputs, calls, summary, failed } = await run({ 'fail-on': 'critical' });
    expect(calls).toEqual([]);
    expect(failed).toBe(true);
    expect(outputs).toMatchObject({
      'exit-code': '2',
      upload: 'false',
      fail: 'true',
      'sarif-file': '',
      'report-dir': '',
    });
    expect(outputs.message).toBe('input fail-on: "critical" is not one of error, warning, note, none');
    expect(summary).toContain(outputs.message);
  });

  it('a missing baseline file: plaudit does not run, and the message names the input', async () => {
    const { outputs, calls } = await run({ snapshot: clean, baseline: 'baseline/nope.json' });
    expect(calls).toEqual([]);
    expect(outputs).toMatchObject({ 'exit-code': '2', upload: 'false', fail: 'true' });
    expect(outputs.message).toBe(
      'input baseline: baseline/nope.json does not exist (relative paths are relative to working-directory .)',
    );
  });

  it('a usage error from plaudit itself (a malformed configuration): no upload, fail', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'plaudit-config-')), 'plaudit.config.yaml');
    writeFileSync(config, 'levels: [not, a, map]\n');
    const { outputs } = await run({ snapshot: clean, config });
    expect(outputs).toMatchObject({ 'exit-code': '2', complete: 'false', upload: 'false', fail: 'true' });
    expect(process.stderr.write).toHaveBeenCalledWith(expect.stringContaining('plaudit.config.yaml'));
  });

  it('with a baseline and fail-on-new, known findings pass the gate', async () => {
    const first = await run({ snapshot: drifted });
    const baseline = join(mkdtempSync(join(tmpdir(), 'plaudit-baseline-')), 'plaudit.json');
    copyFileSync(first.outputs['json-file'], baseline);
    const { outputs, failed } = await run({ snapshot: drifted, baseline, 'fail-on-new': 'true' });
    expect(outputs).toMatchObject({ 'exit-code': '0', upload: 'true', fail: 'false' });
    expect(failed).toBe(false);
  });

  it('checks narrows the scan to the checks named', async () => {
    const { outputs, calls } = await run({ snapshot: drifted, checks: 'paas', 'fail-on': 'none' });
    expect(calls[0]).toContain('--checks');
    const json = JSON.parse(readFileSync(outputs['json-file'], 'utf8')) as { findings: { checkId: string }[] };
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings.every((finding) => finding.checkId.startsWith('paas/'))).toBe(true);
  });

  it('sarif-category replaces the category in the log itself (upload-sarif would not)', async () => {
    const { outputs } = await run({ snapshot: clean, 'sarif-category': 'plaudit/production' });
    expect(outputs.category).toBe('plaudit/production');
    const sarif = JSON.parse(readFileSync(outputs['sarif-file'], 'utf8')) as {
      runs: { automationDetails: { id: string } }[];
    };
    expect(sarif.runs[0]!.automationDetails.id).toBe('plaudit/production/20261120T020000Z');
  });

  it('a shard without a category of its own is complete but not uploaded, and says why', async () => {
    const { outputs, summary, annotations, failed } = await run({ snapshot: clean, shard: '1/2' });
    expect(outputs).toMatchObject({ 'exit-code': '0', complete: 'true', upload: 'false', fail: 'false' });
    expect(failed).toBe(false);
    expect(summary).toMatch(/^> \[!WARNING\]\n> The SARIF log was not uploaded: this is shard 1\/2 of its scope/);
    expect(summary).toContain(`or give each shard its own sarif-category (for example ${category}/shard-1)`);
    expect(annotations[0]).toMatch(/^warning: The SARIF log was not uploaded: this is shard 1\/2/);
  });

  it('a shard with its own category may be uploaded', async () => {
    const { outputs } = await run({ snapshot: clean, shard: '2/2', 'sarif-category': 'plaudit/prod/shard-2' });
    expect(outputs).toMatchObject({ complete: 'true', upload: 'true', category: 'plaudit/prod/shard-2' });
  });

  it('a log over a code scanning limit is not uploaded; the warning names the limit and what to do', async () => {
    // A stand-in for plaudit that writes a complete log with more results than a run may hold.
    const oversized: Plaudit = async (argv) => {
      const results = Array.from({ length: 25_001 }, (_, index) => ({
        ruleId: 'dns/record-stale',
        message: { text: `stale record ${index}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: `azure/record-${index}` } } }],
      }));
      const log = {
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'plaudit', rules: [{ id: 'dns/record-stale' }] } },
            automationDetails: { id: 'plaudit/all/20261120T020000Z' },
            invocations: [{ executionSuccessful: true }],
            results,
          },
        ],
      };
      writeFileSync(outputOf(argv, 'sarif'), JSON.stringify(log));
      writeFileSync(outputOf(argv, 'json'), JSON.stringify({ scope: {}, findings: [] }));
      writeFileSync(outputOf(argv, 'markdown'), '## ❌ plaudit: 25001 warnings\n');
      return 1;
    };
    const { outputs, summary, annotations, failed } = await run({ snapshot: clean }, oversized);
    expect(outputs).toMatchObject({ 'exit-code': '1', complete: 'true', upload: 'false', fail: 'true' });
    expect(failed).toBe(true);
    const warning =
      'The SARIF log was not uploaded: the run has 25,001 results, above the 25,000 code scanning accepts per run';
    expect(summary).toMatch(/^> \[!CAUTION\]\n> plaudit found findings/);
    expect(summary).toContain(`> [!WARNING]\n> ${warning}`);
    expect(summary).toContain('narrow the scan to the checks you act on (input checks');
    expect(annotations).toEqual([expect.stringContaining(`warning: ${warning}`), expect.stringMatching(/^error: /)]);
  });

  it('working-directory and output-dir: plaudit runs in the directory, reports go where asked', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'plaudit-workspace-'));
    mkdirSync(join(workspace, 'infra'));
    copyFileSync(drifted, join(workspace, 'infra', 'estate.json'));
    const here = process.cwd();
    try {
      const { outputs, directories } = await run(
        { 'working-directory': 'infra', snapshot: 'estate.json', 'output-dir': 'out/plaudit', formats: 'text' },
        runCli,
        { workspace, chdir: (directory) => process.chdir(directory) },
      );
      expect(directories).toEqual([join(workspace, 'infra')]);
      expect(outputs['report-dir']).toBe(join(workspace, 'infra', 'out', 'plaudit'));
      expect(outputs['text-file']).toBe(join(workspace, 'infra', 'out', 'plaudit', 'plaudit.txt'));
      expect(outputs['snapshot-file']).toBe(join(workspace, 'infra', 'estate.json'));
      expect(existsSync(outputs['json-file'])).toBe(true);
    } finally {
      process.chdir(here);
    }
  });

  it('save-snapshot and previous-snapshot: collects, scans the snapshot, and summarizes the drift', async () => {
    const collected: string[] = [];
    const fakeCollect: Plaudit = async (argv) => {
      if (argv[0] !== 'collect') return runCli(argv);
      const output = argv[argv.indexOf('--output') + 1]!;
      collected.push(output);
      copyFileSync(drifted, output);
      return 0;
    };
    const saved = join(mkdtempSync(join(tmpdir(), 'plaudit-saved-')), 'nightly', 'snapshot.json');
    const { outputs, calls, summary } = await run(
      {
        subscriptions: '1a2b3c4d-0000-4000-8000-000000000001',
        'save-snapshot': saved,
        'previous-snapshot': clean,
      },
      fakeCollect,
    );
    expect(calls.map((argv) => argv[0])).toEqual(['collect', 'scan', 'diff']);
    expect(collected).toEqual([saved]);
    expect(outputs).toMatchObject({ 'snapshot-file': saved, drift: 'true', 'exit-code': '1' });
    expect(summary).toContain('## Drift since the previous snapshot');
  });

  it('a failed collect: nothing is scanned or uploaded', async () => {
    const { outputs, calls } = await run({ 'save-snapshot': join(tmpdir(), 'never.json') }, async (argv) =>
      argv[0] === 'collect' ? 2 : runCli(argv),
    );
    expect(calls.map((argv) => argv[0])).toEqual(['collect']);
    expect(outputs).toMatchObject({ upload: 'false', fail: 'true', 'exit-code': '2' });
    expect(outputs.message).toContain('plaudit collect failed (exit code 2)');
  });
});
