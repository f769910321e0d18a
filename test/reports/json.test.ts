// The JSON report is a public, versioned contract: its output must match the published schema.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../reports/json.js';
import type { ScanResult } from '../../src/engine/types.js';
import { engineCatalogue, engineResult } from './engine-result.js';
import { baselineResult, fixtureCatalogue, fullResult, scenarios } from './fixture.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/report.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validateReport = ajv.compile(schema);

function render(result: ScanResult): Record<string, unknown> {
  return JSON.parse(jsonReport(result, fixtureCatalogue, { color: false })) as Record<string, unknown>;
}

describe('json report', () => {
  const cases: [string, () => unknown][] = [
    ...Object.entries(scenarios).map(([name, result]): [string, () => unknown] => [name, () => render(result)]),
    ['real engine output', () => JSON.parse(jsonReport(engineResult(), engineCatalogue, { color: false }))],
  ];
  for (const [name, report] of cases) {
    it(`validates against schemas/report.schema.json: ${name}`, () => {
      validateReport(report());
      expect(validateReport.errors ?? [], ajv.errorsText(validateReport.errors)).toEqual([]);
    });
  }

  it('has the DESIGN shape, in a fixed key order', () => {
    expect(Object.keys(render(fullResult))).toEqual([
      'schemaVersion',
      'tool',
      'cloud',
      'collectedAt',
      'scope',
      'checks',
      'incomplete',
      'findings',
      'summary',
    ]);
    expect(render(fullResult).summary).toEqual({ error: 1, warning: 2, note: 0 });
  });

  it('lists a failed check under incomplete', () => {
    expect(render(fullResult).incomplete).toContainEqual({
      checkId: 'route/blackhole',
      reason: "check failed: Cannot read properties of undefined (reading 'routes')",
    });
  });

  it('carries baseline states and suppressions, and leaves them out of the summary', () => {
    const report = render(baselineResult) as { findings: Record<string, unknown>[]; summary: unknown };
    expect(report.findings.map((finding) => finding.baselineState)).toEqual(['absent', 'new', 'unchanged']);
    expect(report.findings[2]!.suppression).toEqual({
      reason: 'Public access stays on until the build agents move into the VNet.',
      expires: '2027-01-31',
    });
    expect(report.findings[0]).not.toHaveProperty('suppression');
    expect(report.summary).toEqual({ error: 1, warning: 0, note: 0 });
  });

  it('drops fields that are not part of the contract', () => {
    const withInternalField = { ...fullResult.findings[0]!, internal: 'x' };
    const leaky: ScanResult = { ...fullResult, findings: [withInternalField] };
    validateReport(render(leaky));
    expect(validateReport.errors ?? []).toEqual([]);
  });

  it('the schema rejects what the contract forbids', () => {
    const report = render(fullResult) as { findings: Record<string, unknown>[] };
    report.findings[0]!.level = 'critical';
    expect(validateReport(report)).toBe(false);
  });
});
