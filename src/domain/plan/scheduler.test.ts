import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, dayOfWeek } from '../common/dates.ts';
import { checkWaysOut, findWaysOut, generatePlan, type Plan, type PlanInput, type PlanItem } from './scheduler.ts';
import { DEFAULT_PLAN_SETTINGS, minutesOf, type PlanSettings, type ProtectedSlot } from './settings.ts';

const START = '2026-11-25'; // a Wednesday

function planOf(settings: Partial<PlanSettings> = {}, examDate = '2027-03-24', startDate = START): Plan {
  const result = generatePlan({ startDate, examDate, settings: { ...DEFAULT_PLAN_SETTINGS, ...settings } });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const items = (plan: Plan, kind?: PlanItem['kind']) =>
  plan.days.flatMap((d) => d.items).filter((i) => !kind || i.kind === kind);
const studyMinutes = (day: Plan['days'][number]) =>
  day.items.filter((i) => i.kind !== 'rest' && i.kind !== 'exam').reduce((sum, i) => sum + i.minutes, 0);
const weekdays = (days: number[], start: string, end: string, label = 'Rotation'): ProtectedSlot[] =>
  days.map((weekday) => ({ weekday, start, end, label }));
const rotation = weekdays([1, 2, 3, 4, 5], '07:00', '17:00');
const bank = (questionsLeft: number) => ({ ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft });

describe('plan scheduler', () => {
  it('covers every day from the start to the exam, ending on the exam day', () => {
    const plan = planOf();
    expect(plan.days[0]?.date).toBe(START);
    expect(plan.days.at(-1)).toMatchObject({ date: '2027-03-24', kind: 'exam' });
    expect(plan.days).toHaveLength(daysBetween(START, '2027-03-24') + 1);
  });

  it('defaults to the current exam block: 3,900 questions in 195 blocks of 20 in 30 minutes, 30-minute reviews', () => {
    const plan = planOf();
    const blocks = items(plan, 'qbank-block');
    expect(blocks).toHaveLength(195);
    expect(blocks.every((b) => b.minutes === 30 && b.questions === 20)).toBe(true);
    expect(blocks.reduce((sum, b) => sum + (b.questions ?? 0), 0)).toBe(3900);
    expect(items(plan, 'qbank-review').every((r) => r.minutes === 30)).toBe(true);
  });

  it('keeps the older 40 in 60 selectable, with review time following the block', () => {
    const plan = planOf({
      questionBank: { questionsLeft: 400, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
    });
    const blocks = items(plan, 'qbank-block');
    expect(blocks).toHaveLength(10);
    expect(blocks.every((b) => b.minutes === 60 && b.questions === 40)).toBe(true);
  });

  it('finishes new questions at least a week before the exam, earlier when the hours outrun the misses to redo', () => {
    // 3,900 questions over 17 weeks at 25 h a week: new blocks take the hours second-pass blocks
    // cannot use yet, so the bank ends 2027-03-02, three weeks out, and the last weeks redo misses.
    const finish = planOf().summary.questionBankFinishDate!;
    expect(daysBetween(finish, '2027-03-24')).toBeGreaterThanOrEqual(7);
    expect(daysBetween(finish, '2027-03-24')).toBeLessThanOrEqual(28);
  });

  it('puts the last practice exam 5–10 days before the exam, with its deep review right after', () => {
    const plan = planOf({ protectedTime: rotation });
    const dates = plan.summary.practiceExamDates;
    expect(dates).toHaveLength(6);
    const last = dates.at(-1)!;
    expect(daysBetween(last.date, '2027-03-24')).toBeGreaterThanOrEqual(5);
    expect(daysBetween(last.date, '2027-03-24')).toBeLessThanOrEqual(10);
    for (const { date, form } of dates) {
      const after = plan.days.filter((d) => d.date > date && d.date <= addDays(date, 2));
      expect(after.some((d) => d.items.some((i) => i.kind === 'deep-review' && i.form === form))).toBe(true);
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
    expect(month.slice(0, 7).some((d) => d.kind === 'practice-exam')).toBe(true);
    expect(month.some((d) => d.kind === 'deep-review')).toBe(true);
    expect(month.filter((d) => d.kind === 'timed-blocks').length).toBeGreaterThan(10);
    expect(month.filter((d) => d.items.some((i) => i.kind === 'rest')).length).toBeGreaterThanOrEqual(4);
  });

  it('places full-length days on days off at the exam clock (08:00), shaped like the real exam day', () => {
    const plan = planOf({ protectedTime: rotation });
    const dates = plan.summary.fullLengthDates;
    expect(dates).toHaveLength(2);
    expect(daysBetween(dates[0]!, '2027-03-24')).toBeGreaterThan(42);
    for (const date of dates) {
      expect([0, 6]).toContain(dayOfWeek(date));
      const item = items(plan, 'full-length').find((i) => i.date === date)!;
      expect(item).toMatchObject({ start: '08:00', end: '17:00', minutes: 16 * 30 + 60 });
      expect(item.title).toContain('16 timed blocks of 30 minutes');
    }
  });

  it('keeps the sleep window, the half hour after waking and rotation hours free', () => {
    const plan = planOf({ protectedTime: rotation, sleep: { start: '22:30', end: '06:30' } });
    for (const item of items(plan).filter((i) => i.kind !== 'exam')) {
      expect(item.start >= '07:00').toBe(true);
      expect(item.end <= '22:30').toBe(true);
      const weekday = dayOfWeek(item.date);
      if (weekday >= 1 && weekday <= 5) expect(item.start >= '17:30' || item.end <= '07:00').toBe(true);
    }
  });

  it('keeps the weekly hours in an ordinary free week: 25 h of question bank, 10 h of content, 8 h of rest', () => {
    const plan = planOf();
    // Week 3 (days 14–20, 2026-12-09 to 12-15): no practice exam or full-length day in it.
    const days = plan.days.slice(14, 21);
    expect(days.every((d) => d.kind !== 'practice-exam' && d.kind !== 'full-length')).toBe(true);
    const week = days.flatMap((d) => d.items);
    const minutes = (kinds: string[]) =>
      week.filter((i) => kinds.includes(i.kind)).reduce((sum, i) => sum + i.minutes, 0);
    // 25 h / (30 + 30 min) = 25 sessions = 25 h; second-pass blocks fill what the pace leaves.
    expect(minutes(['qbank-block', 'second-pass-block', 'qbank-review'])).toBe(25 * 60);
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
    // After a night on call: the student's own 8 hours of sleep first (08:00 + 8 h), then a light day.
    const after = plan.days.find((d) => d.date === '2026-12-12')!;
    expect(after.items.every((i) => i.start >= '16:00')).toBe(true);
    expect(studyMinutes(after)).toBeLessThanOrEqual(120);
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

  it('warns, without failing, when there are no practice exams to plan', () => {
    const plan = planOf({ practiceExams: [] });
    expect(plan.summary.practiceExamDates).toEqual([]);
    expect(plan.warnings.join(' ')).toMatch(/no practice exams/);
  });

  it('gives every study day the same number of blocks when the routine is fixed', () => {
    const plan = planOf({ protectedTime: rotation, fixedDailyBlocks: true, questionBank: bank(2000) });
    const counts = plan.days
      .slice(14, 21)
      .filter((d) => d.kind === 'timed-blocks')
      .map((d) => d.items.filter((i) => i.kind === 'qbank-block' || i.kind === 'second-pass-block').length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe('shifts', () => {
  it('honours a night shift that starts the evening before the plan: Sunday 19:00–07:00, plan from Monday', () => {
    // Given a night float Sunday to Thursday, 19:00–07:00, and a plan that starts on Monday 2026-11-30
    const plan = planOf(
      { protectedTime: weekdays([0, 1, 2, 3, 4], '19:00', '07:00', 'Night float'), questionBank: bank(600) },
      '2027-01-11',
      '2026-11-30',
    );
    // Then Monday holds nothing before 07:00 + the student's 8 hours of sleep = 15:00, nor from 19:00
    const monday = plan.days[0]!;
    for (const item of monday.items) {
      expect(minutesOf(item.start)).toBeGreaterThanOrEqual(15 * 60);
      expect(minutesOf(item.end)).toBeLessThanOrEqual(19 * 60);
    }
    // And every weekday after a night is light: at most 2 study hours
    for (const day of plan.days.filter((d) => [1, 2, 3, 4, 5].includes(dayOfWeek(d.date)))) {
      expect(studyMinutes(day)).toBeLessThanOrEqual(120);
    }
  });

  it('counts a 24-hour call entered as 07:00–07:00 as 24 hours, with a light day after it', () => {
    // Given a Saturday call from 07:00 to 07:00 the next morning, in a plan with no rotation
    const plan = planOf(
      {
        exceptions: [{ date: '2026-12-05', kind: 'call', start: '07:00', end: '07:00', label: '24 h call' }],
        questionBank: bank(1000),
      },
      '2027-01-20',
      '2026-11-30',
    );
    const saturday = plan.days.find((d) => d.date === '2026-12-05')!;
    const sunday = plan.days.find((d) => d.date === '2026-12-06')!;
    // Then nothing sits in the call: Saturday has only the time before 07:00, which is sleep
    expect(saturday.items).toEqual([]);
    // And Sunday starts after 07:00 + 8 h of sleep, holds no practice exam, and at most 2 study hours
    expect(sunday.items.every((i) => minutesOf(i.start) >= 15 * 60)).toBe(true);
    expect(sunday.items.some((i) => i.kind === 'practice-exam' || i.kind === 'full-length')).toBe(false);
    expect(studyMinutes(sunday)).toBeLessThanOrEqual(120);
  });

  it('caps a day with an 8-hour shift at 4 study hours, and puts no practice exam on it', () => {
    const plan = planOf({ protectedTime: rotation });
    for (const day of plan.days.filter((d) => [1, 2, 3, 4, 5].includes(dayOfWeek(d.date)))) {
      expect(studyMinutes(day)).toBeLessThanOrEqual(240);
      expect(day.items.some((i) => i.kind === 'practice-exam' || i.kind === 'full-length')).toBe(false);
    }
  });
});

describe('human limits', () => {
  it('never plans more than the daily cap: by default the weekly study hours over the study days (40 h / 6 = 6 h 45)', () => {
    const plan = planOf();
    expect(plan.summary.dailyCapMinutes).toBe(405);
    for (const day of plan.days.slice(0, -1)) {
      const heavy = day.items.find((i) => i.kind === 'full-length' || i.kind === 'practice-exam');
      expect(studyMinutes(day)).toBeLessThanOrEqual(heavy ? Math.max(405, heavy.minutes) : 405);
    }
  });

  it('follows an edited cap, and never goes above 10 hours whatever the setting', () => {
    const low = planOf({ dailyCapHours: 3, questionBank: bank(1000) });
    expect(low.summary.dailyCapMinutes).toBe(180);
    expect(low.days.filter((d) => d.kind === 'timed-blocks').every((d) => studyMinutes(d) <= 180)).toBe(true);
    expect(planOf({ dailyCapHours: 14 }).summary.dailyCapMinutes).toBe(600);
  });

  it('shows a human week: breaks between sessions, a long break every 3½ hours of study, no 07:00–23:00 day', () => {
    const plan = planOf({ weeklyHours: { questionBank: 40, practiceExams: 5, contentReview: 15, rest: 8 } });
    for (const day of plan.days.slice(0, -1)) {
      const study = day.items.filter((i) => i.kind !== 'rest');
      if (study.length === 0) continue;
      const first = minutesOf(study[0]!.start);
      const last = minutesOf(study.at(-1)!.end);
      expect(last - first).toBeLessThan(14 * 60);
    }
  });

  it('gives a week with a practice exam the weekly total: practice-exam hours change the plan', () => {
    const weekHours = (practiceExams: number) => {
      const plan = planOf({ weeklyHours: { ...DEFAULT_PLAN_SETTINGS.weeklyHours, practiceExams } });
      const second = plan.summary.practiceExamDates[1]!.date;
      const w = Math.floor(daysBetween(START, second) / 7);
      const week = plan.days.slice(w * 7, w * 7 + 7).flatMap((d) => d.items);
      return week.filter((i) => i.kind !== 'rest').reduce((sum, i) => sum + i.minutes, 0) / 60;
    };
    // The week of the second practice exam: 4.5 h exam + 4.5 h review (question-bank time) inside
    // question bank 25 + practice exams + content review 10 hours.
    expect(weekHours(0)).toBeLessThanOrEqual(35);
    expect(weekHours(0)).toBeLessThan(weekHours(5));
    expect(weekHours(5)).toBeLessThanOrEqual(40);
    expect(weekHours(5)).toBeLessThan(weekHours(20));
  });
});

describe('items that make sense', () => {
  it('plans no second-pass block in the first week, and never more than half the new questions done before', () => {
    const plan = planOf();
    expect(plan.days.slice(0, 7).some((d) => d.items.some((i) => i.kind === 'second-pass-block'))).toBe(false);
    let fresh = 0;
    let second = 0;
    for (let w = 0; w * 7 < plan.days.length; w++) {
      const week = plan.days.slice(w * 7, w * 7 + 7).flatMap((d) => d.items);
      second += week.filter((i) => i.kind === 'second-pass-block').reduce((s, i) => s + (i.questions ?? 0), 0);
      expect(second).toBeLessThanOrEqual(fresh * 0.5);
      fresh += week.filter((i) => i.kind === 'qbank-block').reduce((s, i) => s + (i.questions ?? 0), 0);
    }
  });

  it('lets misses done before the plan fill second-pass blocks from its first week', () => {
    const result = generatePlan({
      startDate: START,
      examDate: '2027-03-24',
      settings: DEFAULT_PLAN_SETTINGS,
      questionsDoneBefore: 400,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.days.slice(0, 7).some((d) => d.items.some((i) => i.kind === 'second-pass-block'))).toBe(true);
  });
});

describe('scenarios', () => {
  it('a 6-week surgery rotation, 60 h/week and call nights: nothing in the shifts, light days after calls, every shortfall said', () => {
    // Given Mon–Fri 05:30–17:30 (60 h a week), sleep 22:00–05:00, call nights on Thursdays and a
    // 24-hour Saturday call, 800 questions left, exam 6 weeks out
    const protectedTime = weekdays([1, 2, 3, 4, 5], '05:30', '17:30', 'Surgery');
    const calls = ['2026-12-03', '2026-12-10', '2026-12-17', '2026-12-31'].map((date) => ({
      date,
      kind: 'call' as const,
      start: '17:30',
      end: '07:00',
      label: 'Call night',
    }));
    const settings = {
      protectedTime,
      sleep: { start: '22:00', end: '05:00' },
      exceptions: [
        ...calls,
        { date: '2026-12-19', kind: 'call' as const, start: '07:00', end: '07:00', label: '24 h call' },
      ],
      questionBank: bank(800),
    };
    // When the plan is made
    const plan = planOf(settings, '2027-01-11', '2026-11-30');
    // Then 800 questions = 40 blocks, all placed, none in a shift
    expect(plan.summary.blocksNeeded).toBe(40);
    expect(plan.summary.questionsScheduled).toBe(800);
    for (const day of plan.days.slice(0, -1).filter((d) => [1, 2, 3, 4, 5].includes(dayOfWeek(d.date)))) {
      for (const item of day.items) expect(item.start >= '18:00' || item.end <= '05:30').toBe(true);
      // 12-hour days: at most 4 study hours (and only 4 h 30 min are awake after the way home)
      expect(studyMinutes(day)).toBeLessThanOrEqual(240);
    }
    // The Friday after a Thursday call night and the Sunday after the 24-hour call hold nothing heavy
    for (const date of ['2026-12-04', '2026-12-11', '2026-12-18', '2026-12-20', '2027-01-01']) {
      const day = plan.days.find((d) => d.date === date)!;
      expect(studyMinutes(day)).toBeLessThanOrEqual(120);
      expect(day.items.some((i) => i.kind === 'practice-exam' || i.kind === 'full-length')).toBe(false);
    }
    // Practice exams sit on weekends at 08:00
    for (const { date } of plan.summary.practiceExamDates) expect([0, 6]).toContain(dayOfWeek(date));
    for (const exam of items(plan, 'practice-exam')) expect(exam.start).toBe('08:00');
    // And the weeks that fall short of 25 question-bank hours are said, with the cause and a way out
    const qbank = plan.summary.shortfalls.filter((s) => s.kind === 'question-bank');
    expect(qbank.length).toBeGreaterThan(0);
    for (const s of qbank) {
      expect(s.plannedMinutes!).toBeLessThan(s.askedMinutes!);
      expect(['call', 'rotation hours', 'the cap']).toContain(s.cause);
      expect(s.waysOut.length).toBeGreaterThan(0);
    }
    // The full-length days that found no free day are said too (asked 2)
    const fullLength = plan.summary.shortfalls.find((s) => s.kind === 'full-length');
    expect(fullLength).toMatchObject({ asked: 2, planned: plan.summary.fullLengthDates.length });
    expect(plan.warnings.join(' ')).toMatch(/full-length days you asked for fit/);
  });

  it('a 16-week open period with 10 forms: a baseline in week 1, one at least every 3 weeks, weekly in the last 4', () => {
    const plan = planOf(
      {
        practiceExams: [
          'NBME9',
          'NBME10',
          'NBME11',
          'NBME12',
          'NBME13',
          'NBME14',
          'NBME15',
          'UWSA1',
          'UWSA2',
          'FREE120',
        ],
      },
      '2027-03-23',
      '2026-12-01',
    );
    const dates = plan.summary.practiceExamDates.map((p) => p.date);
    expect(daysBetween('2026-12-01', dates[0]!)).toBeLessThan(7);
    for (let k = 1; k < dates.length; k++) expect(daysBetween(dates[k - 1]!, dates[k]!)).toBeLessThanOrEqual(21);
    const finalWeeks = dates.filter((d) => daysBetween(d, '2027-03-23') <= 28);
    expect(finalWeeks.length).toBeGreaterThanOrEqual(4);
    expect(daysBetween(dates.at(-1)!, '2027-03-23')).toBe(7);
    expect(plan.summary.shortfalls.filter((s) => s.kind === 'practice-exams')).toEqual([]);
  });

  it('a 16-week period with the 6 default forms: spread evenly (no 75-day gap), and the missing forms said', () => {
    const plan = planOf({}, '2027-03-23', '2026-12-01');
    const dates = plan.summary.practiceExamDates.map((p) => p.date);
    expect(dates).toHaveLength(6);
    for (let k = 1; k < dates.length; k++) expect(daysBetween(dates[k - 1]!, dates[k]!)).toBeLessThanOrEqual(23);
    const shortfall = plan.summary.shortfalls.find((s) => s.kind === 'practice-exams')!;
    expect(shortfall).toMatchObject({ planned: 6, cause: 'too few forms' });
    expect(shortfall.asked).toBeGreaterThan(6);
    expect(shortfall.waysOut[0]!.settingsPatch!.practiceExams!.length).toBe(shortfall.asked);
  });

  it('a 20-day plan: a baseline and a last exam 7 days out; 1 of the 2 full-length days, said with a later date that fits', () => {
    const input: PlanInput = {
      startDate: '2026-12-01',
      examDate: '2026-12-21',
      settings: { ...DEFAULT_PLAN_SETTINGS, questionBank: bank(400) },
    };
    const plan = checkWaysOut(input, planOf({ questionBank: bank(400) }, '2026-12-21', '2026-12-01'));
    expect(plan.summary.practiceExamDates.map((p) => p.date)).toEqual(['2026-12-03', '2026-12-14']);
    expect(plan.summary.fullLengthDates).toHaveLength(1);
    const shortfall = plan.summary.shortfalls.find((s) => s.kind === 'full-length')!;
    expect(shortfall).toMatchObject({ planned: 1, asked: 2 });
    // The later date is found by re-running, a week at a time: the first said, with its number of days.
    const later = shortfall.waysOut.find((w) => w.examDate)!;
    expect(later.label).toMatch(/^Move the exam (7|14|21|28|35|42|49|56) days, to 2027-/);
    expect(plan.warnings.join(' ')).toContain(later.label);
    expect(planOf({ questionBank: bank(400) }, later.examDate!, '2026-12-01').summary.fullLengthDates).toHaveLength(2);
  });

  it('a big bank that does not fit: PLAN_INFEASIBLE with the numbers, and ways out that each fit', () => {
    // Given 3,900 questions, a weekday rotation and 8 weeks: 195 blocks, far more than fit
    const input: PlanInput = {
      startDate: START,
      examDate: '2027-01-20',
      settings: { ...DEFAULT_PLAN_SETTINGS, protectedTime: rotation },
    };
    const result = generatePlan(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PLAN_INFEASIBLE');
    expect(result.error.message).toMatch(/3,900 questions left need 195 blocks of 20; only \d+ fit by 2027-01-12/);
    expect(result.error.message).toMatch(/Ways out that fit: .*Move the exam \d+ days/);
    // Then the same ways out travel as data, and each, applied, gives a plan
    const ways = findWaysOut(input);
    expect(result.error.details).toEqual({ waysOut: ways });
    expect(ways.length).toBeGreaterThanOrEqual(2);
    for (const way of ways) {
      const applied = generatePlan({
        ...input,
        examDate: way.examDate ?? input.examDate,
        settings: { ...input.settings, ...way.settingsPatch },
      });
      expect(applied.ok, way.label).toBe(true);
    }
  });
});
