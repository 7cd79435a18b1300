import { describe, expect, it } from 'vitest';
import type { SettingChange } from '#domain/postmortem/countermeasures.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import { valuesFromSettings } from '../plan-settings-values.ts';
import { confirmationKey, putBack, undoneCountermeasures } from './countermeasure-guard.ts';

const change = (setting: string, from: unknown, to: unknown, cause: SettingChange['cause']): SettingChange => ({
  cause,
  setting,
  from,
  to,
  why: `why ${setting}`,
});

const SET: PlanSettings = {
  ...DEFAULT_PLAN_SETTINGS,
  weeklyHours: { questionBank: 27, practiceExams: 5, contentReview: 8, rest: 8 },
  sleep: { start: '22:30', end: '06:30' },
  practiceExamEveryDays: 7,
  fixedDailyBlocks: true,
  readinessGate: true,
};
const CHANGES: SettingChange[] = [
  change('weeklyHours.contentReview', 10, 8, 'content-over-questions'),
  change('weeklyHours.questionBank', 25, 27, 'content-over-questions'),
  change('sleep.start', '23:30', '22:30', 'burnout-mental-health'),
  change('practiceExamEveryDays', 10, 7, 'denial-practice-scores'),
  change('flags.hardReadinessGate', false, true, 'denial-practice-scores'),
  change('flags.timedOnly', false, true, 'exam-day-timing-anxiety'),
  change('flags.fixedDailyBlocks', false, true, 'poor-structure'),
  change('flags.supportPromptNow', false, true, 'burnout-mental-health'),
];
const initial = valuesFromSettings(SET);

describe('settings the postmortem set, changed back', () => {
  it('asks about nothing while the form holds what the postmortem set', () => {
    expect(undoneCountermeasures(initial, initial, CHANGES, SET)).toEqual([]);
  });

  it('asks when a value goes back toward what it was, naming the cause, and not when it goes further', () => {
    const lower = { ...initial, weeklyHours: { ...initial.weeklyHours, questionBank: '5', contentReview: '6' } };
    const undone = undoneCountermeasures(lower, initial, CHANGES, SET);
    expect(undone.map((u) => [u.field, u.now, u.set, u.change.cause])).toEqual([
      ['weeklyHours.questionBank', '5', '27', 'content-over-questions'],
    ]);
    const moreExams = { ...initial, practiceExamEveryDays: '5' };
    expect(undoneCountermeasures(moreExams, initial, CHANGES, SET)).toEqual([]);
    const fewerExams = { ...initial, practiceExamEveryDays: '14' };
    expect(undoneCountermeasures(fewerExams, initial, CHANGES, SET).map((u) => u.name)).toEqual([
      'Days between practice exams',
    ]);
  });

  it('asks about tutor mode, fixed blocks, the readiness gate and a shorter night', () => {
    const undoneAll = {
      ...initial,
      questionBank: { ...initial.questionBank, mode: 'tutor' as const },
      fixedDailyBlocks: false,
      readinessGate: false,
      sleep: { start: '00:30', end: '06:30' },
    };
    const undone = undoneCountermeasures(undoneAll, initial, CHANGES, SET);
    expect(undone.map((u) => [u.field, u.now, u.set])).toEqual([
      ['sleep', '00:30–06:30', '22:30–06:30'],
      ['readinessGate', 'off', 'on'],
      ['questionBank.mode', 'Tutor mode', 'Timed'],
      ['fixedDailyBlocks', 'off', 'on'],
    ]);
    // A longer night is not undoing anything.
    const longer = { ...initial, sleep: { start: '22:00', end: '06:30' } };
    expect(undoneCountermeasures(longer, initial, CHANGES, SET)).toEqual([]);
  });

  it('does not ask again about a value already saved in the plan', () => {
    const saved = { ...initial, weeklyHours: { ...initial.weeklyHours, questionBank: '20' } };
    expect(undoneCountermeasures(saved, saved, CHANGES, SET)).toEqual([]);
    expect(
      undoneCountermeasures(
        { ...saved, weeklyHours: { ...saved.weeklyHours, questionBank: '19' } },
        saved,
        CHANGES,
        SET,
      ),
    ).toHaveLength(1);
  });

  it('keys a confirmation by field and value, and puts back what the postmortem set', () => {
    const changed = {
      ...initial,
      weeklyHours: { ...initial.weeklyHours, questionBank: '5' },
      questionBank: { ...initial.questionBank, mode: 'tutor' as const },
      readinessGate: false,
    };
    const undone = undoneCountermeasures(changed, initial, CHANGES, SET);
    expect(undone.map(confirmationKey)).toEqual([
      'weeklyHours.questionBank=5',
      'readinessGate=off',
      'questionBank.mode=Tutor mode',
    ]);
    const back = putBack(changed, undone, SET);
    expect(back.weeklyHours.questionBank).toBe('27');
    expect(back.questionBank.mode).toBe('timed');
    expect(back.readinessGate).toBe(true);
    expect(undoneCountermeasures(back, initial, CHANGES, SET)).toEqual([]);
  });
});
