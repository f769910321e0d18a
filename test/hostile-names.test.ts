// An estate whose names carry every attack on the places plaudit prints to: terminal escapes (SGR,
// OSC 8 hyperlinks, clear screen), bidi overrides, workflow commands after a newline, HTML, links,
// javascript: URLs, @mentions and dot segments. Run through every format, nothing may act.
/* eslint-disable no-control-regex -- the assertions look for control characters */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { stepSummary } from '../src/action/summary.js';
import { githubRunner } from '../src/action/runner.js';
import { runCli } from '../src/cli/main.js';
import { commandSafeStream } from '../src/text/escape.js';
import { Captured, plaudit } from './cli-helpers.js';
import { ids, referenceEstate } from './estates.js';

const esc = '\u001b';
/** One name per attack, each kept short enough to stay a plausible (if hostile) resource name. */
export const attacks = {
  ansi: `${esc}[31mred${esc}[0m`,
  osc8: `${esc}]8;;https:evil.example${esc}\\click${esc}]8;;${esc}\\`,
  clear: `${esc}[2J${esc}[H`,
  bidi: 'rt\u202Egnp.exe\u2066x\u2069\u200F',
  c1: '\u009b31m\u007f',
  command: 'x\n::error title=pwned::injected\n::stop-commands::tok\n##[error]old',
  html: '<img src=x onerror=alert(1)><details open><summary>y',
  link: '[click](javascript:alert(1)) ![i](javascript:x) *bold* _em_ `tick`',
  mention: '@octocat @github',
  // Not in names (ids split on `/`): in messages and reasons.
  url: 'https://evil.example/i.png www.evil.example @github/security',
} as const;

const hostile = Object.values(attacks).join(' ');

/** The reference estate with findings, its names replaced by hostile ones (ids and references alike). */
function hostileEstate() {
  const rename: [string, string][] = [
    ['/routeTables/rt-app', `/routeTables/rt-app ${attacks.command} ${attacks.bidi} ${attacks.mention}`],
    [
      '/privateEndpoints/pe-kv-pep-spokepep',
      `/privateEndpoints/pe-kv ${attacks.ansi} ${attacks.osc8} ${attacks.clear} ${attacks.html}`,
    ],
    ['/vaults/kv-pep-spokepep', `/vaults/kv ${attacks.c1} ${attacks.command} ${attacks.link}`],
  ];
  const estate = referenceEstate()
    // Findings on the endpoint, the vault's DNS and the app's route.
    .setConnectionStatus(ids.vaultEndpoint, 'Pending')
    .set(ids.appLink, 'registrationEnabled', true)
    .set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.9.9')
    // A resource named `..`: its SARIF URI must not climb out of azure/.
    .copy(ids.vaultEndpoint, `${ids.rgPep}/providers/Microsoft.Network/privateEndpoints/..`)
    .withIdsInCase((id) => rename.reduce((text, [from, to]) => text.split(from).join(to), id));
  for (const resource of estate.resources) resource.name = resource.id.split('/').pop() ?? resource.name;
  return estate;
}

const terminalUnsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Lines the GitHub runner would read as workflow commands. */
const commandLines = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => /^\s*(::|##\[)/.test(line));

/** What rendered Markdown would make live: HTML tags, links and images, javascript: URLs, mentions, autolinks. */
function liveMarkdown(markdown: string): string[] {
  const live: string[] = [];
  // Backslash escapes are literal text, and code spans are inert on GitHub; the rest is read as Markdown.
  const text = markdown.replace(/\\[\\`*_[\]|~]/g, '.').replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
  for (const pattern of [
    /<(?!br>)[a-z!/][^>]*>/gi,
    /\]\((?!https:\/\/(github\.com|learn\.microsoft\.com)\/)/g,
    /javascript:/gi,
    /(^|[^\w\u200d`])@[a-z0-9]/gi,
    /(^|[^\\])https?:\/\/evil/g,
    /(^|\s)www\.evil/g,
    /\*bold/g,
    /_em_/g,
  ]) {
    live.push(...(text.match(pattern) ?? []));
  }
  return live;
}

