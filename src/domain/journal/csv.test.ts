import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvLine, parseCsv, parseWrongOptions } from './csv.ts';

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark', () => {
    const parsed = parseCsv('\ufeffbank,keyPoint\r\nuworld,"a, b"\r\n\r\nother,"say ""hi""\nagain"');
    expect(parsed.ok && parsed.value).toEqual([
      ['bank', 'keyPoint'],
      ['uworld', 'a, b'],
      ['other', 'say "hi"\nagain'],
    ]);
  });

  it('refuses a quote never closed, naming its line', () => {
    const parsed = parseCsv('a,b\n1,"open');
    expect(!parsed.ok && parsed.error.fields?.csv).toMatch(/line 2/);
  });

  it('reads back what it writes', () => {
    const fieldArb = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(fieldArb, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const parsed = parseCsv(rows.map(formatCsvLine).join('\r\n'));
          expect(parsed.ok && parsed.value).toEqual(rows.filter((r) => !(r.length === 1 && r[0] === '')));
        },
      ),
    );
  });

  it('defuses spreadsheet formulas', () => {
    expect(formatCsvLine(['=HYPERLINK("x")', 'ok'])).toBe(`"'=HYPERLINK(""x"")",ok`);
  });

  it('reads wrong options from one cell', () => {
    const parsed = parseWrongOptions('B: hurts; C: too old;');
    expect(parsed.ok && parsed.value).toEqual([
      { option: 'B', why: 'hurts' },
      { option: 'C', why: 'too old' },
    ]);
    expect(parseWrongOptions('no label here').ok).toBe(false);
  });
});
