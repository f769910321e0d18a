// `plaudit checks`: the catalogue as text for people and as JSON metadata for scripts.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';
import { renderCatalogue } from '../../reports/index.js';

describe('renderCatalogue', () => {
  it('lists every check with level, title, tags and help link', () => {
    const output = renderCatalogue(catalogue, 'text');
    for (const check of catalogue) {
      expect(output).toMatch(new RegExp(`^${check.id} +${check.level} +${escape(check.title)}$`, 'm'));
      expect(output).toContain(`tags: ${check.tags.join(', ')}; help: ${check.helpUri}`);
    }
    expect(output.endsWith(`\n${catalogue.length} ${catalogue.length === 1 ? 'check' : 'checks'}.\n`)).toBe(true);
  });

  it('gives the full metadata as JSON', () => {
    const parsed = JSON.parse(renderCatalogue(catalogue, 'json')) as { schemaVersion: number; checks: unknown[] };
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.checks).toEqual(
      catalogue.map((check) =>
        expect.objectContaining({
          id: check.id,
          level: check.level,
          title: check.title,
          tags: [...check.tags],
          helpUri: check.helpUri,
          rationale: check.rationale,
          remediation: check.remediation,
          references: check.references.map((reference) => ({ ...reference })),
          securitySeverity: expect.any(Number),
        }),
      ),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
