import { PRACTICE_FORMS, type PracticeFormId } from '#domain/exam/practice-forms.ts';
import { applyRotationPreset, type PresetDates, type RotationPresetId } from '#domain/plan/presets.ts';
import {
  BLOCK_FORMATS,
  type BlockFormat,
  type DateException,
  type PlanSettings,
  type ProtectedSlot,
} from '#domain/plan/settings.ts';

export type ProtectedRow = { key: number; weekday: string; start: string; end: string; label: string };
export type ExceptionRow = {
  key: number;
  date: string;
  kind: DateException['kind'];
  start: string;
  end: string;
  label: string;
};

/** The plan settings as the form holds them: numbers as typed, rows with stable keys. */
export type PlanSettingsFormValues = {
  weeklyHours: { questionBank: string; practiceExams: string; contentReview: string; rest: string };
  sleep: { start: string; end: string };
  protectedTime: ProtectedRow[];
  exceptions: ExceptionRow[];
  questionBank: {
    questionsLeft: string;
    blockFormat: BlockFormat;
    reviewMinutesPerBlock: string;
    mode: 'timed' | 'tutor';
  };
  practiceExams: PracticeFormId[];
  practiceExamEveryDays: string;
  fullLengthDays: string;
  restWeekday: string;
  fixedDailyBlocks: boolean;
  /** The exam date moves when the readiness check says delay (the postmortem's readiness gate). */
  readinessGate: boolean;
  /** Most study hours a day; blank for the default (the weekly study hours over the study days). */
  dailyCapHours: string;
};

export const WEEKLY_HOUR_KINDS = [
  { key: 'questionBank', label: 'Question bank', hint: 'Timed blocks and their review.' },
  { key: 'practiceExams', label: 'Practice exams', hint: 'NBME and UWSA days, spread out.' },
  { key: 'contentReview', label: 'Content review', hint: 'Looking up what the questions exposed.' },
  { key: 'rest', label: 'Rest', hint: 'Protected, planned, and not optional.' },
] as const;

export const EXCEPTION_KINDS: readonly { value: DateException['kind']; label: string }[] = [
  { value: 'blocked', label: 'Blocked (shift, appointment, travel)' },
  { value: 'call', label: 'Call night' },
  { value: 'break', label: 'Planned break (counts as rest)' },
];

let nextKey = 1;
const key = () => nextKey++;

export function newProtectedRow(): ProtectedRow {
  return { key: key(), weekday: '1', start: '07:00', end: '17:00', label: '' };
}

export function newExceptionRow(date: string): ExceptionRow {
  return { key: key(), date, kind: 'blocked', start: '', end: '', label: '' };
}

/** Practice forms in the order a plan sits them, for the checkbox list. */
export const PRACTICE_FORMS_IN_ORDER = Object.values(PRACTICE_FORMS).sort((a, b) => a.order - b.order);

const n = (value: number) => String(value);

const protectedRowOf = (slot: ProtectedSlot): ProtectedRow => ({
  key: key(),
  weekday: n(slot.weekday),
  start: slot.start,
  end: slot.end,
  label: slot.label,
});

const exceptionRowOf = (exception: DateException): ExceptionRow => ({
  key: key(),
  date: exception.date,
  kind: exception.kind,
  start: exception.start ?? '',
  end: exception.end ?? '',
  label: exception.label,
});

/** Each setting as the form holds it. */
const FIELD_VALUES: {
  [K in keyof PlanSettings]-?: (value: NonNullable<PlanSettings[K]>) => Partial<PlanSettingsFormValues>;
} = {
  weeklyHours: (h) => ({
    weeklyHours: {
      questionBank: n(h.questionBank),
      practiceExams: n(h.practiceExams),
      contentReview: n(h.contentReview),
      rest: n(h.rest),
    },
  }),
  sleep: (sleep) => ({ sleep: { ...sleep } }),
  protectedTime: (slots) => ({ protectedTime: slots.map(protectedRowOf) }),
  exceptions: (exceptions) => ({ exceptions: exceptions.map(exceptionRowOf) }),
  questionBank: (qb) => ({
    questionBank: {
      questionsLeft: n(qb.questionsLeft),
      blockFormat: qb.blockFormat,
      reviewMinutesPerBlock: n(qb.reviewMinutesPerBlock),
      mode: qb.mode,
    },
  }),
  practiceExams: (forms) => ({ practiceExams: [...forms] }),
  practiceExamEveryDays: (days) => ({ practiceExamEveryDays: n(days) }),
  fullLengthDays: (days) => ({ fullLengthDays: n(days) }),
  restWeekday: (weekday) => ({ restWeekday: n(weekday) }),
  fixedDailyBlocks: (fixed) => ({ fixedDailyBlocks: fixed }),
  readinessGate: (gate) => ({ readinessGate: gate }),
  dailyCapHours: (hours) => ({ dailyCapHours: n(hours) }),
};

/** `patch`'s settings laid over the form's values; the fields it leaves out stay as typed. */
export function applySettingsPatch(
  values: PlanSettingsFormValues,
  patch: Partial<PlanSettings>,
): PlanSettingsFormValues {
  let next = values;
  for (const field of Object.keys(patch) as (keyof PlanSettings)[]) {
    const value = patch[field];
    if (value === undefined || !(field in FIELD_VALUES)) continue;
    const convert = FIELD_VALUES[field] as (v: unknown) => Partial<PlanSettingsFormValues>;
    next = { ...next, ...convert(value) };
  }
  return next;
}

