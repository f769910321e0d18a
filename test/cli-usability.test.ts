// The command line as people coming from Trivy, Checkov and az type it: short flags, help that
// shows examples and exit codes, check ids checked with a suggestion, traces to addresses, and
// stderr that says what happened without mixing with stdout.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clean, drifted, partialSnapshot, plaudit, plauditOnTerminal, tempFile } from './cli-helpers.js';

describe('help', () => {
  it('shows examples, exit codes and environment variables, and no empty defaults', async () => {
    for (const command of ['scan', 'collect', 'trace', 'diff', 'merge', 'checks']) {
      const help = (await plaudit(command, '-h')).stdout;
      expect(help, command).toContain('Examples:\n  plaudit ');
      expect(help, command).toContain('Exit codes:\n  0  ');
      if (!['merge', 'checks'].includes(command)) expect(help, command).toContain('NO_COLOR');
      expect(help, command).not.toContain('(default: [])');
      expect(help, command).not.toContain('default: undefined');
    }
    const scan = (await plaudit('scan', '--help')).stdout;
    expect(scan).toContain('PLAUDIT_ACCESS_TOKEN');
    expect(scan).toContain('3  incomplete');
    expect(scan).toContain('Scope (live Azure, instead of --snapshot):\n  -s, --subscription <id|name>');
    expect((await plaudit('diff', '--help')).stdout).not.toContain('PLAUDIT_ACCESS_TOKEN');
    expect((await plaudit('--help')).stdout).toContain('Exit codes: 0 nothing at or above --fail-on');
  });

  it('offers each option only on the commands it applies to', async () => {
    const help = async (command: string) => (await plaudit(command, '--help')).stdout;
    expect(await help('scan')).toContain('--shard');
    expect(await help('collect')).toContain('--shard');
    expect(await help('trace')).not.toContain('--shard');
    expect(await help('trace')).not.toContain('--fail-on');
    for (const command of ['diff', 'merge', 'checks']) {
      expect(await help(command), command).not.toContain('--subscription');
      expect(await help(command), command).not.toContain('--log-level');
    }
    expect(
      (await plaudit('trace', '--snapshot', clean, '--from', 'vm-app', '--to', 'x.vault.azure.net', '--shard', '1/2'))
        .code,
    ).toBe(2);
  });
});

describe('plaudit trace destinations', () => {
  it('traces to an IP address, skipping DNS', async () => {
    const result = await plaudit(
      'trace',
      '--snapshot',
      clean,
      '--from',
      'vm-app',
      '--to',
      '10.2.0.4:443',
      '-f',
      'json',
    );
    const trace = JSON.parse(result.stdout);
    expect(trace.destination).toEqual({ address: '10.2.0.4', port: 443, protocol: 'HTTPS' });
    expect(trace.steps.slice(0, 4).map((step: { verdict: string }) => step.verdict)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(trace.steps[4].detail).toBe('10.2.0.4 is private endpoint pe-kv-pep-spokepep.');
  });

  it('answers that a public name is no private-endpoint name, with exit 2', async () => {
    const result = await plaudit('trace', '--snapshot', clean, '--from', 'vm-app', '--to', 'example.com');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^plaudit: example\.com is not a private-endpoint name: /);
    expect(result.stderr).not.toContain('private-dns link');
    expect((await plaudit('trace', '--snapshot', clean, '--from', 'vm-app', '--to', '10.2.0.999')).stderr).toContain(
      'is not an IPv4 address',
    );
  });

  it("prints a fix that names the zone's resource group and subscription", async () => {
    const result = await plaudit(
      'trace',
      '--snapshot',
      drifted,
      '--from',
      'vm-app',
      '--to',
      'kv-pep-spokepep.vault.azure.net',
    );
    expect(result.stdout).toContain(
      'az network private-dns link vnet create --resource-group rg-dns --subscription 1a2b3c4d-0000-4000-8000-000000000001 --zone-name privatelink.vaultcore.azure.net',
    );
    expect(result.stdout).not.toContain('<zone resource group>');
  });
});

