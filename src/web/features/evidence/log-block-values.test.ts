import { describe, expect, it } from 'vitest';
import type { PlanResponse } from '#shared/contracts/plan.ts';
import {
  DEFAULT_PREFS,
  QUICK_SIZES,
  initialBlockValues,
  plannedBlocksOn,
  prefillSize,
  prefsFrom,
  countTags,
  defaultMinutes,
  expandTags,
  missedCount,
  parsePrefs,
  toBlockBody,
  toNumberOrNull,
} from './log-block-values.ts';

describe('the quick block form', () => {
  it('prefills the minutes at the real exam’s 90 seconds a question', () => {
    expect(defaultMinutes(40)).toBe(60);
    expect(defaultMinutes(20)).toBe(30);
    expect(defaultMinutes(1)).toBe(2);
  });

  it('sends one tag per missed question, repeats included', () => {
    expect(expandTags({ cardiovascular: 2, skin: 1, endocrine: 0 })).toEqual([
      'cardiovascular',
      'cardiovascular',
      'skin',
    ]);
    expect(countTags({ medicine: 3, surgery: 1 })).toBe(4);
  });

  it('knows the misses only once the counts make sense', () => {
    expect(missedCount({ questions: '40', correct: '28' })).toBe(12);
    expect(missedCount({ questions: '40', correct: '' })).toBeNull();
    expect(missedCount({ questions: '40', correct: '45' })).toBeNull();
    expect(missedCount({ questions: '40', correct: '2.5' })).toBeNull();
  });

  it('sends what was typed, leaving the server to refuse an empty or odd number', () => {
    expect(toNumberOrNull(' ')).toBeNull();
    expect(Number.isNaN(toNumberOrNull('abc'))).toBe(true);
    expect(
      toBlockBody({
        bank: 'amboss',
        mode: 'tutor',
        questions: '20',
        correct: '',
        minutes: '30',
        date: '2027-01-10',
        missedSystems: { 'renal-urinary': 1 },
        missedDisciplines: {},
      }),
    ).toEqual({
      bank: 'amboss',
      mode: 'tutor',
      questions: 20,
      correct: null,
      minutes: 30,
      date: '2027-01-10',
      missedSystems: ['renal-urinary'],
      missedDisciplines: [],
    });
  });

  it('remembers the bank, mode, size and minutes, and ignores anything it cannot read', () => {
    expect(parsePrefs('{"bank":"amboss","mode":"tutor","questions":40,"minutes":70}')).toEqual({
      bank: 'amboss',
      mode: 'tutor',
      questions: 40,
      minutes: 70,
    });
    // Kept before minutes were remembered: the size stays, the minutes follow it.
    expect(parsePrefs('{"bank":"amboss","mode":"tutor","questions":20}')).toEqual({
      bank: 'amboss',
      mode: 'tutor',
      questions: 20,
      minutes: null,
    });
    expect(parsePrefs('{"bank":"kaplan","mode":"tutor","questions":-3,"minutes":30}')).toEqual({
      ...DEFAULT_PREFS,
      mode: 'tutor',
    });
    expect(parsePrefs('{"questions":40,"minutes":0}')).toEqual({ ...DEFAULT_PREFS, questions: 40 });
    expect(parsePrefs('not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
  });

  it('keeps the logged block’s bank, mode, size and minutes, and only whole numbers', () => {
    const logged = {
      bank: 'uworld',
      mode: 'timed',
      questions: '40',
      correct: '31',
      minutes: '65',
      date: '2027-01-10',
      missedSystems: { skin: 1 },
      missedDisciplines: {},
    } as const;
    expect(prefsFrom(logged)).toEqual({ bank: 'uworld', mode: 'timed', questions: 40, minutes: 65 });
    expect(prefsFrom({ ...logged, minutes: '' })).toEqual({
      bank: 'uworld',
      mode: 'timed',
      questions: 40,
      minutes: null,
    });
    expect(prefsFrom({ ...logged, questions: '2.5' })).toEqual({
      bank: 'uworld',
      mode: 'timed',
      questions: null,
      minutes: null,
    });
    expect(parsePrefs(JSON.stringify(prefsFrom(logged)))).toEqual(prefsFrom(logged));
  });

  const day = '2027-01-10';
  const planWith = (
    items: { kind: string; status: 'done' | 'skipped' | null; questions?: number; minutes: number }[],
    blockFormat: '20-in-30' | '40-in-60' = '20-in-30',
  ) =>
    ({
      plan: { settings: { questionBank: { blockFormat } } },
      days: [{ date: day, kind: 'timed-blocks', items }],
      today: day,
      missed: { count: 0, since: null },
    }) as unknown as PlanResponse;

  it('finds the day’s first open question-bank block, as the server ticks it', () => {
    const plan = planWith([
      { kind: 'qbank-block', status: 'done', questions: 20, minutes: 30 },
      { kind: 'qbank-review', status: null, minutes: 30 },
      { kind: 'second-pass-block', status: null, questions: 18, minutes: 30 },
      { kind: 'qbank-block', status: null, questions: 20, minutes: 30 },
    ]);
    expect(plannedBlocksOn(plan, day)).toEqual({ open: { questions: 18, minutes: 30 }, format: '20-in-30' });
    expect(plannedBlocksOn(plan, '2027-01-11')).toEqual({ open: null, format: '20-in-30' });
    expect(
      plannedBlocksOn(planWith([{ kind: 'qbank-block', status: 'skipped', questions: 40, minutes: 60 }]), day),
    ).toEqual({ open: null, format: '20-in-30' });
    expect(plannedBlocksOn({ plan: null, days: [], today: day, missed: { count: 0, since: null } }, day)).toEqual({
      open: null,
      format: null,
    });
  });

  it('prefills the planned block first, then the last block, then the plan’s format, then the exam’s', () => {
    const last = { bank: 'amboss', mode: 'tutor', questions: 40, minutes: 70 } as const;
    const openBlock = { open: { questions: 20, minutes: 30 }, format: '20-in-30' } as const;
    const noOpenBlock = { open: null, format: '40-in-60' } as const;
    expect(prefillSize(last, openBlock)).toEqual({ questions: 20, minutes: 30, from: 'plan' });
    expect(prefillSize(last, noOpenBlock)).toEqual({ questions: 40, minutes: 70, from: 'last-block' });
    // The plan not loaded (offline, or still on its way): the last block.
    expect(prefillSize(last, undefined)).toEqual({ questions: 40, minutes: 70, from: 'last-block' });
    expect(prefillSize({ ...last, minutes: null }, undefined)).toEqual({
      questions: 40,
      minutes: 60,
      from: 'last-block',
    });
    expect(prefillSize(DEFAULT_PREFS, noOpenBlock)).toEqual({ questions: 40, minutes: 60, from: 'plan-format' });
    expect(prefillSize(DEFAULT_PREFS, undefined)).toEqual({ questions: 20, minutes: 30, from: 'default' });
    expect(initialBlockValues(day, last, openBlock)).toMatchObject({
      bank: 'amboss',
      mode: 'tutor',
      questions: '20',
      minutes: '30',
      correct: '',
      date: day,
    });
    // Both plan formats have a one-tap size.
    expect([...QUICK_SIZES].sort()).toEqual([20, 40]);
  });
});
