// Property-based tests: random valid inputs, rules that must hold for every plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, practiceExamMinutes } from '../exam/practice-forms.ts';
import { replan, type TrackedItem } from './replan.ts';
import { generatePlan, type Plan } from './scheduler.ts';
import { BLOCK_FORMATS, minutesOf, timeOf, type PlanSettings } from './settings.ts';

const START = '2026-11-25';
const time = (min: number, max: number) => fc.integer({ min: min / 15, max: max / 15 }).map((q) => timeOf(q * 15));

const settingsArb = (opts: { ample?: boolean } = {}) =>
  fc
    .record({
      days: fc.integer({ min: 3, max: 200 }),
      weeklyHours: fc.record({
        questionBank: fc.integer({ min: 4, max: 40 }),
        practiceExams: fc.integer({ min: 0, max: 10 }),
        contentReview: fc.integer({ min: 0, max: 20 }),
        rest: fc.integer({ min: 0, max: 16 }),
      }),
      sleepStart: time(20 * 60, 23 * 60 + 45),
      sleepHours: fc.integer({ min: 5, max: 10 }),
      protectedTime: opts.ample
        ? fc.constant<{ weekday: number; start: string; hours: number }[]>([])
        : fc.array(
            fc.record({
              weekday: fc.integer({ min: 0, max: 6 }),
              start: time(4 * 60, 14 * 60),
              hours: fc.integer({ min: 2, max: 13 }),
            }),
            { maxLength: 7 },
          ),
      exceptions: opts.ample
        ? fc.constant<{ offset: number; kind: 'blocked' | 'call' | 'break'; partial: boolean }[]>([])
        : fc.array(
            fc.record({
              offset: fc.integer({ min: 0, max: 199 }),
              kind: fc.constantFrom('blocked' as const, 'call' as const, 'break' as const),
              partial: fc.boolean(),
            }),
            { maxLength: 12 },
          ),
      questionsLeft: fc.integer({ min: 0, max: 4000 }),
      blockFormat: fc.constantFrom('40-in-60' as const, '20-in-30' as const),
      reviewMinutesPerBlock: fc.constantFrom(0, 15, 30, 45, 60, 90),
      practiceExams: fc.subarray([...PRACTICE_FORM_IDS]),
      practiceExamEveryDays: fc.integer({ min: 4, max: 14 }),
      fullLengthDays: fc.integer({ min: 0, max: 4 }),
      restWeekday: fc.integer({ min: 0, max: 6 }),
    })
    .map((r) => {
      const examDate = addDays(START, r.days);
      const settings: PlanSettings = {
        weeklyHours: r.weeklyHours,
        sleep: { start: r.sleepStart, end: timeOf((minutesOf(r.sleepStart) + r.sleepHours * 60) % 1440) },
        protectedTime: r.protectedTime.map((p) => ({
          weekday: p.weekday,
          start: p.start,
          end: timeOf(Math.min(24 * 60, minutesOf(p.start) + p.hours * 60)),
          label: 'Rotation',
        })),
        exceptions: r.exceptions
          .filter((e) => e.offset < r.days)
          .map((e) => ({
            date: addDays(START, e.offset),
            kind: e.kind,
            start: e.partial && e.kind !== 'break' ? '17:00' : null,
            end: e.partial && e.kind !== 'break' ? '08:00' : null,
            label: e.kind,
          })),
        questionBank: {
          questionsLeft: r.questionsLeft,
          blockFormat: r.blockFormat,
          reviewMinutesPerBlock: r.reviewMinutesPerBlock,
          mode: 'timed',
        },
        practiceExams: r.practiceExams,
        practiceExamEveryDays: r.practiceExamEveryDays,
        fullLengthDays: r.fullLengthDays,
        restWeekday: r.restWeekday,
      };
      return { examDate, settings };
    });

