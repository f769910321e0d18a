// The CLI end to end, as a user runs it: most tests run it in-process through the same entry the
// bin calls (`runCli`), with its own stdout, stderr and environment; a few spawn the built bin
// itself (`npm test` builds first) for what only a process shows: exit codes and the Node gate.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { clean, drifted, partialSnapshot, plaudit, root, spawnPlaudit, tempFile } from './cli-helpers.js';

describe('plaudit scan', () => {
  it('exits 0 on the clean example with nothing at error level', async () => {
    const { code, stdout, stderr } = await plaudit('scan', '--snapshot', clean);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^\s+error\s/m);
  });

  it('exits 1 on the drifted example and prints findings grouped by check', async () => {
    const { code, stdout } = await plaudit('scan', '--snapshot', drifted);
    expect(code).toBe(1);
    expect(stdout).toContain('paas/public-network-access-enabled');
    expect(stdout).toMatch(/Summary: \d+ errors?/);
  });

  it('honours --fail-on', async () => {
    expect((await plaudit('scan', '--snapshot', drifted, '--fail-on', 'none')).code).toBe(0);
    expect(
      (await plaudit('scan', '--snapshot', drifted, '--checks', 'paas/no-private-endpoint', '--fail-on', 'error')).code,
    ).toBe(0);
    expect(
      (await plaudit('scan', '--snapshot', drifted, '--checks', 'paas/no-private-endpoint', '--fail-on', 'warning'))
        .code,
    ).toBe(1);
  });

  it('writes several formats, each to its --output, one to stdout', async () => {
    const json = tempFile('report.json');
    const sarif = tempFile('report.sarif');
    const { code, stdout } = await plaudit(
      'scan',
      '--snapshot',
      drifted,
      '--format',
      'json',
      '--format',
      'sarif',
      '--format',
      'markdown',
      '--output',
      json,
      '--output',
      sarif,
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/^## .*plaudit/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const schema = JSON.parse(readFileSync(join(root, 'schemas/report.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
  });

  it('selects checks by id or group', async () => {
    const { stdout } = await plaudit('scan', '--snapshot', drifted, '--checks', 'paas', '--format', 'json');
    const report = JSON.parse(stdout);
    expect(report.checks.every((id: string) => id.startsWith('paas/'))).toBe(true);
    expect(report.findings.every((finding: { checkId: string }) => finding.checkId.startsWith('paas/'))).toBe(true);
  });

  it('exits 2 with a message naming file and JSON path for malformed input, never a stack trace', async () => {
    const malformed = tempFile(
      'bad.json',
      JSON.stringify({ resources: [{ id: '/subscriptions/x', type: 'Microsoft.Network/virtualNetworks' }] }),
    );
    const result = await plaudit('scan', '--snapshot', malformed);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`plaudit: ${malformed}: $.resources[0].name: missing required property "name"\n`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for empty, non-JSON and missing snapshots', async () => {
    for (const [path, message] of [
      [tempFile('empty.json', ''), 'the file is empty'],
      [tempFile('empty-array.json', '[]'), 'holds no resources'],
      [tempFile('text.json', 'not json'), 'not valid JSON'],
      ['/nonexistent/snapshot.json', 'file not found'],
    ] as const) {
      const result = await plaudit('scan', '--snapshot', path);
      expect(result.code, path).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 for unknown flags, formats, checks and two formats on stdout', async () => {
    expect((await plaudit('scan', '--snapshot', clean, '--no-such-flag')).code).toBe(2);
    expect((await plaudit('scan', '--snapshot', clean, '--format', 'xml')).stderr).toContain('unknown format "xml"');
    expect((await plaudit('scan', '--snapshot', clean, '--checks', 'dns/nope')).stderr).toContain(
      'unknown check id or group: dns/nope (groups: dns, firewall, network, paas, route;',
    );
    expect((await plaudit('scan', '--snapshot', clean, '--format', 'json', '--format', 'text')).code).toBe(2);
    expect((await plaudit('scan', '--snapshot', clean, '--fail-on', 'critical')).code).toBe(2);
  });

  it('exits 3 when the snapshot says part of the scope could not be read', async () => {
    const result = await plaudit('scan', '--snapshot', partialSnapshot(), '--format', 'json');
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).incomplete[0].reason).toContain('AuthorizationFailed');
  });

  it('applies suppressions from the configuration and reports them, not drops them', async () => {
    const config = tempFile(
      'plaudit.config.yaml',
      'suppressions:\n  - check: paas\n    resource: "*"\n    reason: Accepted during the migration\n',
    );
    const result = await plaudit(
      'scan',
      '--snapshot',
      drifted,
      '--checks',
      'paas',
      '--config',
      config,
      '--format',
      'json',
    );
    const report = JSON.parse(result.stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding: { suppression?: unknown }) => finding.suppression)).toBe(true);
    expect(result.code).toBe(0);
    expect(
      (await plaudit('scan', '--snapshot', drifted, '--config', tempFile('bad.yaml', 'levels: 3\n'))).stderr,
    ).toContain('bad.yaml:1: $.levels: must be object');
  });

  it('gates only on new findings with --fail-on-new', async () => {
    const baseline = tempFile('baseline.json');
    await plaudit('scan', '--snapshot', drifted, '--format', 'json', '--output', baseline);
    expect((await plaudit('scan', '--snapshot', drifted, '--baseline', baseline, '--fail-on-new')).code).toBe(0);
    expect((await plaudit('scan', '--snapshot', drifted, '--fail-on-new')).code).toBe(2);
  });
});

