/**
 * CSV as RFC 4180 writes it (commas, double quotes around fields that need them, "" for a quote,
 * CRLF or LF line ends), for importing an error log kept in a spreadsheet and exporting the journal.
 */
import { fail, ok, type Result } from '../common/result.ts';

/**
 * Rows of fields. A quote left open is refused with its line; a UTF-8 byte-order mark is dropped;
 * blank lines are skipped.
 *
 * @example parseCsv('a,"b,c"\n1,"say ""hi"""') → ok([['a', 'b,c'], ['1', 'say "hi"']])
 */
export function parseCsv(text: string): Result<string[][]> {
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  let line = 1;
  let quoteLine = 0;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (isQuoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') isQuoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      isQuoted = true;
      quoteLine = line;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
    } else field += char;
  }
  if (isQuoted) {
    return fail('VALIDATION_FAILED', `A quoted field opened on line ${quoteLine} is never closed.`, {
      csv: `A quoted field opened on line ${quoteLine} is never closed: add the closing ".`,
    });
  }
  endRow();
  return ok(rows);
}

/**
 * A text cell a spreadsheet would run as a formula: one that starts with =, +, -, @, a tab or a
 * carriage return (OWASP, CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV line (no line end), quoting fields that hold a comma, a quote or a line break. A text
 * field that starts like a formula gets a leading ' so the spreadsheet shows it as text; a number is
 * written as the number it is (-5 stays -5, a spreadsheet reads it as a number, never a formula),
 * so pass numbers as numbers, not as strings.
 *
 * @example formatCsvLine([-3, '-2+3@school.edu', null]) === "-3,'-2+3@school.edu,"
 */
export function formatCsvLine(fields: readonly (string | number | null)[]): string {
  return fields
    .map((value) => {
      if (value === null) return '';
      if (typeof value === 'number') return String(value);
      const safe = FORMULA_START.test(value) ? `'${value}` : value;
      return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    })
    .join(',');
}

/**
 * Wrong options written in one cell as "A: why; B: why". A part with no "label:" is refused.
 *
 * @example parseWrongOptions('B: hurts; C: too old') → ok([{ option: 'B', why: 'hurts' }, { option: 'C', why: 'too old' }])
 */
export function parseWrongOptions(cell: string): Result<{ option: string; why: string }[]> {
  const parts = cell
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const options: { option: string; why: string }[] = [];
  for (const part of parts) {
    const match = /^([^:]{1,3}):\s*(.+)$/s.exec(part);
    if (!match) {
      return fail('VALIDATION_FAILED', 'Write wrong options as "A: why; B: why".', {
        wrongOptions: `"${part.slice(0, 40)}" has no option label: write wrong options as "A: why; B: why".`,
      });
    }
    options.push({ option: match[1]!.trim(), why: match[2]!.trim() });
  }
  return ok(options);
}

/** The cell form of wrong options, the inverse of parseWrongOptions. */
export function formatWrongOptions(options: readonly { option: string; why: string }[]): string {
  return options.map((o) => `${o.option}: ${o.why}`).join('; ');
}
