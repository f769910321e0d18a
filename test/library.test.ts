// The library API (src/index.ts, the package's entry): a program that scans through it gets what
// the CLI prints, it can collect live without naming a credential, and it is the whole surface
// the README's "Use as a library" section documents.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Output } from '../src/cli/io.js';
import { runCli } from '../src/cli/main.js';
import * as plaudit from '../src/index.js';
import type { FakeAzure } from './fake-azure/server.js';
import { FAST_RETRY, TOKEN, startFake } from './azure/helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const drifted = `${root}examples/drifted.json`;

class Captured implements Output {
  text = '';
  write(text: string, callback?: (error?: Error | null) => void): boolean {
    this.text += text;
    callback?.();
    return true;
  }
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = new Captured();
  const code = await runCli(args, { stdout, stderr: new Captured(), env: { NO_COLOR: '1' } });
  return { code, stdout: stdout.text };
}

/** What `plaudit scan --snapshot FILE` does, written against the public API only. */
/** The inventory of the last file scanned: the HTML and Markdown reports draw it, as the CLI's do. */
let scannedInventory: plaudit.Inventory | undefined;

async function scanFile(path: string): Promise<plaudit.ScanResult> {
  const snapshot = await plaudit.readSnapshotFile(path);
  const inventory = plaudit.buildInventory(snapshot);
  scannedInventory = inventory;
  return plaudit.scan(inventory, {
    checks: plaudit.catalogue,
    scope: { ...snapshot.scope, snapshot: path },
    ...(snapshot.collectedAt ? { collectedAt: snapshot.collectedAt } : {}),
    incomplete: snapshot.incomplete ?? [],
  });
}

let fake: FakeAzure | undefined;
const savedToken = process.env.PLAUDIT_ACCESS_TOKEN;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  if (savedToken === undefined) delete process.env.PLAUDIT_ACCESS_TOKEN;
  else process.env.PLAUDIT_ACCESS_TOKEN = savedToken;
});

describe('the library API', () => {
  it('scans a snapshot file into the same report and exit code as the CLI, in every format', async () => {
    const result = await scanFile(drifted);
    for (const format of plaudit.formats) {
      const report = plaudit.reporters[format](result, plaudit.catalogue, {
        color: false,
        inventory: scannedInventory!,
      });
      const printed = await cli('scan', '--snapshot', drifted, '--format', format);
      expect(report, format).toBe(printed.stdout);
      expect(plaudit.exitCodeFor(result, 'error'), format).toBe(printed.code);
    }
    expect(plaudit.exitCodeFor(result, 'error')).toBe(plaudit.exitCodes.findings);
    expect(plaudit.summarize(result.findings).error).toBeGreaterThan(0);
  });

  it('reads a snapshot given as an object, and names the source in its errors', () => {
    const json: unknown = JSON.parse(readFileSync(drifted, 'utf8'));
    const snapshot = plaudit.parseSnapshot(json, 'estate');
    const result = plaudit.scan(plaudit.buildInventory(snapshot), { checks: plaudit.selectChecks(['dns']).checks });
    expect(result.checks.every((id) => id.startsWith('dns/'))).toBe(true);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(() => plaudit.parseSnapshot({ resources: [{ id: '/x', type: 't' }] }, 'estate')).toThrow(
      plaudit.SnapshotError,
    );
    expect(() => plaudit.parseSnapshot([], 'estate')).toThrow(/^estate: /);
  });

  it('traces a flow and applies configuration as the CLI does', async () => {
    const inventory = plaudit.buildInventory(await plaudit.readSnapshotFile(drifted));
    const trace = plaudit.tracePath(inventory, {
      source: plaudit.resolveSource(inventory, 'vm-app'),
      fqdn: 'kv-pep-spokepep.vault.azure.net',
    });
    expect(trace.verdict).toBe('broken');
    expect(plaudit.renderTraceText(trace, { color: false })).toBe(
      (await cli('trace', '--snapshot', drifted, '--from', 'vm-app', '--to', 'kv-pep-spokepep.vault.azure.net')).stdout,
    );

    const config = plaudit.parseConfig('levels:\n  dns/zone-not-linked: note\n', 'plaudit.config.yaml');
    const result = plaudit.scan(inventory, {
      checks: plaudit.catalogue,
      context: plaudit.checkContextFor(config, inventory),
      levelOverrides: plaudit.levelOverrides(config),
      suppressions: plaudit.suppressionRules(config),
    });
    const levels = new Set(result.findings.filter((f) => f.checkId === 'dns/zone-not-linked').map((f) => f.level));
    expect([...levels]).toEqual(['note']);
    expect(() => plaudit.parseConfig('levels: [', 'bad.yaml')).toThrow(plaudit.ConfigError);
  });

  it('compares two snapshots', async () => {
    const clean = await plaudit.readSnapshotFile(`${root}examples/clean.json`);
    const diff = plaudit.diffSnapshots(clean, await plaudit.readSnapshotFile(drifted));
    expect(plaudit.diffHasChanges(diff)).toBe(true);
    expect(plaudit.diffHasChanges(plaudit.diffSnapshots(clean, clean))).toBe(false);
  });

  it('collects a live scope with the credential it is given', async () => {
    fake = await startFake();
    const credential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const { snapshot } = await plaudit.collectSnapshot({
      credential,
      armEndpoint: fake.url,
      tlsCa: fake.ca,
      retry: FAST_RETRY,
      readBudget: false,
    });
    expect(snapshot.incomplete).toEqual([]);
    const result = plaudit.scan(plaudit.buildInventory(snapshot), { checks: plaudit.catalogue });
    expect(result.checks).toHaveLength(plaudit.catalogue.length);
  });

  it('collects with PLAUDIT_ACCESS_TOKEN when no credential is given, and reports a refused token as a usage error', async () => {
    fake = await startFake();
    const options = { armEndpoint: fake.url, tlsCa: fake.ca, retry: FAST_RETRY, readBudget: false as const };
    process.env.PLAUDIT_ACCESS_TOKEN = TOKEN;
    expect((await plaudit.collectSnapshot(options)).snapshot.resources.length).toBeGreaterThan(0);
    process.env.PLAUDIT_ACCESS_TOKEN = 'not-the-token';
    await expect(plaudit.collectSnapshot(options)).rejects.toBeInstanceOf(plaudit.UsageError);
  });
});
