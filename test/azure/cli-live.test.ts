// The CLI against the local fake of Azure, through the real SDK clients: a live scan must report
// exactly what a scan of a snapshot of the same estate reports. The CLI runs in-process (runCli),
// trusting the fake's certificate authority; one live scan runs the built bin in a process of its
// own, which trusts it through NODE_EXTRA_CA_CERTS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionOf } from '../../src/ids.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { plauditWithEnv } from '../cli-helpers.js';
import { startFakeAzure, type FakeAzure } from '../fake-azure/server.js';
import { TOKEN, trustFake } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const drifted = join(root, 'examples/drifted.json');
const estate = JSON.parse(readFileSync(drifted, 'utf8')) as Snapshot;
const subscriptions = [
  ...new Set(estate.resources.map((resource) => subscriptionOf(resource.id)!.split('/')[2]!)),
].sort();
const work = mkdtempSync(join(tmpdir(), 'plaudit-live-'));

let fake: FakeAzure;
let caFile: string;
let distrust: () => void;

/** The CLI in-process, with the token the fake expects (unless `env` gives another). */
function plaudit(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return plauditWithEnv({ PLAUDIT_ACCESS_TOKEN: TOKEN, ...env }, ...args);
}

/** The built bin in a process of its own; asynchronously, since the fake answers from this process. */
function plauditBin(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/plaudit.js'), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', NODE_EXTRA_CA_CERTS: caFile, PLAUDIT_ACCESS_TOKEN: TOKEN },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Another fake, trusted while `use` runs. */
async function withFake<T>(fake: FakeAzure, use: () => Promise<T>): Promise<T> {
  const distrustOther = trustFake(fake);
  try {
    return await use();
  } finally {
    distrustOther();
    await fake.close();
  }
}

const scope = () => [...subscriptions.flatMap((id) => ['--subscription', id]), '--arm-endpoint', fake.url];
const findingsOf = (json: string) =>
  (JSON.parse(json) as { findings: { fingerprint: string; message: string }[] }).findings.map(
    (f) => `${f.fingerprint} ${f.message}`,
  );

beforeAll(async () => {
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
  caFile = join(work, 'fake-ca.pem');
  writeFileSync(caFile, fake.ca);
  distrust = trustFake(fake);
});

afterAll(async () => {
  distrust?.();
  await fake?.close();
});

