import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import {
  normaliseField,
  settingsDomId,
  toSettingsBody,
  valuesFromSettings,
  weeklyTotal,
  withBlockFormat,
} from './plan-settings-values.ts';

const settings: PlanSettings = {
  ...DEFAULT_PLAN_SETTINGS,
  fixedDailyBlocks: true,
  protectedTime: [{ weekday: 1, start: '07:00', end: '17:00', label: 'Rotation' }],
  exceptions: [
    { date: '2027-01-08', kind: 'call', start: '17:00', end: '23:00', label: 'Call night' },
    { date: '2027-02-14', kind: 'break', start: null, end: null, label: '' },
  ],
};

describe('plan settings form values', () => {
  it('sends back exactly the settings it was filled with', () => {
    expect(toSettingsBody(valuesFromSettings(settings))).toEqual(settings);
  });

  it('says whether blocks are fixed even when the settings leave it out', () => {
    expect(toSettingsBody(valuesFromSettings(DEFAULT_PLAN_SETTINGS)).fixedDailyBlocks).toBe(false);
  });

  it('adds up the week, and says nothing while a field is blank', () => {
    const values = valuesFromSettings(DEFAULT_PLAN_SETTINGS);
    expect(weeklyTotal(values)).toBe(48);
    expect(weeklyTotal({ ...values, weeklyHours: { ...values.weeklyHours, rest: '' } })).toBeNull();
  });

  it('moves review time with the block format only when it was the block length', () => {
    const values = valuesFromSettings(DEFAULT_PLAN_SETTINGS);
    expect(withBlockFormat(values, '20-in-30').questionBank.reviewMinutesPerBlock).toBe('30');
    const custom = { ...values, questionBank: { ...values.questionBank, reviewMinutesPerBlock: '75' } };
    expect(withBlockFormat(custom, '20-in-30').questionBank.reviewMinutesPerBlock).toBe('75');
  });

  it('reads the plan errors with or without the settings prefix', () => {
    expect(normaliseField('questionBank.questionsLeft')).toBe('settings.questionBank.questionsLeft');
    expect(normaliseField('settings.sleep')).toBe('settings.sleep');
    expect(settingsDomId('settings.protectedTime.0.label')).toBe('f-settings-protectedTime-0-label');
  });
});
