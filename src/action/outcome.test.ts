// Upload or not, fail or not: above all, an incomplete scan is never uploaded as if complete.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionOutcome, categoryOf, overrideSarifCategory, type ActionOutcome } from './outcome.js';
import { stepSummary, summaryLimitBytes } from './summary.js';

const dir = mkdtempSync(join(tmpdir(), 'plaudit-action-'));
let files = 0;

function sarifFile(executionSuccessful: unknown, id = 'plaudit/sub-0000/20261120T020000Z'): string {
  const path = join(dir, `log-${(files += 1)}.sarif`);
  const invocation = executionSuccessful === undefined ? {} : { executionSuccessful };
  writeFileSync(
    path,
    JSON.stringify({ version: '2.1.0', runs: [{ automationDetails: { id }, invocations: [invocation], results: [] }] }),
  );
  return path;
}

describe('actionOutcome', () => {
  it('exit 0, complete: upload, pass', () => {
    expect(actionOutcome(0, sarifFile(true))).toEqual({
      upload: true,
      fail: false,
      incomplete: false,
      category: 'plaudit/sub-0000',
      message: 'plaudit found nothing at or above fail-on.',
    });
  });

  it('exit 1, complete: upload the findings, then fail the gate', () => {
    const outcome = actionOutcome(1, sarifFile(true));
    expect(outcome).toMatchObject({ upload: true, fail: true, incomplete: false });
    expect(outcome.message).toMatch(/found findings at or above fail-on .* under category plaudit\/sub-0000\.$/);
  });

  it('exit 3: refuse the upload, which would close alerts of the category, and fail', () => {
    const outcome = actionOutcome(3, sarifFile(false));
    expect(outcome).toMatchObject({ upload: false, fail: true, incomplete: true, category: 'plaudit/sub-0000' });
    expect(outcome.message).toContain('The scan was incomplete');
    expect(outcome.message).toContain('replaces all alerts of category plaudit/sub-0000 on each upload');
    expect(outcome.message).toContain('would close open alerts');
  });

  it('findings and an incomplete scan (exit 1): the log says incomplete, so no upload either', () => {
    const outcome = actionOutcome(1, sarifFile(false));
    expect(outcome).toMatchObject({ upload: false, fail: true, incomplete: true });
    expect(outcome.message).toMatch(/It also found findings at or above fail-on\.$/);
  });

  it('trusts the log over the exit code: exit 0 with executionSuccessful false is not uploaded', () => {
    expect(actionOutcome(0, sarifFile(false))).toMatchObject({ upload: false, fail: true, incomplete: true });
    // SARIF requires executionSuccessful; a log without it is not taken as complete.
    expect(actionOutcome(0, sarifFile(undefined))).toMatchObject({ upload: false, incomplete: true });
  });

  it('exit 3 with no log at all is still incomplete', () => {
    const outcome = actionOutcome(3, join(dir, 'missing.sarif'));
    expect(outcome).toMatchObject({ upload: false, fail: true, incomplete: true });
    expect(outcome.message).toContain('all alerts of its category');
  });

  it('exit 2: a usage error, nothing to upload', () => {
    const outcome = actionOutcome(2, join(dir, 'missing.sarif'));
    expect(outcome).toEqual({
      upload: false,
      fail: true,
      incomplete: false,
      message:
        'plaudit stopped on a usage or input error (exit code 2); the log above says what to fix. Nothing was uploaded.',
    });
  });

  it('a crash or a signal: nothing to upload', () => {
    expect(actionOutcome(134, sarifFile(true))).toMatchObject({ upload: false, fail: true });
    expect(actionOutcome(null, sarifFile(true)).message).toContain('killed by a signal');
  });

  it('exit 0 or 1 without a usable log: fail, nothing to upload', () => {
    expect(actionOutcome(0, join(dir, 'missing.sarif'))).toMatchObject({ upload: false, fail: true });
    expect(actionOutcome(0, join(dir, 'missing.sarif')).message).toContain('missing.sarif was not written');
    const broken = join(dir, 'broken.sarif');
    writeFileSync(broken, '{"runs": [');
    expect(actionOutcome(1, broken).message).toContain('is not valid JSON');
  });
});

describe('overrideSarifCategory', () => {
  it('replaces the category and keeps the run id', () => {
    const path = sarifFile(true, 'plaudit/sub-0000/20261120T020000Z');
    overrideSarifCategory(path, 'plaudit/production/');
    const log = JSON.parse(readFileSync(path, 'utf8')) as { runs: { automationDetails: { id: string } }[] };
    expect(log.runs[0]!.automationDetails.id).toBe('plaudit/production/20261120T020000Z');
    expect(actionOutcome(0, path).category).toBe('plaudit/production');
  });

  it('keeps an empty run id empty', () => {
    const path = sarifFile(true, 'plaudit/sub-0000/');
    overrideSarifCategory(path, 'nightly');
    expect(actionOutcome(0, path).category).toBe('nightly');
  });

  it('categoryOf follows GitHub: up to the last slash; none without one', () => {
    expect(categoryOf('plaudit/all/20261120T020000Z')).toBe('plaudit/all');
    expect(categoryOf('plaudit/all/')).toBe('plaudit/all');
    expect(categoryOf('no-slash')).toBeUndefined();
  });
});

describe('job summary', () => {
  const passed: ActionOutcome = { upload: true, fail: false, incomplete: false, message: 'All good.' };
  const incomplete: ActionOutcome = {
    upload: false,
    fail: true,
    incomplete: true,
    message: 'The scan was incomplete: not uploaded.',
  };

  it('is the Markdown report when the gate passes', () => {
    expect(stepSummary({ outcome: passed, report: '## ✅ plaudit: 0 errors\n\nText.\n' })).toBe(
      '## ✅ plaudit: 0 errors\n\nText.\n',
    );
  });

  it('starts with a warning when the scan was not uploaded, and ends with the drift', () => {
    const text = stepSummary({ outcome: incomplete, report: '## report\n', drift: '### changed\n' });
    expect(text).toBe(
      '> [!WARNING]\n> The scan was incomplete: not uploaded.\n\n## report\n\n## Drift since the previous snapshot\n\n### changed\n',
    );
  });

  it('says why even when plaudit wrote no report', () => {
    expect(stepSummary({ outcome: incomplete })).toBe('> [!WARNING]\n> The scan was incomplete: not uploaded.\n');
  });

  it('is cut at a line under GitHub’s 1 MiB limit, saying where the full report is', () => {
    const row = '| error | `vnet-app` | Zone privatelink.vaultcore.azure.net is not linked to vnet-app — fix it. |\n';
    const report = row.repeat(Math.ceil((summaryLimitBytes * 1.5) / row.length));
    const text = stepSummary({ outcome: passed, report, reportPath: '/tmp/plaudit.md' });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(summaryLimitBytes);
    expect(text).toMatch(/\|\n\n_The report is too long .* the full report is \/tmp\/plaudit\.md\._\n$/);
  });

  it('says why a complete log was not uploaded after all, before the report', () => {
    const failed: ActionOutcome = { upload: true, fail: true, incomplete: false, message: 'Findings.' };
    expect(stepSummary({ outcome: failed, report: '## report\n', warnings: ['Over a limit.'] })).toBe(
      '> [!CAUTION]\n> Findings.\n\n> [!WARNING]\n> Over a limit.\n\n## report\n',
    );
  });
});
