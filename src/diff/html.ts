// The drift between two snapshots as a self-contained HTML page: counts first, then one table of
// every added, removed and changed resource with its properties (before and after for a change),
// which filters by change and type and sorts when the page's script runs.
import { nameFromId } from '../ids.js';
import { clip, html, htmlPage } from '../text/html.js';
import { show, typeLabel } from './render.js';
import type { DiffValue, SnapshotDiff } from './types.js';

type Change = 'added' | 'removed' | 'changed';

const value = (text: DiffValue) => html(clip(show(text), 4000));

export function renderDiffHtml(diff: SnapshotDiff): string {
  const rows: { change: Change; resourceId: string; type: string; cells: string }[] = [
    ...diff.added.map((entry) => ({ change: 'added' as const, ...entry, cells: properties(entry.properties) })),
    ...diff.removed.map((entry) => ({ change: 'removed' as const, ...entry, cells: properties(entry.properties) })),
    ...diff.changed.map((entry) => ({
      change: 'changed' as const,
      ...entry,
      cells: `<ul>${entry.changes
        .map(
          (change) =>
            `<li><code>${html(change.property)}</code>: <span class="before">${value(change.before)}</span> → <span class="after">${value(change.after)}</span></li>`,
        )
        .join('')}</ul>`,
    })),
  ].sort((a, b) =>
    a.resourceId.toLowerCase() < b.resourceId.toLowerCase()
      ? -1
      : a.resourceId.toLowerCase() > b.resourceId.toLowerCase()
        ? 1
        : 0,
  );
  const total = rows.length;
  const headline =
    total === 0
      ? 'No drift: the properties plaudit audits are the same in both snapshots.'
      : `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
  const count = (kind: string, number: number, label: string) =>
    `<div class="count"><b class="diff-${kind}">${number.toLocaleString('en-US')}</b>${label}</div>`;
  const sortable = (label: string) => `<th><button type="button" data-sort="text">${label}</button></th>`;
  const table =
    total === 0
      ? ''
      : [
          '<div class="toolbar" data-controls="drift" hidden>',
          '<label>Change <select data-filter="change"><option value="">all</option></select></label>',
          '<label>Type <select data-filter="type"><option value="">all</option></select></label>',
          '<label>Search <input type="search" data-search placeholder="name, property…"></label>',
          '<span class="muted">showing <span data-shown></span></span>',
          '</div>',
          '<table id="drift" data-table>',
          `<thead><tr>${sortable('Change')}${sortable('Resource')}${sortable('Type')}<th>Properties</th></tr></thead>`,
          '<tbody>',
          ...rows.map(
            (row) =>
              `<tr data-change="${row.change}" data-type="${html(typeLabel(row.type))}">` +
              `<td class="chg"><b class="diff-${row.change}">${row.change}</b></td>` +
              `<td class="res"><b>${html(clip(nameFromId(row.resourceId), 200))}</b><br><span class="id">${html(clip(row.resourceId, 2000))}</span></td>` +
              `<td>${html(typeLabel(row.type))}</td><td class="msg">${row.cells}</td></tr>`,
          ),
          '</tbody>',
          '</table>',
        ].join('\n');
  return htmlPage({
    title: `plaudit diff: ${headline}`,
    body: [
      '<header>',
      '<h1>plaudit diff</h1>',
      `<p><span class="verdict ${total === 0 ? 'ok' : 'warning'}">${html(headline)}</span></p>`,
      '<div class="counts">',
      count('added', diff.added.length, 'added'),
      count('removed', diff.removed.length, 'removed'),
      count('changed', diff.changed.length, 'changed'),
      '</div>',
      '</header>',
      '<main>',
      table,
      '</main>',
      '<footer>Written by plaudit. This page makes no network requests.</footer>',
    ],
  });
}

function properties(values: { readonly [property: string]: DiffValue }): string {
  const items = Object.entries(values).map(
    ([property, inner]) => `<li><code>${html(property)}</code>: ${value(inner)}</li>`,
  );
  return items.length > 0 ? `<ul>${items.join('')}</ul>` : '';
}
