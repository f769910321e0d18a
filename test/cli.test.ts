// The built CLI end to end, as a user runs it: `npm test` builds first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/plaudit.js');
const clean = join(root, 'examples/clean.json');
const drifted = join(root, 'examples/drifted.json');

function plaudit(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'plaudit-cli-')), name);
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist/src/cli/main.js')))
    throw new Error('the CLI is not built: run `npm run build` (npm test does)');
});

describe('plaudit scan', () => {
  it('exits 0 on the clean example with nothing at error level', () => {
    const { code, stdout, stderr } = plaudit('scan', '--snapshot', clean);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^\s+error\s/m);
  });

  it('exits 1 on the drifted example and prints findings grouped by check', () => {
    const { code, stdout } = plaudit('scan', '--snapshot', drifted);
    expect(code).toBe(1);
    expect(stdout).toContain('paas/public-network-access-enabled');
    expect(stdout).toMatch(/Summary: \d+ errors?/);
  });

  it('honours --fail-on', () => {
    expect(plaudit('scan', '--snapshot', drifted, '--fail-on', 'none').code).toBe(0);
    expect(
      plaudit('scan', '--snapshot', drifted, '--checks', 'paas/no-private-endpoint', '--fail-on', 'error').code,
    ).toBe(0);
    expect(
      plaudit('scan', '--snapshot', drifted, '--checks', 'paas/no-private-endpoint', '--fail-on', 'warning').code,
    ).toBe(1);
  });

  it('writes several formats, each to its --output, one to stdout', () => {
    const json = tempFile('report.json');
    const sarif = tempFile('report.sarif');
    const { code, stdout } = plaudit(
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

  it('selects checks by id or group', () => {
    const { stdout } = plaudit('scan', '--snapshot', drifted, '--checks', 'paas', '--format', 'json');
    const report = JSON.parse(stdout);
    expect(report.checks.every((id: string) => id.startsWith('paas/'))).toBe(true);
    expect(report.findings.every((finding: { checkId: string }) => finding.checkId.startsWith('paas/'))).toBe(true);
  });

  it('exits 2 with a message naming file and JSON path for malformed input, never a stack trace', () => {
    const malformed = tempFile(
      'bad.json',
      JSON.stringify({ resources: [{ id: '/subscriptions/x', type: 'Microsoft.Network/virtualNetworks' }] }),
    );
    const result = plaudit('scan', '--snapshot', malformed);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`plaudit: ${malformed}: $.resources[0].name: missing required property "name"\n`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for empty, non-JSON and missing snapshots', () => {
    for (const [path, message] of [
      [tempFile('empty.json', ''), 'the file is empty'],
      [tempFile('empty-array.json', '[]'), 'holds no resources'],
      [tempFile('text.json', 'not json'), 'not valid JSON'],
      ['/nonexistent/snapshot.json', 'file not found'],
    ] as const) {
      const result = plaudit('scan', '--snapshot', path);
      expect(result.code, path).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 2 for unknown flags, formats, checks and two formats on stdout', () => {
    expect(plaudit('scan', '--snapshot', clean, '--no-such-flag').code).toBe(2);
    expect(plaudit('scan', '--snapshot', clean, '--format', 'xml').stderr).toContain('unknown format "xml"');
    expect(plaudit('scan', '--snapshot', clean, '--checks', 'dns/nope').stderr).toContain(
      'unknown check id or group: dns/nope',
    );
    expect(plaudit('scan', '--snapshot', clean, '--format', 'json', '--format', 'text').code).toBe(2);
    expect(plaudit('scan', '--snapshot', clean, '--fail-on', 'critical').code).toBe(2);
  });

  it('exits 3 when the snapshot says part of the scope could not be read', () => {
    const snapshot = JSON.parse(readFileSync(clean, 'utf8'));
    snapshot.incomplete = [
      {
        scope: '/subscriptions/00000000-0000-0000-0000-00000000dead',
        reason: '403 AuthorizationFailed: no read access',
      },
    ];
    const result = plaudit(
      'scan',
      '--snapshot',
      tempFile('partial.json', JSON.stringify(snapshot)),
      '--format',
      'json',
    );
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).incomplete[0].reason).toContain('AuthorizationFailed');
  });

  it('applies suppressions from the configuration and reports them, not drops them', () => {
    const config = tempFile(
      'plaudit.config.yaml',
      'suppressions:\n  - check: paas\n    resource: "*"\n    reason: Accepted during the migration\n',
    );
    const result = plaudit('scan', '--snapshot', drifted, '--checks', 'paas', '--config', config, '--format', 'json');
    const report = JSON.parse(result.stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding: { suppression?: unknown }) => finding.suppression)).toBe(true);
    expect(result.code).toBe(0);
    expect(plaudit('scan', '--snapshot', drifted, '--config', tempFile('bad.yaml', 'levels: 3\n')).stderr).toContain(
      'bad.yaml:1: $.levels: must be object',
    );
  });

  it('gates only on new findings with --fail-on-new', () => {
    const baseline = tempFile('baseline.json');
    plaudit('scan', '--snapshot', drifted, '--format', 'json', '--output', baseline);
    expect(plaudit('scan', '--snapshot', drifted, '--baseline', baseline, '--fail-on-new').code).toBe(0);
    expect(plaudit('scan', '--snapshot', drifted, '--fail-on-new').code).toBe(2);
  });
});

