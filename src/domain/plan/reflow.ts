/**
 * Re-flow without a full re-plan (issue 9: "push everything back a day" and "spread what I missed
 * over the next N days" beside the full re-plan). The plan's work stays the same work with the same
 * ids; only where and when some of it sits changes. Every move goes through the scheduler's own
 * rules: free time (sleep, protected hours, shifts across midnight, dated exceptions), each day's
 * cap, the breaks, heavy days only where the scheduler would put one, and a deep review only after
 * its exam.
 *
 * - Push back a day: the open work of today and later (and yesterday's, when yesterday was missed)
 *   moves one day later, in order; what a day cannot take goes to the next day that can. Work that
 *   no longer fits before the eve of the exam leaves the plan, and the result says how much.
 * - Spread what I missed over the next N days (1–7, from today): the missed work goes, unit by unit,
 *   to the least-loaded of those days that takes it; a missed practice exam takes its deep review
 *   along, to the day after. What fits nowhere stays missed where it was, and the result says so.
 *
 * Done work, rest, the exam day and the journal's review slots never move (the journal's cards stay
 * due and its forecast sizes the next slots).
 */
import { addDays, compareDates, daysBetween, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { isTickable } from './item-rules.ts';
import { missedItems, type TrackedItem } from './replan.ts';
import { buildDays } from './scheduler/free-time.ts';
import { EXAM_CLOCK_START_MINUTES } from './scheduler/practice-exams.ts';
import { placeStudy, type Part } from './scheduler/placing.ts';
import type { Plan, PlanItem, PlanItemKind, WorkDay } from './scheduler/types.ts';
import type { PlanSettings } from './settings.ts';

/** The longest stretch "spread what I missed" offers: a week. */
export const MAX_SPREAD_DAYS = 7;

export type ReflowMode = { kind: 'push-back' } | { kind: 'spread'; days: number };

/** Where a moved item now sits. */
export type MovedItem = { id: string; date: LocalDate; start: string; end: string };

export type Reflow = {
  moved: MovedItem[];
  /** Push back: items that no longer fit before the exam, which leave the plan. */
  removed: TrackedItem[];
  /** Spread: missed items that found no day in the window and stay where they were. */
  notPlaced: TrackedItem[];
};

const HEAVY: ReadonlySet<PlanItemKind> = new Set(['practice-exam', 'full-length']);
const FIXED_KINDS: ReadonlySet<PlanItemKind> = new Set(['rest', 'exam', 'journal-review']);

/** Items that move together: a block and the review that follows it without a gap. */
type Unit = { items: TrackedItem[]; from: LocalDate };

function unitsOf(items: readonly TrackedItem[]): Unit[] {
  const sorted = [...items].sort((a, b) => compareDates(`${a.date}T${a.start}`, `${b.date}T${b.start}`));
  const units: Unit[] = [];
  for (const item of sorted) {
    const last = units[units.length - 1];
    const previous = last?.items[last.items.length - 1];
    const joins =
      previous !== undefined &&
      previous.date === item.date &&
      previous.end === item.start &&
      item.kind === 'qbank-review' &&
      (previous.kind === 'qbank-block' || previous.kind === 'second-pass-block');
    if (joins) last!.items.push(item);
    else units.push({ items: [item], from: item.date });
  }
  return units;
}

function isMovable(item: TrackedItem): boolean {
  return item.status === null && isTickable(item) && !FIXED_KINDS.has(item.kind);
}

function partsOf(unit: Unit): Part[] {
  return unit.items.map((item) => ({
    kind: item.kind,
    title: item.title,
    minutes: item.minutes,
    ...(item.questions !== undefined ? { questions: item.questions } : {}),
    ...(item.form !== undefined ? { form: item.form } : {}),
  }));
}

/** Whether a day takes a unit by the scheduler's rules; places it when it does. */
function tryPlace(day: WorkDay, unit: Unit, eve: LocalDate): PlanItem[] | null {
  if (day.date >= eve) return null;
  const isHeavy = unit.items.some((i) => HEAVY.has(i.kind));
  if (isHeavy) {
    // Where the scheduler would put a practice exam or a full-length day: a free or light day with
    // no long shift, not post-call, with no other heavy work; at the exam clock when it allows.
    if (day.special || day.isLongShiftDay || day.isPostCall || day.studyMinutes > 0) return null;
    const placed = placeStudy(day, partsOf(unit), { ignoreCap: true, at: EXAM_CLOCK_START_MINUTES });
    if (placed) day.special = true;
    return placed;
  }
  if (day.special || day.kind === 'rest') return null;
  return placeStudy(day, partsOf(unit));
}

function movedFrom(unit: Unit, placed: readonly PlanItem[]): MovedItem[] {
  return unit.items.map((item, k) => ({
    id: item.id,
    date: placed[k]!.date,
    start: placed[k]!.start,
    end: placed[k]!.end,
  }));
}

/** The days from `today` to the eve, with the items that stay where they are already on them. */
function workDays(input: ReflowInput, staying: readonly TrackedItem[]): WorkDay[] {
  const fixedItems: PlanItem[] = staying
    .filter((i) => compareDates(i.date, input.today) >= 0 && compareDates(i.date, input.examDate) < 0)
    .map(({ status: _s, statusAt: _a, ...item }) => item);
  const days = buildDays({ startDate: input.today, examDate: input.examDate, settings: input.settings, fixedItems });
  // A whole rest day of the plan (rest and no study on it) stays a rest day: nothing moves onto it.
  const study = new Set(input.items.filter((i) => isTickable(i)).map((i) => i.date));
  const rest = new Set(input.items.filter((i) => i.kind === 'rest').map((i) => i.date));
  for (const day of days) if (rest.has(day.date) && !study.has(day.date)) day.kind = 'rest';
  return days;
}

export type ReflowInput = {
  today: LocalDate;
  examDate: LocalDate;
  settings: PlanSettings;
  /** The stored plan's items from its first day (statuses included). */
  items: readonly TrackedItem[];
  mode: ReflowMode;
};

function pushBack(input: ReflowInput): Reflow {
  const yesterday = addDays(input.today, -1);
  const missedYesterday = missedItems(input.items, input.today).filter((i) => i.date === yesterday && isMovable(i));
  const from = missedYesterday.length > 0 ? yesterday : input.today;
  const moving = input.items.filter(
    (i) => isMovable(i) && compareDates(i.date, from) >= 0 && compareDates(i.date, input.examDate) < 0,
  );
  const movingIds = new Set(moving.map((i) => i.id));
  const days = workDays(
    input,
    input.items.filter((i) => !movingIds.has(i.id)),
  );
  const indexOf = (date: LocalDate) => Math.max(0, daysBetween(input.today, date));
  const eve = addDays(input.examDate, -1);
  const moved: MovedItem[] = [];
  const removed: TrackedItem[] = [];
  // Where each practice exam now sits, so its deep review stays after it.
  const examDateOf = new Map<string, LocalDate>();
  for (const unit of unitsOf(moving)) {
    const review = unit.items.find((i) => i.kind === 'deep-review' && i.form !== undefined);
    const after = review ? examDateOf.get(review.form!) : undefined;
    let k = indexOf(addDays(unit.from, 1));
    if (after !== undefined) k = Math.max(k, indexOf(after) + 1);
    let placed: PlanItem[] | null = null;
    for (; k < days.length && !placed; k++) placed = tryPlace(days[k]!, unit, eve);
    if (!placed) {
      removed.push(...unit.items);
      continue;
    }
    moved.push(...movedFrom(unit, placed));
    const exam = unit.items.find((i) => i.kind === 'practice-exam' && i.form !== undefined);
    if (exam) examDateOf.set(exam.form!, placed[0]!.date);
  }
  return { moved, removed, notPlaced: [] };
}

function spread(input: ReflowInput, count: number): Reflow {
  const inPlan = input.items;
  const missed = missedItems(inPlan, input.today).filter(isMovable);
  // A missed practice exam takes its deep review along: one on a past day moves with it; one still
  // ahead stays where it is (its time held) and moves only when the exam now lands on or after it.
  const missedForms = new Set(missed.filter((i) => i.kind === 'practice-exam' && i.form).map((i) => i.form));
  const isReviewOfMissed = (i: TrackedItem) =>
    i.kind === 'deep-review' && i.status === null && i.form !== undefined && missedForms.has(i.form);
  const pastReviews = inPlan.filter((i) => isReviewOfMissed(i) && compareDates(i.date, input.today) < 0);
  const moving = [...missed, ...pastReviews.filter((r) => !missed.includes(r))];
  const movingIds = new Set(moving.map((i) => i.id));
  const days = workDays(
    input,
    inPlan.filter((i) => !movingIds.has(i.id)),
  );
  const eve = addDays(input.examDate, -1);
  const window = days.slice(0, count);
  const moved: MovedItem[] = [];
  const notPlaced: TrackedItem[] = [];
  const examDateOf = new Map<string, LocalDate>();
  for (const unit of unitsOf(moving.filter((i) => !isReviewOfMissed(i)))) {
    // The least-loaded day of the window first; the earlier of equals.
    const order = [...window].sort((a, b) => a.studyMinutes - b.studyMinutes || a.index - b.index);
    let placed: PlanItem[] | null = null;
    for (const day of order) {
      placed = tryPlace(day, unit, eve);
      if (placed) break;
    }
    if (!placed) {
      notPlaced.push(...unit.items);
      continue;
    }
    moved.push(...movedFrom(unit, placed));
    const exam = unit.items.find((i) => i.kind === 'practice-exam' && i.form !== undefined);
    if (exam) examDateOf.set(exam.form!, placed[0]!.date);
  }
  // Each moved exam's review: the first day after the exam that takes it (inside the window or not).
  const reviews = inPlan.filter(isReviewOfMissed);
  for (const unit of unitsOf(reviews)) {
    const examAt = examDateOf.get(unit.items[0]!.form!);
    // Its exam stays missed (the review stays with it), or the review already comes after it.
    if (examAt === undefined || compareDates(unit.from, examAt) > 0) continue;
    let placed: PlanItem[] | null = null;
    for (const day of days) {
      if (compareDates(day.date, examAt) <= 0) continue;
      placed = tryPlace(day, unit, eve);
      if (placed) break;
    }
    if (placed) moved.push(...movedFrom(unit, placed));
    else notPlaced.push(...unit.items);
  }
  return { moved, removed: [], notPlaced };
}

/** Moves work as the mode says; a mode that cannot apply answers with what to do instead. */
export function reflow(input: ReflowInput): Result<Reflow> {
  if (compareDates(input.examDate, input.today) <= 0)
    return fail('VALIDATION_FAILED', 'The exam date is today or has passed, so there is nothing to move.', {
      examDate: 'Set a new exam date first.',
    });
  if (input.mode.kind === 'spread') {
    const { days } = input.mode;
    if (!Number.isInteger(days) || days < 1 || days > MAX_SPREAD_DAYS)
      return fail('VALIDATION_FAILED', `Choose between 1 and ${MAX_SPREAD_DAYS} days.`, {
        days: `Choose between 1 and ${MAX_SPREAD_DAYS} days.`,
      });
    // Never into the eve or the exam: the window ends before them.
    const count = Math.min(days, Math.max(0, daysBetween(input.today, input.examDate) - 1));
    return ok(spread(input, count));
  }
  return ok(pushBack(input));
}

/** The plan summary's dates after items moved: practice exams, full-length days, the bank's last new block. */
export function summaryAfterMoves(
  summary: Plan['summary'],
  items: readonly Pick<PlanItem, 'kind' | 'date' | 'form'>[],
): Plan['summary'] {
  const sorted = [...items].sort((a, b) => compareDates(a.date, b.date));
  const newBlocks = sorted.filter((i) => i.kind === 'qbank-block');
  return {
    ...summary,
    practiceExamDates: sorted
      .filter((i) => i.kind === 'practice-exam' && i.form !== undefined)
      .map((i) => ({ form: i.form!, date: i.date })),
    fullLengthDates: sorted.filter((i) => i.kind === 'full-length').map((i) => i.date),
    questionBankFinishDate: newBlocks.length > 0 ? newBlocks[newBlocks.length - 1]!.date : null,
  };
}
