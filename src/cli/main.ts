import { Command, CommanderError, Option } from 'commander';
import { formats } from '../../reports/index.js';
import { exitCodes } from '../engine/exit-code.js';
import { toolVersion } from '../version.js';
import { UsageError } from '../errors.js';
import type { DiffCommandOptions } from './diff.js';
import { processIo, type CliIo } from './io.js';
import type { LiveOptions } from './live.js';
import type { ScanCommandOptions } from './scan.js';
import type { TraceCommandOptions } from './trace.js';
import type { ConsumersCommandOptions } from './consumers.js';
import type { MergeFormat } from '../merge/index.js';
import { isClosedPipe } from './outputs.js';
import {
  addLogOptions,
  addScopeOptions,
  collectValues,
  commaList,
  failLevels,
  formatOption,
  groups,
  type LogOptions,
} from './options.js';
import { addCommandHelp, addProgramHelp } from './help.js';

// Each command loads what it needs when it runs: `plaudit --version` and `--help` never load the
// checks, the Azure SDK or the reporters' dependencies.
const load = {
  scan: () => import('./scan.js'),
  source: () => import('./source.js'),
  trace: () => import('./trace.js'),
  consumers: () => import('./consumers.js'),
  diff: () => import('./diff.js'),
  live: () => import('./live.js'),
  merge: () => import('../merge/index.js'),
  outputs: () => import('./outputs.js'),
  run: () => import('./run.js'),
  select: () => import('./select.js'),
  snapshotIndex: () => import('./snapshot-index.js'),
  write: () => import('../snapshot/write.js'),
  reports: () => import('../../reports/index.js'),
};

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('plaudit')
    .description('Audit how private endpoints, DNS, routes and firewalls connect in Azure hub-and-spoke estates.')
    .version(toolVersion, '-V, --version')
    .exitOverride();
  addProgramHelp(program);
  const done = (code: number): void => {
    program.setOptionValue('exitCode', code);
  };

  const scan = new Command('scan')
    .description('run the checks over a snapshot file or a live Azure scope and report findings')
    .option('--snapshot <file>', 'read resources from a snapshot file instead of Azure')
    .addOption(
      new Option('-f, --format <format>', `report format, repeatable: ${formats.join(', ')} (default: text)`)
        .argParser(collectValues)
        .helpGroup(groups.output),
    )
    .addOption(
      new Option('-o, --output <file>', 'file for the --format in the same position ("-" or none: stdout)')
        .argParser(collectValues)
        .helpGroup(groups.output),
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level')
        .choices(failLevels)
        .default('error'),
    )
    .option('--checks <ids>', 'only these check ids or groups (comma separated, repeatable)', commaList)
    .option('-c, --config <file>', 'plaudit.config.yaml: hub firewall, consumers, suppressions, level overrides')
    .option('--baseline <file>', 'a previous JSON report or SARIF log: mark findings new, unchanged, updated or absent')
    .option('--fail-on-new', 'with --baseline: fail only on findings that are new since the baseline')
    .action(async (options: ScanCommandOptions) => {
      const [{ runScan }, { startRun }] = await Promise.all([load.scan(), load.run()]);
      done(await runScan(options, startRun(options, io)));
    });
  addScopeOptions(scan, { shard: true });
  addLogOptions(scan);
  addCommandHelp(scan, 'scan', { live: true, colour: true });
  program.addCommand(scan);

  const checks = new Command('checks')
    .description('list the check catalogue: id, level, title and help')
    .option('--checks <ids>', 'only these check ids or groups (comma separated, repeatable)', commaList)
    .addOption(formatOption(['text', 'json'], 'text or json', 'text'))
    .action(async (options: { format: 'text' | 'json'; checks?: string[] }) => {
      const [{ renderCatalogue }, { selectedChecks }] = await Promise.all([load.reports(), load.select()]);
      io.stdout.write(`${renderCatalogue(selectedChecks(options.checks), options.format).trimEnd()}\n`);
      done(exitCodes.ok);
    });
  addCommandHelp(checks, 'checks', { live: false, colour: false });
  program.addCommand(checks);

  const collect = new Command('collect')
    .description('read a live scope and write the raw resources as a snapshot file, to scan or trace later')
    .addOption(
      new Option('-o, --output <file>', 'where to write the snapshot').makeOptionMandatory().helpGroup(groups.output),
    )
    .addOption(
      new Option(
        '--compact',
        'leave out what plaudit never reads (etags, tags, provisioning states...) and all indentation',
      ).helpGroup(groups.output),
    )
    .addOption(
      new Option(
        '--no-index',
        'do not write the index beside the snapshot (SNAPSHOT.idx) that makes trace fast',
      ).helpGroup(groups.output),
    )
    .action(async (options: LiveOptions & LogOptions & { output: string; compact?: boolean; index?: boolean }) => {
      const [{ startRun }, { collectLive }, { checkOutputPaths, writeFileAtomic }, { snapshotPieces }] =
        await Promise.all([load.run(), load.live(), load.outputs(), load.write()]);
      checkOutputPaths([{ format: 'json', path: options.output }]);
      const run = startRun(options, io);
      // The snapshot is let go once written: the index is made from the file, as trace will read it.
      const { count, incomplete } = await (async () => {
        const snapshot = await collectLive(options, run);
        await writeFileAtomic(options.output, snapshotPieces(snapshot, { compact: options.compact === true }));
        return { count: snapshot.resources.length, incomplete: (snapshot.incomplete ?? []).length > 0 };
      })();
      if (options.index !== false) {
        const { writeSnapshotIndexOrWarn } = await load.snapshotIndex();
        await writeSnapshotIndexOrWarn(options.output, run);
      }
      if (run.chatty) run.stderr.line(`plaudit: wrote the snapshot of ${count} resources to ${options.output}`);
      done(incomplete ? exitCodes.incomplete : exitCodes.ok);
    });
  addScopeOptions(collect, { shard: true });
  addLogOptions(collect);
  addCommandHelp(collect, 'collect', { live: true, colour: true });
  program.addCommand(collect);

  const index = new Command('index')
    .description('write the index of a snapshot beside it (SNAPSHOT.idx), so trace reads only what it needs')
    .argument('<snapshot>', 'the snapshot file')
    .action(async (path: string, options: LogOptions) => {
      const [{ startRun }, { writeSnapshotIndex }] = await Promise.all([load.run(), load.snapshotIndex()]);
      const run = startRun(options, io);
      const written = await writeSnapshotIndex(path);
      if (run.chatty) run.stderr.line(`plaudit: wrote the index of ${path} to ${written}`);
      done(exitCodes.ok);
    });
  addLogOptions(index);
  addCommandHelp(index, 'index', { live: false, colour: false });
  program.addCommand(index);

  const diff = new Command('diff')
    .description('compare two snapshots on what plaudit audits (records, links, routes, rules, access, peerings)')
    .argument('<old>', 'the earlier snapshot file')
    .argument('<new>', 'the later snapshot file')
    .addOption(formatOption(['text', 'json', 'markdown', 'html'], 'text, json, markdown or html', 'text'))
    .addOption(
      new Option('-o, --output <file>', 'write the diff to this file instead of stdout').helpGroup(groups.output),
    )
    .action(async (oldPath: string, newPath: string, options: DiffCommandOptions) => {
      const { runDiff } = await load.diff();
      done(await runDiff(oldPath, newPath, options, io));
    });
  addCommandHelp(diff, 'diff', { live: false, colour: true });
  program.addCommand(diff);

  const trace = new Command('trace')
    .description(
      'walk the path from a source to a name or address step by step: DNS, route, firewall, endpoint, service',
    )
    .requiredOption(
      '--from <source>',
      'a private IP; a NIC or subnet id; a VM, scale set, AKS cluster (or CLUSTER/POOL), web app or Container Apps environment by name or id; or gateway[:NAME] for on-premises traffic',
    )
    .requiredOption(
      '--to <destination>',
      'FQDN[:PORT], the name clients use (kv-app.vault.azure.net:443), or IP[:PORT] to skip DNS',
    )
    .option('--snapshot <file>', 'read resources from a snapshot file instead of Azure')
    .addOption(formatOption(['text', 'json', 'markdown', 'html'], 'text, json, markdown or html', 'text'))
    .addOption(
      new Option('-o, --output <file>', 'write the trace to this file instead of stdout').helpGroup(groups.output),
    )
    .option('-c, --config <file>', 'plaudit.config.yaml (hub firewall, consumers)')
    .action(async (options: TraceCommandOptions & LiveOptions & LogOptions & { snapshot?: string }) => {
      const [{ startRun }, { runTrace }, { traceSnapshot }] = await Promise.all([
        load.run(),
        load.trace(),
        load.snapshotIndex(),
      ]);
      const run = startRun(options, io);
      // A snapshot is read through its index when it has one; the whole-snapshot reader loads only when needed.
      const snapshot =
        options.snapshot === undefined
          ? await (await load.source()).loadSnapshot(options, run)
          : await traceSnapshot(options.snapshot, options, run);
      done(await runTrace(snapshot, options, io));
    });
  addScopeOptions(trace, { shard: false });
  addLogOptions(trace);
  addCommandHelp(trace, 'trace', { live: true, colour: true });
  program.addCommand(trace);

  const consumers = new Command('consumers')
    .description(
      'list every subnet: whether it is judged as a consumer of private endpoints, its kind, why, and its paths',
    )
    .option('--snapshot <file>', 'read resources from a snapshot file instead of Azure')
    .addOption(formatOption(['text', 'json'], 'text or json', 'text'))
    .option('-c, --config <file>', 'plaudit.config.yaml (declared or excluded consumer subnets)')
    .action(async (options: ConsumersCommandOptions & LiveOptions & LogOptions & { snapshot?: string }) => {
      const [{ startRun }, { loadSnapshot }, { runConsumers }] = await Promise.all([
        load.run(),
        load.source(),
        load.consumers(),
      ]);
      const run = startRun(options, io);
      done(await runConsumers(await loadSnapshot(options, run), options, io));
    });
  addScopeOptions(consumers, { shard: false });
  addLogOptions(consumers);
  addCommandHelp(consumers, 'consumers', { live: true, colour: true });
  program.addCommand(consumers);

  const merge = new Command('merge')
    .description('combine the JSON reports or SARIF logs of sharded scans into one')
    .argument('<files...>', 'reports of the shards, all JSON or all SARIF')
    .addOption(formatOption(['json', 'sarif'], 'json or sarif').makeOptionMandatory())
    .addOption(
      new Option('-o, --output <file>', 'where to write the merged report ("-" for stdout)')
        .makeOptionMandatory()
        .helpGroup(groups.output),
    )
    .action(async (files: string[], options: { format: MergeFormat; output: string }) => {
      const [{ mergeReportFiles }, { writeOutput }] = await Promise.all([load.merge(), load.outputs()]);
      const merged = await mergeReportFiles(files, options.format);
      await writeOutput(
        { format: options.format, path: options.output === '-' ? undefined : options.output },
        merged,
        io.stdout,
      );
      done(exitCodes.ok);
    });
  addCommandHelp(merge, 'merge', { live: false, colour: false });
  program.addCommand(merge);

  // Commander's own output (help, version, parse errors) goes where the CLI's does.
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    // Commander's own default: the terminal's width, else 80 columns.
    getOutHelpWidth: () => (io.stdout.isTTY ? (io.stdout.columns ?? 80) : 80),
    getErrHelpWidth: () => (io.stderr.isTTY ? (io.stderr.columns ?? 80) : 80),
  };
  for (const command of [program, ...program.commands]) {
    command.configureOutput(output).exitOverride().showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

/**
 * Runs the CLI (`bin/plaudit.js` passes its arguments) and returns the exit code; never throws for
 * user errors. Output goes to `io`, the process's own streams unless given.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  // A reader that goes away (`plaudit ... | head -1`) ends the output quietly, never a stack trace.
  if (io.stdout === process.stdout && process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (!isClosedPipe(error)) throw error;
    });
  }
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
    if (isClosedPipe(error)) return exitCodes.ok;
    io.stderr.write(`plaudit: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.usage;
  }
}