describe('plaudit trace', () => {
  it('exits 0 for a working path, 1 for a broken one, 2 for bad input', () => {
    const ok = plaudit('trace', '--snapshot', clean, '--from', 'vm-app', '--to', 'kv-pep-spokepep.vault.azure.net');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('The path works.');
    const broken = plaudit(
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
      plaudit('trace', '--snapshot', clean, '--from', 'vm-nope', '--to', 'kv-pep-spokepep.vault.azure.net').code,
    ).toBe(2);
    expect(plaudit('trace', '--snapshot', clean, '--from', 'vm-app', '--to', 'not a name').code).toBe(2);
    expect(plaudit('trace', '--snapshot', clean, '--from', 'vm-app').code).toBe(2);
  });
});

describe('plaudit diff', () => {
  it('exits 0 for identical snapshots and 1 with the drift', () => {
    expect(plaudit('diff', clean, clean).code).toBe(0);
    const result = plaudit('diff', clean, drifted, '--format', 'json');
    expect(result.code).toBe(1);
    expect(
      JSON.parse(result.stdout).removed.map((entry: { resourceId: string }) => entry.resourceId.split('/').pop()),
    ).toEqual(['link-vnet-app']);
  });
});

describe('plaudit merge', () => {
  it('merges JSON reports into one and exits 2 for files that are not reports', () => {
    const first = tempFile('a.json');
    const second = tempFile('b.json');
    const merged = tempFile('merged.json');
    plaudit('scan', '--snapshot', drifted, '--checks', 'dns', '--format', 'json', '--output', first);
    plaudit('scan', '--snapshot', drifted, '--checks', 'paas', '--format', 'json', '--output', second);
    expect(plaudit('merge', first, second, '--format', 'json', '--output', merged).code).toBe(0);
    const report = JSON.parse(readFileSync(merged, 'utf8'));
    const groups = new Set(report.findings.map((finding: { checkId: string }) => finding.checkId.split('/')[0]));
    expect([...groups].sort()).toEqual(['dns', 'paas']);
    expect(plaudit('merge', clean, '--format', 'json', '--output', merged).code).toBe(2);
  });

  it('merges the shards of a snapshot scan into the unsharded report', () => {
    const shards = [1, 2, 3].map((index) => {
      const file = tempFile(`shard-${index}.json`);
      plaudit('scan', '--snapshot', drifted, '--shard', `${index}/3`, '--format', 'json', '--output', file);
      return file;
    });
    const merged = tempFile('merged.json');
    expect(plaudit('merge', ...shards, '--format', 'json', '--output', merged).code).toBe(0);
    const whole = JSON.parse(plaudit('scan', '--snapshot', drifted, '--format', 'json').stdout);
    const combined = JSON.parse(readFileSync(merged, 'utf8'));
    expect(combined.findings).toEqual(whole.findings);
    expect(combined.summary).toEqual(whole.summary);
    const perShard = shards.map((file) => JSON.parse(readFileSync(file, 'utf8')).findings.length);
    expect(perShard.reduce((sum: number, count: number) => sum + count, 0)).toBe(whole.findings.length);
  });
});

describe('plaudit checks and help', () => {
  it('lists the catalogue as text and JSON', () => {
    const text = plaudit('checks');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('dns/record-ip-mismatch');
    const json = JSON.parse(plaudit('checks', '--format', 'json').stdout);
    expect(json.checks.map((check: { id: string }) => check.id)).toContain('paas/connection-not-approved');
  });

  it('prints help for every command and exits 0', () => {
    for (const args of [
      ['--help'],
      ['scan', '--help'],
      ['checks', '--help'],
      ['trace', '--help'],
      ['diff', '--help'],
    ]) {
      const result = plaudit(...args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: plaudit');
    }
    expect(plaudit('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 for an unknown command', () => {
    expect(plaudit('frobnicate').code).toBe(2);
  });
});
