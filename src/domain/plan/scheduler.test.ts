import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, dayOfWeek } from '../common/dates.ts';
import { generatePlan, type Plan, type PlanItem } from './scheduler.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from './settings.ts';

const START = '2026-11-25'; // a Wednesday

function planOf(settings: Partial<PlanSettings> = {}, examDate = '2027-03-24'): Plan {
  const result = generatePlan({ startDate: START, examDate, settings: { ...DEFAULT_PLAN_SETTINGS, ...settings } });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const items = (plan: Plan, kind?: PlanItem['kind']) =>
  plan.days.flatMap((d) => d.items).filter((i) => !kind || i.kind === kind);
const rotation = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00', label: 'Rotation' }));

describe('plan scheduler', () => {
  it('covers every day from the start to the exam, ending on the exam day', () => {
    const plan = planOf();
    expect(plan.days[0]?.date).toBe(START);
    expect(plan.days.at(-1)).toMatchObject({ date: '2027-03-24', kind: 'exam' });
    expect(plan.days).toHaveLength(daysBetween(START, '2027-03-24') + 1);
  });

  it('schedules every question of the bank: 3,900 questions in 98 blocks of 40 (the last has 20)', () => {
    const plan = planOf();
    const blocks = items(plan, 'qbank-block');
    expect(blocks).toHaveLength(98);
    expect(blocks.reduce((sum, b) => sum + (b.questions ?? 0), 0)).toBe(3900);
    expect(blocks.at(-1)?.questions).toBe(20);
  });

  it('finishes new questions about a week before the exam', () => {
    const plan = planOf();
    const finish = plan.summary.questionBankFinishDate!;
    expect(daysBetween(finish, '2027-03-24')).toBeGreaterThanOrEqual(7);
    expect(daysBetween(finish, '2027-03-24')).toBeLessThanOrEqual(14);
  });

  it('puts the last practice exam 5–10 days before the exam, and a deep-review day after each', () => {
    const plan = planOf({ protectedTime: rotation });
    const dates = plan.summary.practiceExamDates;
    expect(dates).toHaveLength(6);
    const last = dates.at(-1)!;
    expect(daysBetween(last.date, '2027-03-24')).toBeGreaterThanOrEqual(5);
    expect(daysBetween(last.date, '2027-03-24')).toBeLessThanOrEqual(10);
    for (const { date, form } of dates) {
      const next = plan.days.find((d) => d.date === addDays(date, 1))!;
      expect(next.kind).toBe('deep-review');
      expect(next.items.some((i) => i.kind === 'deep-review' && i.form === form)).toBe(true);
    }
  });

  it('sits the forms that track the real exam best last: UWSA 2 and the Free 120', () => {
    const forms = planOf().summary.practiceExamDates.map((p) => p.form);
    expect(forms.slice(-2)).toEqual(['UWSA2', 'FREE120']);
  });

  it('fully specifies the first four weeks, with a baseline practice exam, timed-block days and rest', () => {
    const plan = planOf({ protectedTime: rotation });
    const month = plan.days.slice(0, 28);
    expect(month.every((d) => d.kind !== 'content' || d.items.length > 0)).toBe(true);
    expect(month.some((d) => d.kind === 'practice-exam')).toBe(true);
    expect(month.some((d) => d.kind === 'deep-review')).toBe(true);
    expect(month.filter((d) => d.kind === 'timed-blocks').length).toBeGreaterThan(10);
    expect(month.filter((d) => d.items.some((i) => i.kind === 'rest')).length).toBeGreaterThanOrEqual(4);
  });

  it('places full-length simulation days on days off, shaped like the real exam day, the first well before the final weeks', () => {
    const plan = planOf({ protectedTime: rotation });
    const days = plan.summary.fullLengthDates;
    expect(days).toHaveLength(2);
    expect(daysBetween(days[0]!, '2027-03-24')).toBeGreaterThan(42);
    for (const date of days) {
      expect([0, 6]).toContain(dayOfWeek(date));
      const item = items(plan, 'full-length').find((i) => i.date === date)!;
      expect(item.minutes).toBe(16 * 30 + 60);
      expect(item.title).toContain('16 timed blocks of 30 minutes');
    }
  });

  it('keeps the sleep window and rotation hours free', () => {
    const plan = planOf({ protectedTime: rotation, sleep: { start: '22:30', end: '06:30' } });
    for (const item of items(plan).filter((i) => i.kind !== 'exam')) {
      expect(item.start >= '06:30').toBe(true);
      expect(item.end <= '22:30').toBe(true);
      const weekday = dayOfWeek(item.date);
      if (weekday >= 1 && weekday <= 5) expect(item.start >= '17:00' || item.end <= '07:00').toBe(true);
    }
  });

  it('keeps the weekly hours: 25 h of question bank and 10 h of content review in an ordinary week', () => {
    const plan = planOf();
    // Week 3 (days 14–20): no practice exam or full-length in the default plan at that point.
    const week = plan.days.slice(14, 21).flatMap((d) => d.items);
    const minutes = (kinds: string[]) =>
      week.filter((i) => kinds.includes(i.kind)).reduce((sum, i) => sum + i.minutes, 0);
    // 25 h / (60 + 60 min) = 12 sessions = 24 h: never above the setting, at most one session below.
    expect(minutes(['qbank-block', 'second-pass-block', 'qbank-review'])).toBe(24 * 60);
    expect(minutes(['content-review'])).toBe(10 * 60);
    expect(minutes(['rest'])).toBe(8 * 60);
  });

  it('keeps the day before the exam light', () => {
    const eve = planOf().days.at(-2)!;
    expect(eve.kind).toBe('light');
    expect(eve.items.every((i) => i.kind === 'rest')).toBe(true);
  });

  it('turns a planned break into a rest day with no study, and blocked days into empty days', () => {
    const plan = planOf({
      exceptions: [
        { date: '2026-12-24', kind: 'break', start: null, end: null, label: 'Holiday' },
        { date: '2026-12-10', kind: 'blocked', start: null, end: null, label: 'Exam week' },
        { date: '2026-12-11', kind: 'call', start: '17:00', end: '08:00', label: 'Call night' },
      ],
    });
    expect(plan.days.find((d) => d.date === '2026-12-24')).toMatchObject({ kind: 'rest', items: [] });
    expect(plan.days.find((d) => d.date === '2026-12-10')).toMatchObject({ kind: 'blocked', items: [] });
    const call = plan.days.find((d) => d.date === '2026-12-11')!;
    expect(call.items.every((i) => i.end <= '17:00')).toBe(true);
    const after = plan.days.find((d) => d.date === '2026-12-12')!;
    expect(after.items.every((i) => i.start >= '08:00')).toBe(true);
  });

  it('says the plan cannot fit, with the numbers and the ways out, when the bank is too big', () => {
    const result = generatePlan({
      startDate: START,
      examDate: '2027-01-20',
      settings: {
        ...DEFAULT_PLAN_SETTINGS,
        protectedTime: rotation,
        questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 3900 },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PLAN_INFEASIBLE');
    expect(result.error.message).toMatch(/3,900 questions left need 98 blocks of 40; only 78 fit by 2027-01-12/);
    expect(result.error.message).toMatch(/Add hours, move the exam, or plan to finish 79 % of the bank/);
  });

  it('refuses a plan where every day is blocked', () => {
    const exceptions = Array.from({ length: 10 }, (_, i) => ({
      date: addDays(START, i),
      kind: 'blocked' as const,
      start: null,
      end: null,
      label: 'x',
    }));
    const result = generatePlan({
      startDate: START,
      examDate: addDays(START, 10),
      settings: { ...DEFAULT_PLAN_SETTINGS, exceptions },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('PLAN_INFEASIBLE');
  });

  it('uses the current exam block shape when asked: 20 questions in 30 minutes', () => {
    const plan = planOf({
      questionBank: { questionsLeft: 400, blockFormat: '20-in-30', reviewMinutesPerBlock: 30, mode: 'timed' },
    });
    const blocks = items(plan, 'qbank-block');
    expect(blocks).toHaveLength(20);
    expect(blocks.every((b) => b.minutes === 30 && b.questions === 20)).toBe(true);
  });

  it('warns, without failing, when there are no practice exams to plan', () => {
    const plan = planOf({ practiceExams: [] });
    expect(plan.summary.practiceExamDates).toEqual([]);
    expect(plan.warnings.join(' ')).toMatch(/no practice exams/);
  });

  it('gives every study day the same number of blocks when the routine is fixed', () => {
    const plan = planOf({
      protectedTime: rotation,
      fixedDailyBlocks: true,
      questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 2000 },
    });
    // Week 3: count sessions per study day; a fixed routine differs by at most one block between days.
    const counts = plan.days
      .slice(14, 21)
      .filter((d) => d.kind === 'timed-blocks')
      .map((d) => d.items.filter((i) => i.kind === 'qbank-block' || i.kind === 'second-pass-block').length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});
