// Mutated inputs through the CLI: snapshots, baselines and configuration files, each mutant written
// to a file and scanned as `plaudit scan` would be. Whatever the input, plaudit must exit 0, 1, 2
// or 3, never with an "unexpected error"; an input it refuses (exit 2) gets one line on stderr that
// names the file; and no input may keep it busy. The mutants come from a seeded generator, so a
// failure names the seed and the mutant that reproduce it (PLAUDIT_FUZZ_SEED, PLAUDIT_FUZZ_MUTANTS
// run other or more mutants). Runs go to a worker thread on the built CLI, so a mutant that hangs
// is stopped and counted rather than stalling the suite.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { clean, drifted, root } from './cli-helpers.js';

const seed = Number(process.env.PLAUDIT_FUZZ_SEED ?? 20261205);
const mutantsPerKind = Number(process.env.PLAUDIT_FUZZ_MUTANTS ?? 300);
/** Longer than any input needs on a shared CI machine; a backtracking pattern took minutes. */
const perMutantMs = 5_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Kind = 'snapshot' | 'baseline' | 'config';

interface Outcome {
  code: number | 'hang';
  stderr: string;
  ms: number;
}

// --- a seeded generator (mulberry32) --------------------------------------------------------------

class Random {
  private state: number;
  constructor(seedValue: number) {
    this.state = seedValue >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)]!;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

// --- mutations of parsed values ---------------------------------------------------------------------

const oddStrings = [
  '',
  ' ',
  '*',
  '**/*',
  '\n',
  '\u0000\u001b[31m\u009b',
  '\u2028',
  '../../etc/passwd',
  '/subscriptions/',
  '/SUBSCRIPTIONS/X/resourceGroups/*/providers/*/*/*/*/*/*/*/*/*',
  'dns/record-missing',
  'paas',
  'error',
  'absent',
  '💥',
  '\ud800',
  '__proto__',
  'constructor',
  '10.0.0.0/8',
  '999.1.1.1',
  '1e400',
  'NaN',
];

function randomScalar(random: Random): Json {
  switch (random.int(7)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53 + 1, -0, 1e308, 65536, 4294967296]);
    case 3:
      return random.pick(oddStrings);
    case 4:
      return hugeString(random);
    case 5:
      return [];
    default:
      return {};
  }
}

function hugeString(random: Random): string {
  const unit = random.pick(['a', '*', '/a', 'x*', '\u00e9', '/subscriptions/s']);
  return unit.repeat(20_000 + random.int(200_000));
}

/** Deep nesting is spliced into the text after serializing, which would itself recurse. */
function deeplyNested(random: Random): string {
  return `DEEPNEST_${random.chance(0.5) ? 'array' : 'object'}_${1_000 + random.int(9_000)}`;
}

function spliceNesting(text: string): string {
  return text.replace(/"?DEEPNEST_(array|object)_(\d+)"?/g, (_, shape: string, depth: string) =>
    shape === 'array'
      ? `${'['.repeat(Number(depth))}1${']'.repeat(Number(depth))}`
      : `${'{"a":'.repeat(Number(depth))}1${'}'.repeat(Number(depth))}`,
  );
}

function typeSwap(value: Json): Json {
  if (value === null) return 'null';
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, index) => [String(index), item]));
  if (typeof value === 'object') return Object.values(value);
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value);
  return value ? 1 : 0;
}

/** A random place in the value: the container and the key or index of one of its entries. */
function randomSlot(
  random: Random,
  holder: Record<string, Json>,
): { parent: Json[] | Record<string, Json>; key: string | number } {
  let parent: Json[] | Record<string, Json> = holder;
  let key: string | number = 'root';
  for (;;) {
    const value: Json = Array.isArray(parent) ? parent[key as number]! : parent[key as string]!;
    if (value === null || typeof value !== 'object') break;
    const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
    if (keys.length === 0 || (random.chance(0.2) && key !== 'root')) break;
    parent = value;
    key = random.pick(keys);
  }
  return { parent, key };
}

const structuralOps = ['delete', 'replace', 'duplicate', 'swap', 'null', 'huge', 'deep', 'odd'] as const;

