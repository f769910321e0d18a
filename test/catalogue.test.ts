/// <reference types="vite/client" />
// The catalogue-wide consistency test: every check file is registered and every registered check
// has a file, a valid id matching its path, its case table and valid metadata; and the checks
// agree with the list of released ids and levels.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Check } from '../checks/define.js';
import { checkGroups } from '../checks/define.js';
import { catalogue } from '../checks/index.js';
import { allowedTags } from '../checks/tags.js';
import { levels } from '../src/engine/types.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const checksDir = join(root, 'checks');
const idPattern = /^(dns|route|firewall|paas|network)\/[a-z0-9-]+$/;

const checkModules = import.meta.glob<{ default: Check }>(
  ['../checks/*/*.ts', '!../checks/*/index.ts', '!../checks/*/*.cases.ts', '!../checks/*/*.test.ts'],
  { eager: true },
);
const groupIndexes = import.meta.glob<Record<string, unknown>>('../checks/*/index.ts', { eager: true });

/** `<group>/<slug>` for every check source file on disk. */
function checkFilesOnDisk(): string[] {
  return readdirSync(checksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((group) =>
      readdirSync(join(checksDir, group.name))
        .filter((file) => file.endsWith('.ts') && !/\.(cases|test)\.ts$/.test(file))
        .map((file) => file.replace(/\.ts$/, ''))
        .filter((slug) => !['index', 'define', 'tags'].includes(slug))
        .map((slug) => `${group.name}/${slug}`),
    )
    .sort();
}

describe('check catalogue', () => {
  it('holds checks whose ids are unique and well formed', () => {
    const ids = catalogue.map((check) => check.id);
    expect(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      'duplicate ids',
    ).toEqual([]);
    expect(
      ids.filter((id) => !idPattern.test(id)),
      `ids must match ${idPattern}`,
    ).toEqual([]);
  });

  it('is sorted by id', () => {
    const ids = catalogue.map((check) => check.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });

  it('has only the known groups as folders under checks/', () => {
    const folders = readdirSync(checksDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !(checkGroups as readonly string[]).includes(folder))).toEqual([]);
  });

  it('agrees with the files under checks/ in both directions', () => {
    const onDisk = checkFilesOnDisk();
    const registered = catalogue.map((check) => check.id);
    const unregistered = onDisk.filter((id) => !registered.includes(id as Check['id']));
    expect(
      unregistered,
      `check files missing from their group index (checks/<group>/index.ts), add them there: ${unregistered.join(', ')}`,
    ).toEqual([]);
    const fileless = registered.filter((id) => !onDisk.includes(id));
    expect(fileless, `catalogue entries without a file checks/<id>.ts: ${fileless.join(', ')}`).toEqual([]);
  });

  it("registers each file's own check under the id its path gives", () => {
    const registered = new Map(catalogue.map((check) => [check.id as string, check]));
    const mismatched = Object.entries(checkModules).flatMap(([path, module]) => {
      const expectedId = path.replace(/^\.\.\/checks\//, '').replace(/\.ts$/, '');
      const check = module.default;
      if (check?.id !== expectedId) return [`${path} exports ${String(check?.id)}, expected ${expectedId}`];
      // A file missing from the catalogue altogether is the previous test's finding.
      if (registered.has(expectedId) && registered.get(expectedId) !== check) {
        return [`${path}: the catalogue holds another object for ${expectedId}`];
      }
      return [];
    });
    expect(mismatched, mismatched.join('; ')).toEqual([]);
  });

  it('keeps each group index to its own group, sorted by id', () => {
    for (const [path, module] of Object.entries(groupIndexes)) {
      const group = path.split('/')[2]!;
      const lists = Object.values(module).filter(Array.isArray) as Check[][];
      expect(lists, `${path} exports one array of checks`).toHaveLength(1);
      const ids = lists[0]!.map((check) => check.id);
      expect(
        ids.filter((id) => !id.startsWith(`${group}/`)),
        `${path} lists checks of other groups`,
      ).toEqual([]);
      expect(ids, `${path} is sorted by id`).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    }
  });

  for (const check of catalogue) {
    describe(check.id, () => {
      it('has its case table next to it', () => {
        expect(existsSync(join(checksDir, `${check.id}.cases.ts`)), `checks/${check.id}.cases.ts`).toBe(true);
      });

      it('has a valid level and allowed, distinct tags', () => {
        expect(levels).toContain(check.level);
        expect(check.tags.length).toBeGreaterThan(0);
        expect(check.tags.filter((tag) => !(allowedTags as readonly string[]).includes(tag))).toEqual([]);
        expect(new Set(check.tags).size).toBe(check.tags.length);
        if (check.securitySeverity !== undefined) {
          expect(check.securitySeverity).toBeGreaterThanOrEqual(0.1);
          expect(check.securitySeverity).toBeLessThanOrEqual(10);
        }
      });

      it('has a title that states the desired state', () => {
        expect(check.title.length, 'at most 80 characters').toBeLessThanOrEqual(80);
        expect(check.title, 'no trailing period').not.toMatch(/\.\s*$/);
        expect(check.title, 'never "Ensure ..."').not.toMatch(/^ensure\b/i);
        expect(check.title, 'starts with a capital').toMatch(/^[A-Z]/);
      });

      it('explains itself: rationale, remediation and references', () => {
        expect(check.rationale.trim()).not.toBe('');
        expect(check.remediation.trim()).not.toBe('');
        expect(check.references.length).toBeGreaterThan(0);
        for (const reference of check.references) {
          expect(reference.title.trim()).not.toBe('');
          expect(reference.url).toMatch(/^https:\/\/\S+$/);
        }
        expect(Object.keys(check.messages).length).toBeGreaterThan(0);
      });

      it('links to its generated doc page', () => {
        expect(check.helpUri.endsWith(`docs/checks/${check.id}.md`)).toBe(true);
      });
    });
  }
});

// checks/released.json lists every check id plaudit has released, with its level: the public
// contract that configuration, suppressions, baselines and SARIF rule ids depend on. Ids are
// appended to it, never removed or renamed, so every released id must still name a check.
const releasedPath = join(root, 'checks/released.json');
const released = JSON.parse(readFileSync(releasedPath, 'utf8')) as unknown;

describe('released check ids (checks/released.json)', () => {
  const entries = Array.isArray(released) ? (released as { id?: unknown; level?: unknown }[]) : [];

  it('is a list of { id, level } entries with well-formed, unique ids', () => {
    expect(Array.isArray(released), 'checks/released.json holds an array').toBe(true);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(Object.keys(entry).sort(), JSON.stringify(entry)).toEqual(['id', 'level']);
      expect(entry.id).toMatch(idPattern);
      expect(levels).toContain(entry.level);
    }
    const ids = entries.map((entry) => entry.id);
    expect(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      'duplicate ids',
    ).toEqual([]);
  });

  it('every released id still names a check (ids are never removed or renamed)', () => {
    const implemented = new Set<unknown>(catalogue.map((check) => check.id));
    const gone = entries.map((entry) => entry.id).filter((id) => !implemented.has(id));
    expect(gone, `released ids without a check in the catalogue: ${gone.join(', ')}`).toEqual([]);
  });

  it('every check in the catalogue is released, at the level it was released with', () => {
    const problems = catalogue.flatMap((check) => {
      const entry = entries.find((candidate) => candidate.id === check.id);
      if (!entry) return [`${check.id} is not in checks/released.json: append { "id", "level" } for it`];
      return entry.level === check.level ? [] : [`${check.id} is ${check.level}, released as ${String(entry.level)}`];
    });
    expect(problems, problems.join('; ')).toEqual([]);
  });
});