describe('live scans through the CLI', () => {
  it('reports exactly the findings of a snapshot scan, through Resource Graph and through ARM alone', async () => {
    const offline = await plaudit({}, 'scan', '--snapshot', drifted, '--format', 'json');
    const live = await plauditBin('scan', ...scope(), '--format', 'json');
    expect(live.stderr).toMatch(/^plaudit: read \d+ resources/);
    expect(live.code).toBe(offline.code);
    expect(findingsOf(live.stdout)).toEqual(findingsOf(offline.stdout));
    const arm = await plaudit({}, 'scan', ...scope(), '--source', 'arm', '--format', 'json');
    expect(findingsOf(arm.stdout)).toEqual(findingsOf(offline.stdout));
  });

  it('collects a snapshot that scans to the same findings', async () => {
    const file = join(work, 'collected.json');
    const collected = await plaudit({}, 'collect', ...scope(), '--output', file);
    expect(collected.code).toBe(0);
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    expect(snapshot.scope?.subscriptions).toEqual(subscriptions);
    const again = await plaudit({}, 'scan', '--snapshot', file, '--format', 'json');
    const offline = await plaudit({}, 'scan', '--snapshot', drifted, '--format', 'json');
    expect(findingsOf(again.stdout)).toEqual(findingsOf(offline.stdout));
  });

  it('sends nothing but GET to ARM and POST to the Resource Graph query endpoint, and never prints the token', async () => {
    fake.requests.length = 0;
    const result = await plaudit({}, 'scan', ...scope(), '--log-level', 'trace', '--format', 'json');
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      const allowed =
        request.method === 'GET' ||
        (request.method === 'POST' && /^\/providers\/microsoft\.resourcegraph\/resources$/i.test(request.path));
      expect(allowed, `${request.method} ${request.path}`).toBe(true);
    }
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(result.stderr).toContain('"msg"');
  });

  it('reports an unreadable subscription as incomplete and keeps everything else', async () => {
    const [connectivity, landingZone] = subscriptions;
    const partial = await startFakeAzure({
      estate: {
        tenantId: '0a1b2c3d-9999-4999-8999-999999999999',
        subscriptions: subscriptions.map((id) => ({ id, displayName: id })),
        resources: estate.resources,
      },
      forbiddenSubscriptions: [landingZone!],
      graphQuota: { limit: 1000, windowMs: 5000 },
      expectedToken: TOKEN,
    });
    await withFake(partial, async () => {
      const result = await plaudit(
        {},
        'scan',
        '--subscription',
        connectivity!,
        '--subscription',
        landingZone!,
        '--arm-endpoint',
        partial.url,
        '--format',
        'json',
        '--fail-on',
        'none',
      );
      const report = JSON.parse(result.stdout) as {
        incomplete: { scope?: string; reason: string }[];
        findings: unknown[];
      };
      expect(
        report.incomplete.some(
          (entry) => entry.scope?.includes(landingZone!) && entry.reason.includes('AuthorizationFailed'),
        ),
      ).toBe(true);
      expect(result.code).toBe(3);
    });
  });

  it('traces a path over a live scope', async () => {
    const result = await plaudit(
      {},
      'trace',
      ...scope(),
      '--from',
      'vm-app',
      '--to',
      'kv-pep-spokepep.vault.azure.net',
      '--format',
      'json',
    );
    expect(result.code).toBe(1);
    const trace = JSON.parse(result.stdout) as { brokenAt: number; steps: { kind: string }[] };
    expect(trace.steps[trace.brokenAt]!.kind).toBe('zone');
  });

  it('splits a live scope into shards whose merged report equals the whole scan', async () => {
    const files = await Promise.all(
      [1, 2].map(async (index) => {
        const file = join(work, `live-shard-${index}.json`);
        await plaudit(
          {},
          'scan',
          ...scope(),
          '--shard',
          `${index}/2`,
          '--format',
          'json',
          '--output',
          file,
          '--fail-on',
          'none',
        );
        return file;
      }),
    );
    const merged = join(work, 'live-merged.json');
    expect((await plaudit({}, 'merge', ...files, '--format', 'json', '--output', merged)).code).toBe(0);
    const whole = await plaudit({}, 'scan', ...scope(), '--format', 'json');
    const combined = JSON.parse(readFileSync(merged, 'utf8')) as { findings: { fingerprint: string }[] };
    expect(combined.findings.map((finding) => finding.fingerprint)).toEqual(
      (JSON.parse(whole.stdout) as { findings: { fingerprint: string }[] }).findings.map(
        (finding) => finding.fingerprint,
      ),
    );
  });

  it('does not retry an endpoint whose certificate it does not trust', async () => {
    distrust();
    const started = Date.now();
    const result = await plaudit({}, 'scan', ...scope(), '--format', 'json').finally(() => {
      distrust = trustFake(fake);
    });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).incomplete[0].reason).toMatch(/SELF_SIGNED|certificate/i);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('takes the subscription by display name and the resource group by name, as az does', async () => {
    const landingZone = subscriptions.find((id) => id.startsWith('5e6f7a8b'))!;
    const file = join(work, 'by-name.json');
    const result = await plaudit(
      {},
      'collect',
      '-s',
      `SUB ${landingZone.slice(0, 8)}`,
      '-g',
      'rg-app',
      '--arm-endpoint',
      fake.url,
      '-o',
      file,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\nplaudit: wrote the snapshot of \d+ resources to .*by-name\.json\n$/);
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    expect(snapshot.scope).toEqual({ resourceGroups: [`/subscriptions/${landingZone}/resourceGroups/rg-app`] });
    const scan = await plaudit({}, 'scan', '--snapshot', file, '-f', 'json', '-o', join(work, 'by-name-report.json'));
    expect(scan.stderr).toMatch(/^plaudit: \d+ errors?, \d+ warnings?, \d+ notes?; complete; wrote json to /);
  });

  it('refuses a display name two subscriptions share, naming both', async () => {
    const twins = await startFakeAzure({
      estate: {
        tenantId: '0a1b2c3d-9999-4999-8999-999999999999',
        subscriptions: subscriptions.map((id) => ({ id, displayName: 'Contoso Prod' })),
        resources: estate.resources,
      },
      expectedToken: TOKEN,
    });
    await withFake(twins, async () => {
      const result = await plaudit({}, 'scan', '--subscription', 'contoso prod', '--arm-endpoint', twins.url);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `plaudit: --subscription "contoso prod" names 2 subscriptions: ${subscriptions.map((id) => `"Contoso Prod" (${id})`).join(', ')}; give the GUID of the one you mean.\n`,
      );
    });
  });

  it('tells the user how to sign in when Azure refuses the token', async () => {
    const result = await plaudit({ PLAUDIT_ACCESS_TOKEN: 'not-the-token' }, 'scan', ...scope());
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('not-the-token');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toMatch(/sign in|az login|PLAUDIT_ACCESS_TOKEN/i);
  });
});
