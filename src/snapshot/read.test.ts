import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshotText, readSnapshotFile, SnapshotError } from './read.js';

const vnet = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v',
  type: 'Microsoft.Network/virtualNetworks',
  name: 'v',
  properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } },
};

function failure(text: string): SnapshotError {
  try {
    parseSnapshotText(text, 'estate.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return error as SnapshotError;
  }
  throw new Error('expected a SnapshotError');
}

describe('parseSnapshotText', () => {
  it('reads the three shapes', () => {
    expect(parseSnapshotText(JSON.stringify([vnet]), 'a').resources).toHaveLength(1);
    const collected = parseSnapshotText(JSON.stringify({ resources: [vnet], cloud: 'AzureUSGovernment' }), 'b');
    expect(collected.cloud).toBe('AzureUSGovernment');
    expect(parseSnapshotText(JSON.stringify({ data: [vnet], count: 1 }), 'c').resources).toHaveLength(1);
  });

  it('accepts Resource Graph lower-cased types', () => {
    const row = { ...vnet, type: 'microsoft.network/virtualnetworks' };
    expect(parseSnapshotText(JSON.stringify({ data: [row] }), 'graph').resources[0]!.type).toBe(row.type);
  });

  it('names the JSON path of a missing id', () => {
    const error = failure(JSON.stringify({ resources: [vnet, { type: 'x', name: 'n' }] }));
    expect(error.jsonPath).toBe('$.resources[1].id');
    expect(error.message).toBe('estate.json: $.resources[1].id: missing required property "id"');
  });

  it('names the JSON path inside properties, with the resource id', () => {
    const bad = { ...vnet, properties: { subnets: { id: 'not an array' } } };
    const error = failure(JSON.stringify([bad]));
    expect(error.jsonPath).toBe('$[0].properties.subnets');
    expect(error.message).toContain(vnet.id);
  });

  it('rejects empty files, invalid JSON, wrong shapes and empty snapshots', () => {
    expect(failure('').message).toBe('estate.json: the file is empty; expected a snapshot of Azure resources (JSON)');
    expect(failure('{"resources": [').message).toMatch(/^estate\.json: not valid JSON/);
    expect(failure('{"foo": 1}').message).toContain('expected an array of resources');
    expect(failure('42').message).toContain('expected an array or an object, found number');
    expect(failure('[]').message).toBe('estate.json: the snapshot holds no resources, so there is nothing to audit');
  });

  it('keeps invalid JSON on one line with its control characters escaped', () => {
    const message = failure('{"resources": [\n  \u001b[31m\n]}').message;
    expect(message).toMatch(/^estate\.json: not valid JSON \(/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('\u001b');
  });

  it('names the JSON path of a scope part of the wrong type', () => {
    for (const subscriptions of ['s', 7, { a: 1 }, [1]]) {
      const text = JSON.stringify({ resources: [vnet], scope: { subscriptions } });
      expect(failure(text).message).toMatch(/^estate\.json: \$\.scope\.subscriptions(\[0\])?: must be (array|string)$/);
    }
  });

  it('reports a missing file by name', async () => {
    await expect(readSnapshotFile('/nonexistent/estate.json')).rejects.toThrow(
      '/nonexistent/estate.json: file not found',
    );
  });

  it('reads a file from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaudit-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify([vnet]));
    expect((await readSnapshotFile(join(dir, 's.json'))).resources).toHaveLength(1);
  });
});
