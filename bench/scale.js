// Scale benchmark: generated hub-and-spoke estates (bench/estate.js: 300 consumer spokes, 3,000
// firewall rules, ARM's bookkeeping fields, planted faults) of 1k to 250k private endpoints,
// written as snapshot files, full and compact. For each size it prints the analysis (read,
// inventory, checks; each in a fresh process, as `plaudit scan --snapshot` runs up to the report),
// the peak memory, the growth exponent of the analysis time against the previous size, the read
// time of the full and the compact snapshot, `plaudit trace` from start to answer (reading the whole
// snapshot, and through the index `plaudit index` writes beside it: the time and memory to write
// it, and the trace's median of 5, which must print the same trace), `plaudit scan` as a user runs
// it (default heap, JSON report written), and whether the findings of the compact snapshot (and of
// a reference checkout, --reference) are the same.
// CPU time is printed beside wall time: on a shared machine it is the steadier figure. Figures
// only; it never fails on a slow figure.
//
//   npm run build && node bench/scale.js [--sizes 1000,10000,50000,100000,250000] [--dir DIR]
//                                        [--reference ../other-checkout] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000,100000,250000' },
    dir: { type: 'string', default: join(tmpdir(), 'plaudit-bench') },
    reference: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const here = resolve(import.meta.dirname, '..');
mkdirSync(values.dir, { recursive: true });
const peakFile = join(values.dir, 'peak.json');
const node = (args, options = {}) => {
  rmSync(peakFile, { force: true });
  const started = performance.now();
  const child = spawnSync(process.execPath, args, {
    cwd: here,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, PLAUDIT_BENCH_PEAK: peakFile },
    ...options,
  });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  }
  return { ms, stdout: child.stdout, peak: existsSync(peakFile) ? JSON.parse(readFileSync(peakFile, 'utf8')) : {} };
};
const measured = ['--import', './bench/peak.mjs'];
const big = ['--max-old-space-size=16384'];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib) => `${Math.round(kib / 1024)} MiB`;
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const version = Array.from({ length: 7 }, () => node([...measured, 'bin/plaudit.js', '--version']));
console.log(
  `node ${process.version}; start-up (plaudit --version, median of 7): ${s(median(version.map((r) => r.ms)))} wall, ${s(median(version.map((r) => r.peak.cpuMs)))} CPU`,
);
console.log(
  'endpoints | resources | snapshot full / compact | analysis (read + inventory + checks) | analysis CPU | peak RSS | growth | read full / compact | trace full / compact | plaudit index | trace with index | plaudit scan -f json (wall, CPU, peak) | findings | compact same | reference same',
);
let previous;
for (const endpoints of values.sizes.split(',').map(Number)) {
  const full = join(values.dir, `estate-${endpoints}.json`);
  const compact = join(values.dir, `estate-${endpoints}.compact.json`);
  node([...big, 'bench/estate.js', String(endpoints), full, compact]);
  const analysis = node([...measured, ...big, 'bench/analyse.mjs', full]);
  const a = JSON.parse(analysis.stdout);
  const totalMs = a.readMs + a.inventoryMs + a.checksMs;
  // Growth of the analysis's CPU time against the previous size: 1.0 is linear.
  const cpuMs = analysis.peak.cpuMs;
  const growth = previous ? Math.log(cpuMs / previous.ms) / Math.log(endpoints / previous.endpoints) : undefined;
  previous = { ms: cpuMs, endpoints };
  const c = JSON.parse(node([...measured, ...big, 'bench/analyse.mjs', compact]).stdout);
  const reference = values.reference
    ? JSON.parse(node([...big, 'bench/analyse.mjs', full, resolve(values.reference)]).stdout)
    : undefined;
  const vault = `kv-bench-${Math.floor(endpoints / 2) + 1}.vault.azure.net`;
  const trace = (file) =>
    node([...big, 'bin/plaudit.js', 'trace', '--snapshot', file, '--from', '10.1.1.4', '--to', vault]);
  for (const file of [full, compact]) rmSync(`${file}.idx`, { force: true });
  const [traceFull, traceCompact] = [trace(full), trace(compact)];
  // The whole command as a user runs it, with Node's default heap (raised by plaudit itself for
  // snapshots too large for it), the JSON report included.
  const scanCli = node([
    ...measured,
    'bin/plaudit.js',
    'scan',
    '--snapshot',
    full,
    '-f',
    'json',
    '-o',
    join(values.dir, 'report.json'),
    '--fail-on',
    'none',
  ]);
  // The index beside the full snapshot, then trace through it (median of 5, start-up included).
  const indexed = node([...measured, ...big, 'bin/plaudit.js', 'index', full, '-q']);
  const throughIndex = Array.from({ length: 5 }, () =>
    node([...measured, 'bin/plaudit.js', 'trace', '--snapshot', full, '--from', '10.1.1.4', '--to', vault]),
  );
  const indexSame = throughIndex.every((run) => run.stdout === traceFull.stdout);
  const mb = (path) => `${Math.round(statSync(path).size / 1e6)} MB`;
  console.log(
    [
      endpoints,
      a.resources,
      `${mb(full)} / ${mb(compact)}`,
      `${s(totalMs)} (${s(a.readMs)} + ${s(a.inventoryMs)} + ${s(a.checksMs)})`,
      s(analysis.peak.cpuMs),
      mib(analysis.peak.maxRssKiB),
      growth === undefined ? '-' : growth.toFixed(2),
      `${s(a.readMs)} / ${s(c.readMs)}`,
      `${s(traceFull.ms)} / ${s(traceCompact.ms)}`,
      `${s(indexed.ms)} (${s(indexed.peak.cpuMs)} CPU, ${mib(indexed.peak.maxRssKiB)}, ${mb(`${full}.idx`)})`,
      `${s(median(throughIndex.map((run) => run.ms)))} (${s(median(throughIndex.map((run) => run.peak.cpuMs)))} CPU)${indexSame ? '' : ' DIFFERENT'}`,
      `${s(scanCli.ms)} (${s(scanCli.peak.cpuMs)} CPU, ${mib(scanCli.peak.maxRssKiB)})`,
      `${a.findings} (${a.digest})`,
      c.digest === a.digest ? 'yes' : 'NO',
      reference ? (reference.digest === a.digest ? 'yes' : `NO (${reference.findings}, ${reference.digest})`) : '-',
    ].join(' | '),
  );
  console.log(`  findings by check: ${JSON.stringify(a.byCheck)}`);
  if (!values.keep) {
    for (const file of [full, compact, `${full}.idx`]) rmSync(file, { force: true });
  }
}
