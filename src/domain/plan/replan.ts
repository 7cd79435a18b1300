/**
 * Re-planning (PRODUCT.md C): keep what is done, move what is not, never rewrite the past.
 */
import { addDays, compareDates, type LocalDate } from '../common/dates.ts';
import { fail, type Result } from '../common/result.ts';
import { countsAsMissed } from './item-rules.ts';
import { checkWaysOut, generatePlan, type Plan, type PlanInput, type PlanItem } from './scheduler.ts';
import type { PlanSettings } from './settings.ts';

export type ItemStatus = 'done' | 'skipped';
export type TrackedItem = PlanItem & {
  status: ItemStatus | null;
  /** When the status was set (UTC ISO); lets a re-plan count work ticked after the plan was made. */
  statusAt?: string | null;
};

/**
 * The work still ahead: the settings of the current plan (which describe the work from its first
 * day) less what has been done since. Example: 3,900 questions at the start and 10 done blocks of 40
 * leave 3,500; a done UWSA 1 leaves the other forms.
 */
export function remainingWork(settings: PlanSettings, itemsSinceStart: readonly TrackedItem[]): PlanSettings {
  const done = itemsSinceStart.filter((item) => item.status === 'done');
  const questionsDone = done
    .filter((item) => item.kind === 'qbank-block')
    .reduce((sum, item) => sum + (item.questions ?? 0), 0);
  const formsDone = new Set(done.filter((item) => item.kind === 'practice-exam').map((item) => item.form));
  const fullLengthDone = done.filter((item) => item.kind === 'full-length').length;
  return {
    ...settings,
    questionBank: {
      ...settings.questionBank,
      questionsLeft: Math.max(0, settings.questionBank.questionsLeft - questionsDone),
    },
    practiceExams: settings.practiceExams.filter((form) => !formsDone.has(form)),
    fullLengthDays: Math.max(0, settings.fullLengthDays - fullLengthDone),
  };
}

/** Work a student may tick off ahead of its day: blocks and reading can be done early, exams cannot. */
const EARLY_KINDS: ReadonlySet<PlanItem['kind']> = new Set(['qbank-block', 'second-pass-block', 'content-review']);

/** Why an item cannot take this status today, or null when it can. */
export function checkStatusChange(
  item: Pick<PlanItem, 'date' | 'kind'>,
  status: ItemStatus | null,
  today: LocalDate,
): string | null {
  if (status === 'done' && compareDates(item.date, today) > 0 && !EARLY_KINDS.has(item.kind)) {
    return 'That day has not come yet. Mark it done once you have done it.';
  }
  return null;
}

/**
 * Items before `today` with no status: planned, and neither done nor skipped. A deep review of a
 * practice exam that was not sat is not missed on its own: it moves with its exam at the next re-plan.
 */
export function missedItems<T extends TrackedItem>(items: readonly T[], today: LocalDate): T[] {
  const satForms = new Set(
    items.filter((item) => item.kind === 'practice-exam' && item.status === 'done').map((item) => item.form),
  );
  return items.filter((item) => countsAsMissed(item, today, satForms));
}

export type Replan = {
  /** Past items, untouched, with their statuses. */
  past: TrackedItem[];
  /** The new plan from today; done items on or after today are in it, unchanged. */
  plan: Plan;
  /** The settings that describe the new plan's work from today, kept done items included: store these. */
  settings: PlanSettings;
};

/**
 * A new plan from `today` that keeps every done item where it is, leaves the past as it was, and
 * places the work not done (missed blocks, a skipped practice exam) in the days ahead by the
 * scheduler's rules. `settings` may be the current plan's or edited ones; with `isEdited` false the
 * work done since `generationStart` is subtracted first.
 */
