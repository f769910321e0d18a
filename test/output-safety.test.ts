// What a scan does with its outputs when things go wrong around it: an --output it cannot write
// stops it before it reads anything (no request reaches Azure), a kill part-way through any write
// leaves the previous file or the whole new one, and a reader that closes stdout early (`| head -1`)
// ends it quietly. Kills and closed pipes happen to the built bin in a process of its own; the rest
// runs the CLI in-process (runCli), against the local Azure fake.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEstate } from '../bench/generate.js';
import { startFake, TOKEN, trustFake } from './azure/helpers.js';
import { bin, drifted, plauditWithEnv, root } from './cli-helpers.js';
import { APP } from './fake-azure/estate.js';
import type { FakeAzure } from './fake-azure/server.js';

const work = mkdtempSync(join(tmpdir(), 'plaudit-outputs-'));
const slowWrites = join(root, 'test/fixtures/slow-writes.mjs');

/**
 * A snapshot with one missing firewall rule behind 1,000 endpoints: a JSON report of about 150 KB
 * and a SARIF log of about 100 KB, each written in several pieces and more than a pipe holds.
 */
const largeSnapshot = join(work, 'large.json');
writeFileSync(
  largeSnapshot,
  JSON.stringify(generateEstate({ endpoints: 1000, spokes: 4, rules: 10, broken: { missingRule: true } })),
);

let fake: FakeAzure;
let caFile: string;
let distrust: () => void;

beforeAll(async () => {
  fake = await startFake();
  caFile = join(work, 'fake-ca.pem');
  writeFileSync(caFile, fake.ca);
  distrust = trustFake(fake);
});
afterAll(async () => {
  distrust?.();
  await fake?.close();
});

function liveEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', NODE_EXTRA_CA_CERTS: caFile, PLAUDIT_ACCESS_TOKEN: TOKEN };
}

/** The CLI in-process, with the access token the fake expects. */
function plaudit(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return plauditWithEnv({ PLAUDIT_ACCESS_TOKEN: TOKEN }, ...args);
}

/** The bin in a process of its own; asynchronously, since the fake answers from this process. */
function runBin(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: liveEnv() });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('an --output that cannot be written', () => {
  const file = join(work, 'a-file');
  const directory = join(work, 'a-directory');
  writeFileSync(file, 'x');
  mkdirSync(directory, { recursive: true });
  const cases: [string, string][] = [
    ['a folder that does not exist', join(work, 'missing', 'report.json')],
    ['a path through a file', join(file, 'report.json')],
    ['a directory', directory],
    ['a path ending in a slash', `${join(work, 'new')}/`],
    ['a kernel file', '/proc/version'],
    ['a new file in /proc', '/proc/plaudit-report.json'],
  ];

  const argsFor = (command: 'scan' | 'collect', path: string): string[] =>
    command === 'scan'
      ? ['scan', '--subscription', APP, '--arm-endpoint', fake.url, '-f', 'json', '-o', path]
      : ['collect', '--subscription', APP, '--arm-endpoint', fake.url, '-o', path];
  const expectRefused = ({ code, stderr }: { code: number | null; stderr: string }, before: number): void => {
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^plaudit: cannot write .+: .+/);
    expect(fake.requests.length - before).toBe(0);
  };

  for (const [name, path] of cases) {
    for (const command of ['scan', 'collect'] as const) {
      it(`${command}: ${name} is one line and exit code 2, before any request`, async () => {
        const before = fake.requests.length;
        expectRefused(await plaudit(argsFor(command, path)), before);
      });
    }
  }

  it('the bin in a process of its own: the same one line and exit code 2, before any request', async () => {
    for (const command of ['scan', 'collect'] as const) {
      const before = fake.requests.length;
      expectRefused(await runBin(argsFor(command, join(work, 'missing', 'report.json'))), before);
    }
  });

  it('a path that can be written reads Azure (so the cases above could fail)', async () => {
    const before = fake.requests.length;
    const { code, stderr } = await plaudit([
      'scan',
      '--subscription',
      APP,
      '--arm-endpoint',
      fake.url,
      '-f',
      'json',
      '-o',
      join(work, 'ok.json'),
    ]);
    expect([0, 1, 3], stderr).toContain(code);
    expect(fake.requests.length - before).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(work, 'ok.json'), 'utf8')).schemaVersion).toBe(2);
  }, 60_000);
});

