import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSnapshotFile, SnapshotError } from './read.js';
import { JsonStreamError, parseJsonPath } from './stream.js';
import { compactResource, snapshotPieces } from './write.js';
import type { Snapshot } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'plaudit-stream-'));
let count = 0;
function file(text: string): string {
  const path = join(dir, `f${count++}.json`);
  writeFileSync(path, text);
  return path;
}

const vnetId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v';
const tricky: Snapshot = {
  cloud: 'AzureCloud',
  collectedAt: '2026-01-01T00:00:00.000Z',
  scope: { subscriptions: ['s'] },
  resources: Array.from({ length: 40 }, (_, i) => ({
    id: `${vnetId}${i}`,
    name: `v${i} "quoted" \\ back\\\\slash ] } [ { ünïcødé 🚀`,
    type: 'Microsoft.Network/virtualNetworks',
    etag: `W/"${i}"`,
    tags: { owner: 'x' },
    properties: {
      provisioningState: 'Succeeded',
      addressSpace: { addressPrefixes: [`10.${i}.0.0/16`] },
      numbers: [1, -2.5e3, 0, true, false, null],
      empty: {},
      list: [],
    },
  })),
  incomplete: [{ scope: '/subscriptions/t', reason: 'forbidden' }],
};

describe('parseJsonPath', () => {
  it('reads what JSON.parse reads, at every block size', async () => {
    const text = JSON.stringify(tricky, null, 2);
    const path = file(text);
    for (const block of [1, 2, 3, 7, 64, 1000, 1 << 22]) {
      expect(await parseJsonPath(path, block)).toEqual(JSON.parse(text));
    }
  });

  it('reads bare arrays, Resource Graph output and scalars', async () => {
    for (const value of [[1, 'a', { b: [] }], { data: [{ x: 1 }], count: 1 }, 42, 'text', null, true, [], {}]) {
      expect(await parseJsonPath(file(` \n${JSON.stringify(value)}\n `), 3)).toEqual(value);
    }
  });

  it('keeps "__proto__" as an ordinary key, as JSON.parse does', async () => {
    const parsed = (await parseJsonPath(file('{"__proto__": {"polluted": 1}, "resources": []}'), 4)) as object;
    expect(Object.keys(parsed)).toEqual(['__proto__', 'resources']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects what is not one JSON value, naming the byte', async () => {
    for (const text of ['{"resources": [', '[1, 2', '[1 2]', '{"a" 1}', '{"a": 1} x', '[{"a": tru}]', '', '  ']) {
      await expect(parseJsonPath(file(text), 2)).rejects.toBeInstanceOf(JsonStreamError);
    }
  });
});

describe('readSnapshotFile', () => {
  it('reads a snapshot written piece by piece, full or compact', async () => {
    const full = file([...snapshotPieces(tricky)].join(''));
    expect(await readSnapshotFile(full)).toEqual(tricky);
    const compact = await readSnapshotFile(file([...snapshotPieces(tricky, { compact: true })].join('')));
    expect(compact.resources).toEqual(tricky.resources.map(compactResource));
    expect(compact.incomplete).toEqual(tricky.incomplete);
  });

  it('names the file and the fault for invalid JSON, on one line', async () => {
    const error = await readSnapshotFile(file('{"resources": [\n  \u001b[31m\n]}')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotError);
    expect((error as Error).message).toMatch(/: not valid JSON \(/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('says when the file is empty or missing', async () => {
    await expect(readSnapshotFile(file(' \n'))).rejects.toThrow(/the file is empty/);
    await expect(readSnapshotFile(join(dir, 'absent.json'))).rejects.toThrow(/file not found/);
  });
});

describe('snapshotPieces', () => {
  it('writes exactly what JSON.stringify with two-space indentation writes', () => {
    expect([...snapshotPieces(tricky)].join('')).toBe(`${JSON.stringify(tricky, null, 2)}\n`);
    const empty: Snapshot = { resources: [], incomplete: [{ reason: 'x' }] };
    expect([...snapshotPieces(empty)].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });

  it('compact: no indentation, no fields plaudit never reads, a link keeps its provisioning state', () => {
    const text = [...snapshotPieces(tricky, { compact: true })].join('');
    expect(text).not.toMatch(/etag|tags|provisioningState|\n {2}/);
    const link = compactResource({
      id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/z/virtualNetworkLinks/l`,
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
      name: 'l',
      etag: 'e',
      properties: { provisioningState: 'Failed', virtualNetworkLinkState: 'Completed', systemData: {} },
    });
    expect(link).toEqual({
      id: link.id,
      type: link.type,
      name: 'l',
      properties: { provisioningState: 'Failed', virtualNetworkLinkState: 'Completed' },
    });
  });
});

describe('checksum', () => {
  it('is zlib CRC-32 of the byte range', async () => {
    const { checksum } = await import('./stream.js');
    const bytes = Buffer.from('xx123456789yy');
    expect(checksum(bytes, 2, 11)).toBe(0xcbf43926);
    expect(checksum(bytes, 0, 0)).toBe(0);
  });
});
