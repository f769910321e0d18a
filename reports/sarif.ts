// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Azure resources are not files,
// so every result carries both a stable artifact URI made from its resource id (GitHub rejects a
// result without `physicalLocation.artifactLocation.uri`) and the id itself as a logical location.
import { createHash } from 'node:crypto';
import type {
  Location,
  Log,
  Notification,
  ReportingDescriptor,
  ReportingDescriptorReference,
  Result,
  Run,
} from 'sarif';
import { helpUriOf, type CheckMeta } from '../checks/define.js';
import type { Finding, ScanResult } from '../src/engine/types.js';
import { incompleteParts, incompleteCount, informationUri, securitySeverityOf, shortName } from './common.js';
import { jsonArrayPieces, joined, type PieceReporter } from './reporter.js';
import { codeScanningLimits, sarifSelection } from './sarif-limits.js';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's limit on rule descriptions. */
const descriptionLimit = 1024;

export const sarifReportPieces: PieceReporter = function* (result, catalogue) {
  const rules = rulesFor(result, catalogue);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const withBaseline = result.findings.some((finding) => finding.baselineState !== undefined);
  const withSuppressions = result.findings.some((finding) => finding.suppression !== undefined);
  const selection = sarifSelection(result);
  const notifications = [
    ...executionNotifications(result, ruleIndex),
    ...(selection.note !== undefined
      ? [
          {
            level: 'warning' as const,
            message: { text: `${selection.note[0]!.toUpperCase()}${selection.note.slice(1)}.` },
          },
        ]
      : []),
  ];

  const run: Run = {
    tool: {
      driver: {
        name: result.tool.name,
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri,
        rules: rules.map(toRule),
      },
    },
    automationDetails: { id: automationId(result) },
    invocations: [
      {
        executionSuccessful: incompleteCount(result) === 0,
        ...(notifications.length > 0 && { toolExecutionNotifications: notifications }),
        ...(result.notices?.length && {
          toolConfigurationNotifications: result.notices.map((text) => ({
            level: 'warning' as const,
            message: { text },
          })),
        }),
      },
    ],
    results: [],
    properties: {
      cloud: result.cloud,
      ...(result.collectedAt !== undefined && { collectedAt: result.collectedAt }),
      scope: result.scope,
    },
  };
  const log: Log = { $schema: sarifSchemaUri, version: '2.1.0', runs: [run] };
  // The results go out one at a time, in the run's key order; the rest of the log is small.
  const text = JSON.stringify(log, null, 2);
  const marker = '"results": []';
  const at = text.indexOf(marker);
  yield text.slice(0, at);
  yield '"results": ';
  yield* jsonArrayPieces(
    (function* () {
      for (const finding of selection.kept) yield toResult(finding, ruleIndex, withBaseline, withSuppressions);
    })(),
    3,
  );
  yield text.slice(at + marker.length);
  yield '\n';
};

export const sarifReport = joined(sarifReportPieces);

/** Every check that ran, in catalogue order, plus any check a finding or gap names. */
function rulesFor(result: ScanResult, catalogue: readonly CheckMeta[]): CheckMeta[] {
  const named = new Set([
    ...result.checks,
    ...result.findings.map((finding) => finding.checkId),
    ...result.incomplete.flatMap((entry) => (entry.checkId === undefined ? [] : [entry.checkId])),
    ...result.checkFailures.map((failure) => failure.checkId),
  ]);
  return catalogue.filter((meta) => named.has(meta.id));
}

