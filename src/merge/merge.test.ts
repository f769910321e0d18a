// Merging the reports of sharded scans must give the report of one unsharded scan. The estate is
// two independent hub-and-spoke copies (the bundled clean and drifted examples, moved to four new
// subscriptions and renamed so their names do not collide), sharded in two by subscription with the
// real shard function, scanned by the real engine, rendered by the real reporters.
//
// What sharding cannot give: a finding that needs resources from two shards at once. Here that is
// dns/zone-duplicate (each copy has its own privatelink.vaultcore.azure.net zone; only a scan that
// sees both can tell). Live collection reads the resources a shard's resources depend on (the hub,
// central zones), which covers the paths from consumers to endpoints, but two resources that do not
// depend on each other only meet in a scan that reads both: duplicates across shards are missed,
// and absence checks (dns/record-stale: a central zone's records of another shard's endpoints) can
// over-report. Each estate copy here is self-contained in its shard, so only the first case arises;
// the test pins it, and docs/pipelines.md explains both.
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';
import { defineCheck, type Check } from '../../checks/define.js';
import { jsonReport, type JsonReport } from '../../reports/json.js';
import { sarifReport } from '../../reports/sarif.js';
import { shardSubscriptions } from '../azure/shard.js';
import { parseBaseline } from '../engine/baseline.js';
import { scan as scanInventory } from '../engine/scan.js';
import type { ScanResult } from '../engine/types.js';
import { subscriptionOf } from '../ids.js';
import { buildInventory } from '../inventory/build/index.js';
import { parseSnapshot } from '../snapshot/read.js';
import type { IncompleteEntry, RawResource, Snapshot } from '../snapshot/types.js';
import { mergeJsonReports, mergeReportFiles, mergeSarifLogs, MergeInputError, scanResultOfReport } from './index.js';

const examples = new URL('../../examples/', import.meta.url);
const connectivity = '1a2b3c4d-0000-4000-8000-000000000001';
const landingZone = '5e6f7a8b-0000-4000-8000-000000000002';
// Chosen so that, split in two, estate A's subscriptions fall in shard 1 and estate B's in shard 2.
const subs = {
  a1: 'aaaaaaaa-0000-4000-8000-000000000001',
  a2: 'aaaaaaaa-0000-4000-8000-000000000002',
  b1: 'bbbbbbbb-0000-4000-8000-000000000001',
  b2: 'bbbbbbbb-0000-4000-8000-000000000003',
};
const allSubscriptions = [subs.a1, subs.a2, subs.b1, subs.b2];
const collectedAt = '2026-11-20T02:00:00Z';

/** An example estate moved to other subscriptions, with names replaced as text (ids, FQDNs, records). */
function moved(file: string, connectivityTo: string, landingZoneTo: string, names: Record<string, string>) {
  let text = readFileSync(new URL(file, examples), 'utf8')
    .replaceAll(connectivity, connectivityTo)
    .replaceAll(landingZone, landingZoneTo);
  for (const [from, to] of Object.entries(names)) text = text.replaceAll(from, to);
  return (JSON.parse(text) as Snapshot).resources;
}

const estateA = moved('clean.json', subs.a1, subs.a2, { 'kv-pep-spokepep': 'kv-alpha' });
// So that shard 1 has a finding of its own: auto-registration on the app VNet's link.
estateA.find((resource) => resource.name === 'link-vnet-app')!.properties!.registrationEnabled = true;
const estateB = moved('drifted.json', subs.b1, subs.b2, {
  'kv-pep-spokepep': 'kv-bravo',
  'kv-pep-payments': 'kv-bravo-pay',
  stpepspokelogs: 'stbravologs',
});
const estate = [...estateA, ...estateB];

const crashing: Check = defineCheck({
  id: 'route/crashes-for-the-merge-test',
  title: 'A check that always throws',
  level: 'error',
  tags: ['routing'],
  rationale: 'Exists only in the merge tests.',
  remediation: 'None.',
  references: [{ title: 'Private endpoints', url: 'https://learn.microsoft.com/azure/private-link/' }],
  messages: { never: () => 'Never reported.' },
  evaluate() {
    throw new Error('this check always fails');
  },
});

