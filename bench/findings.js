// Findings benchmark: a generated estate in which endpoints are broken in three ways (the firewall
// policy lacks the rule pattern for Key Vault, the privatelink zone is not linked to some consumer
// spokes, and some spokes' route tables point at a stale firewall IP), scanned by the built CLI in
// a process of its own with every report format. Prints wall time, peak memory (max RSS), the
// number of findings and SARIF results, and the sizes of the reports (SARIF gzipped, Markdown).
// Never fails; the figures are for the reader.
//
// Usage: npm run build && node bench/findings.js [--endpoints 50000 --spokes 20 --every]
//   --every: half the consumer spokes unlinked and the other half stale, so every endpoint is
//            broken in all three ways; without it, one spoke of each (a handful of findings).
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { generateEstate } from './generate.js';

const { values } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '50000' },
    spokes: { type: 'string', default: '20' },
    rules: { type: 'string', default: '300' },
    every: { type: 'boolean', default: false },
  },
});
const endpoints = Number(values.endpoints);
const spokes = Number(values.spokes);
const half = Math.floor(spokes / 2);
const broken = values.every
  ? { missingRule: true, unlinkedSpokes: half, staleSpokes: spokes - half }
  : { missingRule: true, unlinkedSpokes: 1, staleSpokes: 1 };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'plaudit-bench-findings-'));
const snapshot = join(dir, 'estate.json');
const estate = generateEstate({ endpoints, spokes, rules: Number(values.rules), broken });
writeFileSync(snapshot, JSON.stringify(estate));
const resources = estate.resources.length;

const formats = ['json', 'sarif', 'markdown', 'text', 'csv'];
const out = Object.fromEntries(formats.map((format) => [format, join(dir, `report.${format}`)]));
const args = ['scan', '--snapshot', snapshot, '--quiet', ...formats.flatMap((f) => ['-f', f, '-o', out[f]])];
// The child reports its own peak memory when it exits.
const probe = join(dir, 'probe.mjs');
writeFileSync(
  probe,
  "process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\\n`));\n",
);
const started = performance.now();
const run = spawnSync(process.execPath, ['--import', probe, join(root, 'bin/plaudit.js'), ...args], {
  encoding: 'utf8',
});
const seconds = (performance.now() - started) / 1000;
const maxRss = Number(/maxRSS (\d+)/.exec(run.stderr)?.[1] ?? 0) * 1024;

const mib = (bytes) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const gzipped = async (path) => {
  let size = 0;
  await pipeline(
    createReadStream(path),
    createGzip(),
    new Writable({
      write(chunk, _encoding, callback) {
        size += chunk.length;
        callback();
      },
    }),
  );
  return size;
};

const report = JSON.parse(readFileSync(out.json, 'utf8'));
const sarif = JSON.parse(readFileSync(out.sarif, 'utf8'));
const pairs = report.findings.reduce((sum, finding) => sum + (finding.affected?.pairs ?? 0), 0);
const byCheck = {};
for (const finding of report.findings) byCheck[finding.checkId] = (byCheck[finding.checkId] ?? 0) + 1;

console.log(
  `node ${process.version}; ${endpoints} endpoints, ${spokes} consumer spokes, ${resources} resources; ${values.every ? 'every endpoint broken three ways' : 'one rule pattern, one zone link, one stale route'}`,
);
console.log(`exit code ${run.status}; ${seconds.toFixed(1)} s; peak memory (max RSS) ${mib(maxRss)}`);
console.log(
  `findings ${report.findings.length} (${Object.entries(byCheck)
    .map(([id, n]) => `${id} ${n}`)
    .join(', ')})`,
);
console.log(`affected pairs ${pairs.toLocaleString('en-US')}`);
console.log(
  `SARIF results ${sarif.runs[0].results.length}; SARIF ${mib(statSync(out.sarif).size)}, gzipped ${mib(await gzipped(out.sarif))}`,
);
console.log(
  `JSON ${mib(statSync(out.json).size)}; Markdown ${mib(statSync(out.markdown).size)} (job summary limit 1 MiB); text ${mib(statSync(out.text).size)}`,
);
if (run.status !== 0 && run.status !== 1) console.log(run.stderr);
