// The scan as one self-contained HTML page: the verdict, counts, scope, incomplete parts and
// notices first, then the picture of the estate with every finding on the element it concerns,
// then the findings as a table that filters and sorts. No request leaves the page.
import { helpUriOf } from '../../checks/define.js';
import { summarize } from '../../src/engine/types.js';
import { html, htmlPage, safeHref } from '../../src/text/html.js';
import { incompleteCount, incompleteParts, informationUri, metaById, plural, scopeText, shortName } from '../common.js';
import type { Reporter } from '../reporter.js';
import { findingsTable } from './findings.js';
import { topologySection } from './topology.js';

/** Incomplete parts the page lists at most. */
const maxIncomplete = 200;

export const htmlReport: Reporter = (result, catalogue, options) => {
  const byId = metaById(catalogue);
  const summary = summarize(result.findings);
  const missing = incompleteCount(result);
  const verdict =
    summary.error > 0
      ? 'error'
      : summary.warning > 0
        ? 'warning'
        : missing > 0
          ? 'warning'
          : summary.note > 0
            ? 'note'
            : 'ok';
  const verdictText =
    summary.error + summary.warning + summary.note === 0
      ? missing > 0
        ? 'no findings, scan incomplete'
        : 'no findings'
      : `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${plural(summary.note, 'note')}${missing > 0 ? ', scan incomplete' : ''}`;
  const picture = topologySection(options.inventory, result.findings);
  const home = safeHref(informationUri);
  const count = (kind: string, value: number, label: string) =>
    `<div class="count ${kind}"><b>${value.toLocaleString('en-US')}</b>${label}</div>`;
  const incomplete = missing > 0 ? incompleteList(result, byId) : '';
  const notices = result.notices?.length
    ? `<div class="callout"><b>Notices</b><ul>${result.notices.map((notice) => `<li>${html(notice)}</li>`).join('')}</ul></div>`
    : '';
  return htmlPage({
    title: `plaudit: ${verdictText}`,
    body: [
      '<header>',
      `<h1>plaudit report</h1>`,
      `<p><span class="verdict ${verdict}">${html(verdictText)}</span></p>`,
      '<div class="counts">',
      count('error', summary.error, 'errors'),
      count('warning', summary.warning, 'warnings'),
      count('note', summary.note, 'notes'),
      count('', missing, 'not judged'),
      '</div>',
      '<dl class="facts">',
      `<dt>Scope</dt><dd>${html(scopeText(result.scope))}</dd>`,
      `<dt>Cloud</dt><dd>${html(result.cloud)}</dd>`,
      result.collectedAt ? `<dt>Collected</dt><dd>${html(result.collectedAt)}</dd>` : '',
      `<dt>Checks</dt><dd>${plural(result.checks.length, 'check')} ran</dd>`,
      `<dt>Tool</dt><dd>${home ? `<a href="${home}" rel="noreferrer">${html(result.tool.name)}</a>` : html(result.tool.name)} ${html(result.tool.version)}</dd>`,
      '</dl>',
      incomplete,
      notices,
      '</header>',
      '<main>',
      '<h2>Topology</h2>',
      picture.markup,
      `<h2>Findings (${result.findings.length.toLocaleString('en-US')})</h2>`,
      findingsTable(result.findings, byId, picture.topology?.elementsOf),
      '</main>',
      `<footer>Written by ${html(result.tool.name)} ${html(result.tool.version)}. This page makes no network requests; its script only filters, sorts and zooms.</footer>`,
    ],
  });
};

function incompleteList(result: Parameters<Reporter>[0], byId: ReturnType<typeof metaById>): string {
  const parts = incompleteParts(result);
  const items = [
    ...parts.unread.map(
      (entry) =>
        `<li>Not read: <code>${html(entry.scope ?? entry.resourceId ?? 'part of the scope')}</code>: ${html(entry.reason)}</li>`,
    ),
    ...parts.inconclusive.map((entry) => {
      const meta = byId.get(entry.checkId);
      const href = meta ? safeHref(helpUriOf(meta)) : undefined;
      const check = href ? `<a href="${href}" rel="noreferrer">${html(entry.checkId)}</a>` : html(entry.checkId);
      const what = entry.resourceId ? `<code>${html(shortName(entry.resourceId))}</code>` : 'a resource';
      return `<li>Inconclusive: ${check} could not judge ${what}: ${html(entry.reason)}</li>`;
    }),
    ...parts.failures.map(
      (failure) => `<li>Check failed: <code>${html(failure.checkId)}</code>: ${html(failure.error)}</li>`,
    ),
  ];
  const more =
    items.length > maxIncomplete
      ? `<li>and ${items.length - maxIncomplete} more: the JSON report lists them all</li>`
      : '';
  return `<div class="callout"><b>The scan is incomplete</b> (${items.length}): problems in what was not judged are not reported.<ul>${items.slice(0, maxIncomplete).join('')}${more}</ul></div>`;
}
