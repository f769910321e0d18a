// Code scanning rejects a SARIF file over its limits as a whole: the action says which limit, and
// what to do, instead of uploading.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkUploadLimits, codeScanningLimits, limitsMessage } from './limits.js';

interface TestResult {
  ruleId: string;
  message: { text: string };
  locations: unknown[];
  baselineState?: string;
  suppressions?: unknown[];
}

function result(index: number, extra: Partial<TestResult> = {}): TestResult {
  return { ruleId: 'dns/zone-not-linked', message: { text: `finding ${index}` }, locations: [{}], ...extra };
}

function log(runs: { results: TestResult[]; rules?: number }[]): string {
  return JSON.stringify({
    version: '2.1.0',
    runs: runs.map((run) => ({
      tool: {
        driver: { name: 'plaudit', rules: Array.from({ length: run.rules ?? 1 }, (_, index) => ({ id: `r${index}` })) },
      },
      results: run.results,
    })),
  });
}

const many = (count: number, extra: (index: number) => Partial<TestResult> = () => ({})) =>
  Array.from({ length: count }, (_, index) => result(index, extra(index)));

describe('checkUploadLimits', () => {
  it('takes GitHub’s published limits', () => {
    expect(codeScanningLimits).toEqual({
      gzippedBytes: 10_000_000,
      runsPerFile: 20,
      resultsPerRun: 25_000,
      rulesPerRun: 25_000,
      locationsPerResult: 1_000,
      resultsShown: 5_000,
    });
  });

  it('passes a log within every limit', () => {
    expect(checkUploadLimits(log([{ results: many(3) }]))).toEqual({ exceeded: [], truncated: [] });
  });

  it('25,001 results in a run: over the limit, counting the suppressed and absent ones', () => {
    const results = many(25_001, (index) => ({
      ...(index < 300 && { suppressions: [{ kind: 'external' }] }),
      ...(index >= 300 && index < 1_300 && { baselineState: 'absent' }),
    }));
    expect(checkUploadLimits(log([{ results }])).exceeded).toEqual([
      'the run has 25,001 results (300 suppressed, 1,000 absent since the baseline), above the 25,000 code scanning accepts per run',
    ]);
    expect(checkUploadLimits(log([{ results: many(25_000) }])).exceeded).toEqual([]);
  });

  it('more than 5,000 results: accepted, but GitHub shows only the most severe', () => {
    const report = checkUploadLimits(log([{ results: many(5_001) }]));
    expect(report.exceeded).toEqual([]);
    expect(report.truncated).toEqual([
      'the run has 5,001 results; code scanning shows only the 5,000 most severe (the JSON report and the job summary have them all)',
    ]);
  });

  it('more than 20 runs per file, naming the run over a per-run limit', () => {
    const runs: { results: TestResult[]; rules?: number }[] = Array.from({ length: 21 }, () => ({ results: many(1) }));
    runs[4] = { results: many(1), rules: 25_001 };
    expect(checkUploadLimits(log(runs)).exceeded).toEqual([
      'the log has 21 runs, above the 20 code scanning accepts per file',
      'run 5 has 25,001 rules, above the 25,000 code scanning accepts per run',
    ]);
  });

  it('a result with more than 1,000 locations', () => {
    const results = [result(0, { locations: Array.from({ length: 1_001 }, () => ({})) })];
    expect(checkUploadLimits(log([{ results }])).exceeded).toEqual([
      'a result of the run has 1,001 locations, above the 1,000 code scanning accepts per result',
    ]);
  });

  it('measures the file gzipped, as GitHub does', () => {
    // Random text barely compresses: 2 MB of it is well over a 1 MB limit, whatever gzip does.
    const noisy = log([{ results: [result(0, { message: { text: randomBytes(1_000_000).toString('hex') } })] }]);
    const limits = { ...codeScanningLimits, gzippedBytes: 500_000 };
    expect(checkUploadLimits(noisy, limits).exceeded).toEqual([
      expect.stringMatching(/^the log is 1\.\d+ MB gzipped, above the 0\.5 MB code scanning accepts per file$/),
    ]);
    // The same size of repetitive text compresses far below it.
    const plain = log([{ results: [result(0, { message: { text: 'a'.repeat(2_000_000) } })] }]);
    expect(checkUploadLimits(plain, limits).exceeded).toEqual([]);
  });
});

describe('limitsMessage', () => {
  it('names the limit and what to do: narrow the checks, split the scope or shard, fix, mind the baseline', () => {
    const message = limitsMessage(['the run has 25,001 results, above the 25,000 code scanning accepts per run']);
    expect(message).toMatch(/^The SARIF log was not uploaded: the run has 25,001 results, above the 25,000 /);
    expect(message).toContain('input checks');
    expect(message).toContain('shard with a sarif-category per shard');
    expect(message).toContain('baseline');
  });
});
