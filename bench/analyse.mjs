// One analysis, in a process of its own, as `plaudit scan --snapshot FILE` runs it up to the
// report: read the snapshot, build the inventory, run every check (default context). Prints one
// JSON line: the time of each phase, the findings' count per check and a digest of all findings
// (to compare two builds or a full and a compact snapshot). Started by bench/scale.js.
//   node bench/analyse.mjs SNAPSHOT [PLAUDIT_CHECKOUT]
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, checkout = '.'] = process.argv.slice(2);
const dist = (path) => import(pathToFileURL(resolve(checkout, 'dist', path)).href);
const [{ readSnapshotFile }, { buildInventory }, { scan }, { catalogue }, { checkContextFor }] = await Promise.all([
  dist('src/snapshot/read.js'),
  dist('src/inventory/build/index.js'),
  dist('src/engine/scan.js'),
  dist('checks/index.js'),
  dist('src/config/config.js'),
]);
const started = performance.now();
const snapshot = await readSnapshotFile(file);
const read = performance.now();
const inventory = buildInventory(snapshot, snapshot.cloud ?? 'AzureCloud');
const built = performance.now();
const result = scan(inventory, { checks: catalogue, context: checkContextFor({}, inventory), today: '2026-01-01' });
const done = performance.now();
const digest = createHash('sha256');
const byCheck = {};
for (const finding of result.findings) {
  digest.update(JSON.stringify(finding));
  digest.update('\n');
  byCheck[finding.checkId] = (byCheck[finding.checkId] ?? 0) + 1;
}
for (const entry of result.incomplete) digest.update(JSON.stringify(entry));
console.log(
  JSON.stringify({
    resources: snapshot.resources.length,
    readMs: read - started,
    inventoryMs: built - read,
    checksMs: done - built,
    findings: result.findings.length,
    incomplete: result.incomplete.length,
    byCheck,
    digest: digest.digest('hex').slice(0, 16),
  }),
);
