// Live collection: reads the resources plaudit judges, exactly as Azure returns them, from Resource
// Graph (default) or ARM lists, plus what they depend on outside the scope, and says what it could
// not read.

import type { TokenCredential } from '@azure/core-auth';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { normalizeId } from '../ids.js';
import type { CloudName, Snapshot, SnapshotScope } from '../snapshot/types.js';
import { armInventory, armLookups, readForwardingRulesets, readHubChildren } from './arm.js';
import { cloudEndpoints } from './clouds.js';
import { CollectContext } from './context.js';
import type { ScopeUnit } from './context.js';
import type { CollectProgress } from './progress.js';
import { readDependencies } from './dependencies.js';
import { graphInventory, graphLookups } from './graph.js';
import type { CollectStats } from './pipeline/stats.js';
import type { ReadBudget } from './pipeline/throttle/read-budget.js';
import type { RetryTuning } from './pipeline/throttle/retry-policy.js';
import { canReadSubscription, parseScope, readableSubscriptions, resolveScope } from './scope.js';
import { shardIndexOf, type Shard } from './shard.js';

export type { CollectProgress } from './progress.js';
export type { RequestKind } from './pipeline/request-kind.js';
export type { CollectStats } from './pipeline/stats.js';
export type { ReadBudget } from './pipeline/throttle/read-budget.js';
export type { RetryTuning } from './pipeline/throttle/retry-policy.js';

export type CollectSource = 'graph' | 'arm';

export interface CollectOptions {
  /** From createCredential(): PLAUDIT_ACCESS_TOKEN or DefaultAzureCredential. */
  credential: TokenCredential;
  /** Default AzureCloud. */
  cloud?: CloudName;
  /** Overrides the ARM and Resource Graph endpoint (Azure Stack, proxies, the tests' fake). */
  armEndpoint?: string;
  /** Extra CA certificate(s) to trust, PEM (the tests' self-signed fake). */
  tlsCa?: string | Buffer;
  /** Nothing given: every subscription the credential can read. */
  scope?: SnapshotScope;
  /** `graph` (default): Resource Graph, with ARM only where it has nothing. `arm`: ARM lists only. */
  source?: CollectSource;
  /**
   * ARM requests in flight at once, over all subscriptions (default 256). Each subscription has at
   * most 32 in flight and its own read budget, so this only caps sockets when many are read.
   */
  concurrency?: number;
  /** Per-subscription ARM read budget (default 240 burst, 24/s: inside the 250 and 25/s ARM documents); false: none. */
  readBudget?: ReadBudget | false;
  retry?: RetryTuning;
  /**
   * Time limit of the whole collection, in milliseconds (none by default). When it runs out, requests
   * in flight are aborted and what was not read by then is listed in `incomplete`.
   */
  timeLimitMs?: number;
  /** Read only this slice of the subscriptions in scope (`plaudit scan --shard I/N`). */
  shard?: Shard;
  /** Subscriptions per Resource Graph query (default 1000, the service's limit). */
  graphBatchSize?: number;
  logger?: Logger;
  /** Called on every page, phase change and throttling wait. */
  onProgress?: (progress: CollectProgress) => void;
}

export interface CollectResult {
  snapshot: Snapshot;
  stats: CollectStats;
  /** Subscriptions read, wholly or in part (not counting dependencies outside the scope). */
  subscriptions: string[];
}

// ARM's read bucket per subscription and principal: 250 reads, refilled at 25 a second
// (https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling).
// plaudit paces itself a little inside it (240, 24/s) so that reads arriving bunched after network
// jitter, or another client's few reads, do not draw 429s; Retry-After still governs any that come.
const DEFAULT_READ_BUDGET: ReadBudget = { burst: 240, perSecond: 24 };

// Defence in depth: nothing here logs headers or tokens, and these paths are blanked if anything did.
const REDACT = [
  'headers',
  '*.headers',
  'authorization',
  '*.authorization',
  'Authorization',
  '*.Authorization',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
];

/**
 * Collects a snapshot. Failures of part of the scope land in `snapshot.incomplete`; a failed sign-in
 * throws AzureAuthError, a malformed scope InvalidOptionError.
 */
