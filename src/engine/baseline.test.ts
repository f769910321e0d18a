import { describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';
import { reporters } from '../../reports/index.js';
import { ids, referenceEstate, type Estate } from '../../test/estates.js';
import { buildInventory } from '../inventory/build/index.js';
import { parseSnapshot } from '../snapshot/read.js';
import { UsageError } from '../errors.js';
import { applyBaseline, parseBaseline, parseBaselineText } from './baseline.js';
import { scan as scanInventory } from './scan.js';
import type { Finding, ScanResult } from './types.js';

function scan(estate: Estate): ScanResult {
  return scanInventory(buildInventory(parseSnapshot(estate.snapshot(), 'test')), {
    checks: catalogue,
    tool: { name: 'plaudit', version: '0.0.0' },
  });
}

// Three drifts: a wrong A record (fixed later), an unapproved connection (kept), public access (introduced later).
const before = () =>
  referenceEstate()
    .set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }])
    .set(ids.vault, 'privateEndpointConnections.0.properties.privateLinkServiceConnectionState.status', 'Pending');
const after = () =>
  referenceEstate()
    .set(ids.vault, 'privateEndpointConnections.0.properties.privateLinkServiceConnectionState.status', 'Pending')
    .set(ids.vault, 'publicNetworkAccess', 'Enabled');

