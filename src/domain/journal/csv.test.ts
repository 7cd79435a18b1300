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

  it('writes negative numbers as numbers, unguarded', () => {
    expect(formatCsvLine([-3, -2.5, 0, 12.25, null])).toBe('-3,-2.5,0,12.25,');
    const parsed = parseCsv(formatCsvLine([-5, -0.75]));
    expect(parsed.ok && parsed.value).toEqual([['-5', '-0.75']]);
  });

  it('still guards text that starts like a formula, including one that looks like a sum', () => {
    expect(formatCsvLine(['-2+3@school.edu', '+1', '@SUM(A1)', '\tx', '-5'])).toBe(
      "'-2+3@school.edu,'+1,'@SUM(A1),'\tx,'-5",
    );
    expect(formatCsvLine(['\rx'])).toBe(`"'\rx"`);
  });

  it('guards every text that starts like a formula and no number', () => {
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string(), (start, rest) => {
        const parsed = parseCsv(formatCsvLine([`${start}${rest}`, 'end']));
        expect(parsed.ok && parsed.value[0]![0]).toBe(`'${start}${rest}`);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(formatCsvLine([n])).toBe(String(n));
      }),
    );
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
