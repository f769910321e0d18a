// A case-table tester for checks, in the spirit of ESLint's RuleTester: every case goes through the
// real snapshot -> inventory path, the check runs alone over a frozen inventory, and the exact
// multiset of findings is compared. test/check-cases.test.ts runs it for every case table.
import { describe, expect, it } from 'vitest';
import type { Check, CheckContext, Messages } from '../checks/define.js';
import { defaultCheckContext, isInconclusive } from '../checks/define.js';
import { runChecks } from '../src/engine/run.js';
import type { Level } from '../src/engine/types.js';
import { normalizeId } from '../src/ids.js';
import type { Inventory } from '../src/inventory/inventory.js';
import { buildInventory } from '../src/inventory/build/index.js';
import { parseSnapshot } from '../src/snapshot/read.js';
import type { Estate } from './estates.js';

/**
 * The message ids a check defines (any string for the catalogue's erased `Check`). A check whose
 * messages are typed `Record<string, ...>` has no ids to name here: give its messages literal keys.
 */
export type MessageId<C extends Check> = 0 extends 1 & C['messages']
  ? string
  : string extends keyof C['messages']
    ? never
    : keyof C['messages'] & string;

export interface ExpectedFinding<C extends Check = Check> {
  resourceId: string;
  messageId: MessageId<C>;
  related?: string[];
  level?: Level;
  /** How many (source, target) pairs the finding says it breaks, when it carries them. */
  pairs?: number;
}

/**
 * One named estate and the exact findings a check reports for it. A case table types itself by its
 * check, so an expected message id the check does not define fails to compile:
 * `export default [...] satisfies CheckCase<typeof check>[];` with `import type check from './<slug>.js';`.
 */
export interface CheckCase<C extends Check = Check> {
  name: string;
  estate: Estate;
  expect: ExpectedFinding<C>[];
  /** Resources the check must report as inconclusive (under `incomplete`). */
  inconclusive?: string[];
  context?: CheckContext;
}

export function checkCases<M extends Messages>(check: Check<M>, cases: readonly CheckCase<Check<M>>[]): void {
  describe(check.id, () => {
    it('has a valid case table', () => {
      const names = cases.map((testCase) => testCase.name);
      expect(new Set(names).size, 'case names must be unique').toBe(names.length);
      expect(
        cases.some((testCase) => testCase.expect.length === 0 && !testCase.inconclusive?.length),
        'needs a passing case',
      ).toBe(true);
      expect(
        cases.some((testCase) => testCase.expect.length > 0),
        'needs a failing case',
      ).toBe(true);
      for (const testCase of cases) {
        for (const finding of testCase.expect) {
          expect(Object.keys(check.messages), `unknown message id in "${testCase.name}"`).toContain(finding.messageId);
        }
      }
    });

    for (const testCase of cases) {
      it(testCase.name, () => {
        const snapshot = parseSnapshot(structuredClone(testCase.estate.snapshot()), testCase.name);
        const before = JSON.stringify(snapshot);
        const inventory = buildInventory(snapshot);
        // The check gets the inventory every check of a scan shares: read-only before it runs.
        expect(Object.isFrozen(inventory), 'the inventory is read-only').toBe(true);
        expect(() => (inventory.resources as Map<string, unknown>).set('x', {}), 'maps have no setters').toThrow();
        const sizes = inventorySizes(inventory);
        const context = testCase.context ?? defaultCheckContext;
        const results = check.evaluate(inventory, context);
        expect(inventorySizes(inventory), 'checks do not change the inventory').toEqual(sizes);
        const reported = results.filter((result) => !isInconclusive(result));

        const actual = reported.map((result) => {
          if (isInconclusive(result)) throw new Error('unreachable');
          const message = check.messages[result.messageId]!(result.data);
          expect(message, 'messages start with a capital letter').toMatch(/^[A-Z0-9]/);
          expect(message, 'messages end with a period').toMatch(/\.$/);
          expect(message, 'messages render all their data').not.toMatch(/undefined|NaN|\[object Object\]/);
          expect(
            inventory.has(result.resourceId) || isSubscriptionScope(result.resourceId),
            `resource ${result.resourceId} exists`,
          ).toBe(true);
          for (const id of result.related ?? []) expect(inventory.has(id), `related ${id} exists`).toBe(true);
          return describeFinding(
            result.resourceId,
            result.messageId,
            result.related ?? [],
            result.level ?? check.level,
            result.affected?.pairs,
          );
        });
        const expected = testCase.expect.map((finding) =>
          describeFinding(
            finding.resourceId,
            finding.messageId,
            finding.related ?? [],
            finding.level ?? check.level,
            finding.pairs,
          ),
        );
        // Findings the engine would merge (same fingerprint) count once.
        const engine = runChecks(inventory, [check as unknown as Check], { context });
        expect(engine.findings.length, 'no two results share a fingerprint').toBe(reported.length);
        expect(engine.checkFailures).toEqual([]);
        expect(actual.sort()).toEqual(expected.sort());

        const inconclusive = results.filter(isInconclusive).map((result) => normalizeId(result.resourceId));
        expect(inconclusive.sort()).toEqual((testCase.inconclusive ?? []).map(normalizeId).sort());
        expect(JSON.stringify(snapshot), 'checks do not modify their input').toBe(before);
      });
    }
  });
}

function describeFinding(
  resourceId: string,
  messageId: string,
  related: readonly string[],
  level: string,
  pairs: number | undefined,
): string {
  const relatedIds = [...new Set(related.map(normalizeId))].filter((id) => id !== normalizeId(resourceId)).sort();
  const affected = pairs === undefined ? '' : ` affecting ${pairs} pairs`;
  return `${normalizeId(resourceId)} ${messageId} [${relatedIds.join(', ')}] ${level}${affected}`;
}

function isSubscriptionScope(id: string): boolean {
  return /^\/subscriptions\/[^/]+$/i.test(id);
}

function inventorySizes(inventory: Inventory): Record<string, number> {
  return Object.fromEntries(
    Object.entries(inventory).flatMap(([name, value]) =>
      value instanceof Object && 'size' in value ? [[name, value.size]] : [],
    ),
  );
}