describe('an estate with hostile names', () => {
  let dir: string;
  let snapshotPath: string;
  let referencePath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plaudit-hostile-'));
    snapshotPath = join(dir, 'hostile.json');
    referencePath = join(dir, 'reference.json');
    writeFileSync(snapshotPath, JSON.stringify(hostileEstate().snapshot()));
    writeFileSync(referencePath, JSON.stringify(referenceEstate().snapshot()));
  });

  it('has findings that name the hostile resources', async () => {
    const { stdout } = await plaudit('scan', '--snapshot', snapshotPath, '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(stdout) as { findings: { resourceId: string }[] };
    const named = report.findings.filter((finding) => /\u001b|\u202e|<img|@octocat|::error/.test(finding.resourceId));
    expect(named.length).toBeGreaterThan(0);
  });

  it('prints no control or bidi character to a terminal: text report, trace and diff', async () => {
    const scan = await plaudit('scan', '--snapshot', snapshotPath, '--fail-on', 'none');
    const trace = await plaudit(
      'trace',
      '--snapshot',
      snapshotPath,
      '--from',
      'vm-app',
      '--to',
      'kv-pep-spokepep.vault.azure.net:443',
    );
    const diff = await plaudit('diff', referencePath, snapshotPath);
    for (const run of [scan, trace, diff]) {
      expect(run.stdout).toContain('\\u{1b}');
      expect(run.stdout).not.toMatch(terminalUnsafe);
    }
    expect(scan.stdout).toContain('\\u{202e}');
    expect(diff.stdout).toContain('\\u{202e}');
  });

  it('renders no live HTML, link, javascript: URL or mention in the Markdown report, the drift or the job summary', async () => {
    const report = await plaudit('scan', '--snapshot', snapshotPath, '--format', 'markdown', '--fail-on', 'none');
    const drift = await plaudit('diff', referencePath, snapshotPath, '--format', 'markdown');
    expect(report.stdout).toContain('octocat');
    expect(drift.stdout).toContain('octocat');
    const summary = stepSummary({
      outcome: { upload: false, fail: true, incomplete: false, message: `could not read ${hostile}` },
      warnings: [hostile],
      report: report.stdout,
      drift: drift.stdout,
    });
    for (const markdown of [report.stdout, drift.stdout, summary]) {
      expect(liveMarkdown(markdown)).toEqual([]);
      expect(markdown).not.toMatch(/[\u001b\u202e]/);
      // One table row per line: newlines in names do not break tables.
      expect(markdown.split('\n').filter((line) => /^::|^##\[/.test(line))).toEqual([]);
    }
  });

  it('gives SARIF artifact URIs without dot segments', async () => {
    const { stdout } = await plaudit('scan', '--snapshot', snapshotPath, '--format', 'sarif', '--fail-on', 'none');
    const log = JSON.parse(stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) {
      expect(uri.split('/')).not.toContain('..');
      expect(uri.split('/')).not.toContain('.');
      expect(uri).toMatch(/^azure\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/);
      expect(new URL(uri, 'file:///repo/').pathname).toBe(`/repo/${uri}`);
    }
  });

  it('starts no workflow command in the Action log: the reports printed, the log lines and the annotations', async () => {
    // The Action runs the CLI with its streams wrapped so; every format goes through it.
    const stdout = new Captured();
    const stderr = new Captured();
    const io = { stdout: commandSafeStream(stdout), stderr: commandSafeStream(stderr), env: { NO_COLOR: '1' } };
    for (const format of ['text', 'markdown', 'csv', 'json']) {
      await runCli(['scan', '--snapshot', snapshotPath, '--format', format, '--fail-on', 'none'], io);
    }
    await runCli(['diff', referencePath, snapshotPath], io);
    await runCli(['diff', referencePath, snapshotPath, '--format', 'markdown'], io);
    await runCli(['trace', '--snapshot', snapshotPath, '--from', 'vm-app', '--to', `${attacks.command}`], io);
    expect(stdout.text).toContain('stop-commands');
    expect(commandLines(stdout.text)).toEqual([]);
    expect(commandLines(stderr.text)).toEqual([]);

    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      githubRunner.log(`plaudit scan --snapshot ${hostile}`);
      githubRunner.annotate('error', `Could not read ${hostile}`, `title ${attacks.command}, with: colons`);
    } finally {
      write.mockRestore();
    }
    const log = written.join('');
    const lines = log.split('\n');
    // Exactly one command (the annotation itself), whole on its line.
    expect(commandLines(log)).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('::'))).toEqual([
      expect.stringMatching(
        /^::error title=title x%0A%3A%3Aerror title=pwned%3A%3Ainjected%0A.*%2C with%3A colons::Could not read .*x%0A::error title=pwned::injected%0A::stop-commands::tok/,
      ),
    ]);
  });
});
