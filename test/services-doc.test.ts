// docs/services.md is generated from the services table; this test fails when the page differs
// from what the generator makes now, and `npm run docs` (PLAUDIT_UPDATE_DOCS=1) rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { services } from '../src/data/services.js';
import { renderServicesDoc } from '../src/docs/services.js';

const page = fileURLToPath(new URL('../docs/services.md', import.meta.url));

describe('docs/services.md', () => {
  it('matches the services table', () => {
    const expected = renderServicesDoc();
    if (process.env.PLAUDIT_UPDATE_DOCS === '1') writeFileSync(page, expected);
    expect(readFileSync(page, 'utf8')).toBe(expected);
  });

  it('names a Microsoft source for every entry', () => {
    for (const entry of services) {
      const sources = [entry.publicAccess?.source, ...Object.values(entry.groups).map((group) => group.source)];
      for (const source of sources) {
        if (source !== undefined) expect(source, entry.resourceType).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      }
    }
  });
});
