// The terminal report: findings grouped under their check, then what could not be judged, then
// one summary line. Colour only when asked for; the layout is the same either way.
import pc from 'picocolors';
import { helpUriOf } from '../checks/define.js';
import type { Finding, Level, ScanResult } from '../src/engine/types.js';
import { summarize } from '../src/engine/types.js';
import {
  affectedText,
  countsText,
  groupByCheck,
  incompleteCount,
  incompleteParts,
  isCounted,
  metaById,
  plural,
  scopeText,
  shortName,
} from './common.js';
import { joined, type PieceReporter } from './reporter.js';
import { mapStrings, terminalText } from '../src/text/escape.js';

type Colors = ReturnType<typeof pc.createColors>;

const levelWidth = 'warning'.length;
/** Continuation lines line up under the resource name: two spaces, the level column, two spaces. */
const indent = ' '.repeat(2 + levelWidth + 2);
const labelWidth = 'check failed'.length;

export const textReportPieces: PieceReporter = function* (scanned, catalogue, options) {
  // Names, ids and reasons come from the estate: no control or bidi character reaches the terminal.
  // The affected pairs are counted, not listed, so they are left out before the strings are mapped.
  const result = mapStrings(withoutPairs(scanned), (text) => terminalText(text));
  const c = pc.createColors(options.color);
  const byId = metaById(catalogue);
  const summary = summarize(result.findings);
  const missing = incompleteCount(result);
  const header = [`${result.tool.name} ${result.tool.version}`, plural(result.checks.length, 'check'), result.cloud];
  if (result.collectedAt) header.push(`collected ${result.collectedAt}`);
  const lines: string[] = [c.bold(header.join(' · ')), `Scope: ${scopeText(result.scope)}`, ''];

  if (result.findings.length === 0) {
    lines.push(
      missing === 0
        ? c.green(`No findings: all ${plural(result.checks.length, 'check')} passed.`)
        : 'No findings, but the scan is incomplete (see below), so problems in what was not judged are not reported.',
      '',
    );
  }

  for (const group of groupByCheck(result.findings)) {
    const meta = byId.get(group.checkId);
    lines.push(c.bold(meta ? `${group.checkId}: ${meta.title}` : group.checkId));
    if (meta) lines.push(c.dim(`  ${helpUriOf(meta)}`));
    for (const finding of group.findings) lines.push(...findingLines(finding, c));
    lines.push('');
    yield `${lines.join('\n')}\n`;
    lines.length = 0;
  }

  if (result.notices?.length) {
    lines.push(c.bold('Notices'), ...result.notices.map((notice) => `  ${c.yellow('notice')}  ${notice}`), '');
  }

  if (missing > 0) {
    const parts = incompleteParts(result);
    lines.push(c.bold(`Incomplete (${missing})`));
    const label = (text: string, paint: (text: string) => string) => `  ${paint(text.padEnd(labelWidth))}  `;
    for (const entry of parts.unread) {
      const where = entry.scope ?? entry.resourceId ?? 'part of the scope';
      lines.push(`${label('not read', c.yellow)}${where}: ${entry.reason}`);
    }
    for (const entry of parts.inconclusive) {
      const what = entry.resourceId ? shortName(entry.resourceId) : 'a resource';
      lines.push(`${label('inconclusive', c.yellow)}${entry.checkId} could not judge ${what}: ${entry.reason}`);
      if (entry.resourceId) lines.push(c.dim(`${' '.repeat(labelWidth + 4)}${entry.resourceId}`));
    }
    for (const failure of parts.failures) {
      lines.push(`${label('check failed', c.red)}${failure.checkId}: ${failure.error}`);
    }
    lines.push('');
  }

  lines.push(summaryLine(result.findings, summary, missing, c));
  yield `${lines.join('\n')}\n`;
};

export const textReport = joined(textReportPieces);

function findingLines(finding: Finding, c: Colors): string[] {
  const lines = [
    `  ${levelLabel(finding.level, c)}  ${c.bold(shortName(finding.resourceId))}: ${finding.message}`,
    c.dim(`${indent}resource: ${finding.resourceId}`),
  ];
  for (const id of finding.related) lines.push(c.dim(`${indent}related:  ${id}`));
  if (finding.affected) lines.push(`${indent}affects:  ${affectedText(finding.affected)}`);
  if (finding.baselineState) lines.push(`${indent}baseline: ${finding.baselineState}`);
  if (finding.suppression) {
    const until = finding.suppression.expires ? ` until ${finding.suppression.expires}` : '';
    lines.push(`${indent}suppressed${until}: ${finding.suppression.reason}`);
  }
  return lines;
}

/** The findings with their affected pairs counted but not listed. */
function withoutPairs(result: ScanResult): ScanResult {
  if (!result.findings.some((finding) => finding.affected)) return result;
  return {
    ...result,
    findings: result.findings.map((finding) =>
      finding.affected ? { ...finding, affected: { ...finding.affected, blocks: [] } } : finding,
    ),
  };
}

function levelLabel(level: Level, c: Colors): string {
  const padded = level.padEnd(levelWidth);
  return level === 'error' ? c.red(padded) : level === 'warning' ? c.yellow(padded) : c.cyan(padded);
}

function summaryLine(findings: readonly Finding[], summary: Record<Level, number>, missing: number, c: Colors): string {
  const extras: string[] = [];
  const suppressed = findings.filter((finding) => finding.suppression).length;
  const absent = findings.filter((finding) => !finding.suppression && finding.baselineState === 'absent').length;
  if (suppressed > 0) extras.push(`${suppressed} suppressed`);
  if (absent > 0) extras.push(`${absent} fixed since the baseline`);
  extras.push(`${missing} incomplete`);
  const counts = countsText(summary);
  const coloured = summary.error > 0 ? c.red(counts) : summary.warning > 0 ? c.yellow(counts) : counts;
  const counted = findings.filter(isCounted).length;
  return `${c.bold('Summary:')} ${counted === 0 && missing === 0 ? c.green(counts) : coloured}; ${extras.join('; ')}.`;
}
