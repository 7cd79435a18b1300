// Property-based tests: random valid inputs, rules that must hold for every plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween } from '../common/dates.ts';
import { PRACTICE_FORM_IDS, practiceExamMinutes } from '../exam/practice-forms.ts';
import { replan, type TrackedItem } from './replan.ts';
import {
  checkWaysOut,
  findWaysOut,
  generatePlan,
  JOURNAL_REVIEW_MAX_MINUTES,
  LONG_BREAK_MINUTES,
  LONG_SHIFT_STUDY_CAP_MINUTES,
  MAX_RUN_MINUTES,
  MID_PERIOD_MAX_GAP_DAYS,
  SHORT_BREAK_MINUTES,
  type Plan,
  type PlanInput,
} from './scheduler.ts';
import { BLOCK_FORMATS, DAILY_STUDY_CEILING_HOURS, minutesOf, timeOf, type PlanSettings } from './settings.ts';

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
      dailyCapHours: fc.option(fc.integer({ min: 4, max: 48 }).map((q) => q / 4)),
      // Day shifts, night shifts across midnight (19:00–07:00) and 24-hour calls (07:00–07:00).
      protectedTime: opts.ample
        ? fc.constant<{ weekday: number; start: string; hours: number }[]>([])
        : fc.array(
            fc.record({
              weekday: fc.integer({ min: 0, max: 6 }),
              start: time(0, 23 * 60 + 45),
              hours: fc.integer({ min: 2, max: 24 }),
            }),
            { maxLength: 7 },
          ),
      // From the day before the plan (offset -1) on; with times that may cross midnight or last 24 h.
      exceptions: opts.ample
        ? fc.constant<{ offset: number; kind: 'blocked' | 'call' | 'break'; start: string | null; hours: number }[]>([])
        : fc.array(
            fc.record({
              offset: fc.integer({ min: -1, max: 199 }),
              kind: fc.constantFrom('blocked' as const, 'call' as const, 'break' as const),
              start: fc.option(time(0, 23 * 60 + 45)),
              hours: fc.integer({ min: 1, max: 24 }),
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
      // The postmortem's fixed routine: the same blocks every study day.
      fixedDailyBlocks: fc.boolean(),
    })
    .map((r) => {
      const examDate = addDays(START, r.days);
      const settings: PlanSettings = {
        weeklyHours: r.weeklyHours,
        sleep: { start: r.sleepStart, end: timeOf((minutesOf(r.sleepStart) + r.sleepHours * 60) % 1440) },
        protectedTime: r.protectedTime.map((p) => ({
          weekday: p.weekday,
          start: p.start,
          end: timeOf((minutesOf(p.start) + p.hours * 60) % 1440),
          label: 'Rotation',
        })),
        exceptions: r.exceptions
          .filter((e) => e.offset < r.days)
          .map((e) => ({
            date: addDays(START, e.offset),
            kind: e.kind,
            start: e.start,
            end: e.start === null ? null : timeOf((minutesOf(e.start) + e.hours * 60) % 1440),
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
        ...(r.dailyCapHours !== null ? { dailyCapHours: r.dailyCapHours } : {}),
        ...(r.fixedDailyBlocks ? { fixedDailyBlocks: true } : {}),
      };
      return { examDate, settings };
    });

/** A busy range in minutes from midnight of `date`: an end at or before the start is the next day (equal: 24 h). */
function spansOf(date: string, startMin: number, endMin: number): [string, number, number][] {
  if (endMin > startMin) return [[date, startMin, endMin]];
  return [
    [date, startMin, 1440],
    [addDays(date, 1), 0, endMin],
  ];
}

/** Free minutes of each date, computed independently of the scheduler: a minute grid. */
function availability(settings: PlanSettings, examDate: string): Map<string, boolean[]> {
  const grid = new Map<string, boolean[]>();
  const days = daysBetween(START, examDate);
  for (let i = -1; i <= days; i++) grid.set(addDays(START, i), Array(1440).fill(true));
  const block = (date: string, startMin: number, endMin: number) => {
    for (const [d, a, b] of spansOf(date, startMin, endMin)) {
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

/** Dates touched by a single protected range or timed exception of 8 hours or more. */
function longShiftDates(settings: PlanSettings, examDate: string): Set<string> {
  const out = new Set<string>();
  const days = daysBetween(START, examDate);
  const add = (date: string, start: string, end: string) => {
    const a = minutesOf(start);
    const b = minutesOf(end);
    if ((b > a ? b - a : b + 1440 - a) < 8 * 60) return;
    for (const [d, x, y] of spansOf(date, a, b)) if (y > x) out.add(d);
  };
  for (let i = -1; i <= days; i++) {
    const date = addDays(START, i);
    for (const p of settings.protectedTime.filter((p) => p.weekday === dayOfWeek(date))) add(date, p.start, p.end);
    for (const e of settings.exceptions.filter((e) => e.date === date && e.kind !== 'break'))
      if (e.start !== null && e.end !== null) add(date, e.start, e.end);
  }
  return out;
}

const isHeavy = (kind: string) => kind === 'practice-exam' || kind === 'full-length';
const isStudy = (kind: string) => kind !== 'rest' && kind !== 'exam';

function checkPlanRules(plan: Plan, settings: PlanSettings, examDate: string) {
  const grid = availability(settings, examDate);
  const long = longShiftDates(settings, examDate);
  const cap = plan.summary.dailyCapMinutes;
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
        // Never in sleep, protected time or an exception, including ranges across midnight and 24-hour calls.
        if (!grid.get(day.date)![m]) problems.push(`${item.id} on ${day.date} at ${timeOf(m)} is not free time`);
        if (used[m]) problems.push(`overlap on ${day.date} at ${timeOf(m)}`);
        used[m] = true;
      }
      if (problems.length > 0) break;
    }
    // No study day over its cap (a heavy item is the day's whole work), never over the ceiling.
    const study = day.items.filter((i) => isStudy(i.kind));
    const minutes = study.reduce((sum, i) => sum + i.minutes, 0);
    const heavy = study.find((i) => isHeavy(i.kind));
    if (minutes > Math.max(cap, heavy?.minutes ?? 0)) problems.push(`${day.date}: ${minutes} min over the cap ${cap}`);
    if (minutes > DAILY_STUDY_CEILING_HOURS * 60) problems.push(`${day.date}: ${minutes} min over the ceiling`);
    // A day with a shift of 8 h or more: at most 4 study hours, no practice exam or full-length day.
    if (long.has(day.date) && day.kind !== 'exam') {
      if (minutes > LONG_SHIFT_STUDY_CAP_MINUTES && !heavy)
        problems.push(`${day.date}: ${minutes} min after a long shift`);
      if (heavy) problems.push(`${day.date}: ${heavy.kind} on a long-shift day`);
    }
    // Breaks: a block and its review back to back, then at least a short break; a long break between runs.
    const units: { start: number; end: number }[] = [];
    for (const item of study) {
      const last = units[units.length - 1];
      const a = minutesOf(item.start);
      if (last && item.kind === 'qbank-review' && last.end === a) last.end = minutesOf(item.end);
      else units.push({ start: a, end: minutesOf(item.end) });
    }
    let runStart = units[0]?.start ?? 0;
    for (let k = 1; k < units.length; k++) {
      const gap = units[k]!.start - units[k - 1]!.end;
      if (gap < SHORT_BREAK_MINUTES) problems.push(`${day.date}: a ${gap}-min gap at ${timeOf(units[k]!.start)}`);
      if (gap >= LONG_BREAK_MINUTES) runStart = units[k]!.start;
      else if (units[k]!.end - runStart > MAX_RUN_MINUTES)
        problems.push(`${day.date}: ${units[k]!.end - runStart} min without a long break`);
    }
  }
  expect(problems.slice(0, 3)).toEqual([]);
  // Each practice exam is followed by its deep review within two days, before the exam.
  for (const { date, form } of plan.summary.practiceExamDates) {
    const after = plan.days.filter((d) => d.date > date && d.date <= addDays(date, 2));
    expect(after.some((d) => d.items.some((i) => i.kind === 'deep-review' && i.form === form))).toBe(true);
  }
  // Practice exam items are as long as their form.
  for (const item of plan.days.flatMap((d) => d.items).filter((i) => i.kind === 'practice-exam')) {
    expect(item.minutes).toBe(practiceExamMinutes(item.form!));
  }
  // Never more question-bank time in a week than the setting; content review likewise.
  const session =
    BLOCK_FORMATS[settings.questionBank.blockFormat].minutes + settings.questionBank.reviewMinutesPerBlock;
  for (let w = 0; w * 7 < plan.days.length - 1; w++) {
    const week = plan.days.slice(w * 7, w * 7 + 7).flatMap((d) => d.items);
    const qbankSessions = week.filter((i) => i.kind === 'qbank-block' || i.kind === 'second-pass-block').length;
    expect(qbankSessions * session).toBeLessThanOrEqual(settings.weeklyHours.questionBank * 60);
    const content = week.filter((i) => i.kind === 'content-review').reduce((s, i) => s + i.minutes, 0);
    expect(content).toBeLessThanOrEqual(settings.weeklyHours.contentReview * 60);
  }
  // Every shortfall carries its numbers, a cause and at least one way out.
  for (const s of plan.summary.shortfalls) {
    if (s.week === null) {
      expect(
        s.planned! < s.asked! || (s.maxGapDays ?? 0) > MID_PERIOD_MAX_GAP_DAYS || s.kind === 'practice-exams',
      ).toBe(true);
    } else expect(s.plannedMinutes!).toBeLessThan(s.askedMinutes!);
    expect(s.cause).toBeTruthy();
    expect(s.waysOut.length).toBeGreaterThan(0);
  }
  if (plan.summary.shortfalls.length > 0) expect(plan.warnings.length).toBeGreaterThan(0);
}

// Heavy properties: under a shared, loaded machine a run can take tens of seconds.
describe('plan scheduler properties', { timeout: 180_000 }, () => {
  it('never places work in sleep, shifts or exceptions (across midnight, 24 h, from the day before), keeps the cap and the breaks, and says every shortfall', () => {
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
      { numRuns: 100 },
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
      { numRuns: 60 },
    );
  });

  it('keeps the practice-exam cadence (none more than 21 days from the last, the last 5–10 days out) or says it does not', () => {
    fc.assert(
      fc.property(settingsArb({ ample: true }), ({ examDate, settings }) => {
        const result = generatePlan({ startDate: START, examDate, settings });
        if (!result.ok) return;
        const plan = result.value;
        const n = daysBetween(START, examDate);
        if (settings.practiceExams.length === 0 || n < 21) return;
        const isSaid = plan.summary.shortfalls.some((s) => s.kind === 'practice-exams');
        const dates = plan.summary.practiceExamDates.map((p) => p.date);
        if (dates.length === 0) {
          expect(isSaid).toBe(true);
          return;
        }
        const gaps = [daysBetween(START, dates[0]!), ...dates.slice(1).map((d, k) => daysBetween(dates[k]!, d))];
        const last = daysBetween(dates.at(-1)!, examDate);
        const isKept =
          gaps.slice(1).every((g) => g <= MID_PERIOD_MAX_GAP_DAYS) &&
          (settings.practiceExams.length < 2 || gaps[0]! < 7) &&
          last >= 5 &&
          last <= 10;
        expect(isKept || isSaid, `gaps ${gaps.join(',')}; last ${last} days out`).toBe(true);
        if (!isSaid) expect(isKept).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('offers only ways out of PLAN_INFEASIBLE that, applied, give a plan', () => {
    const tight = settingsArb().filter(({ settings }) => settings.questionBank.questionsLeft > 1500);
    let checked = 0;
    fc.assert(
      fc.property(tight, ({ examDate, settings }) => {
        const input: PlanInput = { startDate: START, examDate, settings };
        const result = generatePlan(input);
        if (result.ok || !/questions left need/.test(result.error.message)) return;
        checked += 1;
        for (const way of findWaysOut(input)) {
          const applied = generatePlan({
            ...input,
            examDate: way.examDate ?? examDate,
            settings: { ...settings, ...way.settingsPatch },
          });
          expect(applied.ok, way.label).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
    expect(checked).toBeGreaterThan(0);
  });

  it('offers only shortfall ways out that, applied, give a plan without that shortfall', () => {
    let checked = 0;
    fc.assert(
      fc.property(settingsArb(), ({ examDate, settings }) => {
        const input: PlanInput = { startDate: START, examDate, settings };
        const result = generatePlan(input);
        if (!result.ok || result.value.summary.shortfalls.length === 0) return;
        const plan = checkWaysOut(input, result.value);
        expect(plan.summary.waysOutChecked).toBe(true);
        expect(plan.summary.shortfalls.length).toBe(result.value.summary.shortfalls.length);
        for (const shortfall of plan.summary.shortfalls) {
          expect(shortfall.waysOut.length).toBeGreaterThan(0);
          for (const way of shortfall.waysOut) {
            if (!way.settingsPatch && !way.examDate) continue;
            checked += 1;
            const applied = generatePlan({
              ...input,
              examDate: way.examDate ?? examDate,
              settings: { ...settings, ...way.settingsPatch },
            });
            expect(applied.ok, way.label).toBe(true);
            if (!applied.ok) continue;
            const still = applied.value.summary.shortfalls.some(
              (s) => s.kind === shortfall.kind && s.week === shortfall.week,
            );
            expect(still, `${way.label} leaves the ${shortfall.kind} shortfall of week ${shortfall.week}`).toBe(false);
          }
        }
      }),
      { numRuns: 30 },
    );
    expect(checked).toBeGreaterThan(0);
  });

  it('reserves the journal review slot inside the cap, never over the daily bound, carrying what a day cannot take', () => {
    fc.assert(
      fc.property(
        settingsArb(),
        fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 60 }),
        ({ examDate, settings }, minutes) => {
          const reviewMinutesByDate = Object.fromEntries(minutes.map((m, k) => [addDays(START, k), m]));
          const result = generatePlan({ startDate: START, examDate, settings, reviewMinutesByDate });
          if (!result.ok) return;
          const asked = minutes.slice(0, daysBetween(START, examDate)).reduce((a, b) => a + b, 0);
          let placed = 0;
          for (const day of result.value.days) {
            const slots = day.items.filter((i) => i.kind === 'journal-review');
            expect(slots.length).toBeLessThanOrEqual(1);
            for (const slot of slots) {
              expect(slot.minutes).toBeLessThanOrEqual(JOURNAL_REVIEW_MAX_MINUTES);
              expect(day.kind).not.toBe('practice-exam');
              expect(day.kind).not.toBe('full-length');
              placed += slot.minutes;
            }
          }
          // Rounded up to 5 minutes a day at most; never more than asked plus that rounding.
          expect(placed).toBeLessThanOrEqual(asked + 5 * minutes.length);
        },
      ),
      { numRuns: 40 },
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
      { numRuns: 80 },
    );
  });
});
