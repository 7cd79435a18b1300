import {
  LONG_SHIFT_MINUTES,
  LONG_SHIFT_STUDY_CAP_MINUTES,
  POST_CALL_STUDY_CAP_MINUTES,
} from '#domain/plan/scheduler/free-time.ts';
import {
  DAILY_STUDY_CEILING_HOURS,
  DEFAULT_PLAN_SETTINGS,
  defaultDailyCapHours,
  isTimeOfDay,
  type PlanSettings,
} from '#domain/plan/settings.ts';
import { FieldError, FormSection } from '../../../components/form.tsx';
import { formatHoursAndMinutes } from '../plan-dates.ts';
import { WEEKLY_HOUR_KINDS, settingsDomId, weeklyTotal, type PlanSettingsFormValues } from '../plan-settings-values.ts';
import { NumberField } from './fields.tsx';
import type { SectionProps } from './section-props.ts';

/** The fields the default daily cap reads, while they are all typed; null otherwise. */
function capInputs(values: PlanSettingsFormValues): PlanSettings | null {
  if (weeklyTotal(values) === null || !isTimeOfDay(values.sleep.start) || !isTimeOfDay(values.sleep.end)) return null;
  const h = values.weeklyHours;
  return {
    ...DEFAULT_PLAN_SETTINGS,
    weeklyHours: {
      questionBank: Number(h.questionBank),
      practiceExams: Number(h.practiceExams),
      contentReview: Number(h.contentReview),
      rest: Number(h.rest),
    },
    sleep: { ...values.sleep },
    restWeekday: Number(values.restWeekday),
    protectedTime: values.protectedTime
      .filter((row) => isTimeOfDay(row.start) && isTimeOfDay(row.end))
      .map((row) => ({ weekday: Number(row.weekday), start: row.start, end: row.end, label: row.label })),
  };
}

/** Hours a week by kind of work, the weekly total, and the most study hours in a day. */
export function HoursSection({ values, errors, update, changeFor }: SectionProps) {
  const total = weeklyTotal(values);
  const weeklyError = errors['settings.weeklyHours'];
  const forCap = capInputs(values);
  const defaultCap = forCap ? defaultDailyCapHours(forCap) : null;
  return (
    <FormSection
      id="section-hours"
      title="Hours a week"
      description="How the week splits. The standard split is 25 / 5 / 10 / 8; your postmortem may have moved some."
    >
      <fieldset
        className={`field${weeklyError ? ' field--invalid' : ''}`}
        id={settingsDomId('settings.weeklyHours')}
        tabIndex={-1}
      >
        <legend className="visually-hidden">Hours a week by kind of work</legend>
        <div className="hours-grid">
          {WEEKLY_HOUR_KINDS.map((kind) => (
            <NumberField
              key={kind.key}
              path={`settings.weeklyHours.${kind.key}`}
              label={kind.label}
              unit="h / week"
              hint={kind.hint}
              min={0}
              max={60}
              value={values.weeklyHours[kind.key]}
              errors={errors}
              change={changeFor(`weeklyHours.${kind.key}`)}
              onChange={(value) => update((v) => ({ ...v, weeklyHours: { ...v.weeklyHours, [kind.key]: value } }))}
            />
          ))}
        </div>
        <p className="hours-total" aria-live="polite" data-testid="weekly-total">
          {total === null ? (
            'Enter every number to see the total.'
          ) : (
            <>
              Total: <strong>{total} hours a week</strong>, about {formatHoursAndMinutes(total / 7)} a day.
            </>
          )}
        </p>
        <FieldError id={settingsDomId('settings.weeklyHours')} error={weeklyError} />
      </fieldset>
      <NumberField
        path="settings.dailyCapHours"
        label="Most study hours in a day"
        unit="hours"
        hint={
          <>
            Leave it empty for your weekly study hours spread over your study days
            {defaultCap === null ? '' : ` (${formatHoursAndMinutes(defaultCap)} a day now)`}. Never more than{' '}
            {DAILY_STUDY_CEILING_HOURS}; a day with a shift of {LONG_SHIFT_MINUTES / 60} hours or more takes at most{' '}
            {LONG_SHIFT_STUDY_CAP_MINUTES / 60}, and the day after a night or a long call at most{' '}
            {POST_CALL_STUDY_CAP_MINUTES / 60}.
          </>
        }
        min={1}
        max={DAILY_STUDY_CEILING_HOURS}
        step={0.25}
        placeholder={defaultCap === null ? undefined : String(defaultCap)}
        value={values.dailyCapHours}
        errors={errors}
        change={changeFor('dailyCapHours')}
        onChange={(dailyCapHours) => update((v) => ({ ...v, dailyCapHours }))}
      />
    </FormSection>
  );
}
