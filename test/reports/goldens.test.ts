// Every reporter against fixed scan results, compared byte for byte with the files under goldens/.
// UPDATE_GOLDENS=1 rewrites them; review the diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formats, reporters } from '../../reports/index.js';
import { fixtureCatalogue, scenarios } from './fixture.js';

const goldensDir = fileURLToPath(new URL('./goldens/', import.meta.url));
const update = process.env.UPDATE_GOLDENS === '1';

// `.golden` keeps formatters from reflowing the expected bytes.
const extension = { text: 'txt', json: 'json', sarif: 'sarif', markdown: 'md', csv: 'csv', html: 'html' } as const;

describe('reporter goldens', () => {
  for (const [scenario, result] of Object.entries(scenarios)) {
    for (const format of formats) {
      it(`${format}: ${scenario}`, () => {
        const output = reporters[format](deepFrozen(result), fixtureCatalogue, { color: false });
        const file = `${goldensDir}${scenario}.${extension[format]}.golden`;
        if (update) {
          mkdirSync(goldensDir, { recursive: true });
          writeFileSync(file, output);
          return;
        }
        expect(existsSync(file), `${file} is missing: run UPDATE_GOLDENS=1 npx vitest run test/reports`).toBe(true);
        expect(output, `${scenario}.${extension[format]}.golden differs`).toBe(readFileSync(file, 'utf8'));
      });
    }
  }

  it('every reporter is deterministic and ends with one newline', () => {
    for (const format of formats) {
      for (const result of Object.values(scenarios)) {
        const first = reporters[format](result, fixtureCatalogue, { color: false });
        expect(reporters[format](structuredClone(result), fixtureCatalogue, { color: false })).toBe(first);
        expect(first).toMatch(/[^\n]\n$/);
      }
    }
  });
});

function deepFrozen<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (inner: unknown): void => {
    if (inner && typeof inner === 'object') {
      for (const entry of Object.values(inner)) freeze(entry);
      Object.freeze(inner);
    }
  };
  freeze(copy);
  return copy;
}
