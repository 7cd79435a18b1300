import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../common/dates.ts';
import { checkStatusChange, missedItems, remainingWork, replan, type TrackedItem } from './replan.ts';
import { generatePlan, type Plan } from './scheduler.ts';
import { DEFAULT_PLAN_SETTINGS } from './settings.ts';

const START = '2026-11-25';
const EXAM = '2027-03-24';

function firstPlan(): Plan {
  const result = generatePlan({ startDate: START, examDate: EXAM, settings: DEFAULT_PLAN_SETTINGS });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const tracked = (plan: Plan, status: (item: TrackedItem) => TrackedItem['status'] = () => null): TrackedItem[] =>
  plan.days
    .flatMap((d) => d.items)
    .map((item) => {
      const base = { ...item, status: null, statusAt: null } as TrackedItem;
      const s = status(base);
      return s ? { ...base, status: s, statusAt: '2026-11-25T20:00:00.000Z' } : base;
    });

describe('re-planning', () => {
  it('subtracts the work done since the plan began: 10 blocks of 20 leave 3,700 questions', () => {
    const items = tracked(firstPlan());
    const blocks = items
      .filter((i) => i.kind === 'qbank-block')
      .slice(0, 10)
      .map((i) => ({ ...i, status: 'done' as const }));
    expect(remainingWork(DEFAULT_PLAN_SETTINGS, blocks).questionBank.questionsLeft).toBe(3700);
  });

  it('lists missed items: past, with no status, rest excluded', () => {
    const items = tracked(firstPlan());
    const missed = missedItems(items, addDays(START, 2));
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((i) => i.date < addDays(START, 2) && i.kind !== 'rest')).toBe(true);
  });

  it('keeps the deep review of a practice exam sat today, and spaces the next exam from it', () => {
    const plan = firstPlan();
    const baseline = plan.summary.practiceExamDates[0]!;
    const items = tracked(plan, (i) => (i.date <= baseline.date && i.kind !== 'rest' ? 'done' : null));
    const result = replan({
      today: baseline.date,
      examDate: EXAM,
      settings: DEFAULT_PLAN_SETTINGS,
      generationStart: START,
      items,
      isEdited: false,
    });
    if (!result.ok) throw new Error(result.error.message);
    const next = result.value.plan.days.find((d) => d.date === addDays(baseline.date, 1))!;
    expect(next.items.some((i) => i.kind === 'deep-review' && i.form === baseline.form)).toBe(true);
    const upcoming = result.value.plan.summary.practiceExamDates;
    expect(upcoming.every((e) => e.form !== baseline.form)).toBe(true);
    expect(
      upcoming.every((e) => daysBetween(baseline.date, e.date) >= DEFAULT_PLAN_SETTINGS.practiceExamEveryDays - 3),
    ).toBe(true);
  });

  it('counts an earlier day ticked after the plan was saved, so its work is not scheduled twice', () => {
    const plan = firstPlan();
    const exam = plan.summary.practiceExamDates[0]!;
    // The plan was re-made the day after the exam, with the exam not yet ticked …
    const replannedAt = '2026-12-10T08:00:00.000Z';
    const items = tracked(plan).map((i) =>
      i.kind === 'practice-exam' && i.form === exam.form
        ? { ...i, status: 'done' as const, statusAt: '2026-12-10T09:00:00.000Z' }
        : i,
    );
    // … and the student ticks it afterwards: the next re-plan must not schedule that form again.
    const result = replan({
      today: addDays(exam.date, 3),
      examDate: EXAM,
      settings: DEFAULT_PLAN_SETTINGS,
      generationStart: addDays(exam.date, 1),
      items,
      isEdited: false,
      plannedAt: replannedAt,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.plan.summary.practiceExamDates.map((e) => e.form)).not.toContain(exam.form);
  });

  it('lets blocks and reading be ticked off early, but not a practice exam or full-length day', () => {
    const today = '2026-12-01';
    expect(checkStatusChange({ date: '2026-12-03', kind: 'qbank-block' }, 'done', today)).toBeNull();
    expect(checkStatusChange({ date: '2026-12-03', kind: 'content-review' }, 'done', today)).toBeNull();
    expect(checkStatusChange({ date: '2026-12-03', kind: 'practice-exam' }, 'done', today)).toMatch(/not come yet/);
    expect(checkStatusChange({ date: '2026-12-03', kind: 'full-length' }, 'done', today)).toMatch(/not come yet/);
    expect(checkStatusChange({ date: '2026-12-03', kind: 'practice-exam' }, 'skipped', today)).toBeNull();
    expect(checkStatusChange({ date: '2026-12-01', kind: 'practice-exam' }, 'done', today)).toBeNull();
  });
});

describe('a missed practice exam', () => {
  it('moves with its review: not missed on its own, re-placed after the exam is placed again', () => {
    const plan = firstPlan();
    const exam = plan.summary.practiceExamDates[1]!;
    const review = plan.days.flatMap((d) => d.items).find((i) => i.kind === 'deep-review' && i.form === exam.form)!;
    const today = addDays(review.date, 1);
    // Everything before today done, except the exam itself (missed) and its review.
    const items = tracked(plan, (i) =>
      i.date < today && i.kind !== 'rest' && i.form !== exam.form && i.kind !== 'deep-review' ? 'done' : null,
    );
    const missed = missedItems(items, today);
    expect(missed.some((i) => i.kind === 'practice-exam' && i.form === exam.form)).toBe(true);
    expect(missed.some((i) => i.kind === 'deep-review' && i.form === exam.form)).toBe(false);
    const result = replan({
      today,
      examDate: EXAM,
      settings: DEFAULT_PLAN_SETTINGS,
      generationStart: START,
      items,
      isEdited: false,
    });
    if (!result.ok) throw new Error(result.error.message);
    const ahead = result.value.plan.days.flatMap((d) => d.items);
    const again = ahead.find((i) => i.kind === 'practice-exam' && i.form === exam.form)!;
    const reviews = ahead.filter((i) => i.kind === 'deep-review' && i.form === exam.form);
    expect(again.date >= today).toBe(true);
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((r) => r.date > again.date && r.date <= addDays(again.date, 2))).toBe(true);
  });
});
