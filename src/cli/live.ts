// Reading a live scope for scan, collect and trace: credentials, the progress line on a terminal,
// and the totals at the end.
import type { CollectStats } from '../azure/index.js';
import type { Shard } from '../azure/shard.js';
import { UsageError } from '../errors.js';
import type { CloudName, Snapshot, SnapshotScope } from '../snapshot/types.js';
import { CollectProgressLine } from './progress.js';
import { defaultReadLimitMs, parseDuration } from './duration.js';
import type { CliRun } from './run.js';

export interface LiveOptions {
  subscription?: string[];
  resourceGroup?: string[];
  managementGroup?: string;
  tenant?: string;
  cloud: CloudName;
  armEndpoint?: string;
  source: 'graph' | 'arm';
  shard?: Shard;
  /** Time limit of the whole read, in milliseconds (--timeout, else PLAUDIT_TIMEOUT). */
  timeout?: number;
}

/**
 * A duration: seconds (`90`), or a number with `s`, `m` or `h` (`90s`, `15m`, `1h`), in milliseconds.
 * `flag` names where it came from in the usage error.
 */
export function scopeOf(options: LiveOptions): SnapshotScope {
  const subscriptions = options.subscription ?? [];
  const resourceGroups = options.resourceGroup ?? [];
  return {
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
    ...(resourceGroups.length > 0 ? { resourceGroups } : {}),
    ...(options.managementGroup ? { managementGroup: options.managementGroup } : {}),
    ...(options.tenant ? { tenant: options.tenant } : {}),
  };
}

export async function collectLive(options: LiveOptions, run: CliRun): Promise<Snapshot> {
  // The Azure SDK takes seconds to load: only commands that read Azure pay for it.
  const { collectSnapshot, createCredential } = await import('../azure/index.js');
  const { log, stderr } = run;
  const progress = run.chatty ? new CollectProgressLine((text) => stderr.progress(text)) : undefined;
  try {
    const credential = createCredential({
      cloud: options.cloud,
      ...(options.tenant ? { tenantId: options.tenant } : {}),
      env: run.io.env,
    });
    const envTimeout = run.io.env.PLAUDIT_TIMEOUT;
    const timeout = options.timeout ?? (envTimeout ? parseDuration(envTimeout, 'PLAUDIT_TIMEOUT') : defaultReadLimitMs);
    const { snapshot, stats } = await collectSnapshot({
      credential,
      cloud: options.cloud,
      ...(options.armEndpoint ? { armEndpoint: options.armEndpoint } : {}),
      scope: scopeOf(options),
      source: options.source,
      ...(options.shard ? { shard: options.shard } : {}),
      timeLimitMs: timeout,
      logger: log,
      ...(progress && stderr.isTTY ? { onProgress: (update) => progress.update(update) } : {}),
    });
    stderr.clearProgress();
    log.info(stats, 'read totals');
    if (run.chatty) stderr.line(`plaudit: ${totals(stats, snapshot)}`);
    return snapshot;
  } finally {
    stderr.clearProgress();
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

export function assertOneSource(options: LiveOptions & { snapshot?: string }): void {
  if (options.snapshot && Object.keys(scopeOf(options)).length > 0) {
    throw new UsageError(
      'give either --snapshot FILE or a live scope (--subscription, --resource-group ...), not both',
    );
  }
}
