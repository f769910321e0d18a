// Reporters turn one scan result into one output format. They are pure functions of the result
// and the catalogue metadata: no clock, no working directory, no environment, no sorting (the
// engine sorted the findings once), so the same scan always prints the same bytes.
import { helpUriOf, type Check } from '../checks/define.js';
import { securitySeverityOf } from './common.js';
import { csvReport, csvReportPieces } from './csv.js';
import { htmlReport } from './html/index.js';
import { jsonReport, jsonReportPieces } from './json.js';
import { markdownReport, markdownReportPieces } from './markdown.js';
import type { PieceReporter, Reporter } from './reporter.js';
import { sarifReport, sarifReportPieces } from './sarif.js';
import { textReport, textReportPieces } from './text.js';

export type { PieceReporter, Reporter, ReportOptions } from './reporter.js';

export const formats = ['text', 'json', 'sarif', 'markdown', 'csv', 'html'] as const;
export type Format = (typeof formats)[number];

export const reporters: Record<Format, Reporter> = {
  text: textReport,
  json: jsonReport,
  sarif: sarifReport,
  markdown: markdownReport,
  csv: csvReport,
  html: htmlReport,
};

/** The same reports as pieces, for writing a report of any size without holding it whole. */
export const pieceReporters: Record<Format, PieceReporter> = {
  text: textReportPieces,
  json: jsonReportPieces,
  sarif: sarifReportPieces,
  markdown: markdownReportPieces,
  csv: csvReportPieces,
  html: (result, catalogue, options) => [htmlReport(result, catalogue, options)],
};

/** `plaudit checks`: the catalogue as an aligned list (text) or its full metadata (json). */
export function renderCatalogue(catalogue: readonly Check[], format: 'text' | 'json'): string {
  if (format === 'json') {
    const checks = catalogue.map((check) => ({
      id: check.id,
      level: check.level,
      title: check.title,
      tags: [...check.tags],
      securitySeverity: securitySeverityOf(check),
      ...(check.since !== undefined && { since: check.since }),
      helpUri: helpUriOf(check),
      rationale: check.rationale,
      remediation: check.remediation,
      references: check.references.map((reference) => ({ title: reference.title, url: reference.url })),
    }));
    return `${JSON.stringify({ schemaVersion: 1, checks }, null, 2)}\n`;
  }
  const idWidth = Math.max(0, ...catalogue.map((check) => check.id.length));
  const lines = catalogue.flatMap((check) => [
    `${check.id.padEnd(idWidth)}  ${check.level.padEnd('warning'.length)}  ${check.title}`,
    `${' '.repeat(idWidth + 2)}${' '.repeat('warning'.length + 2)}tags: ${check.tags.join(', ')}; help: ${helpUriOf(check)}`,
  ]);
  lines.push('', `${catalogue.length} ${catalogue.length === 1 ? 'check' : 'checks'}.`);
  return `${lines.join('\n')}\n`;
}
