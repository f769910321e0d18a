// The line a scan ends with on stderr: what it found, by level, and where each report went.
import type { ScanResult } from '../engine/types.js';
import { summarize } from '../engine/types.js';
import type { OutputTarget } from './outputs.js';

export function scanClosingLine(result: ScanResult, targets: readonly OutputTarget[]): string {
  const summary = summarize(result.findings);
  const counts = [
    plural(summary.error, 'error'),
    plural(summary.warning, 'warning'),
    plural(summary.note, 'note'),
  ].join(', ');
  const extras = [
    ...(result.findings.some((finding) => finding.baselineState !== undefined)
      ? [`${result.findings.filter((finding) => finding.baselineState === 'new').length} new since the baseline`]
      : []),
    ...(result.findings.some((finding) => finding.suppression)
      ? [`${result.findings.filter((finding) => finding.suppression).length} suppressed`]
      : []),
  ];
  const incomplete = result.incomplete.length + result.checkFailures.length;
  const written = targets.map((target) => `${target.format} to ${target.path ?? 'stdout'}`);
  return [
    `plaudit: ${counts}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`,
    incomplete > 0 ? `incomplete: ${plural(incomplete, 'part')} not judged` : 'complete',
    `wrote ${joinAnd(written)}`,
  ].join('; ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
