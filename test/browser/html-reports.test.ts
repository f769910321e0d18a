// The HTML reports in a real browser (Debian's Chromium, driven by playwright-core): the bundled
// examples' scan, a trace, a diff and a hostile-names estate. Every page loads with no console
// error (a Content Security Policy violation is one) and no request beyond its own file, draws the
// expected picture, filters and sorts, reads without script, and keeps hostile names inert.
// Screenshots go to test-output/screenshots/; PLAUDIT_UPDATE_SCREENSHOTS=1 also refreshes the
// README's picture in docs/images/.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean, drifted, plaudit, root } from '../cli-helpers.js';
import { hostileEstate } from '../hostile-estate.js';

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!executablePath && process.env.CI) {
  throw new Error('Chromium is missing: .ci/run installs Debian\'s "chromium" package for these tests');
}
const screenshots = join(root, 'test-output/screenshots');

interface Opened {
  readonly page: Page;
  /** Console errors, page errors, dialogs and requests for anything but the page itself. */
  readonly problems: string[];
}

describe.skipIf(!executablePath)('HTML reports in Chromium', () => {
  let browser: Browser;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaudit-html-'));
    mkdirSync(screenshots, { recursive: true });
    const hostile = join(dir, 'hostile.json');
    writeFileSync(hostile, JSON.stringify(hostileEstate({ long: true }).snapshot()));
    const write = async (name: string, ...args: string[]) => {
      files[name] = join(dir, `${name}.html`);
      const run = await plaudit(...args, '--format', 'html', '--output', files[name]);
      expect(run.stderr).not.toMatch(/unexpected error/);
    };
    // A path relative to the project, as a user would type it: the README's picture shows it.
    await write('scan-drifted', 'scan', '--snapshot', 'examples/drifted.json', '--fail-on', 'none');
    await write('scan-clean', 'scan', '--snapshot', clean);
    await write('scan-hostile', 'scan', '--snapshot', hostile, '--fail-on', 'none');
    const to = ['--from', 'vm-app', '--to', 'kv-pep-spokepep.vault.azure.net:443'];
    await write('trace-drifted', 'trace', '--snapshot', drifted, ...to);
    await write('trace-clean', 'trace', '--snapshot', clean, ...to);
    await write('diff', 'diff', clean, drifted);
    browser = await chromium.launch({ executablePath: executablePath!, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, options: { javaScript?: boolean; hash?: string } = {}): Promise<Opened> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScript !== false,
    });
    const problems: string[] = [];
    const url = pathToFileURL(files[name]!).href;
    await context.route('**/*', async (route) => {
      if (route.request().url().split('#')[0] === url) return route.continue();
      problems.push(`request: ${route.request().url()}`);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${url}${options.hash ? `#${options.hash}` : ''}`, { waitUntil: 'load' });
    return { page, problems };
  }

  async function shoot(page: Page, name: string, fullPage = false): Promise<string> {
    const path = join(screenshots, `${name}.png`);
    await page.screenshot({ path, fullPage });
    return path;
  }

  const visibleRows = (page: Page, table: string) =>
    page
      .locator(`#${table} tbody tr:visible`)
      .evaluateAll((rows) =>
        rows.map((row) => ({ level: row.getAttribute('data-level'), check: row.getAttribute('data-check') })),
      );

  it('draws the drifted estate: hubs, spokes, firewall, endpoints by service and zone, findings on their elements', async () => {
    const { page, problems } = await open('scan-drifted');
    const svg = page.locator('#topology svg');
    await expect(svg.count()).resolves.toBe(1);
    expect(await svg.locator('a.node.hub').count()).toBe(1);
    expect(await svg.locator('a.node.spoke').count()).toBe(2);
    expect(await svg.locator('a.node.fw').count()).toBe(1);
    expect(await svg.locator('a.node.svc').count()).toBe(2);
    expect(await svg.locator('a.node.zone').count()).toBe(1);
    expect(await svg.locator('a.edge.peering').count()).toBe(2);
    expect(await svg.locator('a.edge.link').count()).toBe(2);
    // The disconnected peering is red, and so is the app spoke that lost its zone link.
    expect(await svg.locator('a.edge.peering.error').count()).toBe(1);
    const app = svg.locator('a.node.spoke', { hasText: 'vnet-app' });
    await expect(app.getAttribute('class')).resolves.toContain('error');
    const screenshot = await shoot(page, 'scan-drifted');
    if (process.env.PLAUDIT_UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(root, 'docs/images'), { recursive: true });
      copyFileSync(screenshot, join(root, 'docs/images/scan-drifted.png'));
    }
    await shoot(page, 'scan-drifted-full', true);

    // A click shows the element's panel; its button narrows the table to its findings.
    await app.click();
    const id = await app.getAttribute('data-el');
    const panel = page.locator(`section.panel[id="${id}"]`);
    await expect(panel.isVisible()).resolves.toBe(true);
    expect(await panel.textContent()).toMatch(/3 findings/);
    expect(await panel.textContent()).toContain('/virtualNetworks/vnet-app');
    await expect(app.getAttribute('class')).resolves.toContain('selected');
    await shoot(page, 'scan-drifted-selected');
    await panel.locator('button[data-show-findings]').click();
    expect(await visibleRows(page, 'findings')).toHaveLength(3);
    expect(problems).toEqual([]);
  });

  it('filters and sorts the findings table', async () => {
    const { page, problems } = await open('scan-drifted');
    const all = await visibleRows(page, 'findings');
    expect(all).toHaveLength(11);
    await page.selectOption('select[data-filter="level"]', 'warning');
    const warnings = await visibleRows(page, 'findings');
    expect(warnings).toHaveLength(4);
    expect(warnings.every((row) => row.level === 'warning')).toBe(true);
    await expect(page.locator('[data-shown]').textContent()).resolves.toBe('4 of 11');
    await page.selectOption('select[data-filter="level"]', '');
    await page.selectOption('select[data-filter="check"]', 'dns/zone-missing');
    expect(await visibleRows(page, 'findings')).toEqual([{ level: 'error', check: 'dns/zone-missing' }]);
    await page.selectOption('select[data-filter="check"]', '');
    const groups = await page.locator('select[data-filter="rg"] option').allTextContents();
    expect(groups).toContain('rg-app');
    await page.fill('input[data-search]', 'kv-legacy-billing');
    expect(await visibleRows(page, 'findings')).toEqual([{ level: 'warning', check: 'dns/record-stale' }]);
    await page.fill('input[data-search]', '');

    const sortBy = async (label: string) => page.locator('#findings th button', { hasText: label }).click();
    await sortBy('Level');
    const levels = (await visibleRows(page, 'findings')).map((row) => row.level);
    expect(levels).toEqual([...levels].sort((a, b) => order(a) - order(b)));
    expect(levels[0]).toBe('error');
    await sortBy('Level');
    expect((await visibleRows(page, 'findings'))[0]!.level).toBe('warning');
    await sortBy('Check');
    const checks = (await visibleRows(page, 'findings')).map((row) => row.check!);
    expect(checks).toEqual([...checks].sort());
    await shoot(page, 'scan-drifted-sorted');
    expect(problems).toEqual([]);
  });

  it('reads without script: every row, and a panel by its address', async () => {
    const { page: withScript } = await open('scan-drifted');
    const id = await withScript.locator('#topology a.node.fw').getAttribute('data-el');
    const { page, problems } = await open('scan-drifted', { javaScript: false, hash: id! });
    expect(await page.locator('#findings tbody tr:visible').count()).toBe(11);
    await expect(page.locator('[data-controls="findings"]').isVisible()).resolves.toBe(false);
    await expect(page.locator(`section.panel[id="${id}"]`).isVisible()).resolves.toBe(true);
    expect(await page.locator(`section.panel[id="${id}"]`).textContent()).toMatch(/fw-hub/);
    await shoot(page, 'scan-drifted-no-script');
    expect(problems).toEqual([]);
  });

  it('draws the clean estate without a finding', async () => {
    const { page, problems } = await open('scan-clean');
    expect(await page.locator('#topology svg a.node').count()).toBe(7);
    expect(await page.locator('#topology svg .error, #topology svg .warning').count()).toBe(0);
    await expect(page.locator('.verdict').textContent()).resolves.toBe('no findings');
    await shoot(page, 'scan-clean');
    expect(problems).toEqual([]);
  });

  it('draws a trace as a path of boxes: green, red at each broken step, grey where skipped', async () => {
    const { page, problems } = await open('trace-drifted');
    const boxes = page.locator('#path svg .tstep');
    expect(await boxes.count()).toBe(14);
    // The drifted example breaks at the zone link and at the disconnected peering.
    expect(await page.locator('#path svg a.tstep.broken').count()).toBe(2);
    expect(await page.locator('#path svg a.tstep.ok').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#path svg a.tstep.skipped').count()).toBeGreaterThanOrEqual(2);
    await expect(page.locator('li.step.broken .fix').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('li.step.broken .fix').count()).toBe(2);
    await shoot(page, 'trace-drifted', true);
    const working = await open('trace-clean');
    expect(await working.page.locator('#path svg a.tstep.broken').count()).toBe(0);
    await expect(working.page.locator('.verdict').textContent()).resolves.toBe('The path works.');
    await shoot(working.page, 'trace-clean');
    expect([...problems, ...working.problems]).toEqual([]);
  });

  it('shows the drift added, removed and changed per resource, and filters it', async () => {
    const { page, problems } = await open('diff');
    expect(await page.locator('#drift tbody tr').count()).toBe(13);
    await page.selectOption('select[data-filter="change"]', 'removed');
    const removed = await page.locator('#drift tbody tr:visible').allTextContents();
    expect(removed).toHaveLength(1);
    expect(removed[0]).toContain('link-vnet-app');
    await page.selectOption('select[data-filter="change"]', 'changed');
    expect(await page.locator('#drift tbody tr:visible .before').count()).toBeGreaterThan(0);
    await page.selectOption('select[data-filter="change"]', '');
    await shoot(page, 'diff');
    expect(problems).toEqual([]);
  });

  it('keeps hostile names inert: no script runs, nothing loads, the names show as text', async () => {
    const { page, problems } = await open('scan-hostile');
    // Evaluated in the page (a string: this project's TypeScript knows no DOM).
    const live = await page.evaluate(`({
      scripts: document.scripts.length,
      embeds: document.querySelectorAll('img, iframe, object, embed, details, form, link, base').length,
      handlers: [...document.querySelectorAll('*')].filter((element) =>
        [...element.attributes].some((attribute) => attribute.name.startsWith('on')),
      ).length,
      svgs: document.querySelectorAll('svg svg').length,
      rtl: /[\\u202a-\\u202e\\u2066-\\u2069]/.test(document.body.textContent),
    })`);
    expect(live).toEqual({ scripts: 1, embeds: 0, handlers: 0, svgs: 0, rtl: false });
    expect(await page.locator('#topology').textContent()).toContain('<script>alert(1)');
    expect(await page.locator('#findings').textContent()).toContain('\\u{202e}');
    // Clicks on every element of the picture, and the table's controls, still run no data.
    for (const element of await page.locator('#topology svg a.node').all()) await element.click();
    await page.fill('input[data-search]', '<img src=x onerror=alert(1)>');
    await page.fill('input[data-search]', '');
    await shoot(page, 'scan-hostile');
    expect(problems).toEqual([]);
  });
});

function order(level: string | null): number {
  return level === 'error' ? 0 : level === 'warning' ? 1 : 2;
}