/** Free minutes of each date, computed independently of the scheduler: a minute grid. */
function availability(settings: PlanSettings, examDate: string): Map<string, boolean[]> {
  const grid = new Map<string, boolean[]>();
  const days = daysBetween(START, examDate);
  for (let i = -1; i <= days; i++) grid.set(addDays(START, i), Array(1440).fill(true));
  const block = (date: string, startMin: number, endMin: number) => {
    // A range with end <= start runs past midnight into the next date.
    const spans =
      endMin > startMin
        ? [[date, startMin, endMin]]
        : [
            [date, startMin, 1440],
            [addDays(date, 1), 0, endMin],
          ];
    for (const [d, a, b] of spans as [string, number, number][]) {
      const row = grid.get(d);
      if (row) for (let m = a; m < b; m++) row[m] = false;
    }
  };
  for (let i = -1; i <= days; i++) {
    const date = addDays(START, i);
    block(date, minutesOf(settings.sleep.start), minutesOf(settings.sleep.end));
    for (const p of settings.protectedTime.filter((p) => p.weekday === dayOfWeek(date)))
      block(date, minutesOf(p.start), minutesOf(p.end));
    for (const e of settings.exceptions.filter((e) => e.date === date)) {
      if (e.start === null || e.end === null) block(date, 0, 1440);
      else block(date, minutesOf(e.start), minutesOf(e.end));
    }
  }
  return grid;
}

function checkPlanRules(plan: Plan, settings: PlanSettings, examDate: string) {
  const grid = availability(settings, examDate);
  const problems: string[] = [];
  for (const day of plan.days) {
    const used = Array(1440).fill(false);
    for (const item of day.items) {
      if (item.date !== day.date) problems.push(`${item.id} listed under ${day.date}`);
      if (item.kind === 'exam') continue;
      const a = minutesOf(item.start);
      const b = minutesOf(item.end);
      if (b - a !== item.minutes) problems.push(`${item.id}: ${item.start}–${item.end} is not ${item.minutes} min`);
      for (let m = a; m < b; m++) {
        // Never in sleep, protected time or an exception.
        if (!grid.get(day.date)![m]) problems.push(`${item.id} on ${day.date} at ${timeOf(m)} is not free time`);
        // Never two things at once, so no day holds more than its free time.
        if (used[m]) problems.push(`overlap on ${day.date} at ${timeOf(m)}`);
        used[m] = true;
      }
      if (problems.length > 0) break;
    }
  }
  expect(problems.slice(0, 3)).toEqual([]);
  // Each practice exam is followed by its deep review, before the exam.
  for (const { date, form } of plan.summary.practiceExamDates) {
    const next = plan.days.find((d) => d.date === addDays(date, 1));
    expect(next?.items.some((i) => i.kind === 'deep-review' && i.form === form)).toBe(true);
  }
  // Practice exam items are as long as their form.
  for (const item of plan.days.flatMap((d) => d.items).filter((i) => i.kind === 'practice-exam')) {
    expect(item.minutes).toBe(practiceExamMinutes(item.form!));
  }
  // Never more question-bank time in a week than the setting.
  const session =
    BLOCK_FORMATS[settings.questionBank.blockFormat].minutes + settings.questionBank.reviewMinutesPerBlock;
  for (let w = 0; w * 7 < plan.days.length - 1; w++) {
    const week = plan.days.slice(w * 7, w * 7 + 7).flatMap((d) => d.items);
    const qbankSessions = week.filter((i) => i.kind === 'qbank-block' || i.kind === 'second-pass-block').length;
    expect(qbankSessions * session).toBeLessThanOrEqual(settings.weeklyHours.questionBank * 60);
    const content = week.filter((i) => i.kind === 'content-review').reduce((s, i) => s + i.minutes, 0);
    expect(content).toBeLessThanOrEqual(settings.weeklyHours.contentReview * 60);
  }
}