export function replan(input: {
  today: LocalDate;
  examDate: LocalDate;
  settings: PlanSettings;
  generationStart: LocalDate;
  items: readonly TrackedItem[];
  isEdited: boolean;
  /** When the current plan was saved (UTC ISO). */
  plannedAt?: string;
  /** A change to the work ahead (a shortfall's way out), applied to it after the work done is subtracted. */
  patch?: Partial<PlanSettings>;
  /** Minutes of journal review due by date, from the journal's forecast (scheduler/journal-review.ts). */
  reviewMinutesByDate?: PlanInput['reviewMinutesByDate'];
}): Result<Replan> {
  const { today, examDate, items } = input;
  if (compareDates(examDate, today) <= 0) {
    return fail(
      'VALIDATION_FAILED',
      'The exam date is today or has passed, so there is nothing left to plan. Set a new exam date first.',
      {
        examDate: 'Choose an exam date after today.',
      },
    );
  }
  // Work done since the plan began, and work on earlier days ticked off after the plan was saved.
  const countsSinceStart = (item: TrackedItem) =>
    compareDates(item.date, input.generationStart) >= 0 ||
    (input.plannedAt !== undefined && item.statusAt != null && item.statusAt > input.plannedAt);
  const ahead = input.isEdited ? input.settings : remainingWork(input.settings, items.filter(countsSinceStart));
  const settings: PlanSettings = input.patch ? { ...ahead, ...input.patch } : ahead;
  const past = items.filter((item) => compareDates(item.date, today) < 0);
  const fixedItems = items
    .filter(
      (item) => item.status === 'done' && compareDates(item.date, today) >= 0 && compareDates(item.date, examDate) < 0,
    )
    .map(({ status: _status, ...item }) => item);
  // A practice exam already sat keeps its deep review the next day, and spaces the exams still ahead.
  const doneExams = items.filter((item) => item.kind === 'practice-exam' && item.status === 'done');
  const pendingReviews = doneExams
    .map((exam) => {
      // Where the plan had put its review (the next day, or the one after a rest day), else the next day.
      const planned = items.find(
        (item) =>
          item.kind === 'deep-review' &&
          item.form === exam.form &&
          compareDates(item.date, exam.date) > 0 &&
          compareDates(item.date, addDays(exam.date, 2)) <= 0,
      );
      return { date: planned?.date ?? addDays(exam.date, 1), form: exam.form, minutes: exam.minutes };
    })
    .filter(
      (review) =>
        compareDates(review.date, today) >= 0 &&
        compareDates(review.date, examDate) < 0 &&
        !fixedItems.some((item) => item.kind === 'deep-review' && item.date === review.date),
    );
  // New questions done before today: their misses can fill second-pass blocks from the first week.
  const questionsDoneBefore = items
    .filter((item) => item.kind === 'qbank-block' && item.status === 'done' && compareDates(item.date, today) < 0)
    .reduce((sum, item) => sum + (item.questions ?? 0), 0);
  // A deep review follows only an exam that was sat: a missed exam's review is not kept apart from
  // it, and moves with the exam when the scheduler places the form again.
  const planInput: PlanInput = {
    startDate: today,
    examDate,
    settings,
    fixedItems,
    pendingReviews,
    takenExamDates: doneExams.map((exam) => exam.date),
    questionsDoneBefore,
    ...(input.reviewMinutesByDate ? { reviewMinutesByDate: input.reviewMinutesByDate } : {}),
  };
  const generated = generatePlan(planInput);
  if (!generated.ok) return generated;
  // Every way out offered to the student is tried first, so each one kept is known to fit.
  const plan = { ok: true as const, value: checkWaysOut(planInput, generated.value) };
  // The stored settings describe all work from today, the kept done items included, so that the
  // next re-plan can subtract everything done since today without counting those twice.
  const keptQuestions = fixedItems
    .filter((i) => i.kind === 'qbank-block')
    .reduce((sum, i) => sum + (i.questions ?? 0), 0);
  const keptForms = fixedItems.filter((i) => i.kind === 'practice-exam' && i.form).map((i) => i.form!);
  const stored: PlanSettings = {
    ...settings,
    questionBank: { ...settings.questionBank, questionsLeft: settings.questionBank.questionsLeft + keptQuestions },
    practiceExams: [...settings.practiceExams, ...keptForms.filter((f) => !settings.practiceExams.includes(f))],
    fullLengthDays: settings.fullLengthDays + fixedItems.filter((i) => i.kind === 'full-length').length,
  };
  return { ok: true, value: { past, plan: plan.value, settings: stored } };
}
