// The Action's inputs and the plaudit command lines they turn into.
import { describe, expect, it } from 'vitest';
import { outputTargets } from '../cli/outputs.js';
import { actionCommand, collectCommand, diffCommand, reportPaths } from './command.js';
import {
  ActionInputError,
  checkInputFiles,
  inputNames,
  inputVariable,
  readInputs,
  type ActionInputs,
  type InputName,
} from './inputs.js';

const dir = '/runner/temp/plaudit-x';
const sub1 = '1a2b3c4d-0000-4000-8000-000000000001';
const sub2 = '5e6f7a8b-0000-4000-8000-000000000002';

/** The inputs as the runner passes them to a JavaScript action: INPUT_<NAME>, hyphens kept. */
function inputs(values: Partial<Record<InputName, string>>): ActionInputs {
  return readInputs(Object.fromEntries(Object.entries(values).map(([name, value]) => [inputVariable(name), value])));
}

/** The --format/--output pairs as the CLI resolves them (by position; no --output = stdout). */
function targets(argv: readonly string[]) {
  const values = (flag: string) => argv.flatMap((arg, index) => (arg === flag ? [argv[index + 1]!] : []));
  return outputTargets(values('--format'), values('--output'), 'text');
}

describe('readInputs', () => {
  it('reads the variables the runner sets for a JavaScript action', () => {
    expect(inputVariable('resource-groups')).toBe('INPUT_RESOURCE-GROUPS');
    expect(inputVariable('fail-on-new')).toBe('INPUT_FAIL-ON-NEW');
    expect(readInputs({ 'INPUT_FAIL-ON': 'warning' }).failOn).toBe('warning');
    // The underscore spelling is not what the runner sets, so it is not read.
    expect(readInputs({ INPUT_FAIL_ON: 'warning' }).failOn).toBe('error');
  });

  it('defaults: every readable subscription, every check, fail on errors, the three report formats', () => {
    expect(inputs({})).toEqual({
      subscriptions: [],
      resourceGroups: [],
      checks: [],
      formats: ['json', 'sarif', 'markdown'],
      failOn: 'error',
      failOnNew: false,
      workingDirectory: '.',
    });
  });

  it('treats the empty strings GitHub passes for unset inputs as unset', () => {
    const empty = Object.fromEntries(inputNames.map((name) => [name, '']));
    expect(inputs(empty)).toEqual(inputs({}));
    // The defaults action.yml declares read the same as no input at all.
    expect(
      inputs({ formats: 'json,sarif,markdown', 'fail-on': 'error', 'fail-on-new': 'false', 'working-directory': '.' }),
    ).toEqual(inputs({}));
  });

  it('splits lists on newlines, commas and spaces', () => {
    const read = inputs({
      subscriptions: `${sub1}\n  ${sub2}, ${sub1.toUpperCase()}\n`,
      'resource-groups': `/subscriptions/${sub1}/resourceGroups/rg-app,/subscriptions/${sub2}/resourceGroups/rg-pep`,
      checks: 'dns\nroute/next-hop-stale-ip, PAAS',
    });
    expect(read.subscriptions).toEqual([sub1, sub2, sub1.toUpperCase()]);
    expect(read.resourceGroups).toEqual([
      `/subscriptions/${sub1}/resourceGroups/rg-app`,
      `/subscriptions/${sub2}/resourceGroups/rg-pep`,
    ]);
    expect(read.checks).toEqual(['dns', 'route/next-hop-stale-ip', 'paas']);
  });

  it('always writes JSON, SARIF and Markdown, and adds text on request', () => {
    expect(inputs({ formats: 'sarif' }).formats).toEqual(['json', 'sarif', 'markdown']);
    expect(inputs({ formats: 'text, JSON' }).formats).toEqual(['text', 'json', 'sarif', 'markdown']);
  });

  it('reads booleans as GitHub spells them, and choices in any case', () => {
    expect(inputs({ 'fail-on-new': 'True', baseline: 'b.json' }).failOnNew).toBe(true);
    expect(inputs({ 'fail-on-new': 'FALSE' }).failOnNew).toBe(false);
    expect(
      inputs({ 'fail-on': 'Warning', cloud: 'azureusgovernment', source: 'ARM', 'log-level': 'Debug' }),
    ).toMatchObject({ failOn: 'warning', cloud: 'AzureUSGovernment', source: 'arm', logLevel: 'debug' });
  });

  it('reads the shard, the tenant, the endpoint and the output directory', () => {
    expect(
      inputs({
        shard: ' 2 / 4 ',
        tenant: 'contoso.onmicrosoft.com',
        'arm-endpoint': 'https://management.local/',
        'output-dir': 'reports',
      }),
    ).toMatchObject({
      shard: { index: 2, count: 4 },
      tenant: 'contoso.onmicrosoft.com',
      armEndpoint: 'https://management.local/',
      outputDir: 'reports',
    });
  });

  it('strips trailing slashes from the category override', () => {
    expect(inputs({ 'sarif-category': 'plaudit/prod/' }).sarifCategory).toBe('plaudit/prod');
  });

  const errors: [string, Partial<Record<InputName, string>>, RegExp][] = [
    [
      'an unknown fail-on',
      { 'fail-on': 'critical' },
      /^input fail-on: "critical" is not one of error, warning, note, none$/,
    ],
    ['an unknown cloud', { cloud: 'AzureGermanCloud' }, /^input cloud: "AzureGermanCloud" is not one of AzureCloud/],
    ['an unknown source', { source: 'cache' }, /^input source: "cache" is not one of graph, arm$/],
    [
      'an unknown log level',
      { 'log-level': 'verbose' },
      /^input log-level: "verbose" is not one of fatal, error, warn/,
    ],
    [
      'an unknown format',
      { formats: 'json,pdf' },
      /^input formats: unknown pdf; choose from text, json, sarif, markdown, csv, html$/,
    ],
    [
      'an unknown check',
      { checks: 'dns,dsn/zone-not-linked' },
      /^input checks: unknown check id or group dsn\/zone-not-linked; use a group \(dns, .*\) or a check id/,
    ],
    [
      'a subscription that is not a GUID',
      { subscriptions: `${sub1} prod` },
      /^input subscriptions: "prod" is not a subscription id/,
    ],
    [
      'a resource group given by name',
      { 'resource-groups': 'rg-app' },
      /^input resource-groups: "rg-app" is not a resource group id/,
    ],
    [
      'two management groups',
      { 'management-group': 'mg-a,mg-b' },
      /^input management-group: give one management group id/,
    ],
    ['a malformed shard', { shard: '5/4' }, /^input shard: "5\/4" is not I\/N with 1 <= I <= N <= 256/],
    ['a shard that is not I/N', { shard: 'two' }, /^input shard: "two" is not I\/N/],
    [
      'an endpoint that is not https',
      { 'arm-endpoint': 'http://localhost:8080' },
      /^input arm-endpoint: "http:\/\/localhost:8080" is not an https:\/\/ URL$/,
    ],
    ['a boolean that is not one', { 'fail-on-new': 'yes' }, /^input fail-on-new: "yes" is not true or false$/],
    [
      'fail-on-new without a baseline',
      { 'fail-on-new': 'true' },
      /^input fail-on-new: needs baseline .* set fail-on-new to false$/,
    ],
    [
      'a snapshot with a live scope',
      { snapshot: 's.json', subscriptions: sub1 },
      /^input snapshot: a snapshot file is the whole scope/,
    ],
    ['a snapshot with a tenant', { snapshot: 's.json', tenant: 'contoso' }, /^input snapshot:/],
    ['a snapshot with save-snapshot', { snapshot: 's.json', 'save-snapshot': 't.json' }, /^input snapshot:/],
    ['a snapshot with source', { snapshot: 's.json', source: 'arm' }, /^input source: only applies when reading Azure/],
    [
      'previous-snapshot with nothing to compare',
      { 'previous-snapshot': 'old.json' },
      /^input previous-snapshot: needs snapshot or save-snapshot/,
    ],
    ['a category of slashes', { 'sarif-category': '//' }, /^input sarif-category: is only slashes$/],
    [
      'a category with spaces',
      { 'sarif-category': 'plaudit prod' },
      /^input sarif-category: "plaudit prod" has spaces/,
    ],
  ];
  for (const [name, values, message] of errors) {
    it(`rejects ${name}, naming the input`, () => {
      expect(() => inputs(values)).toThrow(message);
      expect(() => inputs(values)).toThrow(ActionInputError);
    });
  }

  it('checks that the files it names exist, naming the input and the working directory', () => {
    const read = inputs({
      snapshot: 'snapshots/today.json',
      config: 'plaudit.config.yaml',
      'working-directory': 'infra',
    });
    expect(() => checkInputFiles(read, (path) => path === 'snapshots/today.json')).toThrow(
      'input config: plaudit.config.yaml does not exist (relative paths are relative to working-directory infra)',
    );
    expect(() => checkInputFiles(read, () => true)).not.toThrow();
  });
});

