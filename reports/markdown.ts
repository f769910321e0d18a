// A Markdown summary for CI job pages and pull-request comments: the verdict first, one table per
// check with a link to its help page, then what the scan could not judge.
import { helpUriOf } from '../checks/define.js';
import type { Finding, Level } from '../src/engine/types.js';
import { summarize } from '../src/engine/types.js';
import {
  countsText,
  groupByCheck,
  incompleteCount,
  incompleteParts,
  informationUri,
  metaById,
  plural,
  scopeText,
  shortName,
} from './common.js';
import { joined, type PieceReporter } from './reporter.js';
import { topologyMarkdown } from './topology/mermaid.js';
import { markdownCode, markdownText } from '../src/text/escape.js';

export const markdownReportPieces: PieceReporter = function* (result, catalogue, options) {
  const byId = metaById(catalogue);
  const summary = summarize(result.findings);
  const missing = incompleteCount(result);
  const blocks: string[] = [
    headline(summary, missing, result.findings.length),
    `[${result.tool.name}](${informationUri}) ${result.tool.version} ran ${plural(result.checks.length, 'check')} over ${scopeText(result.scope, code)} in ${result.cloud}` +
      (result.collectedAt ? `, collected ${result.collectedAt}.` : '.') +
      (missing > 0
        ? ` **The scan is incomplete** (${missing}): problems in what was not judged are not reported.`
        : ''),
  ];
  const topology = options?.inventory && topologyMarkdown(options.inventory, result.findings);
  if (topology) blocks.push(topology);

  for (const group of groupByCheck(result.findings)) {
    const meta = byId.get(group.checkId);
    yield `${blocks.join('\n\n')}\n\n`;
    blocks.length = 0;
    blocks.push(
      meta
        ? `### [\`${group.checkId}\`](${helpUriOf(meta)}): ${meta.title.replace(/\r?\n/g, ' ')}`
        : `### \`${group.checkId}\``,
      [
        '| Level | Resource | Message |',
        '| --- | --- | --- |',
        ...group.findings.map(
          (finding) => `| ${levelCell(finding)} | ${resourceCell(finding)} | ${messageCell(finding)} |`,
        ),
      ].join('\n'),
    );
  }

  if (result.notices?.length) {
    blocks.push('### Notices', result.notices.map((notice) => `- ${inline(notice)}`).join('\n'));
  }

  if (missing > 0) {
    const parts = incompleteParts(result);
    const items = [
      ...parts.unread.map(
        (entry) =>
          `- Not read: ${code(entry.scope ?? entry.resourceId ?? 'part of the scope')}: ${inline(entry.reason)}`,
      ),
      ...parts.inconclusive.map((entry) => {
        const meta = byId.get(entry.checkId);
        const check = meta ? `[\`${entry.checkId}\`](${helpUriOf(meta)})` : code(entry.checkId);
        const what = entry.resourceId ? code(shortName(entry.resourceId)) : 'a resource';
        return `- Inconclusive: ${check} could not judge ${what}: ${inline(entry.reason)}`;
      }),
      ...parts.failures.map((failure) => `- Check failed: ${code(failure.checkId)}: ${inline(failure.error)}`),
    ];
    blocks.push('### Incomplete', items.join('\n'));
  }

  yield `${blocks.join('\n\n')}\n`;
};

export const markdownReport = joined(markdownReportPieces);

function headline(summary: Record<Level, number>, missing: number, findings: number): string {
  const mark = summary.error > 0 ? '❌' : summary.warning > 0 || missing > 0 ? '⚠️' : '✅';
  const counts = findings === 0 && summary.note === 0 ? 'no findings' : countsText(summary);
  return `## ${mark} plaudit: ${counts}${missing > 0 ? ', scan incomplete' : ''}`;
}

function levelCell(finding: Finding): string {
  return finding.baselineState ? `${finding.level} (${finding.baselineState})` : finding.level;
}

function resourceCell(finding: Finding): string {
  return code(shortName(finding.resourceId));
}

function messageCell(finding: Finding): string {
  const message = cell(finding.message);
  if (!finding.suppression) return message;
  const until = finding.suppression.expires ? ` until ${finding.suppression.expires}` : '';
  return `${message}<br>_Suppressed${cell(until)}: ${cell(finding.suppression.reason)}_`;
}

/** Data in a table cell: a `|` would end the cell and a newline the row; HTML and links stay text. */
export function cell(text: string): string {
  return markdownText(text, { breaks: true });
}

/** Data outside tables: escaped, and kept on its line. */
function inline(text: string): string {
  return markdownText(text);
}

function code(text: string): string {
  return markdownCode(text);
}
