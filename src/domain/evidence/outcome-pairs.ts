/**
 * The `comeback evaluate` CSV (docs/cli.md) written from pairs of real results and practice exams:
 * what `npx comeback export-outcomes` prints from the consented results (src/server/export-outcomes-cli.ts).
 * Each row: the real score, the exam date, and each predictive form's first sitting on record before
 * the exam (dated before it and logged before exam day began: `practiceExamsOnRecord`, the same rule
 * as the stored prediction), with its date. Nothing names the student.
 */
import { compareDates, type LocalDate } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, type PracticeFormId } from '../exam/practice-forms.ts';
import { practiceExamsOnRecord } from './outcome.ts';
import { isPredictiveForm } from './practice-scores.ts';

export type SharedPair = {
  realScore: number;
  examDate: LocalDate;
  /** The instant exam day began in the student's time zone: exams logged from then on are left out. */
  examDayStartsAt: string;
  exams: readonly {
    form: string;
    date: string;
    score: number | null;
    percentCorrect: number | null;
    /** When the row was created (ISO instant). */
    createdAt: string;
  }[];
};

export type OutcomesCsv = { csv: string; rows: number; leftOut: number };

/** The evaluate CSV of some pairs: `real,exam_date,<FORM>,<FORM>_date…` for the forms that occur. */
export function writeOutcomesCsv(pairs: readonly SharedPair[]): OutcomesCsv {
  const rows: { real: number; examDate: string; byForm: Map<PracticeFormId, { value: number; date: string }> }[] = [];
  let leftOut = 0;
  for (const pair of pairs) {
    const byForm = new Map<PracticeFormId, { value: number; date: string }>();
    const before = practiceExamsOnRecord(pair)
      .filter((e) => isPredictiveForm(e.form as PracticeFormId))
      .sort((a, b) => compareDates(a.date, b.date));
    for (const exam of before) {
      const form = exam.form as PracticeFormId;
      const value = form === 'FREE120' ? exam.percentCorrect : exam.score;
      // A form counts once, at its first sitting, as in the predictor.
      if (value !== null && !byForm.has(form)) byForm.set(form, { value, date: exam.date });
    }
    if (byForm.size === 0) leftOut += 1;
    else rows.push({ real: pair.realScore, examDate: pair.examDate, byForm });
  }
  const forms = PRACTICE_FORM_IDS.filter((form) => rows.some((r) => r.byForm.has(form)));
  const header = ['real', 'exam_date', ...forms.flatMap((f) => [f, `${f}_date`])].join(',');
  const lines = rows.map((r) =>
    [
      r.real,
      r.examDate,
      ...forms.flatMap((f) => {
        const cell = r.byForm.get(f);
        return cell ? [cell.value, cell.date] : ['', ''];
      }),
    ].join(','),
  );
  const note = `# comeback export-outcomes: ${rows.length} consented result${rows.length === 1 ? '' : 's'}; ${leftOut} left out (no practice exam before the exam)`;
  return { csv: `${[note, header, ...lines].join('\n')}\n`, rows: rows.length, leftOut };
}
