// The CLI against the local fake answering with traps: a stalled body, a repeating $skipToken, a
// quota that resets in 99 hours, rows Resource Graph announces but drops, and error bodies echoing
// the Authorization header. Each run ends in bounded time with a definite exit code, and the token
// appears nowhere in what it writes. The CLI runs in-process (runCli); the runs that echo the token
// are the built bin in a process of its own, so that all the process writes is searched.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { subscriptionOf } from '../../src/ids.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { startFakeAzure, type FakeAzure, type Fault } from '../fake-azure/server.js';
import { plauditWithEnv } from '../cli-helpers.js';
import { TOKEN, trustFake } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const estate = JSON.parse(readFileSync(join(root, 'examples/drifted.json'), 'utf8')) as Snapshot;
const subscriptions = [
  ...new Set(estate.resources.map((resource) => subscriptionOf(resource.id)!.split('/')[2]!)),
].sort();
const work = mkdtempSync(join(tmpdir(), 'plaudit-hostile-'));

let fake: FakeAzure | undefined;
let distrust: (() => void) | undefined;
afterEach(async () => {
  distrust?.();
  distrust = undefined;
  await fake?.close();
  fake = undefined;
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A fresh fake with these faults, and the CLI run against it: in-process, or as the built bin. */
async function scanWith(faults: Fault[], ...args: string[]): Promise<Run> {
  return runAgainst(faults, false, args);
}
async function scanWithBin(faults: Fault[], ...args: string[]): Promise<Run> {
  return runAgainst(faults, true, args);
}

async function runAgainst(faults: Fault[], asBin: boolean, args: string[]): Promise<Run> {
  await fake?.close();
  distrust?.();
  fake = await startFakeAzure({
    estate: {
      tenantId: '0a1b2c3d-9999-4999-8999-999999999999',
      subscriptions: subscriptions.map((id) => ({ id, displayName: `sub ${id.slice(0, 8)}` })),
      resources: estate.resources,
    },
    pageSize: { min: 1, max: 3 },
    graphQuota: { limit: 1000, windowMs: 5000 },
    expectedToken: TOKEN,
  });
  fake.faults.push(...faults);
  const scope = [...subscriptions.flatMap((id) => ['--subscription', id]), '--arm-endpoint', fake.url];
  const started = performance.now();
  const done = (result: Omit<Run, 'ms'>): Run => {
    const ms = Math.round(performance.now() - started);
    console.info(
      `plaudit ${args[0]} with ${faults.map((f) => f.action.kind).join('+') || 'no fault'}: exit ${result.code} after ${ms} ms`,
    );
    return { ...result, ms };
  };
  if (!asBin) {
    distrust = trustFake(fake);
    return done(await plauditWithEnv({ PLAUDIT_ACCESS_TOKEN: TOKEN }, ...args, ...scope));
  }
  const caFile = join(work, `ca-${Date.now()}.pem`);
  writeFileSync(caFile, fake.ca);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/plaudit.js'), ...args, ...scope], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', NODE_EXTRA_CA_CERTS: caFile, PLAUDIT_ACCESS_TOKEN: TOKEN },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve(done({ code, stdout, stderr })));
  });
}

const graph = { graph: true };
const incompleteOf = (run: Run) =>
  (JSON.parse(run.stdout) as { incomplete: { scope?: string; reason: string }[] }).incomplete;

describe('live scans through the CLI against a hostile endpoint', () => {
  it('a body that stalls after its headers: the --timeout ends the read, the stalled part is named', async () => {
    const run = await scanWith(
      [{ match: { path: /privateDnsZoneGroups$/i }, action: { kind: 'stall' } }],
      'scan',
      '--format',
      'json',
      '--timeout',
      '8s',
    );
    // The estate has findings at the failing level (exit 1); the report lists what was not read.
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(20_000);
    const incomplete = incompleteOf(run);
    expect(incomplete.length).toBeGreaterThan(0);
    expect(incomplete.some((entry) => entry.scope?.endsWith('/privateDnsZoneGroups'))).toBe(true);
    for (const entry of incomplete) {
      expect(entry.reason).toMatch(/CollectionTimeLimit: the collection time limit of 8\.0 s ran out/);
    }
  }, 40_000);

  it('a Resource Graph $skipToken that repeats: stopped, and the scope read through ARM', async () => {
    const run = await scanWith([{ match: graph, action: { kind: 'repeatSkipToken' } }], 'scan', '--format', 'json');
    expect(run.ms).toBeLessThan(20_000);
    expect([0, 1, 3]).toContain(run.code);
    expect(run.stderr).toContain('PagingLoop');
  }, 40_000);

  it('a Resource Graph quota that resets in 99 hours: no wait, the scope read through ARM', async () => {
    const run = await scanWith(
      [
        {
          match: graph,
          times: 1,
          action: {
            kind: 'headers',
            headers: { 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '99:00:00' },
          },
        },
      ],
      'scan',
      '--format',
      'json',
    );
    expect(run.ms).toBeLessThan(20_000);
    expect(run.code).toBe(1);
    // The scope itself is read through ARM; the lookups outside it (Resource Graph only) are named.
    for (const entry of incompleteOf(run)) {
      expect(entry).toEqual({
        scope: '/subscriptions',
        reason: expect.stringMatching(
          /^429 QuotaResetTooFar: the Resource Graph quota is used up and resets in 356(?:39\d|4\d\d) s, longer than plaudit waits \(300 s\)/,
        ),
      });
    }
  }, 40_000);

  it('rows Resource Graph announces but drops: noticed from totalRecords, read through ARM', async () => {
    const run = await scanWith([{ match: graph, action: { kind: 'shortPage', drop: 1 } }], 'scan', '--format', 'json');
    expect(run.ms).toBeLessThan(20_000);
    expect(run.stderr).toMatch(/IncompleteResult: Resource Graph announced \d+ rows/);
  }, 40_000);

  it('error bodies that echo the Authorization header: the token is in no report, log or snapshot', async () => {
    const file = join(work, 'echo-snapshot.json');
    const run = await scanWithBin(
      [
        { match: { path: /privateDnsZoneGroups$/i }, action: { kind: 'echoAuthorization', status: 502 } },
        { match: graph, action: { kind: 'echoAuthorization', status: 403, code: 'AuthorizationFailed' } },
      ],
      'collect',
      '--output',
      file,
      '--log-level',
      'debug',
    );
    expect(run.ms).toBeLessThan(30_000);
    // Written, with the zone groups the proxy refused listed as incomplete.
    expect(run.code).toBe(3);
    const written = run.stdout + run.stderr + readFileSync(file, 'utf8');
    expect(written).not.toContain(TOKEN);
    expect(written).toContain('Authorization: [redacted]');

    const rejected = await scanWithBin(
      [{ match: graph, action: { kind: 'echoAuthorization', status: 401, code: 'InvalidAuthenticationToken' } }],
      'scan',
      '--log-level',
      'debug',
    );
    expect(rejected.code).toBe(2);
    expect(rejected.stdout + rejected.stderr).not.toContain(TOKEN);
    expect(rejected.stderr).toMatch(/Azure rejected the access token/);
  }, 60_000);

  it('refuses a --timeout that is not a duration', async () => {
    const run = await scanWith([], 'scan', '--timeout', 'soon');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout takes a duration such as 90s, 15m or 1h, not "soon"');
  });
});
