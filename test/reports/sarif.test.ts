// The SARIF report against the official 2.1.0 schema and against the ingestion rules GitHub code
// scanning applies on top of it (which the schema does not express).
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { artifactUri, automationId, scopeKey, sarifReport } from '../../reports/sarif.js';
import type { ScanResult } from '../../src/engine/types.js';
import { engineCatalogue, engineResult } from './engine-result.js';
import { baselineResult, cleanResult, fixtureCatalogue, fullResult, scenarios } from './fixture.js';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as object;
const ajv = new AjvDraft04.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

function render(result: ScanResult, catalogue = fixtureCatalogue): Log {
  return JSON.parse(sarifReport(result, catalogue, { color: false })) as Log;
}

/** What GitHub rejects or mishandles although the schema allows it. */
function githubProblems(log: Log): string[] {
  const problems: string[] = [];
  if (log.$schema !== 'https://json.schemastore.org/sarif-2.1.0.json') problems.push('$schema');
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    if (!run.tool.driver.name) problems.push('driver.name is empty');
    if (rules.length > 25_000) problems.push('more than 25,000 rules');
    for (const rule of rules) {
      if (!rule.shortDescription?.text) problems.push(`${rule.id}: no shortDescription.text`);
      if (!rule.fullDescription?.text) problems.push(`${rule.id}: no fullDescription.text`);
      if ((rule.shortDescription?.text.length ?? 0) > 1024) problems.push(`${rule.id}: shortDescription > 1024`);
      if ((rule.fullDescription?.text.length ?? 0) > 1024) problems.push(`${rule.id}: fullDescription > 1024`);
      if (!rule.help?.text) problems.push(`${rule.id}: no help.text`);
      if (rule.name !== undefined && rule.name.length > 255) problems.push(`${rule.id}: name > 255`);
      const severity = Number(rule.properties?.['security-severity']);
      if (typeof rule.properties?.['security-severity'] !== 'string' || !(severity >= 0.1 && severity <= 10)) {
        problems.push(`${rule.id}: security-severity is not a string in 0.1-10`);
      }
      if ((rule.properties?.tags?.length ?? 0) > 20) problems.push(`${rule.id}: more than 20 tags`);
    }
    const results = run.results ?? [];
    if (results.length > 25_000) problems.push('more than 25,000 results');
    const withBaseline = results.filter((result) => result.baselineState !== undefined).length;
    if (withBaseline !== 0 && withBaseline !== results.length) problems.push('baselineState on some results only');
    const withSuppressions = results.filter((result) => result.suppressions !== undefined).length;
    if (withSuppressions !== 0 && withSuppressions !== results.length)
      problems.push('suppressions on some results only');
    for (const result of results)
      problems.push(
        ...resultProblems(
          result,
          rules.map((rule) => rule.id),
        ),
      );
  }
  return problems;
}

function resultProblems(result: Result, ruleIds: readonly string[]): string[] {
  const problems: string[] = [];
  const name = `${result.ruleId}: ${result.message.text}`;
  const first = result.locations?.[0];
  if (!first) problems.push(`${name}: no location`);
  if ((result.locations?.length ?? 0) > 1000) problems.push(`${name}: more than 1,000 locations`);
  if (!first?.physicalLocation?.artifactLocation?.uri) problems.push(`${name}: no artifactLocation.uri`);
  if (!first?.physicalLocation?.region?.startLine) problems.push(`${name}: no region.startLine`);
  if (!result.partialFingerprints?.primaryLocationLineHash) problems.push(`${name}: no primaryLocationLineHash`);
  if (!result.message.text) problems.push(`${name}: empty message`);
  if (result.ruleIndex === undefined || ruleIds[result.ruleIndex] !== result.ruleId) {
    problems.push(`${name}: ruleIndex does not point at its rule`);
  }
  return problems;
}

const cases: [string, () => Log][] = [
  ...Object.entries(scenarios).map(([name, result]): [string, () => Log] => [name, () => render(result)]),
  ['real engine output', () => render(engineResult(), engineCatalogue)],
];

