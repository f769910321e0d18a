// The findings as one table: level, check (linked to its help page), resource, resource group,
// subscription, message and fix. Each row carries its facts as data attributes, which the page's
// script filters and sorts on; without the script the table is simply all there.
import { helpUriOf, type CheckMeta } from '../../checks/define.js';
import type { Finding, Level } from '../../src/engine/types.js';
import { clip, html, safeHref } from '../../src/text/html.js';
import { isCounted, shortName } from '../common.js';

/** Rows the table shows at most; the JSON report has every finding. */
export const maxRows = 10_000;

const rank: Record<Level, number> = { error: 0, warning: 1, note: 2 };

/** The subscription and resource group an id names, as written (empty when it names none). */
export function placeOf(resourceId: string): { subscription: string; resourceGroup: string } {
  const match = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i.exec(resourceId);
  return { subscription: match?.[1] ?? '', resourceGroup: match?.[2] ?? '' };
}

/**
 * A check's remediation (Markdown) in a table cell: its prose with inline code, and its first code
 * block (the command line); the check's page, linked from the row, has the rest.
 */
export function fixMarkup(remediation: string): string {
  const parts: string[] = [];
  let code = 0;
  for (const [index, part] of remediation.split(/```[\w-]*\n([\s\S]*?)```/).entries()) {
    if (index % 2 === 1) {
      if (code++ === 0) parts.push(`<pre>${html(part.trimEnd())}</pre>`);
      continue;
    }
    const prose = part.trim();
    if (prose) {
      parts.push(`<p>${html(prose).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`);
    }
  }
  return parts.join('');
}

export function findingsTable(
  findings: readonly Finding[],
  byId: ReadonlyMap<string, CheckMeta>,
  elementsOf: readonly (readonly string[])[] | undefined,
): string {
  if (findings.length === 0) return '<p>No findings.</p>';
  const shown = findings.slice(0, maxRows);
  const rows = shown.map((finding, index) => {
    const meta = byId.get(finding.checkId);
    const href = meta ? safeHref(helpUriOf(meta)) : undefined;
    const { subscription, resourceGroup } = placeOf(finding.resourceId);
    const state = [
      finding.baselineState ? `<br><span class="muted">${html(finding.baselineState)}</span>` : '',
      finding.suppression
        ? `<br><span class="muted">suppressed${finding.suppression.expires ? ` until ${html(finding.suppression.expires)}` : ''}: ${html(finding.suppression.reason)}</span>`
        : '',
    ].join('');
    const check = href ? `<a href="${href}" rel="noreferrer">${html(finding.checkId)}</a>` : html(finding.checkId);
    const attributes = [
      `data-level="${finding.level}"`,
      `data-check="${html(finding.checkId)}"`,
      `data-rg="${html(resourceGroup.toLowerCase())}"`,
      `data-sub="${html(subscription.toLowerCase())}"`,
      `data-el="${(elementsOf?.[index] ?? []).join(' ')}"`,
    ].join(' ');
    return (
      `<tr ${attributes}${isCounted(finding) ? '' : ' class="suppressed"'}>` +
      `<td data-sort="${rank[finding.level]}"><span class="badge ${finding.level}">${finding.level}</span>${state}</td>` +
      `<td class="chk">${check}</td>` +
      `<td class="res"><b>${html(clip(shortName(finding.resourceId), 200))}</b><br><span class="id">${html(clip(finding.resourceId, 2000))}</span></td>` +
      `<td class="rg">${html(resourceGroup)}</td>` +
      `<td class="id sub">${html(subscription)}</td>` +
      `<td class="msg">${html(clip(finding.message, 4000))}</td>` +
      `<td class="fix">${meta ? fixMarkup(meta.remediation) : ''}</td>` +
      '</tr>'
    );
  });
  const sortable = (label: string, kind = 'text') =>
    `<th><button type="button" data-sort="${kind}">${label}</button></th>`;
  return [
    '<div class="toolbar" data-controls="findings" hidden>',
    '<label>Level <select data-filter="level"><option value="">all</option></select></label>',
    '<label>Check <select data-filter="check"><option value="">all</option></select></label>',
    '<label>Resource group <select data-filter="rg"><option value="">all</option></select></label>',
    '<label>Subscription <select data-filter="sub"><option value="">all</option></select></label>',
    '<label>Search <input type="search" data-search placeholder="name, message…"></label>',
    '<span data-element hidden>only the selected element <button type="button" data-clear-element>show all</button></span>',
    '<span class="muted">showing <span data-shown></span></span>',
    '</div>',
    findings.length > shown.length
      ? `<p class="callout">The table shows the first ${maxRows.toLocaleString('en-US')} of ${findings.length.toLocaleString('en-US')} findings; the JSON report has them all.</p>`
      : '',
    '<table id="findings" data-table>',
    `<thead><tr>${sortable('Level', 'number')}${sortable('Check')}${sortable('Resource')}${sortable('Resource group')}${sortable('Subscription')}${sortable('Message')}<th>Fix</th></tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
  ].join('\n');
}
