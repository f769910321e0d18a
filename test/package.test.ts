// The package as a registry would serve it: `npm pack` the built tree (`npm test` builds first;
// `prepack` builds on a real pack), install the tarball into an empty project, and use it there as
// a user would, through the `plaudit` bin and through the library entry. Dependencies come from
// npm's cache where it has them (--prefer-offline), so this takes seconds, not minutes.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../src/cli/io.js';
import { runCli } from '../src/cli/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const drifted = join(root, 'examples/drifted.json');
const clean = join(root, 'examples/clean.json');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

// npm sets npm_* variables for the scripts it runs; a nested npm would read them as its own config.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'),
);
Object.assign(env, { NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false' });

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function succeed(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

class Captured implements Output {
  text = '';
  write(text: string, callback?: (error?: Error | null) => void): boolean {
    this.text += text;
    callback?.();
    return true;
  }
}

let work: string;
let consumer: string;
let packed: PackResult;
let shipped: Set<string>;

describe('the npm package', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/src/index.js'))) {
      throw new Error('plaudit is not built: run `npm run build` (npm test does)');
    }
    work = mkdtempSync(join(tmpdir(), 'plaudit-package-'));
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    // The tree is built already; --ignore-scripts keeps prepack from building it a second time.
    const output = succeed('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    packed = (JSON.parse(output) as PackResult[])[0]!;
    shipped = new Set(packed.files.map((file) => file.path));
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    succeed(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--omit=dev', '--no-package-lock', join(work, packed.filename)],
      consumer,
    );
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('ships what runs and nothing else', () => {
    const paths = [...shipped];
    for (const path of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/plaudit.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli/main.js',
      'dist/src/data/privatelink-zones.json',
      'dist/package.json',
      'dist/schemas/config.schema.json',
      'dist/schemas/report.schema.json',
      'schemas/config.schema.json',
      'schemas/report.schema.json',
    ]) {
      expect(shipped, path).toContain(path);
    }
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([]);
    expect(paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((path) => /(^|\/)test\/|\.(test|cases)\.|^examples\//.test(path))).toEqual([]);
    // The Action runs from its repository, and the docs generator from the tests: neither is the package's.
    expect(paths.filter((path) => /^dist\/src\/(action|docs)\//.test(path))).toEqual([]);
    expect(readFileSync(join(consumer, 'node_modules/plaudit/LICENSE'), 'utf8')).toContain('plaudit contributors');
  });

  it('holds every module its code imports, and no source map refers to a missing file', () => {
    const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
    const missing: string[] = [];
    for (const path of shipped) {
      if (!/\.(js|d\.ts)$/.test(path)) continue;
      const text = readFileSync(join(consumer, 'node_modules/plaudit', path), 'utf8');
      expect(text, path).not.toContain('sourceMappingURL');
      for (const match of text.matchAll(specifier)) {
        const target = posix.normalize(posix.join(posix.dirname(path), match[1]!));
        const candidates = path.endsWith('.d.ts') ? [target, target.replace(/\.js$/, '.d.ts')] : [target];
        if (!candidates.some((candidate) => shipped.has(candidate))) missing.push(`${path} -> ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('installs without building: no install scripts, exact dependencies, Node 22 or later', () => {
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules/plaudit/package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      engines: { node: string };
      exports: Record<string, unknown>;
      dependencies: Record<string, string>;
    };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(installed.scripts, hook).not.toHaveProperty(hook);
    }
    expect(installed.engines.node).toBe('>=22');
    expect(installed.dependencies).toEqual(manifest.dependencies);
    expect(existsSync(join(consumer, 'node_modules/typescript')), 'dev dependencies stay out').toBe(false);
    expect(existsSync(join(consumer, 'node_modules/plaudit/dist/src/index.js'))).toBe(true);
  });

  it('runs `npx plaudit scan` from the project it is installed in', async () => {
    const csv = join(work, 'findings.csv');
    const scanned = run(
      'npx',
      [
        '--no',
        'plaudit',
        'scan',
        '--snapshot',
        drifted,
        '--format',
        'json',
        '--format',
        'csv',
        '--output',
        '-',
        '--output',
        csv,
      ],
      consumer,
    );
    // The closing line names what was written where; the report itself went to stdout.
    expect(scanned.stderr).toMatch(
      /^plaudit: 7 errors, 4 warnings, 0 notes; complete; wrote json to stdout and csv to .*findings\.csv\n$/,
    );
    expect(scanned.status).toBe(1);
    const report = JSON.parse(scanned.stdout) as { schemaVersion: number; tool: { version: string }; findings: [] };
    expect(report.schemaVersion).toBe(2);
    expect(report.tool.version).toBe(manifest.version);
    expect(report.findings.length).toBeGreaterThan(0);

    // The same bytes as the working tree's CLI.
    const stdout = new Captured();
    await runCli(['scan', '--snapshot', drifted, '--format', 'json'], { stdout, stderr: new Captured(), env });
    expect(scanned.stdout).toBe(stdout.text);

    const rows = readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'level,checkId,resourceId,subscription,resourceGroup,message,fingerprint,baselineState,suppressionReason,suppressionExpires',
    );
    expect(rows).toHaveLength(report.findings.length + 1);

    expect(run('npx', ['--no', 'plaudit', 'scan', '--snapshot', clean, '--format', 'json'], consumer).status).toBe(0);
    expect(run('npx', ['--no', '--', 'plaudit', '--version'], consumer).stdout.trim()).toBe(manifest.version);
  }, 60_000);

  it('serves the library API to a program that imports it, without loading the Azure SDK for a snapshot', () => {
    const script = join(consumer, 'audit.mjs');
    writeFileSync(
      script,
      [
        "import { registerHooks } from 'node:module';",
        'const loaded = [];',
        'registerHooks({ resolve: (specifier, context, next) => { const found = next(specifier, context); loaded.push(found.url); return found; } });',
        "const plaudit = await import('plaudit');",
        "const { default: schema } = await import('plaudit/schemas/report.schema.json', { with: { type: 'json' } });",
        'const snapshot = await plaudit.readSnapshotFile(process.argv[2]);',
        'const result = plaudit.scan(plaudit.buildInventory(snapshot), { checks: plaudit.catalogue, incomplete: snapshot.incomplete ?? [] });',
        'const report = JSON.parse(plaudit.reporters.json(result, plaudit.catalogue, { color: false }));',
        'console.log(JSON.stringify({',
        '  exitCode: plaudit.exitCodeFor(result, "error"),',
        '  findings: report.findings.length,',
        '  checks: plaudit.catalogue.length,',
        '  version: plaudit.toolVersion,',
        '  schema: schema.$id ?? schema.title,',
        '  collect: typeof plaudit.collectSnapshot,',
        "  azureLoaded: loaded.some((url) => url.includes('/node_modules/@azure/')),",
        "  from: loaded.find((url) => url.endsWith('/dist/src/index.js')),",
        '}));',
      ].join('\n'),
    );
    const result = JSON.parse(succeed(process.execPath, [script, drifted], consumer)) as Record<string, unknown>;
    expect(result).toMatchObject({
      exitCode: 1,
      checks: expect.any(Number),
      version: manifest.version,
      schema: expect.any(String),
      collect: 'function',
      azureLoaded: false,
    });
    expect(result.findings).toBeGreaterThan(0);
    expect(String(result.from)).toContain(`${consumer}/node_modules/plaudit/`);
  });

  it("runs the README's library program as written", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Use as a library'));
    const program = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(program, 'README: a js block under "Use as a library"').toBeDefined();
    const cwd = mkdtempSync(join(consumer, 'readme-'));
    writeFileSync(join(consumer, 'readme.mjs'), program!);
    const result = run(process.execPath, [join(consumer, 'readme.mjs'), drifted], cwd);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^dns\/zone-not-linked: VNet /m);
    expect(readFileSync(join(cwd, 'plaudit.csv'), 'utf8')).toMatch(/^level,checkId,/);
  });

  it('gives TypeScript programs the types of the library API', () => {
    writeFileSync(
      join(consumer, 'audit.ts'),
      [
        "import { buildInventory, catalogue, readSnapshotFile, reporters, scan, type Finding, type ScanResult } from 'plaudit';",
        'export async function errors(path: string): Promise<Finding[]> {',
        '  const snapshot = await readSnapshotFile(path);',
        '  const result: ScanResult = scan(buildInventory(snapshot), { checks: catalogue });',
        "  reporters.csv(result, catalogue, { color: false }).split('\\r\\n');",
        "  return result.findings.filter((finding) => finding.level === 'error');",
        '}',
        '// @ts-expect-error: a scan needs its checks',
        'scan(buildInventory({ resources: [] }), {});',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
    const types = ['--target', 'es2023', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types')];
    const checked = run(process.execPath, [tsc, ...flags, ...types, 'audit.ts'], consumer);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  }, 60_000);
});
