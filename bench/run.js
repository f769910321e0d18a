// Analysis and trace benchmark: generated estates of 1k, 10k and 50k private endpoints with
// hundreds of consumer spokes and thousands of firewall rules. Prints figures; never fails.
// Usage: npm run bench [-- --sizes 1000,10000,50000 --spokes 300 --rules 3000 --timings]
// --timings adds a line under each row with every check's time, slowest first.
import { parseArgs } from 'node:util';
import { catalogue } from '../dist/checks/index.js';
import { runChecks } from '../dist/src/engine/run.js';
import { buildInventory } from '../dist/src/inventory/build/index.js';
import { parseSnapshot } from '../dist/src/snapshot/read.js';
import { resolveSource } from '../dist/src/trace/source.js';
import { tracePath } from '../dist/src/trace/trace.js';
import { generateEstate } from './generate.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    spokes: { type: 'string', default: '300' },
    rules: { type: 'string', default: '3000' },
    timings: { type: 'boolean', default: false },
  },
});
const spokes = Number(values.spokes);
const rules = Number(values.rules);
const mib = (bytes) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const time = (fn) => {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
};

console.log(`node ${process.version}; ${spokes} consumer spokes; ${rules} firewall rules`);
console.log(
  'endpoints | resources | parse ms | inventory ms | checks ms | slowest checks | findings | trace ms (median of 20) | heap used | max RSS',
);
for (const endpoints of values.sizes.split(',').map(Number)) {
  const estate = generateEstate({ endpoints, spokes, rules });
  const [snapshot, parseMs] = time(() => parseSnapshot(estate, 'bench'));
  const [inventory, inventoryMs] = time(() => buildInventory(snapshot));
  const timings = [];
  const [outcome, checksMs] = time(() =>
    runChecks(inventory, catalogue, { onTiming: (id, ms) => timings.push([id, ms]) }),
  );
  const slowest = timings
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id, ms]) => `${id} ${Math.round(ms)}`)
    .join(', ');
  const traces = [];
  for (let i = 0; i < 20; i++) {
    const vault = `kv-bench-${Math.floor((i * endpoints) / 20)}.vault.azure.net`;
    const [result, ms] = time(() =>
      tracePath(inventory, { source: resolveSource(inventory, `10.1.${i % 256}.4`), fqdn: vault }),
    );
    if (result.verdict !== 'works')
      throw new Error(
        `benchmark estate is broken: ${JSON.stringify(result.steps.find((s) => s.verdict === 'broken'))}`,
      );
    traces.push(ms);
  }
  traces.sort((a, b) => a - b);
  const memory = process.memoryUsage();
  console.log(
    `${endpoints} | ${snapshot.resources.length} | ${Math.round(parseMs)} | ${Math.round(inventoryMs)} | ${Math.round(checksMs)} | ${slowest} | ${outcome.findings.length} | ${traces[10].toFixed(1)} | ${mib(memory.heapUsed)} | ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
  if (values.timings) console.log(`  checks ms: ${timings.map(([id, ms]) => `${id} ${Math.round(ms)}`).join(', ')}`);
}