/** Starts the bin with slow writes, kills it once its temporary file holds some bytes, and waits for it. */
async function killDuringWrite(args: readonly string[], dir: string, target: string): Promise<boolean> {
  const child = spawn(process.execPath, ['--import', slowWrites, bin, ...args], { cwd: root, env: liveEnv() });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  let killed = false;
  while (Date.now() < deadline && child.exitCode === null) {
    const temporary = readdirSync(dir).find((name) => name.startsWith(`.${target}.`) && name.endsWith('.tmp'));
    if (temporary && statSync(join(dir, temporary)).size > 0) {
      killed = child.kill('SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await exited;
  return killed;
}

describe('a kill part-way through a write', () => {
  // Markdown, text and CSV summarize (a few KB whatever the estate, one write): the small example
  // will do for them; JSON and SARIF are written in pieces, so the kill lands between two of them.
  const kinds: [string, string, (text: string) => void][] = [
    ['json', 'report.json', (text) => JSON.parse(text)],
    ['sarif', 'report.sarif', (text) => JSON.parse(text)],
    ['markdown', 'report.md', (text) => expect(text).toMatch(/^## /)],
    ['text', 'report.txt', (text) => expect(text).toMatch(/Summary: .*\.\n$/)],
    ['csv', 'report.csv', (text) => expect(text).toMatch(/^level,checkId,/)],
  ];
  for (const [format, name, whole] of kinds) {
    it(`leaves the previous ${format} report, and a later run writes it whole`, async () => {
      const dir = mkdtempSync(join(work, `kill-${format}-`));
      const path = join(dir, name);
      writeFileSync(path, 'previous\n');
      const snapshot = format === 'json' || format === 'sarif' ? largeSnapshot : drifted;
      const args = ['scan', '--snapshot', snapshot, '-f', format, '-o', path];
      expect(await killDuringWrite(args, dir, name)).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe('previous\n');
      const done = await plaudit(args);
      expect(done.code, done.stderr).toBe(1);
      whole(readFileSync(path, 'utf8'));
    }, 90_000);
  }

  it('leaves the previous snapshot when collect is killed while writing it', async () => {
    const dir = mkdtempSync(join(work, 'kill-snapshot-'));
    const path = join(dir, 'snapshot.json');
    writeFileSync(path, '{"previous": true}\n');
    const args = ['collect', '--subscription', APP, '--arm-endpoint', fake.url, '-o', path];
    expect(await killDuringWrite(args, dir, 'snapshot.json')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('{"previous": true}\n');
    expect(existsSync(path)).toBe(true);
  }, 90_000);
});

describe('a reader that closes stdout early', () => {
  // Text and CSV summarize: the small example will do for them (see above).
  for (const format of ['json', 'text', 'sarif', 'csv'] as const) {
    it(`plaudit scan -f ${format} | head -1 ends quietly`, () => {
      const snapshot = format === 'json' || format === 'sarif' ? largeSnapshot : drifted;
      const result = spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${bin}" scan --snapshot "${snapshot}" -f ${format} | head -1; echo "exit \${PIPESTATUS[0]}" >&2`,
        ],
        { cwd: root, encoding: 'utf8', env: liveEnv() },
      );
      expect(result.stdout.split('\n').filter((line) => line !== '')).toHaveLength(1);
      // The scan's own exit code (1: it found errors), and nothing else on stderr.
      expect(result.stderr).toBe('exit 1\n');
    });
  }
});
