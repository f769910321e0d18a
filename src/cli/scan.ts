import { readFile } from 'node:fs/promises';
import { catalogue } from '../../checks/index.js';
import { pieceReporters } from '../../reports/index.js';
import { codeScanningLimits, sarifSelection } from '../../reports/sarif-limits.js';
import { checkContextFor, levelOverrides, readConfigFile, suppressionRules } from '../config/config.js';
import { parseBaselineText, type BaselineFinding } from '../engine/baseline.js';
import { exitCodeFor, type FailOn } from '../engine/exit-code.js';
import { scan } from '../engine/scan.js';
import { buildInventory } from '../inventory/build/index.js';
import { UsageError } from '../errors.js';
import { stdoutColor } from './io.js';
import { selectedChecks } from './select.js';
import { isResourceInShard } from '../azure/shard.js';
import type { LiveOptions } from './live.js';
import { loadSnapshot } from './source.js';
import type { LogOptions } from './options.js';
import { checkOutputPaths, gzippedSize, outputTargets, writeOutput, type OutputTarget } from './outputs.js';
import type { CliRun } from './run.js';
import { scanClosingLine } from './closing.js';

export interface ScanCommandOptions extends LiveOptions, LogOptions {
  snapshot?: string;
  format?: string[];
  output?: string[];
  failOn: FailOn;
  checks?: string[];
  config?: string;
  baseline?: string;
  failOnNew?: boolean;
}

export async function runScan(options: ScanCommandOptions, run: CliRun): Promise<number> {
  const { io, log: logger } = run;
  const targets = outputTargets(options.format ?? [], options.output ?? [], 'text');
  // Before anything is read or collected: a report that cannot be written fails now.
  checkOutputPaths(targets);
  const checks = selectedChecks(options.checks);

  if (options.failOnNew && !options.baseline) throw new UsageError('--fail-on-new needs --baseline FILE');
  const config = options.config ? await readConfigFile(options.config) : {};
  const baseline = options.baseline ? await readBaselineFile(options.baseline) : undefined;

  // On a terminal, a snapshot scan says where it is: a large estate takes tens of seconds.
  const status = (text: string) => run.chatty && options.snapshot && run.stderr.progress(text);
  status(`[1/4] reading ${options.snapshot}`);
  const snapshot = await loadSnapshot(options, run);
  status(`[2/4] building the model of ${snapshot.resources.length} resources`);
  const cloud = options.snapshot ? (snapshot.cloud ?? options.cloud) : options.cloud;
  const inventory = buildInventory(snapshot, cloud);
  logger.info({ resources: inventory.resources.size, checks: checks.length }, 'inventory built');
  // A shard of a snapshot reports what lives in its subscriptions; the rest of the snapshot still
  // serves as the dependencies a live shard would have read by id.
  const shard = options.snapshot ? options.shard : undefined;
  let checksRun = 0;
  status(`[3/4] running checks 0/${checks.length}`);
  const result = scan(inventory, {
    checks,
    context: checkContextFor(config, inventory),
    levelOverrides: levelOverrides(config),
    suppressions: suppressionRules(config),
    today: new Date().toISOString().slice(0, 10),
    ...(baseline && { baseline }),
    ...(shard && { owns: (id: string) => isResourceInShard(id, shard) }),
    scope: {
      ...(snapshot.scope ?? {}),
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
    },
    ...(snapshot.collectedAt && { collectedAt: snapshot.collectedAt }),
    incomplete: snapshot.incomplete ?? [],
    onTiming: (checkId, milliseconds) => {
      logger.debug({ checkId, milliseconds: Math.round(milliseconds * 10) / 10 }, 'check ran');
      status(`[3/4] running checks ${++checksRun}/${checks.length}`);
    },
  });
  status(`[4/4] writing ${targets.map((target) => target.format).join(', ')}`);
  for (const failure of result.checkFailures) logger.error(failure, 'check failed');
  const color = stdoutColor(io);
  for (const target of targets) {
    const content = pieceReporters[target.format](result, catalogue, {
      color: color && target.path === undefined,
      inventory,
    });
    await writeOutput(target, content, io.stdout);
  }
  run.stderr.clearProgress();
  if (targets.some((target) => target.format === 'sarif')) await sarifWarnings(result, targets, run);
  // Where the report went, and what it says, for whoever watches the terminal or the CI log.
  if (run.chatty && (!options.snapshot || targets.some((target) => target.path !== undefined))) {
    run.stderr.line(scanClosingLine(result, targets));
  }
  return exitCodeFor(result, options.failOn, { onlyNew: options.failOnNew === true });
}

/** `--baseline`: a JSON report or SARIF log written by an earlier scan. */
async function readBaselineFile(path: string): Promise<BaselineFinding[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `baseline ${path}: ${code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`}`,
    );
  }
  return parseBaselineText(text, path);
}

/** What GitHub code scanning would make of the SARIF log, said on stderr: results left out, a file too large. */
async function sarifWarnings(
  result: Parameters<typeof sarifSelection>[0],
  targets: readonly OutputTarget[],
  run: CliRun,
) {
  const note = sarifSelection(result).note;
  if (note !== undefined) run.stderr.line(`plaudit: warning: ${note}.`);
  for (const target of targets) {
    if (target.format !== 'sarif' || target.path === undefined) continue;
    const size = await gzippedSize(target.path);
    if (size > codeScanningLimits.gzippedBytes) {
      const mb = (bytes: number) => (bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 });
      run.stderr.line(
        `plaudit: warning: ${target.path} is ${mb(size)} MB gzipped; GitHub code scanning rejects a SARIF file over ${mb(codeScanningLimits.gzippedBytes)} MB`,
      );
    }
  }
}
