/**
 * What a plan item is to the student: which items are ticked off, which count as missed. One rule
 * for the server (which refuses a tick it does not allow) and the web (which shows the buttons).
 */
import { compareDates, type LocalDate } from '../common/dates.ts';
import type { PracticeFormId } from '../exam/practice-forms.ts';
import type { PlanItem, PlanItemKind } from './scheduler.ts';

/**
 * Rest is protected time and the exam is the exam: neither is a task to tick. Everything else
 * (blocks, reviews, practice exams, reading, journal review) is work the student does or skips.
 */
export const UNTICKABLE_KINDS = ['rest', 'exam'] as const satisfies readonly PlanItemKind[];
const UNTICKABLE: ReadonlySet<PlanItemKind> = new Set(UNTICKABLE_KINDS);

export function isTickable(item: Pick<PlanItem, 'kind'>): boolean {
  return !UNTICKABLE.has(item.kind);
}

/** Why this kind of item takes no tick, in words for a 422; null when it takes one. */
export function whyNotTickable(item: Pick<PlanItem, 'kind'>): string | null {
  if (item.kind === 'rest') return 'Rest is protected time, not a task: there is nothing to mark done or skipped.';
  if (item.kind === 'exam')
    return 'The exam day itself is not ticked off here. Log your result after the exam instead.';
  return null;
}

/**
 * Whether an item left without a status on a day before `today` counts as missed: tickable work
 * only (never rest, never the exam day), and not a deep review of a practice exam that was not sat
 * (it moves with its exam). A journal review slot is not missed either: the cards it was for are
 * still due, and the journal's forecast puts them on the next days.
 */
export function countsAsMissed(
  item: Pick<PlanItem, 'kind' | 'date' | 'form'> & { status: string | null },
  today: LocalDate,
  satForms: ReadonlySet<PracticeFormId | undefined>,
): boolean {
  if (item.status !== null || compareDates(item.date, today) >= 0) return false;
  if (!isTickable(item) || item.kind === 'journal-review') return false;
  return !(item.kind === 'deep-review' && item.form !== undefined && !satForms.has(item.form));
}
