import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import {
  applySettingsPatch,
  withRotationPreset,
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
  readinessGate: true,
  dailyCapHours: 6.5,
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

  it('lays a way out’s settings patch over the form, keeping the rest as typed', () => {
    const values = { ...valuesFromSettings(settings), fullLengthDays: '4' };
    const patched = applySettingsPatch(values, {
      weeklyHours: { ...settings.weeklyHours, questionBank: 31 },
      dailyCapHours: 7.25,
    });
    expect(patched.weeklyHours.questionBank).toBe('31');
    expect(patched.dailyCapHours).toBe('7.25');
    expect(patched.fullLengthDays).toBe('4');
    expect(patched.protectedTime).toBe(values.protectedTime);
    const body = toSettingsBody(patched);
    expect(body.weeklyHours).toEqual({ ...settings.weeklyHours, questionBank: 31 });
    expect(body.dailyCapHours).toBe(7.25);
  });

  it('leaves the daily cap out of the request while it is blank, so the default applies', () => {
    const values = valuesFromSettings(DEFAULT_PLAN_SETTINGS);
    expect(values.dailyCapHours).toBe('');
    expect('dailyCapHours' in toSettingsBody(values)).toBe(false);
  });

  it('fills the weekly rows from a preset, keeping the dated rows the student typed with their keys', () => {
    const values = valuesFromSettings(settings);
    const filled = withRotationPreset(values, 'q4-call', { from: '2027-01-04', until: '2027-01-12' });
    expect(filled.protectedTime.map((r) => [r.weekday, r.start, r.end])).toEqual(
      ['1', '2', '3', '4', '5'].map((d) => [d, '07:00', '17:00']),
    );
    expect(filled.exceptions.slice(0, 2)).toEqual(values.exceptions);
    expect(filled.exceptions.slice(2).map((r) => [r.date, r.kind, r.start, r.end])).toEqual([
      ['2027-01-04', 'call', '07:00', '07:00'],
      ['2027-01-08', 'call', '07:00', '07:00'],
      ['2027-01-12', 'call', '07:00', '07:00'],
    ]);
    const none = withRotationPreset(filled, 'none');
    expect(none.protectedTime).toEqual([]);
    expect(none.exceptions).toEqual(values.exceptions);
  });
});
