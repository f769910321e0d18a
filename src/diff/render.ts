// Renders a drift report as terminal text, JSON (the versioned contract) or Markdown for CI job
// summaries. Pure: the diff is already sorted, and colour is used only when asked for.
import pc from 'picocolors';
import { nameFromId } from '../ids.js';
import { mapStrings, markdownCode, markdownText, terminalText } from '../text/escape.js';
import { auditedTypes } from './audited.js';
import { compareText } from './tree.js';
import type { DiffFormat, DiffValue, PropertyChange, SnapshotDiff } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

const typeLabels: Record<string, string> = {
  [auditedTypes.zone]: 'private DNS zone',
  [auditedTypes.aRecord]: 'A record',
  [auditedTypes.cnameRecord]: 'CNAME record',
  [auditedTypes.link]: 'virtual network link',
  [auditedTypes.vnet]: 'virtual network',
  [auditedTypes.subnet]: 'subnet',
  [auditedTypes.peering]: 'peering',
  [auditedTypes.routeTable]: 'route table',
  [auditedTypes.firewall]: 'firewall',
  [auditedTypes.firewallPolicy]: 'firewall policy',
  [auditedTypes.ruleCollectionGroup]: 'rule collection group',
  [auditedTypes.ipGroup]: 'IP group',
  [auditedTypes.privateEndpoint]: 'private endpoint',
  [auditedTypes.zoneGroup]: 'DNS zone group',
};

/** A person's name for a resource type; private link targets keep their ARM type. */
export function typeLabel(type: string): string {
  return typeLabels[type.toLowerCase()] ?? type;
}

export function renderDiff(diff: SnapshotDiff, format: DiffFormat, options: { color: boolean }): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(diff, null, 2)}\n`;
    case 'markdown':
      return markdown(diff);
    case 'text':
      // Ids and values come from the snapshots: no control or bidi character reaches the terminal.
      return text(
        mapStrings(diff, (value) => terminalText(value)),
        pc.createColors(options.color),
      );
  }
}

type Mark = '+' | '-' | '~';

interface Row {
  readonly mark: Mark;
  readonly resourceId: string;
  readonly type: string;
  readonly lines: readonly { readonly property: string; readonly before?: DiffValue; readonly value: DiffValue }[];
}

const markOrder: Record<Mark, number> = { '-': 0, '+': 1, '~': 2 };

/** All entries in one list by resource id, so a zone sits next to its records and links. */
function rows(diff: SnapshotDiff): Row[] {
  const all: Row[] = [
    ...diff.added.map((entry) => ({ mark: '+' as const, ...entry, lines: propertyLines(entry.properties) })),
    ...diff.removed.map((entry) => ({ mark: '-' as const, ...entry, lines: propertyLines(entry.properties) })),
    ...diff.changed.map((entry) => ({
      mark: '~' as const,
      ...entry,
      lines: entry.changes.map((change: PropertyChange) => ({
        property: change.property,
        before: change.before,
        value: change.after,
      })),
    })),
  ];
  return all.sort(
    (a, b) =>
      compareText(a.resourceId.toLowerCase(), b.resourceId.toLowerCase()) ||
      markOrder[a.mark] - markOrder[b.mark] ||
      compareText(a.resourceId, b.resourceId),
  );
}

function propertyLines(properties: { readonly [property: string]: DiffValue }) {
  return Object.entries(properties).map(([property, value]) => ({ property, value }));
}

function text(diff: SnapshotDiff, c: Colors): string {
  const paint: Record<Mark, (text: string) => string> = { '+': c.green, '-': c.red, '~': c.yellow };
  const lines: string[] = [];
  for (const row of rows(diff)) {
    lines.push(paint[row.mark](`${row.mark} ${typeLabel(row.type)} ${c.bold(nameFromId(row.resourceId))}`));
    lines.push(c.dim(`  ${row.resourceId}`));
    for (const line of row.lines) {
      lines.push(
        'before' in line
          ? `    ${line.property}: ${c.red(show(line.before ?? null))} -> ${c.green(show(line.value))}`
          : `    ${line.property}: ${show(line.value)}`,
      );
    }
    lines.push('');
  }
  lines.push(
    hasAny(diff)
      ? `Drift: ${counts(diff)}.`
      : c.green('No drift: the properties plaudit audits are the same in both snapshots.'),
  );
  return `${lines.join('\n')}\n`;
}

function markdown(diff: SnapshotDiff): string {
  if (!hasAny(diff)) {
    return '## plaudit diff: no drift\n\nThe properties plaudit audits are the same in both snapshots.\n';
  }
  const blocks = [`## plaudit diff: ${counts(diff)}`];
  const entryTable = (title: string, entries: SnapshotDiff['added']) => {
    if (entries.length === 0) return;
    blocks.push(
      `### ${title} (${entries.length})`,
      [
        '| Resource | Type | Properties |',
        '| --- | --- | --- |',
        ...entries.map((entry) => {
          const properties = Object.entries(entry.properties).map(
            ([property, value]) => `${code(property)}: ${code(show(value))}`,
          );
          return `| ${resourceCell(entry.resourceId)} | ${escape(typeLabel(entry.type))} | ${properties.join('<br>')} |`;
        }),
      ].join('\n'),
    );
  };
  entryTable('Added', diff.added);
  entryTable('Removed', diff.removed);
  if (diff.changed.length > 0) {
    blocks.push(
      `### Changed (${diff.changed.length})`,
      [
        '| Resource | Type | Property | Before | After |',
        '| --- | --- | --- | --- | --- |',
        ...diff.changed.flatMap((entry) =>
          entry.changes.map(
            (change, index) =>
              `| ${index === 0 ? resourceCell(entry.resourceId) : ''} | ${index === 0 ? escape(typeLabel(entry.type)) : ''} | ` +
              `${code(change.property)} | ${code(show(change.before))} | ${code(show(change.after))} |`,
          ),
        ),
      ].join('\n'),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function hasAny(diff: SnapshotDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}

function counts(diff: SnapshotDiff): string {
  return `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
}

/** A value for people: `(none)` for absent, `[a, b]` for arrays, `{k: v}` for keyed items. */
export function show(value: DiffValue): string {
  if (value === null) return '(none)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, inner]) => `${key}: ${show(inner)}`)
    .join(', ')}}`;
}

function resourceCell(resourceId: string): string {
  return `${code(nameFromId(resourceId))}<br>${code(resourceId)}`;
}

const code = markdownCode;

/** Plain text in a cell: Markdown punctuation and HTML escaped. */
function escape(value: string): string {
  return markdownText(value);
}
