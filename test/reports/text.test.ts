import { describe, expect, it } from 'vitest';
import { textReport } from '../../reports/text.js';
import type { ScanResult } from '../../src/engine/types.js';
import { cleanResult, fixtureCatalogue, fullResult, scenarios } from './fixture.js';

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/;

describe('text report', () => {
  it('has no ANSI codes unless colour is asked for', () => {
    for (const result of Object.values(scenarios)) {
      expect(textReport(result, fixtureCatalogue, { color: false })).not.toMatch(ansi);
      expect(textReport(result, fixtureCatalogue, { color: true })).toMatch(ansi);
    }
  });

  it('with colour, shows the same text', () => {
    const coloured = textReport(fullResult, fixtureCatalogue, { color: true });
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(textReport(fullResult, fixtureCatalogue, { color: false }));
  });

  it('says plainly when there is nothing to report', () => {
    expect(textReport(cleanResult, fixtureCatalogue, { color: false })).toContain('No findings: all 6 checks passed.');
  });

  it('does not call an incomplete scan clean', () => {
    const incomplete: ScanResult = { ...fullResult, findings: [] };
    const output = textReport(incomplete, fixtureCatalogue, { color: false });
    expect(output).toContain('No findings, but the scan is incomplete');
    expect(output).not.toContain('passed');
    expect(output).toMatch(/Summary: 0 errors, 0 warnings, 0 notes; 3 incomplete\.\n$/);
  });

  it('still prints a finding whose check is not in the catalogue', () => {
    const output = textReport(fullResult, [], { color: false });
    expect(output).toContain('\ndns/record-ip-mismatch\n');
  });
});
