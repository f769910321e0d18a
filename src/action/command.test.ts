// The Action's inputs and the plaudit command lines they turn into.
import { describe, expect, it } from 'vitest';
import { outputTargets } from '../cli/outputs.js';
import { actionCommand, collectCommand, diffCommand, reportPaths } from './command.js';
import { ActionInputError, readInputs, type ActionInputs } from './inputs.js';

const dir = '/runner/temp/plaudit-x';

function inputs(env: Record<string, string>): ActionInputs {
  return readInputs(env, dir);
}

/** The --format/--output pairs as the CLI resolves them (by position; no --output = stdout). */
function targets(argv: readonly string[]) {
  const values = (flag: string) => argv.flatMap((arg, index) => (arg === flag ? [argv[index + 1]!] : []));
  return outputTargets(values('--format'), values('--output'), 'text');
}

describe('readInputs', () => {
  it('defaults: every readable subscription, fail on errors, upload, the three report formats', () => {
    expect(inputs({})).toEqual({
      subscriptions: [],
      resourceGroups: [],
      formats: ['json', 'sarif', 'markdown'],
      failOn: 'error',
      failOnNew: false,
      uploadSarif: true,
      outputDir: dir,
    });
  });

  it('treats the empty strings GitHub passes for unset inputs as unset', () => {
    const empty = Object.fromEntries(
      [
        'INPUT_SUBSCRIPTIONS',
        'INPUT_RESOURCE_GROUPS',
        'INPUT_MANAGEMENT_GROUP',
        'INPUT_SNAPSHOT',
        'INPUT_SAVE_SNAPSHOT',
        'INPUT_PREVIOUS_SNAPSHOT',
        'INPUT_BASELINE',
        'INPUT_CONFIG',
        'INPUT_CLOUD',
        'INPUT_SARIF_CATEGORY',
      ].map((name) => [name, '']),
    );
    expect(inputs({ ...empty, INPUT_FAIL_ON: '', INPUT_FAIL_ON_NEW: '', INPUT_UPLOAD_SARIF: '' })).toEqual(inputs({}));
  });

  it('splits lists on newlines, commas and spaces', () => {
    const read = inputs({
      INPUT_SUBSCRIPTIONS: '0000-a\n  0000-b, 0000-c\n',
      INPUT_RESOURCE_GROUPS: '/subscriptions/s/resourceGroups/rg-app,/subscriptions/s/resourceGroups/rg-pep',
    });
    expect(read.subscriptions).toEqual(['0000-a', '0000-b', '0000-c']);
    expect(read.resourceGroups).toEqual([
      '/subscriptions/s/resourceGroups/rg-app',
      '/subscriptions/s/resourceGroups/rg-pep',
    ]);
  });

  it('always writes JSON, SARIF and Markdown, and adds text on request', () => {
    expect(inputs({ INPUT_FORMATS: 'sarif' }).formats).toEqual(['json', 'sarif', 'markdown']);
    expect(inputs({ INPUT_FORMATS: 'text, JSON' }).formats).toEqual(['text', 'json', 'sarif', 'markdown']);
  });

  it('reads booleans as GitHub spells them', () => {
    expect(inputs({ INPUT_UPLOAD_SARIF: 'false' }).uploadSarif).toBe(false);
    expect(inputs({ INPUT_UPLOAD_SARIF: 'TRUE' }).uploadSarif).toBe(true);
    expect(inputs({ INPUT_FAIL_ON_NEW: 'True', INPUT_BASELINE: 'b.json' }).failOnNew).toBe(true);
  });

  it('strips trailing slashes from the category override', () => {
    expect(inputs({ INPUT_SARIF_CATEGORY: 'plaudit/prod/' }).sarifCategory).toBe('plaudit/prod');
  });

  const errors: [string, Record<string, string>, RegExp][] = [
    [
      'an unknown fail-on',
      { INPUT_FAIL_ON: 'critical' },
      /^input fail-on: "critical" is not one of error, warning, note, none$/,
    ],
    [
      'an unknown cloud',
      { INPUT_CLOUD: 'AzureGermanCloud' },
      /^input cloud: "AzureGermanCloud" is not one of AzureCloud/,
    ],
    [
      'an unknown format',
      { INPUT_FORMATS: 'json,html' },
      /^input formats: unknown html; choose from text, json, sarif, markdown, csv$/,
    ],
    ['a boolean that is not one', { INPUT_UPLOAD_SARIF: 'yes' }, /^input upload-sarif: "yes" is not true or false$/],
    [
      'fail-on-new without a baseline',
      { INPUT_FAIL_ON_NEW: 'true' },
      /^input fail-on-new: needs baseline .* set fail-on-new to false$/,
    ],
    [
      'a snapshot with a live scope',
      { INPUT_SNAPSHOT: 's.json', INPUT_SUBSCRIPTIONS: 'x' },
      /^input snapshot: a snapshot file is the whole scope/,
    ],
    ['a snapshot with save-snapshot', { INPUT_SNAPSHOT: 's.json', INPUT_SAVE_SNAPSHOT: 't.json' }, /^input snapshot:/],
    [
      'previous-snapshot with nothing to compare',
      { INPUT_PREVIOUS_SNAPSHOT: 'old.json' },
      /^input previous-snapshot: needs snapshot or save-snapshot/,
    ],
    ['a category of slashes', { INPUT_SARIF_CATEGORY: '//' }, /^input sarif-category: is only slashes$/],
  ];
  for (const [name, env, message] of errors) {
    it(`rejects ${name}, naming the input`, () => {
      expect(() => inputs(env)).toThrow(message);
      expect(() => inputs(env)).toThrow(ActionInputError);
    });
  }
});

