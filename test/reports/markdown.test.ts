import { describe, expect, it } from 'vitest';
import { cell, markdownReport } from '../../reports/markdown.js';
import type { ScanResult } from '../../src/engine/types.js';
import { fixtureCatalogue, fullResult } from './fixture.js';

describe('markdown report', () => {
  it('escapes pipes and line breaks in table cells', () => {
    expect(cell('a | b\nc\r\nd')).toBe('a \\| b<br>c<br>d');
    const awkward: ScanResult = {
      ...fullResult,
      findings: [{ ...fullResult.findings[1]!, message: 'Rule "allow | deny"\nspans two lines.' }],
    };
    const rows = markdownReport(awkward, fixtureCatalogue, { color: false })
      .split('\n')
      .filter((line) => line.startsWith('| error'));
    expect(rows).toEqual(['| error | `kv-pep-spokepep` | Rule "allow \\| deny"<br>spans two lines. |']);
  });

  it("links each check's heading to its help page", () => {
    const output = markdownReport(fullResult, fixtureCatalogue, { color: false });
    for (const finding of fullResult.findings) {
      expect(output).toContain(
        `### [\`${finding.checkId}\`](https://github.com/plaudit-dev/plaudit/blob/main/docs/checks/${finding.checkId}.md)`,
      );
    }
  });

  it('puts the verdict in the first line', () => {
    expect(markdownReport(fullResult, fixtureCatalogue, { color: false }).split('\n')[0]).toBe(
      '## ❌ plaudit: 1 error, 2 warnings, 0 notes, scan incomplete',
    );
    const incompleteOnly: ScanResult = { ...fullResult, findings: [] };
    expect(markdownReport(incompleteOnly, fixtureCatalogue, { color: false }).split('\n')[0]).toBe(
      '## ⚠️ plaudit: no findings, scan incomplete',
    );
  });
});