describe('short flags', () => {
  it('-f, -o and -c as Trivy and Checkov users type them', async () => {
    const json = tempFile('report.json');
    const config = tempFile('plaudit.config.yaml', 'levels:\n  dns/zone-duplicate: error\n');
    const result = await plaudit(
      'scan',
      '--snapshot',
      drifted,
      '-f',
      'json',
      '-o',
      json,
      '-f',
      'markdown',
      '-c',
      config,
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(readFileSync(json, 'utf8')).schemaVersion).toBe(1);
    expect(result.stdout).toMatch(/^## /);
    expect(JSON.parse((await plaudit('checks', '-f', 'json')).stdout).checks.length).toBeGreaterThan(20);
    const drift = tempFile('drift.md');
    expect((await plaudit('diff', clean, drifted, '-f', 'markdown', '-o', drift)).code).toBe(1);
    expect(readFileSync(drift, 'utf8')).toMatch(/^#/);
  });

  it('-q and -v set how much goes to stderr, and refuse each other', async () => {
    const json = tempFile('report.json');
    expect((await plaudit('scan', '--snapshot', drifted, '-q', '-o', json, '-f', 'json')).stderr).toBe('');
    const verbose = await plaudit('scan', '--snapshot', clean, '-v');
    expect(verbose.stderr).toContain('"msg":"inventory built"');
    expect(verbose.stderr).not.toContain('"msg":"check ran"');
    expect((await plaudit('scan', '--snapshot', clean, '-vv')).stderr).toContain('"msg":"check ran"');
    expect((await plaudit('scan', '--snapshot', clean, '-q', '-v')).code).toBe(2);
  });
});

describe('check ids', () => {
  it('suggests the closest id or group for one that names no check, wherever it is given', async () => {
    const scan = await plaudit('scan', '--snapshot', clean, '--checks', 'dns/recod-missing');
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain('unknown check id or group: dns/recod-missing; did you mean dns/record-missing?');
    expect((await plaudit('checks', '--checks', 'firewal')).stderr).toContain('did you mean firewall?');
    const config = tempFile('plaudit.config.yaml', 'levels:\n  route/blackhol: warning\n');
    const configured = await plaudit('scan', '--snapshot', clean, '--config', config);
    expect(configured.code).toBe(2);
    expect(configured.stderr).toBe(
      `plaudit: ${config}:2: $.levels.route/blackhol: unknown check id; did you mean route/blackhole?\n`,
    );
  });
});

describe('logs and the closing line', () => {
  it('ends a scan that writes files with a line on stderr: findings by level and what went where', async () => {
    const json = tempFile('report.json');
    const sarif = tempFile('report.sarif');
    const result = await plaudit(
      'scan',
      '--snapshot',
      drifted,
      '-f',
      'json',
      '-o',
      json,
      '-f',
      'sarif',
      '-o',
      sarif,
      '-f',
      'text',
    );
    expect(result.stderr).toBe(
      `plaudit: 7 errors, 4 warnings, 0 notes; complete; wrote json to ${json}, sarif to ${sarif} and text to stdout\n`,
    );
    const suppressed = tempFile(
      'plaudit.config.yaml',
      'suppressions:\n  - check: paas\n    resource: "*"\n    reason: Accepted during the migration\n',
    );
    const partial = await plaudit('scan', '--snapshot', partialSnapshot(), '-c', suppressed, '-o', json, '-f', 'json');
    expect(partial.stderr).toMatch(
      /^plaudit: 0 errors, 0 warnings, 0 notes; incomplete: 1 part not judged; wrote json to /,
    );
    // A report on stdout carries its own summary: nothing is added to stderr.
    expect((await plaudit('scan', '--snapshot', drifted)).stderr).toBe('');
  });

  it('writes human, levelled logs on a terminal, and JSON when asked or when stderr is no terminal', async () => {
    const pretty = await plauditOnTerminal('scan', '--snapshot', clean, '-v');
    expect(shownLines(pretty.stderr)).toContainEqual(
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: inventory built \{"resources":\d+,"checks":\d+\}$/),
    );
    expect(pretty.stderr).not.toContain('"level"');
    // A snapshot scan on a terminal shows its phase and the checks run, then clears the line.
    expect(pretty.stderr).toMatch(/\[3\/4\] running checks (\d+)\/\1\b/);
    expect(pretty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    const json = await plauditOnTerminal('scan', '--snapshot', clean, '-v', '--log-format', 'json');
    expect(JSON.parse(shownLines(json.stderr)[0]!)).toMatchObject({ level: 30, msg: 'inventory built' });
    const piped = await plaudit('scan', '--snapshot', clean, '--log-level', 'info');
    expect(JSON.parse(piped.stderr.trim().split('\n')[0]!)).toMatchObject({ level: 30, name: 'plaudit' });
  });
});

/**
 * The lines a terminal keeps of stderr: the progress line is rewritten in place (each rewrite
 * starts with a carriage return and an erase), so a finished line shows what followed the last erase.
 */
function shownLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .slice(0, -1)
    .map((line) => line.split('\r\x1b[2K').pop()!);
}