interface ScanOptions {
  readonly subscriptions: readonly string[];
  readonly incomplete?: readonly IncompleteEntry[];
  readonly checks?: readonly Check[];
  readonly baseline?: JsonReport;
}

/** What `plaudit scan --snapshot` does, for the resources of some subscriptions of the estate. */
function scan(options: ScanOptions): ScanResult {
  const wanted = new Set(options.subscriptions.map((id) => `/subscriptions/${id}`));
  const resources: RawResource[] = structuredClone(
    estate.filter((resource) => wanted.has(subscriptionOf(resource.id) ?? '')),
  );
  const snapshot = parseSnapshot({ resources, cloud: 'AzureCloud', collectedAt }, 'merge-test');
  return scanInventory(buildInventory(snapshot), {
    checks: options.checks ?? catalogue,
    ...(options.baseline && { baseline: parseBaseline(options.baseline, 'baseline') }),
    tool: { name: 'plaudit', version: '0.1.0' },
    scope: { subscriptions: [...options.subscriptions] },
    collectedAt,
    incomplete: options.incomplete ?? [],
  });
}

const shards = [1, 2].map((index) => shardSubscriptions(allSubscriptions, { index, count: 2 }));

function shardScans(options: Omit<ScanOptions, 'subscriptions'> = {}, incompleteByShard: IncompleteEntry[][] = []) {
  return shards.map((subscriptions, index) =>
    scan({ ...options, subscriptions, incomplete: incompleteByShard[index] ?? [] }),
  );
}

const checksCatalogue = [...catalogue, crashing];
const json = (result: ScanResult) => JSON.parse(jsonReport(result, checksCatalogue, { color: false })) as JsonReport;
const sarif = (result: ScanResult) => JSON.parse(sarifReport(result, checksCatalogue, { color: false })) as Log;

/** Whether a finding names resources of more than one shard (found only by a scan that reads both). */
function crossesShards(finding: { resourceId: string; related: readonly string[] }): boolean {
  const shardOf = (id: string) => shards.findIndex((shard) => shard.includes(subscriptionOf(id)!.split('/')[2]!));
  return new Set([finding.resourceId, ...finding.related].map(shardOf)).size > 1;
}

/** The unsharded scan without the findings that need both shards. */
function withinShards(result: ScanResult): ScanResult {
  return { ...result, findings: result.findings.filter((finding) => !crossesShards(finding)) };
}

