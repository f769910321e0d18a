import { Command, CommanderError, Option } from 'commander';
import { formats, renderCatalogue } from '../../reports/index.js';
import { exitCodes } from '../engine/exit-code.js';
import { toolVersion } from '../version.js';
import { UsageError } from '../errors.js';
import { runDiff, type DiffCommandOptions } from './diff.js';
import { writeFile } from 'node:fs/promises';
import { parseShard } from '../azure/shard.js';
import { processIo, type CliIo } from './io.js';
import { createLogger, logLevels, type LogLevel } from './logger.js';
import { collectLive, type LiveOptions } from './live.js';
import { loadSnapshot, runScan, type ScanCommandOptions } from './scan.js';
import { selectedChecks } from './select.js';
import { runTrace, type TraceCommandOptions } from './trace.js';
import { mergeReportFiles, type MergeFormat } from '../merge/index.js';
import { writeOutput } from './outputs.js';

const clouds = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
const failLevels = ['error', 'warning', 'note', 'none'] as const;

function collectValues(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function commaList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}

function addScopeOptions(command: Command): Command {
  return command
    .option('--subscription <id>', 'subscription to read (repeatable)', collectValues, [])
    .option(
      '--resource-group <id>',
      'resource group to read, as /subscriptions/ID/resourceGroups/NAME (repeatable)',
      collectValues,
      [],
    )
    .option('--management-group <id>', 'read every subscription under this management group')
    .option('--tenant <id>', 'tenant to authenticate against and read')
    .addOption(
      new Option('--cloud <name>', 'Azure cloud: endpoints and privatelink zone names')
        .choices(clouds)
        .default('AzureCloud'),
    )
    .option('--arm-endpoint <url>', 'override the ARM and Resource Graph endpoint (Azure Stack, proxies)')
    .option('--shard <I/N>', 'read only the I-th of N deterministic slices of the subscriptions in scope', parseShard)
    .addOption(
      new Option('--source <source>', 'read through Resource Graph (then ARM for what it lacks) or ARM only')
        .choices(['graph', 'arm'])
        .default('graph'),
    );
}

