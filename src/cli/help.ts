// What `--help` says after the options: examples to copy, the exit codes a script branches on, and
// the environment plaudit reads. Each command shows only what applies to it.
import type { Command } from 'commander';

const exitCodes = {
  scan: [
    ['0', 'no finding at or above --fail-on (suppressed and fixed ones never count)'],
    ['1', 'findings at or above --fail-on, even when the scan was also incomplete'],
    ['2', 'usage or input error: a flag, the snapshot, the configuration, signing in'],
    ['3', 'incomplete (part of the scope unreadable, or a check undecided), nothing else'],
  ],
  collect: [
    ['0', 'the whole scope was read and written'],
    ['2', 'usage or input error, or signing in failed'],
    ['3', 'written, but part of the scope could not be read (listed under incomplete)'],
  ],
  trace: [
    ['0', 'every step of the path works'],
    ['1', 'a step is broken (its fix is printed)'],
    ['2', 'usage or input error: an unknown source, a destination that is no private-endpoint name'],
    ['3', 'a step could not be judged from what was read'],
  ],
  consumers: [
    ['0', 'listed'],
    ['2', 'usage or input error: a flag, the snapshot, the configuration, signing in'],
    ['3', 'listed, but part of the scope was not read'],
  ],
  index: [
    ['0', 'the index was written beside the snapshot'],
    ['2', 'usage or input error: a snapshot plaudit cannot read, an index it cannot write'],
  ],
  diff: [
    ['0', 'nothing plaudit audits changed'],
    ['1', 'something changed'],
    ['2', 'usage or input error'],
  ],
  merge: [
    ['0', 'merged'],
    ['2', 'usage or input error: a file that is no plaudit report, or reports of different kinds'],
  ],
  checks: [
    ['0', 'listed'],
    ['2', 'an unknown check id or group'],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, string]>>;

const examples: Record<keyof typeof exitCodes, readonly string[]> = {
  scan: [
    'plaudit scan --snapshot examples/drifted.json',
    'plaudit scan -s "Contoso Prod" -f sarif -o plaudit.sarif',
    'plaudit scan -s 00000000-0000-0000-0000-000000000000 -g rg-app -f json -o report.json',
    'plaudit scan --snapshot snapshot.json -f html -o report.html',
    'plaudit scan --management-group mg-landing-zones --fail-on warning -c plaudit.config.yaml',
    'plaudit scan --snapshot today.json --baseline last-night.json --fail-on-new',
  ],
  collect: [
    'plaudit collect --management-group mg-landing-zones -o snapshot.json',
    'plaudit collect -s "Contoso Prod" -g rg-app -o snapshot.json',
  ],
  trace: [
    'plaudit trace --snapshot snapshot.json --from vm-app --to kv-app.vault.azure.net',
    'plaudit trace -s "Contoso Prod" --from 10.1.0.4 --to sql-app.database.windows.net:1433 -f json',
    'plaudit trace --snapshot snapshot.json --from vm-app --to 10.2.0.4:443',
    'plaudit trace --snapshot snapshot.json --from aks-app/nodepool1 --to kv-app.vault.azure.net',
    'plaudit trace --snapshot snapshot.json --from gateway --to kv-app.vault.azure.net',
    'plaudit trace --snapshot snapshot.json --from vm-app --to kv-app.vault.azure.net -f html -o trace.html',
  ],
  consumers: [
    'plaudit consumers --snapshot snapshot.json',
    'plaudit consumers -s "Contoso Prod" -f json -c plaudit.config.yaml',
  ],
  index: [
    'plaudit index snapshot.json',
    'plaudit index snapshot.json && plaudit trace --snapshot snapshot.json --from vm-app --to kv-app.vault.azure.net',
  ],
  diff: [
    'plaudit diff last-night.json today.json',
    'plaudit diff last-night.json today.json -f markdown -o drift.md',
    'plaudit diff last-night.json today.json -f html -o drift.html',
  ],
  merge: ['plaudit merge shard-*.json -f json -o report.json', 'plaudit merge shard-*.sarif -f sarif -o plaudit.sarif'],
  checks: ['plaudit checks', 'plaudit checks --checks dns -f json'],
};

const liveEnvironment = [
  ['PLAUDIT_ACCESS_TOKEN', 'an ARM bearer token, used as is instead of signing in'],
  ['AZURE_CLIENT_ID', 'with AZURE_TENANT_ID and AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH'],
  ['', 'or AZURE_FEDERATED_TOKEN_FILE: sign in as that service principal or'],
  ['', 'workload identity; without them: the Azure CLI login, or a managed identity'],
  ['NODE_EXTRA_CA_CERTS', 'extra certificate authorities (a PEM file), e.g. for --arm-endpoint'],
] as const;
const colourEnvironment = [['NO_COLOR', 'any value turns colour off (text reports and logs)']] as const;

function table(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** Examples, exit codes and environment variables after the options of `command`. */
export function addCommandHelp(
  command: Command,
  name: keyof typeof exitCodes,
  options: { live: boolean; colour: boolean },
): void {
  const environment = [...(options.live ? liveEnvironment : []), ...(options.colour ? colourEnvironment : [])];
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      ...examples[name].map((example) => `  ${example}`),
      '',
      'Exit codes:',
      table(exitCodes[name]),
      ...(environment.length > 0 ? ['', 'Environment:', table(environment)] : []),
    ].join('\n'),
  );
}

/** After the command list of `plaudit --help`. */
export function addProgramHelp(program: Command): void {
  program.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  plaudit scan --snapshot examples/drifted.json',
      '  plaudit scan -s "Contoso Prod" -f sarif -o plaudit.sarif',
      '  plaudit trace --snapshot snapshot.json --from vm-app --to kv-app.vault.azure.net',
      '',
      'Exit codes: 0 nothing at or above --fail-on, 1 findings (trace: a broken step; diff: drift),',
      '2 usage or input error, 3 incomplete (part of the scope unreadable, or undecided).',
      '',
      'Run plaudit COMMAND --help for its options, examples and environment variables.',
    ].join('\n'),
  );
}
