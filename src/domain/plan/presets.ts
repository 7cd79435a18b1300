import { addDays, compareDates, type LocalDate } from '../common/dates.ts';
import type { DateException, PlanSettings, ProtectedSlot } from './settings.ts';

/**
 * Rotation presets: common clinical schedules that fill the protected time in one step (issue 9:
 * "rotation presets (e.g. 'Mon–Fri 07:00–17:00', 'q4 call', 'night float') fill the protected time in
 * one step"). Each is only a starting point: the rows it makes are ordinary rows, edited after.
 *
 * - A weekly rotation is one protected row per working weekday.
 * - A night shift is one row whose end is before its start: the scheduler reads 19:00–07:00 as a
 *   12-hour shift ending the next morning (scheduler README, rule 1).
 * - q4 call is not weekly (every 4th day walks through the weekdays), so it is dated exceptions of
 *   kind `call`, 07:00–07:00 (the scheduler reads equal ends as 24 hours), from the first call day to
 *   the end of the rotation, on top of the weekday rotation hours.
 */
export type RotationPresetId = 'weekdays-7-17' | 'surgery-6-18' | 'q4-call' | 'night-float' | 'none';

export type RotationPreset = {
  id: RotationPresetId;
  label: string;
  /** One line on what it fills in. */
  detail: string;
  /** True when it needs a first call day and a rotation end. */
  isDated: boolean;
};

/** Monday to Friday, 0 = Sunday. */
const MON_TO_FRI = [1, 2, 3, 4, 5] as const;
/** Sunday to Thursday nights: the shift of Thursday night ends Friday morning. */
const SUN_TO_THU = [0, 1, 2, 3, 4] as const;

/** A 24-hour call every 4th day (q4): on call day 0, 4, 8, … */
export const Q4_CALL_EVERY_DAYS = 4;
/** A call entered as 07:00–07:00 is 24 hours (scheduler README, rule 1). */
export const CALL_START = '07:00';
/** The label that marks a call row as the preset's own, so choosing a preset again replaces it. */
export const Q4_CALL_LABEL = 'q4 call (24 h)';
/** Without a rotation end, q4 call fills four weeks, the length of a typical clerkship block. */
export const DEFAULT_ROTATION_DAYS = 28;

export const ROTATION_PRESETS: readonly RotationPreset[] = [
  {
    id: 'weekdays-7-17',
    label: 'Mon–Fri 07:00–17:00',
    detail: 'A day rotation: five weekdays, 10 hours each.',
    isDated: false,
  },
  {
    id: 'surgery-6-18',
    label: 'Mon–Fri 06:00–18:00 (surgery)',
    detail: 'A surgical rotation: five weekdays, 12 hours each.',
    isDated: false,
  },
  {
    id: 'q4-call',
    label: 'q4 call (24 h every 4th day)',
    detail: 'Mon–Fri 07:00–17:00, plus a 24-hour call from 07:00 every 4th day until the rotation ends.',
    isDated: true,
  },
  {
    id: 'night-float',
    label: 'Night float (Sun–Thu 19:00–07:00)',
    detail: 'Five nights a week, 12 hours each, ending the next morning.',
    isDated: false,
  },
  { id: 'none', label: 'None', detail: 'No rotation: clears the weekly hours.', isDated: false },
];

export function isRotationPresetId(value: string): value is RotationPresetId {
  return ROTATION_PRESETS.some((preset) => preset.id === value);
}

function weekly(days: readonly number[], start: string, end: string, label: string): ProtectedSlot[] {
  return days.map((weekday) => ({ weekday, start, end, label }));
}

/** The dates of q4 call: `from`, then every 4th day, while on or before `until`. */
export function q4CallDates(from: LocalDate, until: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = from; compareDates(date, until) <= 0; date = addDays(date, Q4_CALL_EVERY_DAYS)) dates.push(date);
  return dates;
}

export type PresetDates = {
  /** The first call day (q4 call only). */
  from: LocalDate;
  /** The last day of the rotation (q4 call only); at most the day before the exam. */
  until: LocalDate;
};

/**
 * The protected time and exceptions after choosing `id`: the weekly rows are replaced by the
 * preset's; dated exceptions the student entered are kept, and call rows an earlier q4 preset made
 * (labelled `Q4_CALL_LABEL`) are replaced, so choosing a preset twice never doubles a call.
 *
 * @example
 * applyRotationPreset({ protectedTime: [], exceptions: [] }, 'night-float')
 * // → protectedTime: Sun–Thu 19:00–07:00, "Night float" (5 rows); exceptions: []
 * applyRotationPreset(s, 'q4-call', { from: '2027-01-04', until: '2027-01-31' })
 * // → Mon–Fri 07:00–17:00 and call on 01-04, 01-08, …, 01-28 (7 dates), 07:00–07:00
 */
export function applyRotationPreset(
  settings: Pick<PlanSettings, 'protectedTime' | 'exceptions'>,
  id: RotationPresetId,
  dates?: PresetDates,
): Pick<PlanSettings, 'protectedTime' | 'exceptions'> {
  const kept = settings.exceptions.filter((e) => !(e.kind === 'call' && e.label === Q4_CALL_LABEL));
  switch (id) {
    case 'weekdays-7-17':
      return { protectedTime: weekly(MON_TO_FRI, '07:00', '17:00', 'Rotation'), exceptions: kept };
    case 'surgery-6-18':
      return { protectedTime: weekly(MON_TO_FRI, '06:00', '18:00', 'Surgery rotation'), exceptions: kept };
    case 'night-float':
      return { protectedTime: weekly(SUN_TO_THU, '19:00', '07:00', 'Night float'), exceptions: kept };
    case 'none':
      return { protectedTime: [], exceptions: kept };
    case 'q4-call': {
      if (!dates) throw new Error('q4 call needs a first call day and a rotation end');
      const calls: DateException[] = q4CallDates(dates.from, dates.until).map((date) => ({
        date,
        kind: 'call',
        start: CALL_START,
        end: CALL_START,
        label: Q4_CALL_LABEL,
      }));
      return { protectedTime: weekly(MON_TO_FRI, '07:00', '17:00', 'Rotation'), exceptions: [...kept, ...calls] };
    }
  }
}

/**
 * The default dates for q4 call: the first call day is `today`; the rotation runs four weeks, but
 * ends at the latest the day before `examDate` (there is no call on the eve, nor on exam day).
 */
export function defaultPresetDates(today: LocalDate, examDate: LocalDate | null): PresetDates {
  const fourWeeks = addDays(today, DEFAULT_ROTATION_DAYS - 1);
  // A call from 07:00 two days out ends 07:00 on the eve: the last one that leaves the eve free.
  const latest = examDate ? addDays(examDate, -2) : null;
  const until = latest !== null && compareDates(latest, fourWeeks) < 0 ? latest : fourWeeks;
  return { from: today, until: compareDates(until, today) < 0 ? today : until };
}