function addLogOption(command: Command): Command {
  return command.addOption(
    new Option('--log-level <level>', 'JSON log level on stderr').choices(logLevels).default('warn'),
  );
}

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('plaudit')
    .description('Audit how private endpoints, DNS, routes and firewalls connect in Azure hub-and-spoke estates.')
    .version(toolVersion, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const scan = new Command('scan')
    .description('run the checks over a snapshot file or a live Azure scope and report findings')
    .option('--snapshot <file>', 'read resources from a snapshot file instead of Azure')
    .addOption(
      new Option('--format <format>', `report format, repeatable: ${formats.join('|')}`)
        .argParser(collectValues)
        .default([]),
    )
    .option('--output <file>', 'file for the matching --format (by position; "-" or none = stdout)', collectValues, [])
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level')
        .choices(failLevels)
        .default('error'),
    )
    .option('--checks <ids>', 'only these check ids or groups (comma separated, repeatable)', commaList, [])
    .option('--config <file>', 'plaudit.config.yaml with hub firewall, consumers, suppressions, level overrides')
    .option('--baseline <file>', 'a previous JSON report or SARIF log; mark findings new, unchanged, updated or absent')
    .option('--fail-on-new', 'with --baseline: fail only on findings that are new since the baseline')
    .exitOverride()
    .action(async (options: ScanCommandOptions) => {
      program.setOptionValue('exitCode', await runScan(options, io));
    });
  addScopeOptions(scan);
  addLogOption(scan);
  program.addCommand(scan);

  const checks = new Command('checks')
    .description('list the check catalogue: id, level, title and help')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('--checks <ids>', 'only these check ids or groups', commaList, [])
    .exitOverride()
    .action(async (options: { format: 'text' | 'json'; checks: string[] }) => {
      io.stdout.write(`${renderCatalogue(selectedChecks(options.checks), options.format).trimEnd()}\n`);
      program.setOptionValue('exitCode', exitCodes.ok);
    });
  program.addCommand(checks);

  const collect = new Command('collect')
    .description('read a live scope and write the raw resources as a snapshot file, to scan or trace later')
    .requiredOption('--output <file>', 'where to write the snapshot')
    .exitOverride()
    .action(async (options: LiveOptions & { output: string; logLevel: LogLevel }) => {
      const snapshot = await collectLive(options, createLogger(options.logLevel, io.stderr), io);
      await writeFile(options.output, `${JSON.stringify(snapshot, null, 2)}\n`, 'utf8');
      program.setOptionValue('exitCode', (snapshot.incomplete ?? []).length > 0 ? exitCodes.incomplete : exitCodes.ok);
    });
  addScopeOptions(collect);
  addLogOption(collect);
  program.addCommand(collect);

  const diff = new Command('diff')
    .description('compare two snapshots on what plaudit audits (records, links, routes, rules, access, peerings)')
    .argument('<old>', 'the earlier snapshot file')
    .argument('<new>', 'the later snapshot file')
    .addOption(
      new Option('--format <format>', 'text, json or markdown').choices(['text', 'json', 'markdown']).default('text'),
    )
    .option('--output <file>', 'write the diff to this file instead of stdout')
    .exitOverride()
    .action(async (oldPath: string, newPath: string, options: DiffCommandOptions) => {
      program.setOptionValue('exitCode', await runDiff(oldPath, newPath, options, io));
    });
  program.addCommand(diff);

  const trace = new Command('trace')
    .description('walk the path from a source to a name step by step: DNS, route, firewall, endpoint, service')
    .requiredOption('--from <source>', 'a private IP, NIC id, VM id or name, or subnet id')
    .requiredOption('--to <fqdn[:port]>', 'the name the client uses, e.g. kv-app.vault.azure.net:443')
    .option('--snapshot <file>', 'read resources from a snapshot file instead of Azure')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option('--config <file>', 'plaudit.config.yaml (hub firewall, consumers)')
    .exitOverride()
    .action(async (options: TraceCommandOptions & ScanCommandOptions) => {
      const snapshot = await loadSnapshot(options, createLogger(options.logLevel, io.stderr), io);
      program.setOptionValue('exitCode', await runTrace(snapshot, options, io));
    });
  addScopeOptions(trace);
  addLogOption(trace);
  program.addCommand(trace);

  const merge = new Command('merge')
    .description('combine the JSON reports or SARIF logs of sharded scans into one')
    .argument('<files...>', 'reports of the shards, all JSON or all SARIF')
    .addOption(new Option('--format <format>', 'json or sarif').choices(['json', 'sarif']).makeOptionMandatory())
    .requiredOption('--output <file>', 'where to write the merged report ("-" for stdout)')
    .exitOverride()
    .action(async (files: string[], options: { format: MergeFormat; output: string }) => {
      const merged = await mergeReportFiles(files, options.format);
      await writeOutput(
        { format: options.format, path: options.output === '-' ? undefined : options.output },
        merged,
        io.stdout,
      );
      program.setOptionValue('exitCode', exitCodes.ok);
    });
  program.addCommand(merge);
  // Commander's own output (help, version, parse errors) goes where the CLI's does.
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    // Commander's own default: the terminal's width, else 80 columns.
    getOutHelpWidth: () => (io.stdout.isTTY ? (io.stdout.columns ?? 80) : 80),
    getErrHelpWidth: () => (io.stderr.isTTY ? (io.stderr.columns ?? 80) : 80),
  };
  for (const command of [program, ...program.commands]) command.configureOutput(output);
  return program;
}

/**
 * Runs the CLI (`bin/plaudit.js` passes its arguments) and returns the exit code; never throws for
 * user errors. Output goes to `io`, the process's own streams unless given.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return (program.getOptionValue('exitCode') as number | undefined) ?? exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return exitCodes.ok;
      }
      if (error.code === 'commander.executeSubCommandAsync') return exitCodes.ok;
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`plaudit: ${error.message}\n`);
      return exitCodes.usage;
    }
    io.stderr.write(`plaudit: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.usage;
  }
}