describe('plaudit trace', () => {
  it('exits 0 for a working path, 1 for a broken one, 2 for bad input', async () => {
    const ok = await plaudit(
      'trace',
      '--snapshot',
      clean,
      '--from',
      'vm-app',
      '--to',
      'kv-pep-spokepep.vault.azure.net',
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('The path works.');
    const broken = await plaudit(
      'trace',
      '--snapshot',
      drifted,
      '--from',
      '10.1.0.4',
      '--to',
      'kv-pep-spokepep.vault.azure.net:443',
      '--format',
      'json',
    );
    expect(broken.code).toBe(1);
    const trace = JSON.parse(broken.stdout);
    expect(trace.steps[trace.brokenAt].kind).toBe('zone');
    expect(
      (await plaudit('trace', '--snapshot', clean, '--from', 'vm-nope', '--to', 'kv-pep-spokepep.vault.azure.net'))
        .code,
    ).toBe(2);
    expect((await plaudit('trace', '--snapshot', clean, '--from', 'vm-app', '--to', 'not a name')).code).toBe(2);
    expect((await plaudit('trace', '--snapshot', clean, '--from', 'vm-app')).code).toBe(2);
  });
});

describe('plaudit diff', () => {
  it('exits 0 for identical snapshots and 1 with the drift', async () => {
    expect((await plaudit('diff', clean, clean)).code).toBe(0);
    const result = await plaudit('diff', clean, drifted, '--format', 'json');
    expect(result.code).toBe(1);
    expect(
      JSON.parse(result.stdout).removed.map((entry: { resourceId: string }) => entry.resourceId.split('/').pop()),
    ).toEqual(['link-vnet-app']);
  });
});

describe('plaudit merge', () => {
  it('merges JSON reports into one and exits 2 for files that are not reports', async () => {
    const first = tempFile('a.json');
    const second = tempFile('b.json');
    const merged = tempFile('merged.json');
    await plaudit('scan', '--snapshot', drifted, '--checks', 'dns', '--format', 'json', '--output', first);
    await plaudit('scan', '--snapshot', drifted, '--checks', 'paas', '--format', 'json', '--output', second);
    expect((await plaudit('merge', first, second, '--format', 'json', '--output', merged)).code).toBe(0);
    const report = JSON.parse(readFileSync(merged, 'utf8'));
    const groups = new Set(report.findings.map((finding: { checkId: string }) => finding.checkId.split('/')[0]));
    expect([...groups].sort()).toEqual(['dns', 'paas']);
    expect((await plaudit('merge', clean, '--format', 'json', '--output', merged)).code).toBe(2);
  });

  it('merges the shards of a snapshot scan into the unsharded report', async () => {
    const shards: string[] = [];
    for (const index of [1, 2, 3]) {
      const file = tempFile(`shard-${index}.json`);
      await plaudit('scan', '--snapshot', drifted, '--shard', `${index}/3`, '--format', 'json', '--output', file);
      shards.push(file);
    }
    const merged = tempFile('merged.json');
    expect((await plaudit('merge', ...shards, '--format', 'json', '--output', merged)).code).toBe(0);
    const whole = JSON.parse((await plaudit('scan', '--snapshot', drifted, '--format', 'json')).stdout);
    const combined = JSON.parse(readFileSync(merged, 'utf8'));
    expect(combined.findings).toEqual(whole.findings);
    expect(combined.summary).toEqual(whole.summary);
    const perShard = shards.map((file) => JSON.parse(readFileSync(file, 'utf8')).findings.length);
    expect(perShard.reduce((sum: number, count: number) => sum + count, 0)).toBe(whole.findings.length);
  });
});

describe('plaudit checks and help', () => {
  it('lists the catalogue as text and JSON', async () => {
    const text = await plaudit('checks');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('dns/record-ip-mismatch');
    const json = JSON.parse((await plaudit('checks', '--format', 'json')).stdout);
    expect(json.checks.map((check: { id: string }) => check.id)).toContain('paas/connection-not-approved');
  });

  it('prints help for every command and exits 0', async () => {
    for (const args of [
      ['--help'],
      ['scan', '--help'],
      ['checks', '--help'],
      ['trace', '--help'],
      ['diff', '--help'],
    ]) {
      const result = await plaudit(...args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: plaudit');
    }
    expect((await plaudit('--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 for an unknown command', async () => {
    expect((await plaudit('frobnicate')).code).toBe(2);
  });
});

describe('bin/plaudit.js', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/src/cli/main.js')))
      throw new Error('the CLI is not built: run `npm run build` (npm test does)');
  });

  it('prints what runCli prints and exits with its code: 0, 1, 2 and 3', async () => {
    const drift = spawnPlaudit(['scan', '--snapshot', drifted]);
    expect(drift).toEqual({ ...(await plaudit('scan', '--snapshot', drifted)), code: 1 });
    expect(spawnPlaudit(['scan', '--snapshot', clean, '--format', 'json']).code).toBe(0);
    expect(spawnPlaudit(['scan', '--snapshot', partialSnapshot(), '--format', 'json']).code).toBe(3);
    const missing = spawnPlaudit(['scan', '--snapshot', '/nonexistent/snapshot.json']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'plaudit: /nonexistent/snapshot.json: file not found\n' });
  });

  it('refuses to run on Node.js older than 22, before loading anything else', () => {
    const node20 =
      'data:text/javascript,' +
      'Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.11.0" } });' +
      'Object.defineProperty(process, "version", { value: "v20.11.0" });';
    expect(spawnPlaudit(['--version'], ['--import', node20])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'plaudit needs Node.js 22 or newer; this is v20.11.0.\n',
    });
  });
});