describe('plan scheduler properties', () => {
  it('never places work in sleep, protected time or exceptions, never overlaps, and follows each practice exam with a review', () => {
    fc.assert(
      fc.property(settingsArb(), ({ examDate, settings }) => {
        const result = generatePlan({ startDate: START, examDate, settings });
        if (!result.ok) {
          // The only refusals: the bank does not fit (with numbers) or nothing is free at all.
          expect(result.error.code).toBe('PLAN_INFEASIBLE');
          expect(result.error.message).toMatch(/\d|blocked/);
          return;
        }
        checkPlanRules(result.value, settings, examDate);
      }),
      { numRuns: 150 },
    );
  });

  it('schedules every question it accepts, and finishes them at least a week before the exam', () => {
    fc.assert(
      fc.property(settingsArb(), ({ examDate, settings }) => {
        const result = generatePlan({ startDate: START, examDate, settings });
        if (!result.ok) return;
        expect(result.value.summary.questionsScheduled).toBe(settings.questionBank.questionsLeft);
        const finish = result.value.summary.questionBankFinishDate;
        if (finish && daysBetween(START, examDate) > 14)
          expect(daysBetween(finish, examDate)).toBeGreaterThanOrEqual(7);
      }),
      { numRuns: 100 },
    );
  });

  it('with free weeks, puts the last practice exam 5–10 days out and keeps weekly hours within one session of the settings', () => {
    fc.assert(
      fc.property(settingsArb({ ample: true }), ({ examDate, settings }) => {
        const result = generatePlan({ startDate: START, examDate, settings });
        if (!result.ok) return;
        const plan = result.value;
        const n = daysBetween(START, examDate);
        if (settings.practiceExams.length > 0 && n >= 21) {
          const last = plan.summary.practiceExamDates.at(-1)!;
          expect(daysBetween(last.date, examDate)).toBeGreaterThanOrEqual(5);
          expect(daysBetween(last.date, examDate)).toBeLessThanOrEqual(10);
        }
        // Ordinary full weeks before the bank's cut-off: question-bank hours at the setting, within one session.
        const session =
          BLOCK_FORMATS[settings.questionBank.blockFormat].minutes + settings.questionBank.reviewMinutesPerBlock;
        const allowed = Math.floor((settings.weeklyHours.questionBank * 60) / session);
        for (let w = 0; (w + 1) * 7 <= n - 7; w++) {
          const days = plan.days.slice(w * 7, w * 7 + 7);
          if (days.some((d) => d.kind !== 'timed-blocks' && d.kind !== 'content')) continue;
          const sessions = days
            .flatMap((d) => d.items)
            .filter((i) => i.kind === 'qbank-block' || i.kind === 'second-pass-block').length;
          expect(sessions).toBeGreaterThanOrEqual(allowed - 1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('re-planning keeps every done item exactly where it was and never rewrites the past', () => {
    fc.assert(
      fc.property(
        settingsArb(),
        fc.integer({ min: 1, max: 150 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('done' as const, 'skipped' as const)), { maxLength: 60 }),
        ({ examDate, settings }, todayOffset, marks) => {
          const first = generatePlan({ startDate: START, examDate, settings });
          if (!first.ok) return;
          const all = first.value.days.flatMap((d) => d.items).filter((i) => i.kind !== 'exam');
          if (all.length === 0) return;
          const status = new Map<string, 'done' | 'skipped'>();
          for (const [index, mark] of marks) status.set(all[index % all.length]!.id, mark);
          const tracked: TrackedItem[] = all.map((item) => ({ ...item, status: status.get(item.id) ?? null }));
          const today = addDays(START, Math.min(todayOffset, daysBetween(START, examDate) - 1));
          const result = replan({ today, examDate, settings, generationStart: START, items: tracked, isEdited: false });
          if (!result.ok) {
            expect(result.error.code).toMatch(/PLAN_INFEASIBLE|VALIDATION_FAILED/);
            return;
          }
          const { past, plan } = result.value;
          const after = [...past, ...plan.days.flatMap((d) => d.items)];
          for (const item of tracked.filter((i) => i.status === 'done')) {
            const kept = after.find((i) => i.id === item.id);
            expect(kept, `done item ${item.id} dropped`).toBeDefined();
            expect({ date: kept!.date, start: kept!.start, end: kept!.end, kind: kept!.kind }).toEqual({
              date: item.date,
              start: item.start,
              end: item.end,
              kind: item.kind,
            });
          }
          expect(past).toEqual(tracked.filter((i) => i.date < today));
          expect(plan.days[0]?.date).toBe(today);
          // Ids stay unique, so statuses can never attach to the wrong item.
          const ids = after.map((i) => i.id);
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
      { numRuns: 100 },
    );
  });
});
