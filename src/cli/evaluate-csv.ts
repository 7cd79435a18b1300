/**
 * `comeback evaluate`: pairs of (practice exams, real score) as CSV (docs/cli.md), one student a row.
 *
 * Header: `real` (required), `exam_date` (optional), then one column per practice form taken, named by
 * its code (`NBME13`, `UWSA2`, `FREE120`, …: a 3-digit score, or the percent correct for the Free 120),
 * each optionally followed by `<FORM>_date`. A blank cell = not taken. Without dates, the forms are
 * placed in column order DEFAULT_SPACING_DAYS apart, the last one DEFAULT_SPACING_DAYS before the exam;
 * without `exam_date`, DEFAULT_EXAM_DATE.
 */
import { addDays, isLocalDate } from '#domain/common/dates.ts';
import type { PracticeExamInput } from '#domain/evidence/logging.ts';
import type { OutcomePair } from '#domain/evidence/evaluation.ts';
import { PRACTICE_FORM_IDS, type PracticeFormId } from '#domain/exam/practice-forms.ts';

/** The plan spaces practice exams a week apart, the last 5–10 days before the exam (docs/cli.md, plan rule 2). */
export const DEFAULT_SPACING_DAYS = 7;
/** Any date after 2025-07-01 (passing score 218); only the differences between dates matter. */
export const DEFAULT_EXAM_DATE = '2027-03-01';

const FORMS = new Set<string>(PRACTICE_FORM_IDS);

export type ParsedPairs = { pairs: OutcomePair[]; problems: string[] };

function splitLine(line: string): string[] {
  return line.split(',').map((cell) => cell.trim());
}

/** @example parsePairsCsv('real,NBME13,UWSA2\n250,236,251\n').pairs[0].exams.length === 2 */
export function parsePairsCsv(text: string): ParsedPairs {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const problems: string[] = [];
  if (lines.length === 0)
    return { pairs: [], problems: ['The CSV is empty: send a header line and one row per student.'] };
  const header = splitLine(lines[0]!);
  if (!header.includes('real')) problems.push('The header needs a "real" column (the real Step 2 CK score).');
  for (const name of header) {
    const base = name.endsWith('_date') ? name.slice(0, -5) : name;
    if (name !== 'real' && name !== 'exam_date' && !FORMS.has(base)) {
      problems.push(
        `Unknown column "${name}": use real, exam_date, a form code (${PRACTICE_FORM_IDS.join(', ')}) or <FORM>_date.`,
      );
    }
  }
  if (problems.length > 0) return { pairs: [], problems };
  const formColumns = header.filter((h) => FORMS.has(h)) as PracticeFormId[];
  const pairs: OutcomePair[] = [];
  lines.slice(1).forEach((line, i) => {
    const rowNumber = i + 2;
    const cells = splitLine(line);
    const cell = (name: string) => cells[header.indexOf(name)] ?? '';
    const real = Number(cell('real'));
    if (!Number.isInteger(real) || real < 1 || real > 300) {
      problems.push(`Line ${rowNumber}: "real" must be a whole 3-digit score from 1 to 300.`);
      return;
    }
    const examDate = cell('exam_date') || DEFAULT_EXAM_DATE;
    if (!isLocalDate(examDate)) {
      problems.push(`Line ${rowNumber}: exam_date must be YYYY-MM-DD.`);
      return;
    }
    const taken = formColumns.filter((form) => cell(form) !== '');
    const exams: PracticeExamInput[] = [];
    for (const [k, form] of taken.entries()) {
      const value = Number(cell(form));
      if (!Number.isFinite(value)) {
        problems.push(`Line ${rowNumber}: ${form} must be a number.`);
        return;
      }
      const given = header.includes(`${form}_date`) ? cell(`${form}_date`) : '';
      const date = given || addDays(examDate, -DEFAULT_SPACING_DAYS * (taken.length - k));
      if (!isLocalDate(date)) {
        problems.push(`Line ${rowNumber}: ${form}_date must be YYYY-MM-DD.`);
        return;
      }
      exams.push(form === 'FREE120' ? { form, date, percentCorrect: value } : { form, date, score: value });
    }
    pairs.push({ examDate, realScore: real, exams });
  });
  return { pairs, problems };
}