function toRule(meta: CheckMeta): ReportingDescriptor {
  const references = meta.references;
  const helpUri = helpUriOf(meta);
  return {
    id: meta.id,
    name: ruleName(meta),
    shortDescription: { text: limited(meta.title) },
    fullDescription: { text: limited(meta.rationale) },
    help: {
      text: `${meta.remediation}\n\nReferences:\n${references.map((ref) => `- ${ref.title}: ${ref.url}`).join('\n')}\n\nMore: ${helpUri}`,
      markdown: `${meta.remediation}\n\n**References**\n\n${references.map((ref) => `- [${ref.title}](${ref.url})`).join('\n')}\n\n[More about this check](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: meta.level },
    properties: {
      tags: [...meta.tags],
      'security-severity': securitySeverityOf(meta).toFixed(1),
      precision: 'high',
    },
  };
}

function toResult(
  finding: Finding,
  ruleIndex: ReadonlyMap<string, number>,
  withBaseline: boolean,
  withSuppressions: boolean,
): Result {
  const index = ruleIndex.get(finding.checkId);
  return {
    ruleId: finding.checkId,
    ...(index !== undefined && { ruleIndex: index }),
    level: finding.level,
    message: { text: finding.message },
    locations: [resourceLocation(finding.resourceId)],
    ...(finding.related.length > 0 && {
      relatedLocations: finding.related
        .slice(0, codeScanningLimits.locationsPerResult)
        .map((id, position) => ({ id: position + 1, ...resourceLocation(id) })),
    }),
    partialFingerprints: {
      // GitHub only reads this key and cannot compute it for a non-file; the engine's hash stands in.
      primaryLocationLineHash: `${finding.fingerprint}:1`,
      'plaudit/v1': finding.fingerprint,
    },
    // How much the defect breaks; the pairs themselves are in the JSON report.
    ...(finding.affected !== undefined && {
      properties: {
        affected: {
          from: finding.affected.from,
          to: finding.affected.to,
          pairs: finding.affected.pairs,
          sources: finding.affected.sources,
          targets: finding.affected.targets,
          digest: finding.affected.digest,
        },
      },
    }),
    // SARIF: once any result has a baseline state, every result must. A finding the engine left
    // without one was not matched in the baseline, so it is new.
    ...(withBaseline && { baselineState: finding.baselineState ?? 'new' }),
    // Likewise for suppressions: all present or all absent; [] means "not suppressed".
    ...(withSuppressions && {
      suppressions: finding.suppression
        ? [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: finding.suppression.reason,
              ...(finding.suppression.expires !== undefined && {
                properties: { expires: finding.suppression.expires },
              }),
            },
          ]
        : [],
    }),
  };
}

function resourceLocation(resourceId: string): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(resourceId) },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    },
    logicalLocations: [logicalLocation(resourceId)],
  };
}

function logicalLocation(resourceId: string): NonNullable<Location['logicalLocations']>[number] {
  return { name: shortName(resourceId), fullyQualifiedName: resourceId, kind: 'resource' };
}

/**
 * `azure/` + the lower-cased id without its leading slash; ids are case-insensitive, URIs are not.
 * Each segment is percent-encoded and empty segments are dropped. A segment of dots alone (`.`,
 * `..`) is a dot segment even percent-encoded (`%2E%2E`), so it gets a leading `$` (which
 * encodeURIComponent never leaves in a name): a resource name can never climb out of `azure/`.
 */
export function artifactUri(resourceId: string): string {
  return `azure/${resourceId
    .trim()
    .toLowerCase()
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (/^\.+$/.test(segment) ? `$${segment}` : encodeURIComponent(segment)))
    .join('/')}`;
}

// automationDetails.id is `<category>/<run id>`; GitHub takes everything up to the last '/' as the
// category, and a new upload replaces the results of the same category. So the category is
// `plaudit/<scope key>` (the same scope always gives the same key, whatever the order of flags) and
// the run id is the snapshot's `collectedAt` with everything but letters and digits removed
// (2026-11-20T02:00:00Z -> 20261120T020000Z). Without `collectedAt` the id ends in '/': a category
// and no run id.
export function automationId(result: ScanResult): string {
  const runId = (result.collectedAt ?? '').replace(/[^0-9A-Za-z]/g, '');
  return `plaudit/${scopeKey(result.scope)}/${runId}`;
}

/** Lower-case tokens for each scope part, sorted; `all` for "every readable subscription". */
export function scopeKey(scope: ScanResult['scope']): string {
  const token = (text: string) => text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const subscriptionOf = (text: string) => text.replace(/^\/?subscriptions\//i, '');
  const parts = [
    ...(scope.tenant ? [`tenant-${token(scope.tenant)}`] : []),
    ...(scope.managementGroup ? [`mg-${token(scope.managementGroup)}`] : []),
    ...(scope.subscriptions ?? []).map((subscription) => `sub-${token(subscriptionOf(subscription))}`),
    ...(scope.resourceGroups ?? []).map((group) => {
      const match = /^\/?subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i.exec(group.trim());
      return match ? `rg-${token(match[1]!)}-${token(match[2]!)}` : `rg-${token(group)}`;
    }),
  ];
  const key = [...new Set(parts)].sort().join('+');
  if (key === '') return 'all';
  // Long scopes (many subscriptions) still need a short, stable category.
  return key.length <= 200 ? key : `scope-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

function executionNotifications(result: ScanResult, ruleIndex: ReadonlyMap<string, number>): Notification[] {
  const parts = incompleteParts(result);
  const rule = (checkId: string): ReportingDescriptorReference => {
    const index = ruleIndex.get(checkId);
    return { id: checkId, ...(index !== undefined && { index }) };
  };
  return [
    ...parts.unread.map((entry): Notification => {
      const where = entry.scope ?? entry.resourceId;
      return {
        level: 'error',
        message: { text: `Could not read ${where ?? 'part of the scope'}: ${entry.reason}` },
        ...(where !== undefined && { locations: [{ logicalLocations: [logicalLocation(where)] }] }),
      };
    }),
    ...parts.inconclusive.map((entry): Notification => ({
      level: 'warning',
      message: {
        text: entry.resourceId
          ? `Could not judge ${shortName(entry.resourceId)}: ${entry.reason}`
          : `Could not decide: ${entry.reason}`,
      },
      associatedRule: rule(entry.checkId),
      ...(entry.resourceId !== undefined && { locations: [{ logicalLocations: [logicalLocation(entry.resourceId)] }] }),
    })),
    ...parts.failures.map((failure): Notification => ({
      level: 'error',
      message: { text: `Check ${failure.checkId} failed: ${failure.error}` },
      associatedRule: rule(failure.checkId),
      exception: { message: failure.error },
    })),
  ];
}

/**
 * The rule's readable name (SARIF `reportingDescriptor.name`, at most 255 characters on GitHub):
 * its title in PascalCase, e.g. `HubFirewallAllowsConsumerSubnetsToReachTheirPrivateEndpoints`.
 */
export function ruleName(meta: CheckMeta): string {
  const words = meta.title
    .replace(/^the\s+/i, '')
    .replace(/['’]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
  const name = words.map((word) => `${word[0]!.toUpperCase()}${word.slice(1)}`).join('');
  return name.slice(0, 255) || meta.id;
}

function limited(text: string): string {
  if (text.length <= descriptionLimit) return text;
  const cut = text.slice(0, descriptionLimit - 1);
  const boundary = cut.lastIndexOf(' ');
  return `${boundary > descriptionLimit / 2 ? cut.slice(0, boundary) : cut}…`;
}