export async function collectSnapshot(options: CollectOptions): Promise<CollectResult> {
  const started = performance.now();
  const collectedAt = new Date().toISOString();
  const cloud = cloudEndpoints(options.cloud ?? 'AzureCloud', options.armEndpoint);
  const source = options.source ?? 'graph';
  const parsedScope = parseScope(options.scope ?? {});
  const logger = (options.logger ?? pino({ level: 'silent' })).child(
    { component: 'azure' },
    { redact: { paths: REDACT, censor: '[redacted]' } },
  );
  const ctx = new CollectContext({
    credential: options.credential,
    cloud,
    tlsCa: options.tlsCa,
    concurrency: options.concurrency ?? 256,
    readBudget: options.readBudget ?? DEFAULT_READ_BUDGET,
    retry: options.retry,
    logger,
    onProgress: options.onProgress,
    timeLimitMs: options.timeLimitMs,
  });
  try {
    return await collectWith(ctx, options, { started, collectedAt, cloud, source, parsedScope, logger });
  } finally {
    ctx.transport.deadline.dispose();
  }
}

async function collectWith(
  ctx: CollectContext,
  options: CollectOptions,
  run: {
    started: number;
    collectedAt: string;
    cloud: ReturnType<typeof cloudEndpoints>;
    source: CollectSource;
    parsedScope: ReturnType<typeof parseScope>;
    logger: Logger;
  },
): Promise<CollectResult> {
  const { started, collectedAt, cloud, source, parsedScope, logger } = run;
  logger.info({ cloud: cloud.name, endpoint: cloud.armEndpoint, source, scope: options.scope ?? {} }, 'collecting');

  await ctx.transport.checkSignIn();
  const resolved = await resolveScope(ctx, parsedScope, source);
  const shard = options.shard;
  const units = shard
    ? resolved.units.filter((unit) => shardIndexOf(unit.subscription, shard.count) === shard.index)
    : resolved.units;
  // Units are read through ARM when Resource Graph missed them (graph) or always (arm), once ARM
  // confirms the subscription is readable; otherwise that check's failure is what gets reported.
  const viaArm = async (units: ScopeUnit[]): Promise<ScopeUnit[]> => {
    const readable = await Promise.all(
      units.map(async (unit) =>
        unit.resourceGroups ||
        resolved.listed.has(unit.subscription) ||
        (await canReadSubscription(ctx, unit.subscription))
          ? [unit]
          : [],
      ),
    );
    return readable.flat();
  };
  if (source === 'graph') {
    const misses = await graphInventory(ctx, units, options.graphBatchSize ?? 1000);
    misses.forEach((miss) =>
      logger.warn(
        { subscription: miss.unit.subscription, reason: miss.reason },
        'Resource Graph could not serve this subscription; reading it through ARM',
      ),
    );
    await armInventory(ctx, await viaArm(misses.map((miss) => miss.unit)));
  } else {
    await armInventory(ctx, await viaArm(units));
  }

  await readForwardingRulesets(ctx);
  await readHubChildren(ctx);

  let readableCache: Promise<string[]> | undefined;
  const lookups =
    source === 'graph' ? graphLookups(ctx) : armLookups(ctx, () => (readableCache ??= readableSubscriptions(ctx)));
  // A shard of everything readable still depends on resources in the other shards.
  await readDependencies(ctx, resolved.everything && !shard ? undefined : lookups);
  await readHubChildren(ctx);

  const resources = [...ctx.resources.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, resource]) => resource);
  const stats: CollectStats = {
    ...ctx.transport.stats,
    requests: { ...ctx.transport.stats.requests },
    pages: { ...ctx.transport.stats.pages },
    resources: resources.length,
    durationMs: Math.round(performance.now() - started),
  };
  ctx.report('done');
  logger.info({ incomplete: ctx.incomplete.length, ...stats }, 'collected');
  return {
    snapshot: {
      resources,
      collectedAt,
      cloud: cloud.name,
      scope: shard ? { ...resolved.scope, shard: `${shard.index}/${shard.count}` } : resolved.scope,
      incomplete: [...ctx.incomplete].sort((a, b) =>
        normalizeId(a.scope ?? '').localeCompare(normalizeId(b.scope ?? '')),
      ),
    },
    stats,
    subscriptions: units.map((unit) => unit.subscription),
  };
}
