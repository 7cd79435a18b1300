import type { SettingChange } from '#domain/postmortem/countermeasures.ts';
import { isTimeOfDay, sleepHours, type PlanSettings } from '#domain/plan/settings.ts';
import type { PlanSettingsFormValues } from '../plan-settings-values.ts';

/**
 * A setting the postmortem set, changed on the form back toward what it was: the form asks the
 * student to confirm, naming the cause the setting answered (issue 9: "Changing a setting that a
 * countermeasure set asks for a confirmation that says which cause it answered").
 */
export type Undone = {
  change: SettingChange;
  /** The form field, so two changes on one field (mode and timedOnly) ask once. */
  field: string;
  /** What the field is, in words: "Question-bank hours a week". */
  name: string;
  /** What the student has now, in words: "5", "Tutor mode", "off". */
  now: string;
  /** What the postmortem set, in words. */
  set: string;
};

type Reading = { field: string; name: string; value: (v: PlanSettingsFormValues) => string };

const HOURS_NAMES = {
  questionBank: 'Question-bank hours a week',
  practiceExams: 'Practice-exam hours a week',
  contentReview: 'Content-review hours a week',
  rest: 'Rest hours a week',
} as const;

const onOff = (on: boolean) => (on ? 'on' : 'off');
const modeName = (mode: string) => (mode === 'timed' ? 'Timed' : 'Tutor mode');

/** Settings paths the form has a field for; flags the form cannot change (protected sleep, the support prompt) are absent. */
const READINGS: Readonly<Record<string, Reading>> = {
  ...Object.fromEntries(
    (Object.keys(HOURS_NAMES) as (keyof typeof HOURS_NAMES)[]).map((kind) => [
      `weeklyHours.${kind}`,
      {
        field: `weeklyHours.${kind}`,
        name: HOURS_NAMES[kind],
        value: (v: PlanSettingsFormValues) => v.weeklyHours[kind],
      },
    ]),
  ),
  'questionBank.reviewMinutesPerBlock': {
    field: 'questionBank.reviewMinutesPerBlock',
    name: 'Review minutes after each block',
    value: (v) => v.questionBank.reviewMinutesPerBlock,
  },
  practiceExamEveryDays: {
    field: 'practiceExamEveryDays',
    name: 'Days between practice exams',
    value: (v) => v.practiceExamEveryDays,
  },
  fullLengthDays: { field: 'fullLengthDays', name: 'Full-length simulation days', value: (v) => v.fullLengthDays },
  'questionBank.mode': { field: 'questionBank.mode', name: 'Blocks', value: (v) => modeName(v.questionBank.mode) },
  'flags.timedOnly': { field: 'questionBank.mode', name: 'Blocks', value: (v) => modeName(v.questionBank.mode) },
  'flags.fixedDailyBlocks': {
    field: 'fixedDailyBlocks',
    name: 'The same number of blocks every study day',
    value: (v) => onOff(v.fixedDailyBlocks),
  },
  'flags.hardReadinessGate': {
    field: 'readinessGate',
    name: 'The readiness check may move your exam date',
    value: (v) => onOff(v.readinessGate),
  },
  'sleep.start': {
    field: 'sleep',
    name: 'Your sleep window',
    value: (v) => `${v.sleep.start}–${v.sleep.end}`,
  },
};

/** True when `now` goes back toward (or past) `from`, away from what the postmortem set. */
function isUndone(path: string, values: PlanSettingsFormValues, set: PlanSettings, change: SettingChange): boolean {
  if (path === 'flags.timedOnly' || path === 'questionBank.mode') return values.questionBank.mode !== 'timed';
  if (path === 'flags.fixedDailyBlocks') return !values.fixedDailyBlocks;
  if (path === 'flags.hardReadinessGate') return !values.readinessGate;
  if (path === 'sleep.start') {
    const { start, end } = values.sleep;
    return isTimeOfDay(start) && isTimeOfDay(end) && sleepHours({ start, end }) < sleepHours(set.sleep);
  }
  const raw = READINGS[path]!.value(values).trim();
  const now = Number(raw);
  if (raw === '' || !Number.isFinite(now) || typeof change.from !== 'number' || typeof change.to !== 'number') {
    return false;
  }
  // Above the postmortem's value when it lowered it, below when it raised it.
  return (now - change.to) * (change.to - change.from) < 0;
}

function setText(path: string, change: SettingChange, set: PlanSettings): string {
  if (path === 'flags.timedOnly' || path === 'questionBank.mode') return 'Timed';
  if (path.startsWith('flags.')) return 'on';
  if (path === 'sleep.start') return `${set.sleep.start}–${set.sleep.end}`;
  return String(change.to);
}

/**
 * The postmortem's settings the form now undoes, and that the student changed on this visit (a
 * value already saved in the plan was confirmed when it was saved), one per form field.
 *
 * @example
 * // the postmortem raised the question bank from 25 to 27 hours; the student typed 5
 * undoneCountermeasures(values, initial, changes, defaults)
 * // → [{ field: 'weeklyHours.questionBank', name: 'Question-bank hours a week', now: '5', set: '27', change }]
 */
export function undoneCountermeasures(
  values: PlanSettingsFormValues,
  initial: PlanSettingsFormValues,
  changes: readonly SettingChange[],
  set: PlanSettings,
): Undone[] {
  const found = new Map<string, Undone>();
  for (const change of changes) {
    const reading = READINGS[change.setting];
    if (!reading || found.has(reading.field)) continue;
    if (reading.value(values) === reading.value(initial)) continue;
    if (!isUndone(change.setting, values, set, change)) continue;
    found.set(reading.field, {
      change,
      field: reading.field,
      name: reading.name,
      now: reading.value(values),
      set: setText(change.setting, change, set),
    });
  }
  return [...found.values()];
}

/** One key per field and value, so a confirmed change is not asked about again until it changes again. */
export function confirmationKey(undone: Undone): string {
  return `${undone.field}=${undone.now}`;
}

/** The form with the fields of `undone` back at what the postmortem set. */
export function putBack(
  values: PlanSettingsFormValues,
  undone: readonly Undone[],
  set: PlanSettings,
): PlanSettingsFormValues {
  let next = values;
  for (const { field } of undone) {
    if (field.startsWith('weeklyHours.')) {
      const kind = field.slice('weeklyHours.'.length) as keyof PlanSettings['weeklyHours'];
      next = { ...next, weeklyHours: { ...next.weeklyHours, [kind]: String(set.weeklyHours[kind]) } };
    } else if (field === 'questionBank.reviewMinutesPerBlock') {
      next = {
        ...next,
        questionBank: { ...next.questionBank, reviewMinutesPerBlock: String(set.questionBank.reviewMinutesPerBlock) },
      };
    } else if (field === 'questionBank.mode') {
      next = { ...next, questionBank: { ...next.questionBank, mode: 'timed' } };
    } else if (field === 'practiceExamEveryDays') {
      next = { ...next, practiceExamEveryDays: String(set.practiceExamEveryDays) };
    } else if (field === 'fullLengthDays') {
      next = { ...next, fullLengthDays: String(set.fullLengthDays) };
    } else if (field === 'fixedDailyBlocks') {
      next = { ...next, fixedDailyBlocks: true };
    } else if (field === 'readinessGate') {
      next = { ...next, readinessGate: true };
    } else if (field === 'sleep') {
      next = { ...next, sleep: { ...set.sleep } };
    }
  }
  return next;
}
