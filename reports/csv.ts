// One row per finding, for spreadsheets and ticket imports. RFC 4180: CRLF between records, a
// header row, and fields quoted when they hold a comma, a quote or a line break. Resource ids and
// messages come from Azure and may begin with characters a spreadsheet reads as a formula, so every
// such cell is prefixed with an apostrophe (OWASP's CSV injection advice).
// https://www.rfc-editor.org/rfc/rfc4180 https://owasp.org/www-community/attacks/CSV_Injection
import type { Finding } from '../src/engine/types.js';
import { joined, type PieceReporter } from './reporter.js';

export const csvColumns = [
  'level',
  'checkId',
  'resourceId',
  'subscription',
  'resourceGroup',
  'message',
  'fingerprint',
  'baselineState',
  'suppressionReason',
  'suppressionExpires',
] as const;

type Row = Record<(typeof csvColumns)[number], string>;

export const csvReportPieces: PieceReporter = function* (result) {
  yield `${csvColumns.join(',')}\r\n`;
  for (const finding of result.findings) yield `${record(rowOf(finding))}\r\n`;
};

export const csvReport = joined(csvReportPieces);

function rowOf(finding: Finding): Row {
  return {
    level: finding.level,
    checkId: finding.checkId,
    resourceId: finding.resourceId,
    subscription: /^\/subscriptions\/([^/]+)/i.exec(finding.resourceId)?.[1] ?? '',
    resourceGroup: /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(finding.resourceId)?.[1] ?? '',
    message: finding.message,
    fingerprint: finding.fingerprint,
    baselineState: finding.baselineState ?? '',
    suppressionReason: finding.suppression?.reason ?? '',
    suppressionExpires: finding.suppression?.expires ?? '',
  };
}

function record(row: Row): string {
  return csvColumns.map((column) => csvCell(row[column])).join(',');
}

/** One field: defused against formula injection, then quoted if RFC 4180 needs it. */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
