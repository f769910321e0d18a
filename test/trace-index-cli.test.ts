// `plaudit index` and `trace --snapshot` through the index as a user meets them: the same trace as
// without the index and nothing on stderr; a stale or damaged index set aside with one line and the
// same trace; a snapshot plaudit cannot read refused with one line and no index; `collect` writing
// the index beside the snapshot it writes.
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchEstate } from '../bench/estate.js';
import { spawn } from 'node:child_process';
import { bin, drifted, plaudit, root, tempFile } from './cli-helpers.js';
import { startFake, TOKEN } from './azure/helpers.js';
import type { FakeAzure } from './fake-azure/server.js';
import { APP } from './fake-azure/estate.js';

const trace = ['--from', 'vm-app', '--to', 'kv-app.vault.azure.net', '-f', 'json'];

function indexedCopy(source = drifted): string {
  const path = tempFile('snapshot.json');
  copyFileSync(source, path);
  return path;
}

describe('plaudit index', () => {
  it('writes SNAPSHOT.idx, and trace through it answers as the whole snapshot, quietly', async () => {
    const path = indexedCopy();
    const indexed = await plaudit('index', path);
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(indexed.stderr).toBe(`plaudit: wrote the index of ${path} to ${path}.idx\n`);
    expect(existsSync(`${path}.idx`)).toBe(true);
    const whole = await plaudit('trace', '--snapshot', drifted, ...trace);
    const through = await plaudit('trace', '--snapshot', path, ...trace);
    expect(through).toEqual(whole);
    expect(through.stderr).toBe('');
    expect(JSON.parse(through.stdout).verdict).toBe('broken');
  });

  it('sets a stale index aside with one line, and traces the whole snapshot', async () => {
    const path = indexedCopy();
    await plaudit('index', path);
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n`);
    const whole = await plaudit('trace', '--snapshot', drifted, ...trace);
    const through = await plaudit('trace', '--snapshot', path, ...trace);
    expect(through.stdout).toBe(whole.stdout);
    expect(through.code).toBe(whole.code);
    expect(through.stderr).toBe(
      `plaudit: warning: not using the index ${path}.idx: the snapshot changed since it was indexed; reading the whole snapshot (plaudit index ${path} makes a new one)\n`,
    );
  });

  it('notices a resource changed under an index whose file keeps its size and time', async () => {
    // Large enough that the change is past the first and last 64 KiB the index hashes.
    const source = tempFile(
      'bench.json',
      JSON.stringify(benchEstate({ endpoints: 400, spokes: 4, rules: 4 }), null, 1),
    );
    const path = indexedCopy(source);
    const time = new Date('2026-01-01T00:00:00Z');
    utimesSync(path, time, time);
    await plaudit('index', path);
    const { size } = statSync(path);
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf('"ipv4Address": "10.100.0.203"');
    expect(at).toBeGreaterThan(70_000);
    expect(at).toBeLessThan(size - 70_000);
    writeFileSync(path, `${text.slice(0, at)}"ipv4Address": "10.100.0.209"${text.slice(at + 29)}`);
    utimesSync(path, time, time);
    expect(statSync(path).size).toBe(size);
    const args = ['--from', '10.1.1.4', '--to', 'kv-bench-199.vault.azure.net', '-f', 'json'];
    const through = await plaudit('trace', '--snapshot', path, ...args);
    expect(through.stderr).toMatch(
      /^plaudit: warning: not using the index .*: it does not match the snapshot \(a resource of the snapshot is not what its index says\); reading the whole snapshot/,
    );
    copyFileSync(path, `${path}.plain.json`);
    expect(through.stdout).toBe((await plaudit('trace', '--snapshot', `${path}.plain.json`, ...args)).stdout);
  });

  for (const [name, content] of [
    ['empty', ''],
    ['garbage', 'not an index at all'],
    ['cut short', 'plaudit-index 1\n\u00ff\u00ff\u00ff\u00ff{'],
  ] as const) {
    it(`sets a damaged index (${name}) aside with one line, never a stack trace`, async () => {
      const path = indexedCopy();
      writeFileSync(`${path}.idx`, content, 'latin1');
      const through = await plaudit('trace', '--snapshot', path, ...trace);
      expect(through.stdout).toBe((await plaudit('trace', '--snapshot', drifted, ...trace)).stdout);
      const lines = through.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^plaudit: warning: not using the index .*: it is malformed: /);
    });
  }

  it('refuses a snapshot plaudit cannot read with one line, and writes no index', async () => {
    const path = tempFile('broken.json', '{"resources": [ {"id": 1} ]}');
    const result = await plaudit('index', path);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^plaudit: .*broken\.json: \$\.resources\[0\]/);
    expect(existsSync(`${path}.idx`)).toBe(false);
    const missing = await plaudit('index', tempFile('absent.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/absent\.json: file not found\n$/);
  });

  it('traces without an index as before, saying nothing about it for a small snapshot', async () => {
    const result = await plaudit('trace', '--snapshot', drifted, ...trace);
    expect(result.stderr).toBe('');
  });
});

describe('plaudit collect', () => {
  let fake: FakeAzure;
  let caFile: string;
  beforeAll(async () => {
    fake = await startFake();
    caFile = tempFile('ca.pem', fake.ca);
  });
  afterAll(async () => {
    await fake?.close();
  });

  /** The bin in a process of its own (the fake's certificate is trusted at start-up); asynchronously, since the fake answers from this process. */
  const collect = (...args: string[]): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const env = { ...process.env, NO_COLOR: '1', NODE_EXTRA_CA_CERTS: caFile, PLAUDIT_ACCESS_TOKEN: TOKEN };
      const child = spawn(
        process.execPath,
        [bin, 'collect', '--subscription', APP, '--arm-endpoint', fake.url, ...args],
        {
          cwd: root,
          env,
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it('writes the index beside the snapshot, unless --no-index', async () => {
    const path = tempFile('collected.json');
    const result = await collect('-o', path);
    expect([0, 3], result.stderr).toContain(result.code);
    expect(existsSync(`${path}.idx`)).toBe(true);
    type Raw = { type: string; name: string; properties?: Record<string, unknown> };
    const resources = JSON.parse(readFileSync(path, 'utf8')).resources as Raw[];
    const vm = resources.find((resource) => resource.type.toLowerCase() === 'microsoft.compute/virtualmachines');
    // A name a private endpoint's NIC serves, so the trace walks DNS, the endpoint and its service.
    const fqdn = resources
      .flatMap((resource) => (resource.properties?.ipConfigurations as Raw[] | undefined) ?? [])
      .flatMap(
        (config) =>
          ((config.properties?.privateLinkConnectionProperties as { fqdns?: string[] } | undefined)?.fqdns ??
            []) as string[],
      )[0];
    expect(vm).toBeDefined();
    expect(fqdn).toBeDefined();
    const args = ['trace', '--snapshot', path, '--from', vm!.name, '--to', fqdn!, '-f', 'json'];
    const through = await plaudit(...args);
    expect(through.stderr).toBe('');
    expect(JSON.parse(through.stdout).steps.length).toBeGreaterThan(8);
    rmSync(`${path}.idx`);
    expect(await plaudit(...args)).toEqual(through);
    const plain = tempFile('plain.json');
    await collect('-o', plain, '--no-index');
    expect(existsSync(plain)).toBe(true);
    expect(existsSync(`${plain}.idx`)).toBe(false);
  }, 60_000);
});
