import { describe, expect, it } from 'vitest';
import { csvCell, csvColumns, csvReport } from '../../reports/csv.js';
import type { Finding, ScanResult } from '../../src/engine/types.js';
import { baselineResult, cleanResult, fixtureCatalogue, fullResult } from './fixture.js';

const render = (result: ScanResult) => csvReport(result, fixtureCatalogue, { color: false });

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing else. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let at = 0;
  while (at < text.length) {
    let field = '';
    if (text[at] === '"') {
      at += 1;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        field += '"';
        at += 1;
      }
    } else {
      const end = text.slice(at).search(/[,\r"]/);
      field = end < 0 ? text.slice(at) : text.slice(at, at + end);
      if (text[at + field.length] === '"') throw new Error(`quote inside an unquoted field at ${at}`);
      at += field.length;
    }
    fields.push(field);
    if (text[at] === ',') {
      at += 1;
    } else if (text.startsWith('\r\n', at)) {
      records.push(fields);
      fields = [];
      at += 2;
    } else {
      throw new Error(`expected a comma or CRLF at ${at}`);
    }
  }
  if (fields.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

function finding(fields: Partial<Finding>): Finding {
  return { ...fullResult.findings[1]!, ...fields };
}

describe('csv report', () => {
  it('writes a header and one row per finding, with the subscription and resource group of its resource', () => {
    const [header, ...rows] = parseCsv(render(fullResult));
    expect(header).toEqual([...csvColumns]);
    expect(rows).toHaveLength(fullResult.findings.length);
    const record = fullResult.findings[1]!;
    expect(Object.fromEntries(header!.map((column, index) => [column, rows[1]![index]]))).toEqual({
      level: 'error',
      checkId: 'dns/record-ip-mismatch',
      resourceId: record.resourceId,
      subscription: '1a2b3c4d-0000-4000-8000-000000000001',
      resourceGroup: 'rg-dns',
      message: record.message,
      fingerprint: record.fingerprint,
      baselineState: '',
      suppressionReason: '',
      suppressionExpires: '',
    });
  });

  it('carries the baseline state and the suppression, and keeps findings gone since the baseline', () => {
    const rows = parseCsv(render(baselineResult)).slice(1);
    expect(rows.map((row) => row[7])).toEqual(['absent', 'new', 'unchanged']);
    expect(rows[2]!.slice(8)).toEqual([
      'Public access stays on until the build agents move into the VNet.',
      '2027-01-31',
    ]);
    expect(rows[0]!.slice(8)).toEqual(['', '']);
  });

  it('writes only the header when there are no findings', () => {
    expect(render(cleanResult)).toBe(`${csvColumns.join(',')}\r\n`);
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180), and reads back to the same values', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "allow"')).toBe('"say ""allow"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    const message = 'Rule "allow, then deny"\r\nspans, two lines.';
    const result: ScanResult = { ...fullResult, findings: [finding({ message })] };
    const output = render(result);
    expect(output.split('\r\n').length).toBeGreaterThan(3);
    expect(parseCsv(output)[1]![5]).toBe(message);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${lead}1+1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=HYPERLINK("http://127.0.0.1/x","open")')).toBe(`"'=HYPERLINK(""http://127.0.0.1/x"",""open"")"`);
    expect(csvCell('-10.0.0.0/8')).toBe("'-10.0.0.0/8");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    // Only the first character matters: a formula sign inside a value is text.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('/subscriptions/x')).toBe('/subscriptions/x');

    const hostile: ScanResult = {
      ...fullResult,
      findings: [
        finding({
          resourceId: '=cmd|"/c calc"!A0',
          message: '@SUM(1+1)',
          suppression: { reason: '+reason', expires: '2027-01-31' },
        }),
      ],
    };
    const row = parseCsv(render(hostile))[1]!;
    expect(row[2]).toBe(`'=cmd|"/c calc"!A0`);
    expect(row[3]).toBe('');
    expect(row[5]).toBe("'@SUM(1+1)");
    expect(row[8]).toBe("'+reason");
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