const reportSchema = JSON.parse(
  readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8'),
) as object;
const ajv2020 = new Ajv2020({ strict: true, allErrors: true });
const validateReport = ajv2020.compile(reportSchema);
const sarifSchema = JSON.parse(
  readFileSync(new URL('../../test/fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as object;
const ajvDraft04 = new AjvDraft04.default({ strict: false, allErrors: true });
addFormats.default(ajvDraft04);
const validateSarif = ajvDraft04.compile(sarifSchema);

describe('the test estate', () => {
  it('shards as intended: each estate copy is self-contained in one shard', () => {
    expect(shards).toEqual([
      [subs.a1, subs.a2],
      [subs.b1, subs.b2],
    ]);
  });

  it('has findings in both shards, and only dns/zone-duplicate needs both', () => {
    const whole = scan({ subscriptions: allSubscriptions });
    const [one, two] = shardScans();
    expect(one!.findings.length).toBeGreaterThan(0);
    expect(two!.findings.length).toBeGreaterThan(5);
    expect(whole.findings.filter(crossesShards).map((finding) => finding.checkId)).toEqual([
      'dns/zone-duplicate',
      'dns/zone-duplicate',
    ]);
  });
});

describe('mergeJsonReports', () => {
  it('gives the unsharded report, findings that need both shards aside', () => {
    const merged = mergeJsonReports(shardScans().map(json), ['shard-1.json', 'shard-2.json']);
    expect(merged).toEqual(json(withinShards(scan({ subscriptions: allSubscriptions }))));
  });

  it('keeps every incomplete entry: unread scopes, inconclusive checks and failed checks of each shard', () => {
    const unreadA = { scope: `/subscriptions/${subs.a2}/resourceGroups/rg-locked`, reason: '403 AuthorizationFailed' };
    const unreadB = { scope: `/subscriptions/${subs.b1}`, reason: '429 TooManyRequests after 3 retries' };
    const options = { checks: [...catalogue, crashing] };
    const merged = mergeJsonReports(shardScans(options, [[unreadA], [unreadB]]).map(json), ['1.json', '2.json']);
    const whole = scan({ ...options, subscriptions: allSubscriptions, incomplete: [unreadA, unreadB] });
    expect(merged).toEqual(json(withinShards(whole)));
    expect(merged.incomplete).toContainEqual(unreadA);
    expect(merged.incomplete).toContainEqual(unreadB);
    // Each shard's crash is the same failure: listed once, as the unsharded scan lists it.
    expect(merged.incomplete.filter((entry) => entry.checkId === crashing.id)).toEqual([
      { checkId: crashing.id, reason: 'check failed: this check always fails' },
    ]);
  });

  it('marks baseline states as one scan would: a finding another shard reports is not absent', () => {
    const previous = json(withinShards(scan({ subscriptions: allSubscriptions })));
    const fixedSince = { ...previous.findings[0]!, fingerprint: 'f'.repeat(32), message: 'Fixed since.' };
    const baseline: JsonReport = {
      ...previous,
      // One finding is new since the baseline, one in the baseline is gone.
      findings: [...previous.findings.slice(1), fixedSince],
    };
    const shardReports = shardScans({ baseline }).map(json);
    // Each shard on its own sees the other shard's findings as absent.
    expect(shardReports[0]!.findings.filter((finding) => finding.baselineState === 'absent').length).toBeGreaterThan(1);
    const merged = mergeJsonReports(shardReports, ['1.json', '2.json']);
    expect(merged).toEqual(json(withinShards(scan({ subscriptions: allSubscriptions, baseline }))));
    expect(merged.findings.filter((finding) => finding.baselineState === 'absent')).toHaveLength(1);
    expect(merged.findings.filter((finding) => finding.baselineState === 'new')).toHaveLength(1);
  });

  it('does not depend on the order of the files, and merging a report with itself changes nothing', () => {
    const [one, two] = shardScans().map(json);
    expect(mergeJsonReports([two, one], ['2', '1'])).toEqual(mergeJsonReports([one, two], ['1', '2']));
    expect(mergeJsonReports([two, two], ['2', '2 again'])).toEqual(two);
  });

  it('writes a report valid against schemas/report.schema.json', () => {
    const merged = mergeJsonReports(shardScans({ checks: checksCatalogue }).map(json), ['1.json', '2.json']);
    validateReport(merged);
    expect(validateReport.errors ?? [], ajv2020.errorsText(validateReport.errors)).toEqual([]);
  });

  it('recomputes the summary and unions scopes and checks', () => {
    const [one, two] = shardScans().map(json);
    const onlyDns = { ...one!, checks: one!.checks.filter((id) => id.startsWith('dns/')) };
    const merged = mergeJsonReports([onlyDns, two], ['1.json', '2.json']);
    expect(merged.checks).toEqual(catalogue.map((check) => check.id));
    expect(merged.scope).toEqual({ subscriptions: allSubscriptions });
    expect(merged.summary.error + merged.summary.warning + merged.summary.note).toBe(
      one!.findings.length + two!.findings.length,
    );
  });

  it('converts back into a scan result that renders the same report', () => {
    const merged = mergeJsonReports(shardScans({ checks: checksCatalogue }).map(json), ['1.json', '2.json']);
    expect(json(scanResultOfReport(merged))).toEqual(merged);
  });
});

describe('mergeSarifLogs', () => {
  it('gives the unsharded log, findings that need both shards aside', () => {
    const merged = mergeSarifLogs(shardScans().map(sarif), ['shard-1.sarif', 'shard-2.sarif']);
    expect(merged).toEqual(sarif(withinShards(scan({ subscriptions: allSubscriptions }))));
  });

  it('recomputes automationDetails.id for the merged scope with the reporter’s scheme', () => {
    const merged = mergeSarifLogs(shardScans().map(sarif), ['1.sarif', '2.sarif']);
    const id = merged.runs[0]!.automationDetails!.id!;
    expect(id).toBe(
      'plaudit/sub-aaaaaaaa-0000-4000-8000-000000000001+sub-aaaaaaaa-0000-4000-8000-000000000002+' +
        'sub-bbbbbbbb-0000-4000-8000-000000000001+sub-bbbbbbbb-0000-4000-8000-000000000003/20261120T020000Z',
    );
    expect(shardScans().map((result) => sarif(result).runs[0]!.automationDetails!.id)).not.toContain(id);
  });

  it('fails the merged run when any shard was incomplete, keeping every notification', () => {
    const unread = { scope: `/subscriptions/${subs.b1}`, reason: '403 AuthorizationFailed' };
    const options = { checks: checksCatalogue };
    const logs = shardScans(options, [[], [unread]]).map(sarif);
    expect(logs[0]!.runs[0]!.invocations![0]!.executionSuccessful).toBe(false); // the crashing check
    const merged = mergeSarifLogs(logs, ['1.sarif', '2.sarif']);
    const whole = scan({ ...options, subscriptions: allSubscriptions, incomplete: [unread] });
    expect(merged).toEqual(sarif(withinShards(whole)));
    const invocation = merged.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications!.map((note) => note.message.text)).toContain(
      `Could not read /subscriptions/${subs.b1}: 403 AuthorizationFailed`,
    );
  });

  it('fails the merged run when only one shard failed, and succeeds when none did', () => {
    const [one, two] = shardScans().map(sarif);
    const failed = structuredClone(two!);
    failed.runs[0]!.invocations![0]!.executionSuccessful = false;
    expect(mergeSarifLogs([one, failed], ['1', '2']).runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
    expect(mergeSarifLogs([one, two], ['1', '2']).runs[0]!.invocations![0]!.executionSuccessful).toBe(true);
  });

  it('unions rules in catalogue order and points every ruleIndex at its rule', () => {
    const [one, two] = shardScans().map(sarif);
    const fewer = structuredClone(one!);
    const run = fewer.runs[0]!;
    run.tool.driver.rules = run.tool.driver.rules!.filter((rule) => rule.id.startsWith('route/'));
    run.results = [];
    const merged = mergeSarifLogs([fewer, two], ['1', '2']).runs[0]!;
    expect(merged.tool.driver.rules!.map((rule) => rule.id)).toEqual(catalogue.map((check) => check.id));
    for (const result of merged.results!) expect(merged.tool.driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
  });

  it('merges baseline states as one scan would', () => {
    const previous = json(withinShards(scan({ subscriptions: allSubscriptions })));
    const baseline: JsonReport = { ...previous, findings: previous.findings.slice(1) };
    const merged = mergeSarifLogs(shardScans({ baseline }).map(sarif), ['1', '2']);
    expect(merged).toEqual(sarif(withinShards(scan({ subscriptions: allSubscriptions, baseline }))));
  });

  it('writes a log valid against the SARIF 2.1.0 schema', () => {
    const unread = { scope: `/subscriptions/${subs.b1}`, reason: '403 AuthorizationFailed' };
    const merged = mergeSarifLogs(shardScans({ checks: checksCatalogue }, [[], [unread]]).map(sarif), ['1', '2']);
    validateSarif(merged);
    expect(validateSarif.errors ?? [], ajvDraft04.errorsText(validateSarif.errors)).toEqual([]);
  });
});

describe('shard coverage: inputs that say which shard they are (scope.shard "I/N")', () => {
  const [one, two] = shardScans().map(json);
  const marked = (report: JsonReport, shard: string): JsonReport => ({
    ...report,
    scope: { ...report.scope, shard } as JsonReport['scope'],
  });

  it('merges a complete set of shards, and the merged scope is no shard', () => {
    const merged = mergeJsonReports([marked(two!, '2/2'), marked(one!, '1/2')], ['b.json', 'a.json']);
    expect(merged).toEqual(mergeJsonReports([one, two], ['a.json', 'b.json']));
    expect(merged.scope).not.toHaveProperty('shard');
  });

  const cases: [string, JsonReport[], RegExp][] = [
    [
      'a missing shard',
      [marked(one!, '1/3'), marked(two!, '2/3')],
      /^missing shard 3\/3: a merge of part of a sharded scan would read as the whole scope/,
    ],
    ['a shard twice', [marked(one!, '1/2'), marked(two!, '1/2')], /^b\.json: shard 1\/2 again \(also a\.json\)$/],
    [
      'shards of different splits',
      [marked(one!, '1/2'), marked(two!, '2/3')],
      /^b\.json: shard 2\/3, but a\.json is shard 1\/2; merge the shards of one sharded scan$/,
    ],
    [
      'a shard and a whole scan',
      [marked(one!, '1/2'), two!],
      /^b\.json: not a shard \(its scope has no shard\), but a\.json is shard 1\/2/,
    ],
    [
      'a malformed marker',
      [marked(one!, 'one of two'), marked(two!, '2/2')],
      /^a\.json: not a valid plaudit JSON report: \$\.scope\.shard must match pattern/,
    ],
  ];
  for (const [name, reports, message] of cases) {
    it(`refuses ${name}`, () => {
      expect(() => mergeJsonReports(reports, ['a.json', 'b.json'])).toThrow(message);
    });
  }

  it('applies to SARIF logs too', () => {
    const logs = shardScans().map((result, index) =>
      sarif({ ...result, scope: { ...result.scope, shard: `${index + 1}/3` } as ScanResult['scope'] }),
    );
    expect(() => mergeSarifLogs(logs, ['a.sarif', 'b.sarif'])).toThrow(/^missing shard 3\/3/);
  });
});

describe('input errors name the file', () => {
  const [oneResult, twoResult] = shardScans();
  const [jsonOne, jsonTwo] = [json(oneResult!), json(twoResult!)];
  const [sarifOne, sarifTwo] = [sarif(oneResult!), sarif(twoResult!)];

  const jsonCases: [string, unknown, RegExp][] = [
    [
      'a SARIF log',
      sarifTwo,
      /^b\.json: expected a plaudit JSON report, found a SARIF log; merge SARIF logs with --format sarif$/,
    ],
    ['a snapshot', { resources: [] }, /^b\.json: expected a plaudit JSON report, found a snapshot$/],
    ['an array', [], /^b\.json: expected a plaudit JSON report, found a JSON array/],
    [
      'another schema',
      { ...jsonTwo, schemaVersion: 1 },
      /^b\.json: report schema version 1; this plaudit merges version 2/,
    ],
    [
      'a finding without fingerprint',
      { ...jsonTwo, findings: [{ ...jsonTwo.findings[0], fingerprint: undefined }] },
      /^b\.json: not a valid plaudit JSON report: \$\.findings\.0 must have required property 'fingerprint'$/,
    ],
    [
      'another major version',
      { ...jsonTwo, tool: { name: 'plaudit', version: '1.0.0' } },
      /^b\.json: written by plaudit 1\.0\.0, but a\.json by plaudit 0\.1\.0; merge reports of one major version/,
    ],
    [
      'another cloud',
      { ...jsonTwo, cloud: 'AzureChinaCloud' },
      /^b\.json: scanned AzureChinaCloud, but a\.json scanned AzureCloud/,
    ],
    [
      'another management group',
      { ...jsonTwo, scope: { ...jsonTwo.scope, managementGroup: 'mg-other' } },
      /^b\.json: scope management group mg-other differs from \(none\) in a\.json; merge shards of one scan$/,
    ],
  ];
  for (const [name, value, message] of jsonCases) {
    it(`json: ${name}`, () => {
      expect(() => mergeJsonReports([jsonOne, value], ['a.json', 'b.json'])).toThrow(message);
      expect(() => mergeJsonReports([jsonOne, value], ['a.json', 'b.json'])).toThrow(MergeInputError);
    });
  }

  const withRuns = (runs: unknown[]) => ({ ...sarifTwo, runs });
  const run = sarifTwo.runs[0]!;
  const sarifCases: [string, unknown, RegExp][] = [
    [
      'a JSON report',
      jsonTwo,
      /^b\.sarif: expected a SARIF log from plaudit, found a plaudit JSON report; merge JSON reports with --format json$/,
    ],
    [
      'another SARIF version',
      { ...sarifTwo, version: '2.0.0' },
      /^b\.sarif: SARIF version "2\.0\.0"; plaudit writes 2\.1\.0$/,
    ],
    ['two runs', withRuns([run, run]), /^b\.sarif: 2 runs; a plaudit SARIF log has exactly one$/],
    [
      'another tool',
      withRuns([{ ...run, tool: { driver: { name: 'CodeQL' } } }]),
      /^b\.sarif: a SARIF log from CodeQL, not from plaudit$/,
    ],
    [
      'no scope',
      withRuns([{ ...run, properties: {} }]),
      /^b\.sarif: \$\.runs\[0\]\.properties lacks the scan's scope or cloud/,
    ],
    [
      'a result without fingerprint',
      withRuns([{ ...run, results: [{ ...run.results![0], partialFingerprints: {} }] }]),
      /^b\.sarif: \$\.runs\[0\]\.results\[0\] has no ruleId or "plaudit\/v1" fingerprint/,
    ],
    [
      'no invocation',
      withRuns([{ ...run, invocations: [] }]),
      /^b\.sarif: \$\.runs\[0\]\.invocations does not say whether the scan was complete$/,
    ],
    [
      'another major version',
      withRuns([{ ...run, tool: { driver: { ...run.tool.driver, version: '2.3.4' } } }]),
      /^b\.sarif: written by plaudit 2\.3\.4, but a\.sarif by plaudit 0\.1\.0/,
    ],
  ];
  for (const [name, value, message] of sarifCases) {
    it(`sarif: ${name}`, () => {
      expect(() => mergeSarifLogs([sarifOne, value], ['a.sarif', 'b.sarif'])).toThrow(message);
      expect(() => mergeSarifLogs([sarifOne, value], ['a.sarif', 'b.sarif'])).toThrow(MergeInputError);
    });
  }

  it('nothing to merge', () => {
    expect(() => mergeJsonReports([], [])).toThrow(/nothing to merge/);
  });

  it('reads files, naming the one that is missing or not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaudit-merge-'));
    const [a, b, bad] = ['a.json', 'b.json', 'bad.json'].map((name) => join(dir, name));
    writeFileSync(a!, JSON.stringify(jsonOne));
    writeFileSync(b!, JSON.stringify(jsonTwo));
    writeFileSync(bad!, '{ "schemaVersion": 1,');
    const text = await mergeReportFiles([a!, b!], 'json');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(mergeJsonReports([jsonOne, jsonTwo], [a!, b!]));
    await expect(mergeReportFiles([a!, join(dir, 'nope.json')], 'json')).rejects.toThrow(
      `${join(dir, 'nope.json')}: file not found`,
    );
    await expect(mergeReportFiles([a!, bad!], 'sarif')).rejects.toThrow(new RegExp(`^${bad}: not valid JSON`));
  });
});