describe('actionCommand', () => {
  const paths = reportPaths(dir);

  it('scans the live scope into JSON, SARIF and Markdown files, with text on stdout', () => {
    const argv = actionCommand(
      inputs({
        subscriptions: `${sub1} ${sub2}`,
        'resource-groups': `/subscriptions/${sub1}/resourceGroups/rg-app`,
        'management-group': 'mg-landing-zones',
        tenant: 'contoso.onmicrosoft.com',
        cloud: 'AzureUSGovernment',
      }),
      dir,
    );
    expect(argv).toEqual([
      'scan',
      '--subscription',
      sub1,
      '--subscription',
      sub2,
      '--resource-group',
      `/subscriptions/${sub1}/resourceGroups/rg-app`,
      '--management-group',
      'mg-landing-zones',
      '--tenant',
      'contoso.onmicrosoft.com',
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
    const argv = actionCommand(inputs({ formats: 'text' }), dir);
    expect(targets(argv)).toEqual([
      { format: 'text', path: paths.text },
      { format: 'json', path: paths.json },
      { format: 'sarif', path: paths.sarif },
      { format: 'markdown', path: paths.markdown },
      { format: 'text', path: undefined },
    ]);
  });

  it('passes fail-on, checks, baseline, fail-on-new, config and the log level', () => {
    const argv = actionCommand(
      inputs({
        'fail-on': 'warning',
        checks: 'dns, route/next-hop-stale-ip',
        baseline: 'baseline/plaudit.json',
        'fail-on-new': 'true',
        config: 'plaudit.config.yaml',
        'log-level': 'info',
      }),
      dir,
    );
    expect(argv.slice(argv.indexOf('--fail-on'))).toEqual([
      '--fail-on',
      'warning',
      '--checks',
      'dns,route/next-hop-stale-ip',
      '--baseline',
      'baseline/plaudit.json',
      '--fail-on-new',
      '--config',
      'plaudit.config.yaml',
      '--log-level',
      'info',
    ]);
  });

  it('reads a shard of the live scope, the way it is told to read', () => {
    const argv = actionCommand(
      inputs({ 'management-group': 'mg-corp', shard: '2/4', source: 'arm', 'arm-endpoint': 'https://arm.local' }),
      dir,
    );
    expect(argv.slice(0, 9)).toEqual([
      'scan',
      '--management-group',
      'mg-corp',
      '--shard',
      '2/4',
      '--source',
      'arm',
      '--arm-endpoint',
      'https://arm.local',
    ]);
  });

  it('scans a snapshot file instead of a live scope, one shard of it when asked', () => {
    const argv = actionCommand(inputs({ snapshot: 'snapshots/today.json' }), dir);
    expect(argv.slice(0, 3)).toEqual(['scan', '--snapshot', 'snapshots/today.json']);
    expect(argv).not.toContain('--subscription');
    expect(actionCommand(inputs({ snapshot: 'snapshots/today.json', shard: '1/2' }), dir).slice(0, 5)).toEqual([
      'scan',
      '--snapshot',
      'snapshots/today.json',
      '--shard',
      '1/2',
    ]);
  });

  it('with save-snapshot, collects the scope (or shard) first and scans the file collected', () => {
    const read = inputs({
      'management-group': 'mg-corp',
      shard: '3/4',
      'save-snapshot': 'out/snapshot.json',
      'previous-snapshot': 'previous/snapshot.json',
      'log-level': 'debug',
    });
    expect(collectCommand(read)).toEqual([
      'collect',
      '--management-group',
      'mg-corp',
      '--shard',
      '3/4',
      '--output',
      'out/snapshot.json',
      '--log-level',
      'debug',
    ]);
    // The collected snapshot is the shard already: its scope says so.
    expect(actionCommand(read, dir).slice(0, 4)).toEqual(['scan', '--snapshot', 'out/snapshot.json', '--format']);
    expect(diffCommand(read, dir)).toEqual([
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
    const read = inputs({ subscriptions: sub1 });
    expect(collectCommand(read)).toBeUndefined();
    expect(diffCommand(read, dir)).toBeUndefined();
  });
});
