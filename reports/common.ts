// Facts every reporter derives the same way from a scan result and the catalogue: security
// severity, what counts as incomplete, and a human description of the scope.
import { countOf } from '../checks/affected.js';
import type { Affected, CheckMeta } from '../checks/define.js';
import type { CheckFailure, Finding, Level, ScanResult } from '../src/engine/types.js';
import { nameFromId } from '../src/ids.js';
import type { IncompleteEntry } from '../src/snapshot/types.js';
import { docsBaseUrl } from '../src/version.js';

/** The project's home page: the docs live in its repository, so it is their URL up to `/blob/`. */
export const informationUri = docsBaseUrl.replace(/\/blob\/.*$/, '');

const severityByLevel: Record<Level, number> = { error: 8.0, warning: 5.0, note: 2.0 };

/** GitHub's 0.1-10 scale: the check's own figure, or one derived from its level. */
export function securitySeverityOf(meta: CheckMeta): number {
  return meta.securitySeverity ?? severityByLevel[meta.level];
}

export function metaById(catalogue: readonly CheckMeta[]): ReadonlyMap<string, CheckMeta> {
  return new Map(catalogue.map((meta) => [meta.id, meta]));
}

/** The last segment of an Azure id (a subscription shows as its GUID), for people to read. */
export function shortName(resourceId: string): string {
  return nameFromId(resourceId);
}

export interface IncompleteParts {
  /** Parts of the scope (or single resources) that could not be read. */
  readonly unread: readonly IncompleteEntry[];
  /** Resources a check could not judge. */
  readonly inconclusive: readonly (IncompleteEntry & { readonly checkId: string })[];
  readonly failures: readonly CheckFailure[];
}

export function incompleteParts(result: ScanResult): IncompleteParts {
  const unread: IncompleteEntry[] = [];
  const inconclusive: (IncompleteEntry & { checkId: string })[] = [];
  for (const entry of result.incomplete) {
    if (entry.checkId === undefined) unread.push(entry);
    else inconclusive.push({ ...entry, checkId: entry.checkId });
  }
  return { unread, inconclusive, failures: result.checkFailures };
}

export function incompleteCount(result: ScanResult): number {
  return result.incomplete.length + result.checkFailures.length;
}

/** Findings that the summary leaves out: suppressed ones and those gone since the baseline. */
export function isCounted(finding: Finding): boolean {
  return !finding.suppression && finding.baselineState !== 'absent';
}

/** Consecutive findings of one check; the engine sorted them by check id, so this keeps its order. */
export function groupByCheck(findings: readonly Finding[]): { checkId: string; findings: Finding[] }[] {
  const groups: { checkId: string; findings: Finding[] }[] = [];
  for (const finding of findings) {
    const last = groups[groups.length - 1];
    if (last && last.checkId === finding.checkId) last.findings.push(finding);
    else groups.push({ checkId: finding.checkId, findings: [finding] });
  }
  return groups;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function countsText(summary: Record<Level, number>): string {
  return `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${plural(summary.note, 'note')}`;
}

/** What was scanned, in words: the scope parts, or the snapshot when it is the whole scope. */
export function scopeText(scope: ScanResult['scope'], code: (text: string) => string = (text) => text): string {
  const parts: string[] = [];
  if (scope.tenant) parts.push(`tenant ${code(scope.tenant)}`);
  if (scope.managementGroup) parts.push(`management group ${code(scope.managementGroup)}`);
  const subscriptions = scope.subscriptions ?? [];
  if (subscriptions.length > 0) {
    parts.push(
      `${subscriptions.length === 1 ? 'subscription' : 'subscriptions'} ${subscriptions.map(code).join(', ')}`,
    );
  }
  const groups = scope.resourceGroups ?? [];
  if (groups.length > 0) {
    parts.push(`${groups.length === 1 ? 'resource group' : 'resource groups'} ${groups.map(code).join(', ')}`);
  }
  if (parts.length === 0) {
    return scope.snapshot ? `everything in snapshot ${code(scope.snapshot)}` : 'every readable subscription';
  }
  return `${parts.join('; ')}${scope.snapshot ? ` (snapshot ${code(scope.snapshot)})` : ''}`;
}

/** "3 subnets x 2,140 private endpoints, 6,420 pairs": how much a finding breaks. */
export function affectedText(affected: Affected): string {
  const pairs = `${affected.pairs.toLocaleString('en-US')} ${affected.pairs === 1 ? 'pair' : 'pairs'}`;
  return `${countOf(affected.sources, affected.from)} x ${countOf(affected.targets, affected.to)}, ${pairs}`;
}
