// The library: what a program needs to audit an estate the way `plaudit scan` does. Read a
// snapshot (or collect one live), build the inventory, scan it with the catalogue, judge the exit
// code, render reports; trace one flow; compare two snapshots. Everything here is public API under
// semantic versioning; deeper module paths are not.
import type { TokenCredential } from '@azure/core-auth';
import type { CollectOptions, CollectResult } from './azure/collect.js';

export { readSnapshotFile, parseSnapshotText, parseSnapshot, SnapshotError } from './snapshot/read.js';
export { compactResource, snapshotPieces, type SnapshotWriteOptions } from './snapshot/write.js';
export type { CloudName, IncompleteEntry, RawResource, Snapshot, SnapshotScope } from './snapshot/types.js';

export type { CollectOptions, CollectProgress, CollectResult, CollectSource, CollectStats } from './azure/collect.js';

export { buildInventory } from './inventory/build/index.js';
export type { Inventory } from './inventory/inventory.js';

export { catalogue, selectChecks } from '../checks/index.js';
export { helpUriOf, levels } from '../checks/define.js';
export type { Check, CheckContext, CheckMeta, Level, Reference } from '../checks/define.js';

export { scan } from './engine/scan.js';
export type { ScanOptions } from './engine/scan.js';
export { summarize } from './engine/types.js';
export type { BaselineState, CheckFailure, Finding, ScanResult, Suppression } from './engine/types.js';
export { exitCodeFor, exitCodes, isIncomplete } from './engine/exit-code.js';
export type { FailOn } from './engine/exit-code.js';
export { parseBaseline } from './engine/baseline.js';
export type { BaselineFinding } from './engine/baseline.js';

export {
  ConfigError,
  checkContextFor,
  levelOverrides,
  parseConfig,
  readConfigFile,
  suppressionRules,
} from './config/config.js';
export type { PlauditConfig } from './config/config.js';

export { formats, reporters, renderCatalogue } from '../reports/index.js';
export type { Format, ReportOptions, Reporter } from '../reports/index.js';
export type { JsonReport } from '../reports/json.js';

export { tracePath } from './trace/trace.js';
export type { Trace, TraceRequest } from './trace/trace.js';
export { resolveSource } from './trace/source.js';
export type { TraceSource } from './trace/source.js';
export { renderTraceJson, renderTraceText } from './trace/render.js';
export { renderTraceHtml } from './trace/html.js';
export { renderTraceMarkdown } from './trace/mermaid.js';

export { diffHasChanges, diffSnapshots, renderDiff, renderDiffHtml } from './diff/index.js';
export type { DiffFormat, SnapshotDiff } from './diff/index.js';

export { UsageError } from './errors.js';
export { toolName, toolVersion } from './version.js';

/** `collectSnapshot`'s options; `credential` may be left out. */
export interface LiveCollectOptions extends Omit<CollectOptions, 'credential'> {
  /**
   * Default: the bearer token in PLAUDIT_ACCESS_TOKEN when it is set, else DefaultAzureCredential
   * (Azure CLI login, environment, workload identity, managed identity) for the cloud, signing in to
   * `scope.tenant` when one is given.
   */
  readonly credential?: TokenCredential;
}

/**
 * Reads a live scope into a snapshot, as `plaudit collect` does: Resource Graph and ARM, GET requests
 * and Resource Graph queries only. Parts that cannot be read are listed in `snapshot.incomplete`; a
 * failed sign-in rejects with a UsageError that says what to run.
 */
export async function collectSnapshot(options: LiveCollectOptions = {}): Promise<CollectResult> {
  // The Azure SDK takes about a second to load: only programs that read Azure pay for it.
  const azure = await import('./azure/index.js');
  const { credential, ...rest } = options;
  const tenantId = options.scope?.tenant;
  return azure.collectSnapshot({
    ...rest,
    credential:
      credential ?? azure.createCredential({ cloud: options.cloud ?? 'AzureCloud', ...(tenantId ? { tenantId } : {}) }),
  });
}
