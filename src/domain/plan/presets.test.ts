import { describe, expect, it } from 'vitest';
import { daysBetween, dayOfWeek } from '../common/dates.ts';
import {
  applyRotationPreset,
  defaultPresetDates,
  q4CallDates,
  Q4_CALL_LABEL,
  ROTATION_PRESETS,
  type RotationPresetId,
} from './presets.ts';
import { generatePlan } from './scheduler.ts';
import { DEFAULT_PLAN_SETTINGS, minutesOf, type DateException, type PlanSettings } from './settings.ts';

const EMPTY = { protectedTime: [], exceptions: [] };
const WEDDING: DateException = { date: '2027-01-16', kind: 'blocked', start: null, end: null, label: 'Wedding' };

/** Minutes a row takes, an end at or before its start being the next day (scheduler rule 1). */
function rowMinutes(start: string, end: string): number {
  const s = minutesOf(start);
  const e = minutesOf(end);
  return e > s ? e - s : e + 1440 - s;
}

const weeklyMinutes = (id: RotationPresetId) =>
  applyRotationPreset(EMPTY, id, { from: '2027-01-04', until: '2027-01-31' }).protectedTime.reduce(
    (sum, row) => sum + rowMinutes(row.start, row.end),
    0,
  );

describe('rotation presets', () => {
  it('offers the five schedules, each with a label and a line of detail', () => {
    expect(ROTATION_PRESETS.map((p) => p.id)).toEqual([
      'weekdays-7-17',
      'surgery-6-18',
      'q4-call',
      'night-float',
      'none',
    ]);
    for (const preset of ROTATION_PRESETS) {
      expect(preset.label.length).toBeGreaterThan(3);
      expect(preset.detail.length).toBeGreaterThan(10);
    }
  });

  it('fills the weekly hours of each: 50, 60, 50 + call, 60 and 0 hours a week', () => {
    expect(weeklyMinutes('weekdays-7-17')).toBe(50 * 60);
    expect(weeklyMinutes('surgery-6-18')).toBe(60 * 60);
    expect(weeklyMinutes('q4-call')).toBe(50 * 60);
    expect(weeklyMinutes('night-float')).toBe(60 * 60);
    expect(weeklyMinutes('none')).toBe(0);
  });

  it('writes night float as Sunday to Thursday nights that end the next morning', () => {
    const { protectedTime } = applyRotationPreset(EMPTY, 'night-float');
    expect(protectedTime.map((r) => r.weekday)).toEqual([0, 1, 2, 3, 4]);
    expect(protectedTime.every((r) => r.start === '19:00' && r.end === '07:00')).toBe(true);
  });

  it('puts a 24-hour call every 4th day from the first call day to the rotation end, inclusive', () => {
    expect(q4CallDates('2027-01-04', '2027-01-28')).toEqual([
      '2027-01-04',
      '2027-01-08',
      '2027-01-12',
      '2027-01-16',
      '2027-01-20',
      '2027-01-24',
      '2027-01-28',
    ]);
    expect(q4CallDates('2027-01-04', '2027-01-03')).toEqual([]);
    const { exceptions } = applyRotationPreset(EMPTY, 'q4-call', { from: '2027-01-04', until: '2027-01-31' });
    expect(exceptions).toHaveLength(7);
    expect(exceptions[0]).toEqual({
      date: '2027-01-04',
      kind: 'call',
      start: '07:00',
      end: '07:00',
      label: Q4_CALL_LABEL,
    });
    // Every 4th day walks through the week: that is why call is dated, not weekly.
    expect(new Set(exceptions.map((e) => dayOfWeek(e.date))).size).toBe(7);
  });

  it('keeps the exceptions the student entered and replaces its own call rows when chosen again', () => {
    const once = applyRotationPreset({ protectedTime: [], exceptions: [WEDDING] }, 'q4-call', {
      from: '2027-01-04',
      until: '2027-01-31',
    });
    const again = applyRotationPreset(once, 'q4-call', { from: '2027-01-05', until: '2027-01-13' });
    expect(again.exceptions).toEqual([
      WEDDING,
      ...['2027-01-05', '2027-01-09', '2027-01-13'].map((date) => ({
        date,
        kind: 'call',
        start: '07:00',
        end: '07:00',
        label: Q4_CALL_LABEL,
      })),
    ]);
    const cleared = applyRotationPreset(again, 'none');
    expect(cleared).toEqual({ protectedTime: [], exceptions: [WEDDING] });
  });

  it('replaces the weekly rows rather than adding to them', () => {
    const first = applyRotationPreset(EMPTY, 'surgery-6-18');
    const second = applyRotationPreset(first, 'weekdays-7-17');
    expect(second.protectedTime).toHaveLength(5);
    expect(second.protectedTime.every((r) => r.start === '07:00' && r.label === 'Rotation')).toBe(true);
  });

  it('refuses q4 call without dates', () => {
    expect(() => applyRotationPreset(EMPTY, 'q4-call')).toThrow(/first call day/);
  });

  it('defaults q4 call to four weeks from today, ending early enough to leave the eve of the exam free', () => {
    expect(defaultPresetDates('2027-01-04', '2027-06-01')).toEqual({ from: '2027-01-04', until: '2027-01-31' });
    expect(defaultPresetDates('2027-01-04', null)).toEqual({ from: '2027-01-04', until: '2027-01-31' });
    const near = defaultPresetDates('2027-01-04', '2027-01-20');
    expect(near).toEqual({ from: '2027-01-04', until: '2027-01-18' });
    expect(daysBetween(near.until, '2027-01-20')).toBe(2);
    expect(defaultPresetDates('2027-01-04', '2027-01-05')).toEqual({ from: '2027-01-04', until: '2027-01-04' });
  });

  it('gives settings the scheduler plans around: no study inside a preset’s shifts', () => {
    for (const preset of ROTATION_PRESETS) {
      const filled = applyRotationPreset(EMPTY, preset.id, { from: '2027-01-04', until: '2027-01-31' });
      const settings: PlanSettings = {
        ...DEFAULT_PLAN_SETTINGS,
        ...filled,
        questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 1000 },
      };
      const result = generatePlan({ startDate: '2027-01-04', examDate: '2027-04-30', settings });
      expect(result.ok, preset.id).toBe(true);
      if (!result.ok) continue;
      for (const day of result.value.days) {
        const weekday = dayOfWeek(day.date);
        for (const item of day.items) {
          if (item.kind === 'rest' || item.kind === 'exam') continue;
          for (const row of filled.protectedTime.filter((r) => r.weekday === weekday)) {
            const start = minutesOf(row.start);
            const end = start + rowMinutes(row.start, row.end);
            const itemStart = minutesOf(item.start);
            expect(
              itemStart >= end || itemStart + item.minutes <= start,
              `${preset.id} ${day.date} ${item.start}`,
            ).toBe(true);
          }
        }
      }
    }
  });
});