function mutateValue(random: Random, value: Json): { value: Json; ops: string[] } {
  const holder: Record<string, Json> = { root: structuredClone(value) };
  const ops: string[] = [];
  for (let count = 1 + random.int(3); count > 0; count--) {
    const { parent: target, key } = randomSlot(random, holder);
    const current = (target as Record<string, Json>)[key as string]!;
    const op = random.pick(structuralOps);
    ops.push(`${op}@${String(key)}`);
    const set = (next: Json) => ((target as Record<string, Json>)[key as string] = next);
    switch (op) {
      case 'delete':
        if (Array.isArray(target)) target.splice(key as number, 1);
        else delete target[key];
        break;
      case 'replace':
        set(randomScalar(random));
        break;
      case 'duplicate':
        if (Array.isArray(target)) target.splice(key as number, 0, structuredClone(current));
        else (target as Record<string, Json>)[`${String(key)}${random.pick(['', '_', 'Copy'])}2`] = current;
        break;
      case 'swap':
        set(typeSwap(current));
        break;
      case 'null':
        set(null);
        break;
      case 'huge':
        set(hugeString(random));
        break;
      case 'deep':
        set(deeplyNested(random));
        break;
      case 'odd':
        set(random.pick(oddStrings));
        break;
    }
    // Deleting the root leaves nothing: write null, as an emptied file would hold.
    if (holder.root === undefined) holder.root = null;
  }
  return { value: holder.root!, ops };
}

// --- mutations of text -------------------------------------------------------------------------------

function randomBytes(random: Random, length: number): string {
  return Array.from({ length }, () => String.fromCharCode(random.int(256))).join('');
}

function mutateText(random: Random, text: string, extra: readonly string[]): { text: string; ops: string[] } {
  let result = text;
  const ops: string[] = [];
  for (let count = 1 + random.int(2); count > 0; count--) {
    const at = random.int(result.length + 1);
    const op = random.pick([
      'insert-bytes',
      'overwrite-bytes',
      'cut',
      'truncate',
      'repeat',
      'insert-token',
      'duplicate-key',
    ]);
    ops.push(`${op}@${at}`);
    switch (op) {
      case 'insert-bytes':
        result = result.slice(0, at) + randomBytes(random, 1 + random.int(16)) + result.slice(at);
        break;
      case 'overwrite-bytes': {
        const length = 1 + random.int(8);
        result = result.slice(0, at) + randomBytes(random, length) + result.slice(at + length);
        break;
      }
      case 'cut':
        result = result.slice(0, at) + result.slice(at + 1 + random.int(200));
        break;
      case 'truncate':
        result = result.slice(0, at);
        break;
      case 'repeat': {
        const end = Math.min(result.length, at + 1 + random.int(300));
        result = result.slice(0, end) + result.slice(at, end) + result.slice(end);
        break;
      }
      case 'insert-token':
        result = result.slice(0, at) + random.pick(extra) + result.slice(at);
        break;
      case 'duplicate-key': {
        // A key of the file, written again first in some object: JSON keeps the last, YAML refuses.
        const pairs = result.match(/"[A-Za-z$]+":\s*("[^"\n]*"|-?\d+|true|false|null)/g) ?? [];
        const opening = result.indexOf('{', at);
        if (pairs.length > 0 && opening !== -1) {
          result = `${result.slice(0, opening + 1)}${random.pick(pairs)},${result.slice(opening + 1)}`;
        }
        break;
      }
    }
  }
  return { text: result, ops };
}

const jsonTokens = ['{', '}', '[', ']', ',', ':', '"', 'null', '"id": 1,', '"findings": null,', '\\u0000', '1e999'];

/** A "billion laughs" document: each anchor holds nine aliases of the one before. */
function aliasBomb(random: Random): string {
  const levels = 4 + random.int(6);
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < levels; level++) {
    lines.push(
      `a${level}: &a${level} [${Array(9)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const yamlTokens = [
  '*nope ',
  '&anchor ',
  '*anchor ',
  '? [a, b]\n: c\n',
  '\t',
  '- ',
  ': ',
  '!!binary ',
  '!custom ',
  '<<: *anchor\n',
  '%YAML 1.1\n---\n',
  '---\n',
  '...\n',
  '"\\u0000"',
  '{',
  '[',
  '|\n',
  '#',
];

// --- the seeds -----------------------------------------------------------------------------------

const configSeed = `hubFirewalls:
  - /subscriptions/1a2b3c4d-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/azureFirewalls/fw-hub
consumers:
  - endpoint: "*/privateEndpoints/pe-*"
    subnets:
      - /subscriptions/5e6f7a8b-0000-4000-8000-000000000002/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-app
ignore:
  - &ignored
    resource: "*/vaults/kv-legacy*"
    reason: decommissioned
suppressions:
  - check: dns
    resource: "*/privateDnsZones/*/A/*"
    reason: zone moves next quarter
    expires: "2099-01-01"
  - check: paas/public-network-access-enabled
    resource: "*/storageAccounts/*"
    reason: accepted
levels:
  dns/zone-duplicate: error
  paas/connection-not-approved: note
`;

function mutant(kind: Kind, random: Random, seeds: Record<Kind, string[]>): { text: string | Buffer; ops: string[] } {
  const seedText = random.pick(seeds[kind]);
  const roll = random.next();
  if (roll < 0.05)
    return { text: Buffer.from(randomBytes(random, random.int(2_000)), 'latin1'), ops: ['random-bytes'] };
  if (kind === 'config') {
    if (roll < 0.1) return { text: aliasBomb(random), ops: ['alias-bomb'] };
    if (roll < 0.15) {
      const depth = 1_000 + random.int(5_000);
      return { text: `levels: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, ops: [`deep-flow-${depth}`] };
    }
    if (roll < 0.2) return manyStars(random, parseYamlSeed(seedText));
    if (roll < 0.55) return mutateText(random, seedText, yamlTokens);
    const { value, ops } = mutateValue(random, parseYamlSeed(seedText));
    return { text: spliceNesting(stringify(value, { aliasDuplicateObjects: false })), ops };
  }
  if (roll < 0.4) return mutateText(random, seedText, jsonTokens);
  const { value, ops } = mutateValue(random, JSON.parse(seedText) as Json);
  return { text: spliceNesting(JSON.stringify(value)), ops };
}

