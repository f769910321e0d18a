// Picture benchmark: the HTML report (and the Markdown report's diagram) of generated estates, with
// the file size, the time to write it, and, where Chromium is installed, the time a browser takes
// to load and draw it. Prints figures; never fails.
// Usage: npm run build && node bench/html.js [--sizes 10000,50000 --spokes 300 --rules 3000 --out DIR --clean]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { catalogue } from '../dist/checks/index.js';
import { reporters } from '../dist/reports/index.js';
import { scan } from '../dist/src/engine/scan.js';
import { buildInventory } from '../dist/src/inventory/build/index.js';
import { parseSnapshot } from '../dist/src/snapshot/read.js';
import { generateEstate } from './generate.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,50000' },
    spokes: { type: 'string', default: '300' },
    rules: { type: 'string', default: '3000' },
    out: { type: 'string', default: 'test-output/bench' },
    clean: { type: 'boolean', default: false },
  },
});

/**
 * Drift of the kind real estates gather, so the picture has findings to draw (unless --clean): every
 * 25th app spoke loses its zone link, and every 400th endpoint waits for approval.
 */
function drift(estate) {
  const resources = estate.resources.filter((resource) => {
    const match = /^link-vnet-app-(\d+)$/.exec(resource.name);
    return !(match && Number(match[1]) % 25 === 0);
  });
  for (const resource of resources) {
    const match = /^pe-kv-bench-(\d+)$/.exec(resource.name);
    if (!match || Number(match[1]) % 400 !== 0) continue;
    const connection = resource.properties.privateLinkServiceConnections.pop();
    connection.properties.privateLinkServiceConnectionState = { status: 'Pending' };
    resource.properties.manualPrivateLinkServiceConnections = [connection];
  }
  return { ...estate, resources };
}
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const kib = (text) => `${Math.round(Buffer.byteLength(text) / 1024).toLocaleString('en-US')} KiB`;
const time = (fn) => {
  const started = performance.now();
  const value = fn();
  return [value, Math.round(performance.now() - started)];
};

let browser;
if (chromium) {
  const { chromium: driver } = await import('playwright-core');
  browser = await driver.launch({ executablePath: chromium, args: ['--no-sandbox'] });
}
console.log('endpoints | findings | drawn nodes | html | html ms | markdown diagram | browser load ms');
for (const endpoints of values.sizes.split(',').map(Number)) {
  const generated = generateEstate({ endpoints, spokes: Number(values.spokes), rules: Number(values.rules) });
  const estate = values.clean ? generated : drift(generated);
  const inventory = buildInventory(parseSnapshot(estate, 'bench'));
  const result = scan(inventory, { checks: catalogue, today: '2026-01-01' });
  const [html, htmlMs] = time(() => reporters.html(result, catalogue, { color: false, inventory }));
  const markdown = reporters.markdown(result, catalogue, { color: false, inventory });
  const diagram = /```mermaid\n[\s\S]*?```/.exec(markdown)?.[0] ?? '';
  const file = join(out, `estate-${endpoints}.html`);
  writeFileSync(file, html);
  const nodes = (html.match(/<a href="#e\d+" class="node/g) ?? []).length;
  let load = 'no chromium';
  if (browser) {
    const page = await browser.newPage();
    const started = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Two animation frames: the page has been laid out and painted.
    await page.evaluate(
      () => new Promise((done) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(done))),
    );
    load = String(Math.round(performance.now() - started));
    await page.close();
  }
  console.log(
    `${endpoints} | ${result.findings.length} | ${nodes} | ${kib(html)} | ${htmlMs} | ${kib(diagram)} | ${load}`,
  );
}
await browser?.close();