describe('actionCommand', () => {
  const paths = reportPaths(dir);

  it('scans the live scope into JSON, SARIF and Markdown files, with text on stdout', () => {
    const argv = actionCommand(
      inputs({
        INPUT_SUBSCRIPTIONS: 'sub-1 sub-2',
        INPUT_RESOURCE_GROUPS: '/subscriptions/sub-3/resourceGroups/rg-app',
        INPUT_MANAGEMENT_GROUP: 'mg-landing-zones',
        INPUT_CLOUD: 'AzureUSGovernment',
      }),
    );
    expect(argv).toEqual([
      'scan',
      '--subscription',
      'sub-1',
      '--subscription',
      'sub-2',
      '--resource-group',
      '/subscriptions/sub-3/resourceGroups/rg-app',
      '--management-group',
      'mg-landing-zones',
      '--cloud',
      'AzureUSGovernment',
      '--format',
      'json',
      '--output',
      paths.json,
      '--format',
      'sarif',
      '--output',
      paths.sarif,
      '--format',
      'markdown',
      '--output',
      paths.markdown,
      '--format',
      'text',
      '--fail-on',
      'error',
    ]);
    expect(targets(argv)).toEqual([
      { format: 'json', path: paths.json },
      { format: 'sarif', path: paths.sarif },
      { format: 'markdown', path: paths.markdown },
      { format: 'text', path: undefined },
    ]);
  });

  it('writes a text file too when asked, still pairing each format with its file', () => {
    const argv = actionCommand(inputs({ INPUT_FORMATS: 'text' }));
    expect(targets(argv)).toEqual([
      { format: 'text', path: paths.text },
      { format: 'json', path: paths.json },
      { format: 'sarif', path: paths.sarif },
      { format: 'markdown', path: paths.markdown },
      { format: 'text', path: undefined },
    ]);
  });

  it('passes fail-on, baseline, fail-on-new and config', () => {
    const argv = actionCommand(
      inputs({
        INPUT_FAIL_ON: 'warning',
        INPUT_BASELINE: 'baseline/plaudit.json',
        INPUT_FAIL_ON_NEW: 'true',
        INPUT_CONFIG: 'plaudit.config.yaml',
      }),
    );
    expect(argv.slice(argv.indexOf('--fail-on'))).toEqual([
      '--fail-on',
      'warning',
      '--baseline',
      'baseline/plaudit.json',
      '--fail-on-new',
      '--config',
      'plaudit.config.yaml',
    ]);
  });

  it('scans a snapshot file instead of a live scope', () => {
    const argv = actionCommand(inputs({ INPUT_SNAPSHOT: 'snapshots/today.json' }));
    expect(argv.slice(0, 3)).toEqual(['scan', '--snapshot', 'snapshots/today.json']);
    expect(argv).not.toContain('--subscription');
  });

  it('with save-snapshot, collects the scope first and scans the file collected', () => {
    const read = inputs({
      INPUT_MANAGEMENT_GROUP: 'mg-corp',
      INPUT_SAVE_SNAPSHOT: 'out/snapshot.json',
      INPUT_PREVIOUS_SNAPSHOT: 'previous/snapshot.json',
    });
    expect(collectCommand(read)).toEqual(['collect', '--management-group', 'mg-corp', '--output', 'out/snapshot.json']);
    expect(actionCommand(read).slice(0, 3)).toEqual(['scan', '--snapshot', 'out/snapshot.json']);
    expect(diffCommand(read)).toEqual([
      'diff',
      'previous/snapshot.json',
      'out/snapshot.json',
      '--format',
      'markdown',
      '--output',
      paths.drift,
    ]);
  });

  it('collects and compares nothing unless asked', () => {
    const read = inputs({ INPUT_SUBSCRIPTIONS: 'sub-1' });
    expect(collectCommand(read)).toBeUndefined();
    expect(diffCommand(read)).toBeUndefined();
  });
});