/** A pattern with many stars where the configuration matches resource ids (backtracking bait). */
function manyStars(random: Random, config: Json): { text: string; ops: string[] } {
  const value = config as {
    consumers: { endpoint: string }[];
    ignore: { resource: string }[];
    suppressions: { resource: string }[];
  };
  const stars = 10 + random.int(30);
  const pattern = `${random.pick(['*', '*/', '/subscriptions/*'])}${'*a'.repeat(stars)}${random.pick(['*zz', 'q', '*'])}`;
  const where = random.pick(['consumers', 'ignore', 'suppressions'] as const);
  if (where === 'consumers') value.consumers[0]!.endpoint = pattern;
  else value[where][0]!.resource = pattern;
  return { text: stringify(value), ops: [`many-stars@${where}:${stars}`] };
}

/** The seed's structure, aliases expanded: structural mutations start from plain data. */
function parseYamlSeed(text: string): Json {
  return JSON.parse(JSON.stringify(parse(text))) as Json;
}

// --- the runner: the built CLI in a worker thread ----------------------------------------------------

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const cli = import(workerData.main);
parentPort.on('message', async ({ id, argv }) => {
  const { runCli } = await cli;
  let stderr = '';
  const sink = (keep) => ({ isTTY: false, write(text, callback) { if (keep) stderr += text; callback?.(); return true; } });
  const started = performance.now();
  let code;
  try {
    code = await runCli(argv, { stdout: sink(false), stderr: sink(true), env: { NO_COLOR: '1' } });
  } catch (error) {
    code = -1;
    stderr += 'runCli threw: ' + (error && error.stack || String(error));
  }
  parentPort.postMessage({ id, code, stderr, ms: performance.now() - started });
});
`;

class CliWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly main = pathToFileURL(join(root, 'dist/src/cli/main.js')).href;

  async run(argv: readonly string[]): Promise<Outcome> {
    this.worker ??= new Worker(workerSource, { eval: true, workerData: { main: this.main } });
    const worker = this.worker;
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        this.worker = undefined;
        void worker.terminate();
        resolve({ code: 'hang', stderr: '', ms: performance.now() - started });
      }, perMutantMs);
      const onMessage = (message: { id: number; code: number; stderr: string; ms: number }) => {
        if (message.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve({ code: message.code, stderr: message.stderr, ms: message.ms });
      };
      const onError = (error: Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        this.worker = undefined;
        reject(error);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ id, argv: [...argv] });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

// --- the test ---------------------------------------------------------------------------------------

const kinds: readonly Kind[] = ['snapshot', 'baseline', 'config'];

describe('mutated inputs through plaudit scan', () => {
  const cli = new CliWorker();
  const dir = mkdtempSync(join(tmpdir(), 'plaudit-fuzz-'));
  const longIds = join(dir, 'long-ids.json');
  const seeds: Record<Kind, string[]> = {
    snapshot: [readFileSync(clean, 'utf8'), readFileSync(drifted, 'utf8')],
    baseline: [],
    config: [configSeed],
  };

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/src/cli/main.js'))) throw new Error('build first: npm run build');
    for (const format of ['json', 'sarif']) {
      const path = join(dir, `seed.${format}`);
      const outcome = await cli.run(['scan', '--snapshot', drifted, '--format', format, '--output', path]);
      expect(outcome.code, outcome.stderr).toBe(1);
      seeds.baseline.push(readFileSync(path, 'utf8'));
    }
    // Configuration patterns meet a private endpoint with a long name, where a backtracking
    // matcher would take minutes.
    const estate = JSON.parse(readFileSync(drifted, 'utf8')) as {
      resources: { id: string; name: string; type: string }[];
    };
    const endpoint = estate.resources.find((resource) => /privateendpoints$/i.test(resource.type))!;
    const long = `${endpoint.name}-${'a'.repeat(400)}`;
    estate.resources.push({ ...structuredClone(endpoint), id: endpoint.id.replace(endpoint.name, long), name: long });
    writeFileSync(longIds, JSON.stringify(estate));
    const config = join(dir, 'seed.yaml');
    writeFileSync(config, configSeed);
    const outcome = await cli.run(['scan', '--snapshot', longIds, '--config', config]);
    expect(outcome.code, outcome.stderr).toBe(1);
  });

  afterAll(async () => {
    await cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`exits 0-3, names the file and never hangs, for ${mutantsPerKind} mutants of each input (seed ${seed})`, async () => {
    const random = new Random(seed);
    const problems: string[] = [];
    const counts: Record<string, Record<string, number>> = {};
    for (const kind of kinds) {
      const tally: Record<string, number> = {
        mutants: 0,
        exit0: 0,
        exit1: 0,
        exit2: 0,
        exit3: 0,
        crashes: 0,
        hangs: 0,
      };
      counts[kind] = tally;
      for (let index = 0; index < mutantsPerKind; index++) {
        const { text, ops } = mutant(kind, random, seeds);
        const path = join(dir, `${kind}-${index}.${kind === 'config' ? 'yaml' : 'json'}`);
        writeFileSync(path, text);
        const argv =
          kind === 'snapshot'
            ? ['scan', '--snapshot', path]
            : kind === 'baseline'
              ? ['scan', '--snapshot', drifted, '--baseline', path]
              : ['scan', '--snapshot', longIds, '--config', path];
        const outcome = await cli.run(argv);
        tally.mutants!++;
        const label = `${kind} #${index} (${ops.join(', ')})`;
        const fault = faultOf(outcome, path);
        if (outcome.code === 'hang') tally.hangs!++;
        else if (fault) tally.crashes!++;
        else tally[`exit${outcome.code}`]!++;
        if (fault) problems.push(`${label}: ${fault}`);
        rmSync(path, { force: true });
      }
    }
    console.log(
      `fuzz seed ${seed}:\n${Object.entries(counts)
        .map(
          ([kind, tally]) =>
            `  ${kind}: ${Object.entries(tally)
              .map(([name, count]) => `${name} ${count}`)
              .join(', ')}`,
        )
        .join('\n')}`,
    );
    expect(problems).toEqual([]);
    for (const kind of kinds) expect(counts[kind]!.mutants).toBe(mutantsPerKind);
  }, 120_000);
});

/** What is wrong with how the CLI answered a mutant, or undefined when nothing is. */
function faultOf(outcome: Outcome, path: string): string | undefined {
  const excerpt = JSON.stringify(outcome.stderr.slice(0, 400));
  if (outcome.code === 'hang') return `still running after ${perMutantMs} ms`;
  if (![0, 1, 2, 3].includes(outcome.code)) return `exit ${outcome.code}: ${excerpt}`;
  if (/unexpected error/i.test(outcome.stderr)) return `unexpected error: ${excerpt}`;
  if (/\n\s+at /.test(outcome.stderr)) return `a stack trace on stderr: ${excerpt}`;
  if (outcome.ms > perMutantMs) return `took ${Math.round(outcome.ms)} ms`;
  if (outcome.code === 2) {
    if (!/^plaudit: [^\n]*\n$/.test(outcome.stderr)) return `exit 2 without exactly one line on stderr: ${excerpt}`;
    if (!outcome.stderr.includes(path)) return `exit 2 without naming ${path}: ${excerpt}`;
  }
  return undefined;
}
