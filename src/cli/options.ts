// The flags several commands share, each added only to the commands it applies to, grouped in help
// as users look for them: what to read, what to write, how much to say. Short forms are those
// users of Trivy, Checkov and az type: -f, -o, -c, -s, -g, -q, -v (and -h, -V).
import { Option, type Command } from 'commander';
import { parseShard } from '../azure/shard.js';
import { parseDuration } from './duration.js';
import { logFormats, logLevels } from './log-levels.js';

export const clouds = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export const failLevels = ['error', 'warning', 'note', 'none'] as const;

export const groups = {
  scope: 'Scope (live Azure, instead of --snapshot):',
  output: 'Output:',
  logging: 'Logging and progress (stderr):',
} as const;

/** Repeatable flags collect their values; no default, so help shows none. */
export function collectValues(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function commaList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}

function increase(_value: string, previous: number | undefined): number {
  return (previous ?? 0) + 1;
}

/**
 * Scope flags for commands that read Azure. `--shard` only where a command reads a slice of the
 * scope (scan, collect), not where it follows one path (trace).
 */
export function addScopeOptions(command: Command, options: { shard: boolean }): Command {
  const add = (option: Option): void => {
    command.addOption(option.helpGroup(groups.scope));
  };
  add(
    new Option('-s, --subscription <id|name>', 'subscription to read, by id or display name (repeatable)').argParser(
      collectValues,
    ),
  );
  add(
    new Option(
      '-g, --resource-group <id|name>',
      'resource group to read (repeatable): its id, or its name in the one --subscription given',
    ).argParser(collectValues),
  );
  add(new Option('--management-group <id>', 'read every subscription under this management group'));
  add(new Option('--tenant <id>', 'tenant to sign in to and read'));
  add(
    new Option('--cloud <name>', 'Azure cloud: endpoints and privatelink zone names')
      .choices(clouds)
      .default('AzureCloud'),
  );
  add(
    new Option('--arm-endpoint <url>', "ARM and Resource Graph endpoint instead of the cloud's (Azure Stack, a proxy)"),
  );
  add(
    new Option('--source <source>', 'read through Resource Graph (then ARM for what it lacks) or through ARM only')
      .choices(['graph', 'arm'])
      .default('graph'),
  );
  add(
    new Option(
      '--timeout <duration>',
      'time limit of the whole read (90s, 15m, 1h; or PLAUDIT_TIMEOUT; default 1h): what is not read by then is listed as incomplete',
    ).argParser((value: string) => parseDuration(value)),
  );
  if (options.shard) {
    add(
      new Option(
        '--shard <I/N>',
        'read only the I-th of N deterministic slices of the subscriptions in scope',
      ).argParser(parseShard),
    );
  }
  return command;
}

export interface LogOptions {
  logLevel?: (typeof logLevels)[number];
  logFormat?: (typeof logFormats)[number];
  verbose?: number;
  quiet?: boolean;
}

export function addLogOptions(command: Command): Command {
  const add = (option: Option): void => {
    command.addOption(option.helpGroup(groups.logging));
  };
  add(new Option('-q, --quiet', 'errors only: no progress line, no closing summary').conflicts('verbose'));
  add(new Option('-v, --verbose', 'more logs: -v info, -vv debug (each request), -vvv trace').argParser(increase));
  add(new Option('--log-level <level>', 'log level, instead of -q or -v; warn by default').choices(logLevels));
  add(
    new Option('--log-format <format>', 'pretty (default on a terminal) or json (default elsewhere)').choices(
      logFormats,
    ),
  );
  return command;
}

/** `-f/--format` with a fixed set of choices (repeatable formats are declared by `scan` itself). */
export function formatOption(choices: readonly string[], description: string, fallback?: string): Option {
  const option = new Option('-f, --format <format>', description).choices(choices).helpGroup(groups.output);
  return fallback === undefined ? option : option.default(fallback);
}
