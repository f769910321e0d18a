import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Suites that replace a module (vi.mock): each gets a fresh module graph of its own. */
const mocking = ['test/atomic-writes.test.ts'];

/**
 * Suites that spend long stretches waiting (on child processes, a browser, npm, retry delays) start
 * first, so the other worker's suites fill their waits, and so does the longest busy one (the trace
 * index comparisons), so that it does not finish last alone; the rest follow in Vitest's own order (the
 * longest last time first, or on a first run the largest file first).
 */
const startFirst = [
  'test/azure/cli-hostile.test.ts',
  'test/trace-index.test.ts',
  'test/package.test.ts',
  'test/browser/html-reports.test.ts',
  'test/output-safety.test.ts',
  'test/fuzz.test.ts',
  'test/azure/faults.test.ts',
  'test/action-bundle.test.ts',
];

class WaitingSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // `--sequence.shuffle` shuffles the files too, as with Vitest's own sequencers.
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return shuffled(files, seed);
    const rank = (file: TestSpecification): number => {
      const index = startFirst.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return index === -1 ? startFirst.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/** A seeded Fisher-Yates shuffle (mulberry32), so a failing order can be run again with --sequence.seed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

export default defineConfig({
  test: {
    // Each project below names its files (a project's include would add to one given here).
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    // Vitest's default on a machine of two cores is one worker; many suites wait on child processes,
    // a browser or timers, so two keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: WaitingSuitesFirst },
    coverage: {
      provider: 'v8',
      include: ['src/**', 'checks/**', 'reports/**'],
      exclude: ['**/*.test.ts'],
    },
    projects: [
      // The rest share their workers' module graphs (isolate: false): a suite must leave no state
      // behind (restore spies, environment variables and the working directory).
      { extends: true, test: { name: 'shared', isolate: false, include: ['**/*.test.ts'], exclude: mocking } },
      { extends: true, test: { name: 'mocking', isolate: true, include: mocking } },
    ],
  },
});