describe('baselines', () => {
  for (const format of ['json', 'sarif'] as const) {
    it(`marks new, unchanged and absent findings against a ${format} baseline`, () => {
      const baseline = parseBaseline(
        JSON.parse(reporters[format](scan(before()), catalogue, { color: false })),
        format,
      );
      const marked = applyBaseline(scan(after()).findings, baseline);
      const states = marked.map((finding) => `${finding.checkId} ${finding.baselineState}`).sort();
      expect(states).toEqual([
        'dns/record-ip-mismatch absent',
        'paas/connection-not-approved unchanged',
        // Public access turned on: the vault is no longer unreachable, it is exposed.
        'paas/no-private-endpoint absent',
        'paas/public-network-access-enabled new',
      ]);
    });
  }

  it('marks a finding updated when its level or related resources change', () => {
    const baseline = parseBaseline(JSON.parse(reporters.json(scan(before()), catalogue, { color: false })), 'json');
    const relevelled = scan(before()).findings.map((finding) =>
      finding.checkId === 'dns/record-ip-mismatch' ? { ...finding, level: 'warning' as const } : finding,
    );
    const states = applyBaseline(relevelled, baseline).map((finding) => `${finding.checkId} ${finding.baselineState}`);
    expect(states).toContain('dns/record-ip-mismatch updated');
  });

  it('keeps fingerprints stable across resource order, id letter case and reformatting', () => {
    const reference = scan(before())
      .findings.map((finding) => finding.fingerprint)
      .sort();
    const reordered = before();
    reordered.resources.reverse();
    const recased = before().withIdsInCase((id) => id.toUpperCase());
    const reformatted = new (before().constructor as new (r: unknown[]) => Estate)(
      JSON.parse(JSON.stringify(before().resources, null, 7)) as unknown[],
    );
    for (const estate of [reordered, recased, reformatted]) {
      expect(
        scan(estate)
          .findings.map((finding) => finding.fingerprint)
          .sort(),
      ).toEqual(reference);
    }
    expect(reference.length).toBeGreaterThan(0);
  });

  it('rejects files that are not reports', () => {
    expect(() => parseBaseline({ foo: 1 }, 'x.json')).toThrow('expected a plaudit JSON report');
    expect(() => parseBaseline({ runs: [{ results: [{ ruleId: 'x' }] }] }, 'y.sarif')).toThrow(
      'is not a plaudit result',
    );
  });

  // Shapes a fuzzer found: each was a TypeError ("unexpected error", no file named) before.
  const malformed: [string, unknown, string][] = [
    ['a null finding', { findings: [null] }, 'baseline b.json: $.findings[0]: must be object'],
    ['null findings', { findings: null }, 'baseline b.json: $.findings: must be array'],
    [
      'a numeric related id',
      { findings: [{ ...finding(), related: [7] }] },
      '$.findings[0].related[0]: must be string',
    ],
    ['a related string', { findings: [{ ...finding(), related: 'x' }] }, '$.findings[0].related: must be array'],
    ['null runs', { runs: null }, 'baseline b.json: $.runs: must be array'],
    ['null results', { runs: [{ results: null }] }, '$.runs[0].results: must be array'],
    ['a null result', { runs: [{ results: [null] }] }, '$.runs[0].results[0]: must be object'],
    ['a null run', { runs: [null] }, '$.runs[0]: must be object'],
    [
      'relatedLocations as an object',
      { runs: [{ results: [{ ...result(), relatedLocations: { a: 1 } }] }] },
      '$.runs[0].results[0].relatedLocations: must be array',
    ],
    [
      'a numeric fully qualified name',
      { runs: [{ results: [{ ...result(), locations: [{ logicalLocations: [{ fullyQualifiedName: 3 }] }] }] }] },
      '$.runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName: must be string',
    ],
    [
      'a numeric fingerprint',
      { runs: [{ results: [{ ...result(), partialFingerprints: { 'plaudit/v1': 5 } }] }] },
      `$.runs[0].results[0].partialFingerprints["plaudit/v1"]: must be string`,
    ],
    ['an array', [], 'expected a plaudit JSON report'],
    ['null', null, 'expected a plaudit JSON report'],
  ];
  for (const [name, json, message] of malformed) {
    it(`names the file and the JSON path of ${name}`, () => {
      expect(() => parseBaseline(json, 'b.json')).toThrow(UsageError);
      expect(() => parseBaseline(json, 'b.json')).toThrow(message);
    });
  }

  it('reads well-formed minimal baselines of both kinds', () => {
    expect(parseBaseline({ findings: [finding()] }, 'b.json')).toHaveLength(1);
    expect(parseBaseline({ runs: [{ results: [result()] }, {}] }, 'b.sarif')).toHaveLength(1);
  });

  it('keeps invalid JSON on one line with its control characters escaped', () => {
    let message = '';
    try {
      parseBaselineText('{\n\n"a":\n x\u001b\n}', 'b.json');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^baseline b\.json: not valid JSON \(/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('\u001b');
    expect(message).toContain('\\u001b');
  });
});

function finding() {
  return {
    checkId: 'dns/record-missing',
    level: 'error',
    resourceId: '/subscriptions/s',
    message: 'm',
    related: [],
    fingerprint: 'f',
  };
}

function result() {
  return {
    ruleId: 'dns/record-missing',
    level: 'error',
    message: { text: 'm' },
    partialFingerprints: { 'plaudit/v1': 'f' },
    locations: [{ logicalLocations: [{ fullyQualifiedName: '/subscriptions/s' }] }],
    relatedLocations: [{ logicalLocations: [{ fullyQualifiedName: '/subscriptions/r' }] }],
  };
}

describe('affected pairs in a baseline', () => {
  const affected = (digest: string) => ({
    from: 'subnet' as const,
    to: 'privateEndpoint' as const,
    pairs: 1,
    sources: 1,
    targets: 1,
    digest,
    blocks: [{ sources: ['/subscriptions/s/x'], targets: ['/subscriptions/s/y'] }],
  });
  const finding = (digest: string): Finding => ({
    checkId: 'firewall/fqdn-not-allowed',
    level: 'error',
    resourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/p',
    message: 'Azure Firewall fw has no rule that allows x on HTTPS 443.',
    related: [],
    fingerprint: 'f1',
    affected: affected(digest),
  });
  const report = (digest: string) => ({ schemaVersion: 2, findings: [{ ...finding(digest) }] });

  it('is unchanged when the pairs are the same, updated when they changed, from a JSON report', () => {
    const baseline = parseBaseline(report('d1'), 'old.json');
    expect(applyBaseline([finding('d1')], baseline)[0]!.baselineState).toBe('unchanged');
    expect(applyBaseline([finding('d2')], baseline)[0]!.baselineState).toBe('updated');
  });

  it('reads the digest from a SARIF result too', () => {
    const sarif = {
      runs: [
        {
          results: [
            {
              ruleId: 'firewall/fqdn-not-allowed',
              level: 'error',
              message: { text: 'x' },
              partialFingerprints: { 'plaudit/v1': 'f1' },
              locations: [{ logicalLocations: [{ fullyQualifiedName: finding('d1').resourceId }] }],
              properties: { affected: { digest: 'd1' } },
            },
          ],
        },
      ],
    };
    const baseline = parseBaseline(sarif, 'old.sarif');
    expect(applyBaseline([finding('d1')], baseline)[0]!.baselineState).toBe('unchanged');
    expect(applyBaseline([finding('d9')], baseline)[0]!.baselineState).toBe('updated');
  });

  it('reads a version 1 report, whose findings carry no pairs', () => {
    const { affected: _pairs, ...old } = finding('d1');
    const baseline = parseBaseline({ schemaVersion: 1, findings: [old] }, 'v1.json');
    expect(applyBaseline([old], baseline)[0]!.baselineState).toBe('unchanged');
    const absent = applyBaseline([], baseline)[0]!;
    expect(absent.baselineState).toBe('absent');
    expect(Object.keys(absent)).not.toContain('affectedDigest');
  });
});
