import { catalogue, selectChecks } from '../../checks/index.js';
import { reporters } from '../../reports/index.js';
import { readConfigFile, checkContextFor, levelOverrides } from '../config/config.js';
import { applyBaseline, readBaselineFile } from '../engine/baseline.js';
import { exitCodeFor, type FailOn } from '../engine/exit-code.js';
import { applySuppressions } from '../engine/suppress.js';
import { runChecks } from '../engine/run.js';
import type { ScanResult } from '../engine/types.js';
import { buildInventory } from '../inventory/build/index.js';
import { readSnapshotFile } from '../snapshot/read.js';
import type { Snapshot } from '../snapshot/types.js';
import { toolName, toolVersion } from '../version.js';
import { UsageError } from '../errors.js';
import type { Logger } from 'pino';
import { createLogger, type LogLevel } from './logger.js';
import { unknownChecksMessage } from './main.js';
import { isResourceInShard } from '../azure/shard.js';
import { assertOneSource, collectLive, type LiveOptions } from './live.js';
import { outputTargets, writeOutput } from './outputs.js';

export interface ScanCommandOptions extends LiveOptions {
  snapshot?: string;
  format: string[];
  output: string[];
  failOn: FailOn;
  checks: string[];
  config?: string;
  baseline?: string;
  failOnNew?: boolean;
  logLevel: LogLevel;
}

export async function runScan(options: ScanCommandOptions): Promise<number> {
  const logger = createLogger(options.logLevel);
  const targets = outputTargets(options.format, options.output, 'text');
  const { checks, unknown } = selectChecks(options.checks);
  if (unknown.length > 0) throw new UsageError(unknownChecksMessage(unknown));

  if (options.failOnNew && !options.baseline) throw new UsageError('--fail-on-new needs --baseline FILE');
  const config = options.config ? await readConfigFile(options.config) : {};
  const baseline = options.baseline ? await readBaselineFile(options.baseline) : undefined;

  const snapshot = await loadSnapshot(options, logger);
  const cloud = options.snapshot ? (snapshot.cloud ?? options.cloud) : options.cloud;
  const inventory = buildInventory(snapshot, cloud);
  logger.info({ resources: inventory.resources.size, checks: checks.length }, 'inventory built');
  const outcome = runChecks(inventory, checks, {
    context: checkContextFor(config, inventory),
    levelOverrides: levelOverrides(config),
    onTiming: (checkId, milliseconds) =>
      logger.debug({ checkId, milliseconds: Math.round(milliseconds * 10) / 10 }, 'check ran'),
  });
  for (const failure of outcome.checkFailures) logger.error(failure, 'check failed');
  // A shard of a snapshot reports what lives in its subscriptions; the rest of the snapshot still
  // serves as the dependencies a live shard would have read by id.
  const shard = options.snapshot ? options.shard : undefined;
  const inShard = (id: string | undefined) => !shard || (id !== undefined && isResourceInShard(id, shard));
  const today = new Date().toISOString().slice(0, 10);
  const suppressed = applySuppressions(
    outcome.findings.filter((finding) => inShard(finding.resourceId)),
    config,
    today,
  );
  const findings = baseline ? applyBaseline(suppressed.findings, baseline) : suppressed.findings;

  const result: ScanResult = {
    tool: { name: toolName, version: toolVersion },
    cloud,
    scope: {
      ...(snapshot.scope ?? {}),
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
    },
    ...(snapshot.collectedAt ? { collectedAt: snapshot.collectedAt } : {}),
    checks: checks.map((check) => check.id),
    findings,
    incomplete: [...(snapshot.incomplete ?? []), ...outcome.incomplete.filter((entry) => inShard(entry.resourceId))],
    checkFailures: outcome.checkFailures,
    ...(suppressed.notices.length > 0 ? { notices: suppressed.notices } : {}),
  };
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  for (const target of targets) {
    const content = reporters[target.format](result, catalogue, { color: color && target.path === undefined });
    await writeOutput(target, content);
  }
  return exitCodeFor(result, options.failOn, { onlyNew: options.failOnNew === true });
}

/** A snapshot file, or a live read of the scope given on the command line. */
export async function loadSnapshot(options: ScanCommandOptions, logger: Logger): Promise<Snapshot> {
  assertOneSource(options);
  if (options.snapshot) return readSnapshotFile(options.snapshot);
  return collectLive(options, logger);
}
