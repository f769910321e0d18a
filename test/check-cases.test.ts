/// <reference types="vite/client" />
// Runs every case table: each checks/<group>/<slug>.cases.ts against the check exported by
// checks/<group>/<slug>.ts, through test/check-cases.ts. A case table without its check, or a check
// (in a file or in the catalogue) without a case table, fails here.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Check } from '../checks/define.js';
import type recordMissing from '../checks/dns/record-missing.js';
import { catalogue } from '../checks/index.js';
import { checkCases, type CheckCase, type MessageId } from './check-cases.js';

const caseModules = import.meta.glob<{ default: CheckCase[] }>('../checks/*/*.cases.ts', { eager: true });
const checkModules = import.meta.glob<{ default: Check }>(
  ['../checks/*/*.ts', '!../checks/*/index.ts', '!../checks/*/*.cases.ts', '!../checks/*/*.test.ts'],
  { eager: true },
);

/** `../checks/dns/record-missing.cases.ts` -> `dns/record-missing`. */
const idOf = (path: string) => path.replace(/^\.\.\/checks\//, '').replace(/(\.cases)?\.ts$/, '');

const casesById = new Map(Object.entries(caseModules).map(([path, module]) => [idOf(path), module.default]));
const checksById = new Map(Object.entries(checkModules).map(([path, module]) => [idOf(path), module.default]));

describe('case tables', () => {
  it('every case table sits next to the check it tests', () => {
    const orphans = [...casesById.keys()].filter((id) => checksById.get(id)?.id !== id);
    expect(orphans, `case tables without a check exporting that id from checks/<id>.ts: ${orphans.join(', ')}`).toEqual(
      [],
    );
  });

  it('every check has a case table', () => {
    const ids = new Set([...checksById.keys(), ...catalogue.map((check) => check.id)]);
    const untested = [...ids].filter((id) => !casesById.has(id)).sort();
    expect(untested, `checks without checks/<id>.cases.ts: ${untested.join(', ')}`).toEqual([]);
  });

  it('types expected message ids by their check (checked by tsc)', () => {
    expectTypeOf<MessageId<typeof recordMissing>>().toEqualTypeOf<'missing'>();
    expectTypeOf<MessageId<Check>>().toEqualTypeOf<string>();
  });
});

for (const [id, cases] of [...casesById].sort(([a], [b]) => a.localeCompare(b))) {
  const check = checksById.get(id);
  if (check?.id === id) checkCases(check, cases);
}