export function valuesFromSettings(settings: PlanSettings): PlanSettingsFormValues {
  const empty: PlanSettingsFormValues = {
    weeklyHours: { questionBank: '', practiceExams: '', contentReview: '', rest: '' },
    sleep: { start: '', end: '' },
    protectedTime: [],
    exceptions: [],
    questionBank: { questionsLeft: '', blockFormat: '20-in-30', reviewMinutesPerBlock: '', mode: 'timed' },
    practiceExams: [],
    practiceExamEveryDays: '',
    fullLengthDays: '',
    restWeekday: '0',
    fixedDailyBlocks: false,
    readinessGate: false,
    dailyCapHours: '',
  };
  return applySettingsPatch(empty, settings);
}

/**
 * A rotation preset chosen: the weekly rows become the preset's, exceptions the student entered
 * keep their rows (and keys), and q4 call adds its dated calls (`applyRotationPreset`).
 */
export function withRotationPreset(
  values: PlanSettingsFormValues,
  id: RotationPresetId,
  dates?: PresetDates,
): PlanSettingsFormValues {
  const rows = new Map<DateException, ExceptionRow>();
  const exceptions = values.exceptions.map((row) => {
    const exception: DateException = {
      date: row.date,
      kind: row.kind,
      start: row.start === '' ? null : row.start,
      end: row.end === '' ? null : row.end,
      label: row.label,
    };
    rows.set(exception, row);
    return exception;
  });
  const filled = applyRotationPreset({ protectedTime: [], exceptions }, id, dates);
  return {
    ...values,
    protectedTime: filled.protectedTime.map(protectedRowOf),
    exceptions: filled.exceptions.map((exception) => rows.get(exception) ?? exceptionRowOf(exception)),
  };
}

/** A typed number, or the text as typed so the server can say it is not one; blank is null. */
function num(raw: string): number | string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** The `settings` of PUT /api/plan, as the form holds them; the server checks every field. */
export function toSettingsBody(values: PlanSettingsFormValues): Record<string, unknown> {
  return {
    weeklyHours: {
      questionBank: num(values.weeklyHours.questionBank),
      practiceExams: num(values.weeklyHours.practiceExams),
      contentReview: num(values.weeklyHours.contentReview),
      rest: num(values.weeklyHours.rest),
    },
    sleep: { start: values.sleep.start, end: values.sleep.end },
    protectedTime: values.protectedTime.map((row) => ({
      weekday: Number(row.weekday),
      start: row.start,
      end: row.end,
      label: row.label,
    })),
    exceptions: values.exceptions.map((row) => ({
      date: row.date,
      kind: row.kind,
      start: row.start === '' ? null : row.start,
      end: row.end === '' ? null : row.end,
      label: row.label,
    })),
    questionBank: {
      questionsLeft: num(values.questionBank.questionsLeft),
      blockFormat: values.questionBank.blockFormat,
      reviewMinutesPerBlock: num(values.questionBank.reviewMinutesPerBlock),
      mode: values.questionBank.mode,
    },
    practiceExams: [...values.practiceExams],
    practiceExamEveryDays: num(values.practiceExamEveryDays),
    fullLengthDays: num(values.fullLengthDays),
    restWeekday: Number(values.restWeekday),
    fixedDailyBlocks: values.fixedDailyBlocks,
    readinessGate: values.readinessGate,
    ...(values.dailyCapHours.trim() === '' ? {} : { dailyCapHours: num(values.dailyCapHours) }),
  };
}

/** The weekly total shown under the hours, or null while a field is not a number. */
export function weeklyTotal(values: PlanSettingsFormValues): number | null {
  let total = 0;
  for (const { key: kind } of WEEKLY_HOUR_KINDS) {
    const value = Number(values.weeklyHours[kind]);
    if (values.weeklyHours[kind].trim() === '' || !Number.isFinite(value)) return null;
    total += value;
  }
  return total;
}

/**
 * A new block format, with review time following it when it was the old block's length (the
 * default: about as much review as test time).
 */
export function withBlockFormat(values: PlanSettingsFormValues, format: BlockFormat): PlanSettingsFormValues {
  const oldMinutes = BLOCK_FORMATS[values.questionBank.blockFormat].minutes;
  const isDefaultReview = Number(values.questionBank.reviewMinutesPerBlock) === oldMinutes;
  return {
    ...values,
    questionBank: {
      ...values.questionBank,
      blockFormat: format,
      reviewMinutesPerBlock: isDefaultReview
        ? String(BLOCK_FORMATS[format].minutes)
        : values.questionBank.reviewMinutesPerBlock,
    },
  };
}

/**
 * The server's error path, as the request's: PUT /api/plan says `settings.questionBank.questionsLeft`
 * for a bad field but `questionBank.questionsLeft` when the plan does not fit.
 */
export function normaliseField(field: string): string {
  return field.startsWith('settings.') || field === 'settings' ? field : `settings.${field}`;
}

/** The DOM id of the input for a settings path: `settings.sleep.start` → `f-settings-sleep-start`. */
export function settingsDomId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}
