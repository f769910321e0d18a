// Reading a live scope for scan, collect and trace: credentials, the progress line on a terminal,
// and the totals at the end.
import type { Logger } from 'pino';
import type { CollectProgress, CollectStats } from '../azure/index.js';
import type { Shard } from '../azure/shard.js';
import { UsageError } from '../errors.js';
import type { CloudName, Snapshot, SnapshotScope } from '../snapshot/types.js';
import type { CliIo, Output } from './io.js';

export interface LiveOptions {
  subscription: string[];
  resourceGroup: string[];
  managementGroup?: string;
  tenant?: string;
  cloud: CloudName;
  armEndpoint?: string;
  source: 'graph' | 'arm';
  shard?: Shard;
}

export function scopeOf(options: LiveOptions): SnapshotScope {
  return {
    ...(options.subscription.length > 0 ? { subscriptions: options.subscription } : {}),
    ...(options.resourceGroup.length > 0 ? { resourceGroups: options.resourceGroup } : {}),
    ...(options.managementGroup ? { managementGroup: options.managementGroup } : {}),
    ...(options.tenant ? { tenant: options.tenant } : {}),
  };
}

export async function collectLive(options: LiveOptions, logger: Logger, io: CliIo): Promise<Snapshot> {
  // The Azure SDK takes seconds to load: only commands that read Azure pay for it.
  const { collectSnapshot, createCredential } = await import('../azure/index.js');
  const progress = io.stderr.isTTY ? new ProgressLine(io.stderr) : undefined;
  try {
    const credential = createCredential({
      cloud: options.cloud,
      ...(options.tenant ? { tenantId: options.tenant } : {}),
      env: io.env,
    });
    const { snapshot, stats } = await collectSnapshot({
      credential,
      cloud: options.cloud,
      ...(options.armEndpoint ? { armEndpoint: options.armEndpoint } : {}),
      scope: scopeOf(options),
      source: options.source,
      ...(options.shard ? { shard: options.shard } : {}),
      logger,
      ...(progress ? { onProgress: (update: CollectProgress) => progress.show(update) } : {}),
    });
    progress?.clear();
    logger.info(stats, 'read totals');
    if (logger.level !== 'silent') io.stderr.write(`plaudit: ${totals(stats, snapshot)}\n`);
    return snapshot;
  } finally {
    progress?.clear();
  }
}

function totals(stats: CollectStats, snapshot: Snapshot): string {
  const requests = Object.values(stats.requests).reduce((sum, count) => sum + count, 0);
  const incomplete = snapshot.incomplete?.length ?? 0;
  return [
    `read ${stats.resources} resources in ${(stats.durationMs / 1000).toFixed(1)} s`,
    `${requests} requests (${stats.pages.graph} Resource Graph pages, ${stats.pages.arm} ARM pages)`,
    `${stats.retries} retries`,
    `${(stats.throttleWaitMs / 1000).toFixed(1)} s waiting on throttling`,
    incomplete > 0 ? `${incomplete} parts not read (see incomplete)` : 'nothing left unread',
  ].join(', ');
}

/** One line on a terminal, rewritten in place as collection goes on. */
class ProgressLine {
  private shown = false;
  private last = 0;

  private readonly stderr: Output;

  constructor(stderr: Output) {
    this.stderr = stderr;
  }

  show(update: CollectProgress): void {
    const now = Date.now();
    if (now - this.last < 100 && !update.throttle) return;
    this.last = now;
    const waiting = update.throttle
      ? ` | throttled: waiting ${(update.throttle.waitMs / 1000).toFixed(1)} s (${update.throttle.reason})`
      : '';
    const line = `${update.activity} | ${update.resources} resources, ${update.pages} pages, ${update.requests} requests${waiting}`;
    const width = this.stderr.columns ?? 120;
    this.stderr.write(`\r\x1b[2K${line.slice(0, width - 1)}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}

export function assertOneSource(options: LiveOptions & { snapshot?: string }): void {
  if (options.snapshot && Object.keys(scopeOf(options)).length > 0) {
    throw new UsageError(
      'give either --snapshot FILE or a live scope (--subscription, --resource-group ...), not both',
    );
  }
}
