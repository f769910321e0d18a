/// <reference types="vite/client" />
// The check docs under docs/checks/ are generated: each page from its check's metadata and the
// findings its first failing case produces (run through the real snapshot -> inventory -> engine
// path). This test fails when a page on disk differs from what the generator makes now;
// `npm run docs` (PLAUDIT_UPDATE_DOCS=1) rewrites them and removes pages of checks that are gone.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Check } from '../checks/define.js';
import { catalogue } from '../checks/index.js';
import { docPath, renderCheckDoc, renderDocsIndex } from '../src/docs/render.js';
import { runChecks } from '../src/engine/run.js';
import { buildInventory } from '../src/inventory/build/index.js';
import { parseSnapshot } from '../src/snapshot/read.js';
import type { CheckCase } from './check-cases.js';

const docsDir = fileURLToPath(new URL('../docs/checks/', import.meta.url));
const update = process.env.PLAUDIT_UPDATE_DOCS === '1';

const caseModules = import.meta.glob<{ default: CheckCase[] }>('../checks/*/*.cases.ts', { eager: true });
const casesById = new Map(
  Object.entries(caseModules).map(([path, module]) => [
    path.replace(/^\.\.\/checks\//, '').replace(/\.cases\.ts$/, ''),
    module.default,
  ]),
);

/** The messages of the first case that expects findings, as the engine renders and orders them. */
function exampleMessages(check: Check): string[] {
  const example = casesById.get(check.id)?.find((testCase) => testCase.expect.length > 0);
  if (!example) return [];
  const snapshot = parseSnapshot(structuredClone(example.estate.snapshot()), example.name);
  const outcome = runChecks(buildInventory(snapshot), [check], example.context ? { context: example.context } : {});
  if (outcome.checkFailures.length > 0) {
    throw new Error(`${check.id} failed on its case "${example.name}": ${outcome.checkFailures[0]!.error}`);
  }
  return outcome.findings.map((finding) => finding.message);
}

/** Path under docs/checks/ -> content, or the error that kept it from being rendered. */
function expectedPages(): Map<string, string | Error> {
  const pages = new Map<string, string | Error>([['README.md', renderDocsIndex(catalogue)]]);
  for (const check of catalogue) {
    try {
      pages.set(docPath(check), renderCheckDoc(check, exampleMessages(check)));
    } catch (error) {
      pages.set(docPath(check), error instanceof Error ? error : new Error(String(error)));
    }
  }
  return pages;
}

function pagesOnDisk(dir = docsDir, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? pagesOnDisk(join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.md')
        ? [`${prefix}${entry.name}`]
        : [],
  );
}

const pages = expectedPages();

describe('generated check docs', () => {
  if (update) {
    it('writes docs/checks/', () => {
      for (const [path, content] of pages) {
        if (content instanceof Error) throw content;
        mkdirSync(dirname(join(docsDir, path)), { recursive: true });
        writeFileSync(join(docsDir, path), content);
      }
      for (const path of pagesOnDisk()) {
        if (pages.has(path)) continue;
        rmSync(join(docsDir, path));
        const dir = dirname(join(docsDir, path));
        if (readdirSync(dir).length === 0) rmdirSync(dir);
      }
    });
    return;
  }

  for (const [path, content] of pages) {
    it(`docs/checks/${path} is up to date`, () => {
      if (content instanceof Error) throw content;
      const file = join(docsDir, path);
      const onDisk = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      expect(onDisk, `docs/checks/${path} is out of date: run \`npm run docs\``).toBe(content);
    });
  }

  it('docs/checks/ holds no page for a check that does not exist', () => {
    const stale = pagesOnDisk().filter((path) => !pages.has(path));
    expect(stale, 'stale pages under docs/checks/: run `npm run docs`').toEqual([]);
  });

  it('every check page has an example finding', () => {
    const without = catalogue.filter(
      (check) => !casesById.get(check.id)?.some((testCase) => testCase.expect.length > 0),
    );
    expect(
      without.map((check) => check.id),
      'these checks need a failing case in checks/<group>/<slug>.cases.ts',
    ).toEqual([]);
  });
});