describe('sarif report', () => {
  for (const [name, log] of cases) {
    it(`validates against the SARIF 2.1.0 schema: ${name}`, () => {
      const valid = validateSarif(log());
      expect(validateSarif.errors ?? [], ajv.errorsText(validateSarif.errors)).toEqual([]);
      expect(valid).toBe(true);
    });

    it(`meets GitHub's ingestion rules: ${name}`, () => {
      expect(githubProblems(log())).toEqual([]);
    });
  }

  it('describes every check that ran, in catalogue order', () => {
    const log = render(fullResult);
    expect(log.runs[0]!.tool.driver.rules!.map((rule) => rule.id)).toEqual(fixtureCatalogue.map((check) => check.id));
    const baseline = render(baselineResult);
    expect(baseline.runs[0]!.tool.driver.rules!.map((rule) => rule.id)).toEqual(baselineResult.checks);
  });

  it('reports an incomplete scan as a failed invocation with notifications', () => {
    const [invocation] = render(fullResult).runs[0]!.invocations!;
    expect(invocation!.executionSuccessful).toBe(false);
    const notifications = invocation!.toolExecutionNotifications!;
    expect(notifications.map((notification) => [notification.level, notification.associatedRule?.id])).toEqual([
      ['error', undefined],
      ['warning', 'dns/zone-not-linked'],
      ['error', 'route/blackhole'],
    ]);
    expect(notifications[0]!.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toBe(
      fullResult.incomplete[0]!.scope,
    );
    expect(notifications[1]!.associatedRule!.index).toBe(2);
    expect(render(cleanResult).runs[0]!.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('carries baseline states and suppressions on every result once any result has them', () => {
    const results = render(baselineResult).runs[0]!.results!;
    expect(results.map((result) => result.baselineState)).toEqual(['absent', 'new', 'unchanged']);
    expect(results.map((result) => result.suppressions)).toEqual([
      [],
      [],
      [
        {
          kind: 'external',
          status: 'accepted',
          justification: 'Public access stays on until the build agents move into the VNet.',
          properties: { expires: '2027-01-31' },
        },
      ],
    ]);
    const plain = render(fullResult).runs[0]!.results!;
    expect(plain.some((result) => 'baselineState' in result || 'suppressions' in result)).toBe(false);
  });

  it('fills a missing baseline state with "new" when others have one', () => {
    const mixed: ScanResult = {
      ...fullResult,
      findings: fullResult.findings.map((finding, index) =>
        index === 0 ? { ...finding, baselineState: 'unchanged' } : finding,
      ),
    };
    expect(render(mixed).runs[0]!.results!.map((result) => result.baselineState)).toEqual(['unchanged', 'new', 'new']);
  });

  it('locates a finding by a lower-cased artifact URI and by its resource id', () => {
    const [result] = render(fullResult).runs[0]!.results!;
    const finding = fullResult.findings[0]!;
    expect(result!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe(
      `azure/${finding.resourceId.slice(1).toLowerCase()}`,
    );
    expect(result!.locations![0]!.logicalLocations).toEqual([
      { name: 'link-vnet-app', fullyQualifiedName: finding.resourceId, kind: 'resource' },
    ]);
    expect(result!.relatedLocations!.map((location) => location.logicalLocations![0]!.fullyQualifiedName)).toEqual(
      finding.related,
    );
    expect(result!.partialFingerprints).toEqual({
      primaryLocationLineHash: `${finding.fingerprint}:1`,
      'plaudit/v1': finding.fingerprint,
    });
  });

  it('keeps artifact URIs valid and case-insensitive', () => {
    expect(artifactUri('/subscriptions/X/resourceGroups/RG/providers/A.B/c/My Name')).toBe(
      'azure/subscriptions/x/resourcegroups/rg/providers/a.b/c/my%20name',
    );
    expect(artifactUri('/SUBSCRIPTIONS/X/')).toBe(artifactUri('/subscriptions/x'));
  });

  it('keeps names of dots from becoming dot segments in artifact URIs', () => {
    const uri = artifactUri('/subscriptions/x/resourceGroups/../providers/A.B/c/./d//../..%2F..');
    expect(uri).toBe('azure/subscriptions/x/resourcegroups/$../providers/a.b/c/$./d/$../..%252f..');
    expect(uri.split('/')).not.toContain('..');
    expect(new URL(uri, 'file:///repo/').pathname).toBe(`/repo/${uri}`);
  });

  it('derives a stable category per scope and a run id from collectedAt', () => {
    expect(automationId(fullResult)).toBe(
      'plaudit/sub-1a2b3c4d-0000-4000-8000-000000000001+sub-5e6f7a8b-0000-4000-8000-000000000002+sub-9f8e7d6c-0000-4000-8000-000000000009/20261120T020000Z',
    );
    expect(automationId(cleanResult)).toBe('plaudit/all/');
    const reordered = { subscriptions: ['/subscriptions/B', 'a'] };
    expect(scopeKey(reordered)).toBe(scopeKey({ subscriptions: ['A', 'b'] }));
    expect(scopeKey({ managementGroup: 'Contoso Platform', tenant: 't1' })).toBe('mg-contoso-platform+tenant-t1');
    const many = {
      subscriptions: Array.from({ length: 8 }, (_, index) => `00000000-0000-4000-8000-00000000000${index}`),
    };
    expect(scopeKey(many)).toMatch(/^scope-[0-9a-f]{16}$/);
  });

  it('shortens a rationale longer than GitHub accepts', () => {
    const long = fixtureCatalogue.map((meta) => ({ ...meta, rationale: 'word '.repeat(400) }));
    const rules = render(fullResult, long).runs[0]!.tool.driver.rules!;
    for (const rule of rules) {
      expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription!.text.endsWith('…')).toBe(true);
    }
  });
});

describe('GitHub code scanning limits', () => {
  it('keeps the 25,000 most severe results of a larger run, says so, and still validates', () => {
    const note = fullResult.findings[0]!;
    const findings = [
      ...Array.from({ length: 25_010 }, (_, index) => ({
        ...note,
        level: 'note' as const,
        fingerprint: `n${index}`,
      })),
      ...Array.from({ length: 20 }, (_, index) => ({ ...note, level: 'error' as const, fingerprint: `e${index}` })),
    ];
    const log = render({ ...fullResult, findings });
    const results = log.runs[0]!.results!;
    expect(results).toHaveLength(25_000);
    expect(results.filter((result) => result.level === 'error')).toHaveLength(20);
    const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications ?? [];
    expect(notifications.map((entry) => entry.message.text)).toContainEqual(
      expect.stringMatching(/^The SARIF log holds the 25,000 most severe of 25,030 findings.* 30 left out/),
    );
    expect(validateSarif(log), ajv.errorsText(validateSarif.errors)).toBe(true);
  });

  it('names rules by their title, not a copy of the id', () => {
    const rules = render(fullResult).runs[0]!.tool.driver.rules!;
    for (const rule of rules) {
      expect(rule.name).not.toBe(rule.id);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]{0,254}$/);
    }
  });
});
