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
import { referenceEstate } from './estates.js';
import { attacks, hostile, hostileEstate } from './hostile-estate.js';

const terminalUnsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Lines the GitHub runner would read as workflow commands. */
const commandLines = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => /^\s*(::|##\[)/.test(line));

/** Tags in a page that data could have opened, and event-handler or script-URL attributes on any tag. */
function liveHtml(page: string): string[] {
  const emitted = new Set(
    (
      'html head meta title style body header h1 h2 h3 p span div b dl dt dd a main svg path text rect circle g ' +
      'section ul ol li code pre button table thead tbody tr th td label select option input footer br script'
    ).split(' '),
  );
  const live: string[] = [];
  for (const [tag, name] of page.matchAll(/<\/?([a-z][a-z0-9-]*)[^>]*>/gi)) {
    if (!emitted.has(name!.toLowerCase())) live.push(tag);
    if (/\son[a-z]+\s*=|javascript:|\ssrc\s*=/i.test(tag)) live.push(tag);
  }
  const scripts = page.match(/<script/gi) ?? [];
  if (scripts.length !== 1) live.push(`${scripts.length} script tags`);
  return live;
}

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

  it('renders no live markup in the HTML reports, and keeps a 100,000-character name to a sensible size', async () => {
    const long = join(dir, 'long.json');
    writeFileSync(long, JSON.stringify(hostileEstate({ long: true }).snapshot()));
    const scan = await plaudit('scan', '--snapshot', long, '--format', 'html', '--fail-on', 'none');
    const trace = await plaudit(
      'trace',
      ...['--snapshot', long, '--from', 'vm-app', '--to', 'kv-pep-spokepep.vault.azure.net:443', '--format', 'html'],
    );
    const diff = await plaudit('diff', referencePath, long, '--format', 'html');
    for (const page of [scan.stdout, trace.stdout, diff.stdout]) {
      expect(page).toMatch(/^<!doctype html>/);
      expect(liveHtml(page)).toEqual([]);
      expect(page).not.toMatch(/[\u001b\u202e\u2066\u2069\u200f]/);
      expect(page).toContain('\\u{202e}');
    }
    // The names are there, as text.
    expect(scan.stdout).toContain('&lt;script&gt;alert(1)');
    expect(scan.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Long names are clipped on the picture and in the table, never copied whole into each place.
    expect(scan.stdout.length).toBeLessThan(1_500_000);
  });

  it('writes Mermaid diagrams whose labels cannot end the label, the line or the code block', async () => {
    const long = join(dir, 'long-md.json');
    writeFileSync(long, JSON.stringify(hostileEstate({ long: true }).snapshot()));
    const scan = await plaudit('scan', '--snapshot', long, '--format', 'markdown', '--fail-on', 'none');
    const trace = await plaudit(
      'trace',
      ...[
        '--snapshot',
        long,
        '--from',
        'vm-app',
        '--to',
        'kv-pep-spokepep.vault.azure.net:443',
        '--format',
        'markdown',
      ],
    );
    for (const markdown of [scan.stdout, trace.stdout]) {
      const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1]!);
      expect(blocks.length).toBe(1);
      // The only fences are the block's own two.
      expect(markdown.match(/```/g)).toHaveLength(2);
      const block = blocks[0]!;
      expect(block.length).toBeLessThan(40_000);
      for (const line of block.split('\n').slice(1)) {
        expect(line).toMatch(/^ {2}(n\d+[[({ ]|linkStyle |classDef |class )/);
        // Labels hold no quote, angle bracket, backtick or percent sign but the diagram's own markup.
        const labels = [...line.matchAll(/"([^"]*)"/g)].map((match) =>
          match[1]!.replace(/<br\/><small>|<\/small>/g, ''),
        );
        for (const label of labels) expect(label).toMatch(/^[A-Za-z0-9 .,:_/()+=#;…-]*$/);
        expect(line.replace(/"[^"]*"/g, '').replace(/ (-->|---|-\.-|==>) /g, ' ')).not.toMatch(/[<>`%]/);
      }
      expect(liveMarkdown(markdown.replace(/```mermaid[\s\S]*?```/g, ''))).toEqual([]);
    }
    expect(scan.stdout).toContain('#60;script#62;');
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
