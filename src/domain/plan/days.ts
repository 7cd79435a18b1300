import { addDays, compareDates, daysBetween, type LocalDate } from '../common/dates.ts';
import type { TrackedItem } from './replan.ts';
import type { DayKind, PlanItem } from './scheduler.ts';
import type { PlanSettings } from './settings.ts';

/** The kind of a day, read from what is on it (the same names the scheduler gives). */
export function dayKindOf(
  date: LocalDate,
  items: readonly PlanItem[],
  settings: PlanSettings,
  examDate: LocalDate,
): DayKind {
  if (date === examDate) return 'exam';
  const kinds = new Set(items.map((i) => i.kind));
  if (kinds.has('full-length')) return 'full-length';
  if (kinds.has('practice-exam')) return 'practice-exam';
  if (kinds.has('deep-review')) return 'deep-review';
  if (kinds.has('qbank-block') || kinds.has('second-pass-block'))
    return settings.questionBank.mode === 'timed' ? 'timed-blocks' : 'tutor-blocks';
  if (kinds.has('content-review')) return 'content';
  if (date === addDays(examDate, -1)) return 'light';
  if (kinds.has('rest') || settings.exceptions.some((e) => e.date === date && e.kind === 'break')) return 'rest';
  return 'blocked';
}

/** Stored items grouped into days from `from` to `to` inclusive, each with its kind. */
export function groupIntoDays<T extends TrackedItem>(input: {
  items: readonly T[];
  from: LocalDate;
  to: LocalDate;
  settings: PlanSettings;
  examDate: LocalDate;
}): { date: LocalDate; kind: DayKind; items: T[] }[] {
  const byDate = new Map<LocalDate, T[]>();
  for (const item of input.items) {
    const list = byDate.get(item.date) ?? [];
    list.push(item);
    byDate.set(item.date, list);
  }
  const days: { date: LocalDate; kind: DayKind; items: T[] }[] = [];
  const count = daysBetween(input.from, input.to);
  for (let i = 0; i <= count; i++) {
    const date = addDays(input.from, i);
    const items = (byDate.get(date) ?? []).sort((a, b) => compareDates(a.start, b.start));
    days.push({ date, kind: dayKindOf(date, items, input.settings, input.examDate), items });
  }
  return days;
}
