import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { examFormatOn } from '#domain/exam/exam-facts.ts';
import type { SettingChange } from '#domain/postmortem/countermeasures.ts';
import { BLOCK_FORMATS, type BlockFormat, type DateException } from '#domain/plan/settings.ts';
import type { PlanResponse } from '#shared/contracts/plan.ts';
import type { PostmortemResponse } from '#shared/contracts/postmortem.ts';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import { toApiError } from '../../api/client.ts';
import { api, type PlanDefaultsResponse } from '../../api/endpoints.ts';
import { formatLongDate } from '../../components/dates.ts';
import { ErrorSummary, FieldError, FormSection, SubmitButton, type SummaryItem } from '../../components/form.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { ChangeLine } from '../postmortem/postmortem-results.tsx';
import { WEEKDAY_OPTIONS, describeChange } from './plan-labels.ts';
import {
  EXCEPTION_KINDS,
  PRACTICE_FORMS_IN_ORDER,
  WEEKLY_HOUR_KINDS,
  newExceptionRow,
  newProtectedRow,
  normaliseField,
  settingsDomId,
  toSettingsBody,
  valuesFromSettings,
  weeklyTotal,
  withBlockFormat,
  type PlanSettingsFormValues,
} from './plan-settings-values.ts';

type PageData = {
  plan: PlanResponse;
  defaults: PlanDefaultsResponse;
  postmortem: PostmortemResponse;
  profile: ProfileResponse;
};

/** The plan's summary without its days (an empty range), the defaults, the causes and the profile. */
async function loadPlanSettingsPage(): Promise<PageData> {
  const [plan, defaults, postmortem, profile] = await Promise.all([
    api.plan({ from: '1970-01-01', to: '1970-01-01' }),
    api.planDefaults(),
    api.postmortem(),
    api.profile(),
  ]);
  return { plan, defaults, postmortem, profile };
}

type Errors = Readonly<Record<string, string>>;

/** A number input with its unit, label, hint and error, wired by the settings path. */
function NumberField({
  path,
  label,
  unit,
  hint,
  value,
  onChange,
  errors,
  min,
  max,
  step = 1,
  change,
}: {
  path: string;
  label: string;
  unit: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors: Errors;
  min: number;
  max: number;
  step?: number;
  change?: SettingChange | undefined;
}) {
  const id = settingsDomId(path);
  const error = errors[path];
  const hasHint = Boolean(hint) || Boolean(change);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hasHint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
          {change ? <PostmortemTag change={change} /> : null}
        </div>
      ) : null}
      <div className="input-with-unit">
        <input
          id={id}
          name={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={step}
          className="input--short"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [hasHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
          }
          onChange={(event) => onChange(event.target.value)}
        />
        <span className="input-unit">{unit}</span>
      </div>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** "Set by your postmortem (was 10)": beside a field the postmortem changed. */
function PostmortemTag({ change }: { change: SettingChange }) {
  const { was } = describeChange(change);
  return (
    <span className="pm-tag" data-testid="postmortem-tag">
      Set by your postmortem{was ? ` (was ${was})` : ''}
    </span>
  );
}

/** The time range and label of a protected-hours row or a dated exception. */
function RangeAndLabel({
  base,
  row,
  errors,
  labels,
  onChange,
}: {
  base: string;
  row: { start: string; end: string; label: string };
  errors: Record<string, string>;
  labels: { from: string; to: string; label: string; placeholder: string };
  onChange: (change: { start?: string; end?: string; label?: string }) => void;
}) {
  return (
    <>
      <TimeInput
        path={`${base}.start`}
        label={labels.from}
        value={row.start}
        errors={errors}
        onChange={(start) => onChange({ start })}
      />
      <TimeInput
        path={`${base}.end`}
        label={labels.to}
        value={row.end}
        errors={errors}
        onChange={(end) => onChange({ end })}
      />
      <TextInput
        path={`${base}.label`}
        label={labels.label}
        placeholder={labels.placeholder}
        value={row.label}
        errors={errors}
        onChange={(label) => onChange({ label })}
      />
    </>
  );
}

function TimeInput({
  path,
  label,
  value,
  onChange,
  errors,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: Errors;
}) {
  const id = settingsDomId(path);
  const error = errors[path];
  return (
    <div className={`field field--compact${error ? ' field--invalid' : ''}`}>
      <label className="field-label field-label--small" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={id}
        type="time"
        className="input--time"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

function TextInput({
  path,
  label,
  value,
  onChange,
  errors,
  placeholder,
}: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: Errors;
  placeholder?: string;
}) {
  const id = settingsDomId(path);
  const error = errors[path];
  return (
    <div className={`field field--compact field--grow${error ? ' field--invalid' : ''}`}>
      <label className="field-label field-label--small" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={id}
        type="text"
        maxLength={60}
        placeholder={placeholder}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

function Segmented<T extends string>({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  change,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  error?: string | undefined;
  change?: SettingChange | undefined;
}) {
  const id = settingsDomId(name);
  return (
    <fieldset className={`field${error ? ' field--invalid' : ''}`} id={id} tabIndex={-1}>
      <legend className="field-label">{legend}</legend>
      {hint || change ? (
        <div className="field-hint">
          {hint}
          {change ? <PostmortemTag change={change} /> : null}
        </div>
      ) : null}
      <div className="segmented">
        {options.map((option) => (
          <label key={option.value} className="segmented-option">
            <input
              type="radio"
              name={id}
              id={`${id}-${option.value}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/** The changes the postmortem made to the defaults, each with the cause behind it. */
function PostmortemChanges({
  defaults,
  postmortem,
}: {
  defaults: PlanDefaultsResponse;
  postmortem: PostmortemResponse;
}) {
  if (!defaults.hasPostmortem) {
    return (
      <Callout tone="info" title="Your postmortem is not done yet" testId="no-postmortem">
        <p>
          These are the standard settings. The postmortem is what tailors them to why Step 1 went wrong: each cause it
          finds changes something here you can point to.
        </p>
        <p>
          <Link to="/postmortem">Do the postmortem first</Link> (about fifteen minutes), or build a plan now and come
          back to it.
        </p>
      </Callout>
    );
  }
  const names = new Map(postmortem.postmortem?.diagnosis.causes.map((cause) => [cause.id, cause.name]) ?? []);
  const causes = [...new Set(defaults.changes.map((change) => change.cause))];
  return (
    <section className="card pm-changes" aria-labelledby="pm-changes-title" data-testid="postmortem-changes">
      <h2 id="pm-changes-title">What your postmortem changed</h2>
      {defaults.changes.length === 0 ? (
        <p>Your postmortem left the standard settings as they are.</p>
      ) : (
        <>
          <p className="muted">
            These are filled in below. You can change any of them, but each one answers a reason Step 1 went wrong.
          </p>
          {causes.map((cause) => (
            <div key={cause} className="pm-changes-group">
              <h3 className="pm-changes-cause">Because of: {names.get(cause) ?? cause}</h3>
              <ul className="changes changes--compact">
                {defaults.changes
                  .filter((change) => change.cause === cause)
                  .map((change) => (
                    <ChangeLine key={change.setting} change={change} />
                  ))}
              </ul>
            </div>
          ))}
        </>
      )}
      <p className="small">
        <Link to="/postmortem#causes">See the causes and the evidence</Link>
      </p>
    </section>
  );
}

type SaveProblem = { kind: 'infeasible'; message: string } | { kind: 'profile'; message: string } | null;

function PlanSettingsForm({ data }: { data: PageData }) {
  const navigate = useNavigate();
  const hasPlan = data.plan.plan !== null;
  const [values, setValues] = useState<PlanSettingsFormValues>(() =>
    valuesFromSettings(data.plan.plan?.settings ?? data.defaults.settings),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<SaveProblem>(null);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem, attempt]);

  const examDate = data.plan.plan?.examDate ?? data.profile.profile?.examDate ?? null;
  const format = examDate ? examFormatOn(examDate) : null;
  const total = weeklyTotal(values);
  const changeFor = (setting: string) => data.defaults.changes.find((change) => change.setting === setting);

  function update(change: (current: PlanSettingsFormValues) => PlanSettingsFormValues) {
    setValues(change);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setErrors({});
    setMessage(null);
    setProblem(null);
    try {
      await api.savePlan({ settings: toSettingsBody(values) });
      navigate('/plan?view=month');
    } catch (caught) {
      const error = toApiError(caught);
      const fields = Object.fromEntries(
        Object.entries(error.fields).map(([field, text]) => [normaliseField(field), text]),
      );
      setErrors(fields);
      if (error.code === 'PLAN_INFEASIBLE') {
        setProblem({ kind: 'infeasible', message: error.message });
      } else if (error.code === 'PROFILE_MISSING') {
        setProblem({ kind: 'profile', message: error.message });
      } else if (Object.keys(fields).length === 0) {
        setMessage(error.message);
      }
      setAttempt((n) => n + 1);
      setIsBusy(false);
    }
  }

  /** The nearest element on the page for an error path (a row, a list, a section). */
  function summaryItems(): SummaryItem[] {
    return Object.entries(errors).map(([field, text]) => {
      let path = field.replace(/^settings\.practiceExams\.\d+$/, 'settings.practiceExams');
      while (path.includes('.') && !document.getElementById(settingsDomId(path))) {
        path = path.slice(0, path.lastIndexOf('.'));
      }
      return { fieldId: settingsDomId(path), message: text };
    });
  }

  const weeklyError = errors['settings.weeklyHours'];
  const sleepError = errors['settings.sleep'];

  return (
    <form className="plan-settings-form" onSubmit={onSubmit} noValidate aria-label="Plan settings">
      {problem?.kind === 'infeasible' ? (
        <div
          className="callout callout--serious infeasible"
          role="alert"
          tabIndex={-1}
          ref={problemRef}
          data-testid="plan-infeasible"
        >
          <p className="callout-title">This plan does not fit before your exam</p>
          <p className="infeasible-message">{problem.message}</p>
          <p className="small">Change one of the settings below and try again. Nothing was saved.</p>
        </div>
      ) : null}
      {problem?.kind === 'profile' ? (
        <div className="callout callout--warning" role="alert" tabIndex={-1} ref={problemRef}>
          <p className="callout-title">Your profile comes first</p>
          <p>
            {problem.message} <Link to="/profile">Set up your profile</Link>
          </p>
        </div>
      ) : null}
      {problem ? null : (
        <ErrorSummary
          title="Some settings need a change before we can build the plan"
          message={message}
          items={Object.keys(errors).length > 0 ? summaryItems() : []}
          focusKey={attempt}
        />
      )}

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
                Total: <strong>{total} hours a week</strong>, about {Math.round((total / 7) * 10) / 10} a day.
              </>
            )}
          </p>
          <FieldError id={settingsDomId('settings.weeklyHours')} error={weeklyError} />
        </fieldset>
      </FormSection>

      <FormSection
        id="section-sleep"
        title="Sleep"
        description="A fixed window. Nothing is ever planned into it, not even to catch up."
      >
        <fieldset
          className={`field${sleepError ? ' field--invalid' : ''}`}
          id={settingsDomId('settings.sleep')}
          tabIndex={-1}
        >
          <legend className="field-label">Your sleep window</legend>
          {changeFor('sleep.start') ? (
            <div className="field-hint">
              <PostmortemTag change={changeFor('sleep.start')!} />
            </div>
          ) : null}
          <div className="row-inputs">
            <TimeInput
              path="settings.sleep.start"
              label="Lights out"
              value={values.sleep.start}
              errors={errors}
              onChange={(start) => update((v) => ({ ...v, sleep: { ...v.sleep, start } }))}
            />
            <TimeInput
              path="settings.sleep.end"
              label="Wake up"
              value={values.sleep.end}
              errors={errors}
              onChange={(end) => update((v) => ({ ...v, sleep: { ...v.sleep, end } }))}
            />
          </div>
          <FieldError id={settingsDomId('settings.sleep')} error={sleepError} />
        </fieldset>
      </FormSection>

      <FormSection
        id="section-protected"
        title="Rotation and work hours"
        description="Hours you cannot study, every week: a rotation, a job, a standing appointment."
      >
        <div id={settingsDomId('settings.protectedTime')} tabIndex={-1} className="rows">
          {values.protectedTime.length === 0 ? (
            <p className="muted">None yet. On a rotation? Add its hours so nothing is planned into them.</p>
          ) : null}
          <ul className="row-list">
            {values.protectedTime.map((row, index) => {
              const base = `settings.protectedTime.${index}`;
              const setRow = (change: Partial<typeof row>) =>
                update((v) => ({
                  ...v,
                  protectedTime: v.protectedTime.map((r) => (r.key === row.key ? { ...r, ...change } : r)),
                }));
              return (
                <li key={row.key} className={`row-card${errors[base] ? ' field--invalid' : ''}`}>
                  <fieldset id={settingsDomId(base)} tabIndex={-1}>
                    <legend className="visually-hidden">Protected hours, row {index + 1}</legend>
                    <div className="row-head">
                      <p className="row-title">Weekly hours {index + 1}</p>
                      <button
                        type="button"
                        className="button button--link"
                        onClick={() =>
                          update((v) => ({ ...v, protectedTime: v.protectedTime.filter((r) => r.key !== row.key) }))
                        }
                      >
                        Remove<span className="visually-hidden"> weekly hours {index + 1}</span>
                      </button>
                    </div>
                    <div className="row-grid row-grid--protected">
                      <div className="field field--compact">
                        <label className="field-label field-label--small" htmlFor={settingsDomId(`${base}.weekday`)}>
                          Day
                        </label>
                        <select
                          id={settingsDomId(`${base}.weekday`)}
                          value={row.weekday}
                          onChange={(event) => setRow({ weekday: event.target.value })}
                        >
                          {WEEKDAY_OPTIONS.map((day) => (
                            <option key={day.value} value={String(day.value)}>
                              {day.label}
                            </option>
                          ))}
                        </select>
                      </div>
                      <RangeAndLabel
                        base={base}
                        row={row}
                        errors={errors}
                        labels={{ from: 'From', to: 'To', label: 'What it is', placeholder: 'Rotation' }}
                        onChange={setRow}
                      />
                    </div>
                    <FieldError id={settingsDomId(base)} error={errors[base]} />
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => update((v) => ({ ...v, protectedTime: [...v.protectedTime, newProtectedRow()] }))}
          >
            Add weekly hours
          </button>
          <FieldError id={settingsDomId('settings.protectedTime')} error={errors['settings.protectedTime']} />
        </div>
      </FormSection>

      <FormSection
        id="section-exceptions"
        title="Dated exceptions"
        description="Single days that are different: a shift, a call night, a break you plan ahead. Leave the times empty for the whole day."
      >
        <div id={settingsDomId('settings.exceptions')} tabIndex={-1} className="rows">
          {values.exceptions.length === 0 ? (
            <p className="muted">
              None yet. A wedding, a call night, a week off? Add it now and the plan goes around it.
            </p>
          ) : null}
          <ul className="row-list">
            {values.exceptions.map((row, index) => {
              const base = `settings.exceptions.${index}`;
              const setRow = (change: Partial<typeof row>) =>
                update((v) => ({
                  ...v,
                  exceptions: v.exceptions.map((r) => (r.key === row.key ? { ...r, ...change } : r)),
                }));
              const dateId = settingsDomId(`${base}.date`);
              const kindId = settingsDomId(`${base}.kind`);
              return (
                <li key={row.key} className={`row-card${errors[base] ? ' field--invalid' : ''}`}>
                  <fieldset id={settingsDomId(base)} tabIndex={-1}>
                    <legend className="visually-hidden">Dated exception, row {index + 1}</legend>
                    <div className="row-head">
                      <p className="row-title">Date {index + 1}</p>
                      <button
                        type="button"
                        className="button button--link"
                        onClick={() =>
                          update((v) => ({ ...v, exceptions: v.exceptions.filter((r) => r.key !== row.key) }))
                        }
                      >
                        Remove<span className="visually-hidden"> date {index + 1}</span>
                      </button>
                    </div>
                    <div className="row-grid row-grid--exception">
                      <div className={`field field--compact${errors[`${base}.date`] ? ' field--invalid' : ''}`}>
                        <label className="field-label field-label--small" htmlFor={dateId}>
                          Date
                        </label>
                        <input
                          id={dateId}
                          type="date"
                          className="input--date"
                          value={row.date}
                          aria-invalid={errors[`${base}.date`] ? true : undefined}
                          aria-describedby={errors[`${base}.date`] ? `${dateId}-error` : undefined}
                          onChange={(event) => setRow({ date: event.target.value })}
                        />
                        <FieldError id={dateId} error={errors[`${base}.date`]} />
                      </div>
                      <div className="field field--compact">
                        <label className="field-label field-label--small" htmlFor={kindId}>
                          Kind
                        </label>
                        <select
                          id={kindId}
                          value={row.kind}
                          onChange={(event) => setRow({ kind: event.target.value as DateException['kind'] })}
                        >
                          {EXCEPTION_KINDS.map((kind) => (
                            <option key={kind.value} value={kind.value}>
                              {kind.label}
                            </option>
                          ))}
                        </select>
                      </div>
                      <RangeAndLabel
                        base={base}
                        row={row}
                        errors={errors}
                        labels={{
                          from: 'From (optional)',
                          to: 'To (optional)',
                          label: 'Label (optional)',
                          placeholder: 'Call night',
                        }}
                        onChange={setRow}
                      />
                    </div>
                    <FieldError id={settingsDomId(base)} error={errors[base]} />
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => update((v) => ({ ...v, exceptions: [...v.exceptions, newExceptionRow(data.plan.today)] }))}
          >
            Add a date
          </button>
          <FieldError id={settingsDomId('settings.exceptions')} error={errors['settings.exceptions']} />
        </div>
      </FormSection>

      <FormSection
        id="section-bank"
        title="Question bank"
        description="What is left in your bank, and how you work through it."
      >
        <NumberField
          path="settings.questionBank.questionsLeft"
          label="Questions left"
          unit="questions"
          hint="Unused questions in your main bank. UWorld’s Step 2 CK bank has about 3,900."
          min={0}
          max={10000}
          value={values.questionBank.questionsLeft}
          errors={errors}
          onChange={(questionsLeft) => update((v) => ({ ...v, questionBank: { ...v.questionBank, questionsLeft } }))}
        />
        <Segmented<BlockFormat>
          name="settings.questionBank.blockFormat"
          legend="Block format"
          hint={
            format ? (
              <>
                Your exam on {formatLongDate(examDate!, { withWeekday: false })} has {format.blocks} blocks of{' '}
                {format.blockMinutes} minutes ({format.itemsPerBlock} questions each).
                {format.blockMinutes === 30 ? ' 20 questions in 30 minutes trains that rhythm.' : ''} Both formats give
                90 seconds a question.
              </>
            ) : (
              'The current exam uses blocks of 20 questions in 30 minutes. Both formats give 90 seconds a question.'
            )
          }
          options={[
            { value: '40-in-60', label: '40 in 60 min' },
            { value: '20-in-30', label: '20 in 30 min' },
          ]}
          value={values.questionBank.blockFormat}
          error={errors['settings.questionBank.blockFormat']}
          onChange={(blockFormat) => update((v) => withBlockFormat(v, blockFormat))}
        />
        <NumberField
          path="settings.questionBank.reviewMinutesPerBlock"
          label="Review after each block"
          unit="minutes"
          hint={`About as long as the block itself (${BLOCK_FORMATS[values.questionBank.blockFormat].minutes} minutes): every explanation, every wrong option.`}
          min={0}
          max={240}
          value={values.questionBank.reviewMinutesPerBlock}
          errors={errors}
          change={changeFor('questionBank.reviewMinutesPerBlock')}
          onChange={(reviewMinutesPerBlock) =>
            update((v) => ({ ...v, questionBank: { ...v.questionBank, reviewMinutesPerBlock } }))
          }
        />
        <Segmented<'timed' | 'tutor'>
          name="settings.questionBank.mode"
          legend="Blocks are done"
          hint="Timed means the clock runs and nothing is paused, as on test day."
          options={[
            { value: 'timed', label: 'Timed' },
            { value: 'tutor', label: 'Tutor mode' },
          ]}
          value={values.questionBank.mode}
          error={errors['settings.questionBank.mode']}
          change={changeFor('questionBank.mode') ?? changeFor('flags.timedOnly')}
          onChange={(mode) => update((v) => ({ ...v, questionBank: { ...v.questionBank, mode } }))}
        />
        <div className="field">
          <label className="choice" htmlFor={settingsDomId('settings.fixedDailyBlocks')}>
            <input
              id={settingsDomId('settings.fixedDailyBlocks')}
              type="checkbox"
              checked={values.fixedDailyBlocks}
              aria-describedby={`${settingsDomId('settings.fixedDailyBlocks')}-hint`}
              onChange={(event) => update((v) => ({ ...v, fixedDailyBlocks: event.target.checked }))}
            />
            <span>
              <strong>The same number of blocks every study day</strong>
              <span className="choice-detail" id={`${settingsDomId('settings.fixedDailyBlocks')}-hint`}>
                A fixed routine you can keep, instead of more blocks on days with more free time.
              </span>
              {changeFor('flags.fixedDailyBlocks') ? (
                <PostmortemTag change={changeFor('flags.fixedDailyBlocks')!} />
              ) : null}
            </span>
          </label>
          <FieldError id={settingsDomId('settings.fixedDailyBlocks')} error={errors['settings.fixedDailyBlocks']} />
        </div>
      </FormSection>

      <FormSection
        id="section-exams"
        title="Practice exams"
        description="The forms you own and have not taken yet; the plan spaces them out, the last one 5 to 10 days before the exam."
      >
        <fieldset
          className={`field${errors['settings.practiceExams'] ? ' field--invalid' : ''}`}
          id={settingsDomId('settings.practiceExams')}
          tabIndex={-1}
        >
          <legend className="field-label">Practice exams you own</legend>
          <div className="chips">
            {PRACTICE_FORMS_IN_ORDER.map((form) => {
              const isChecked = values.practiceExams.includes(form.id);
              return (
                <label key={form.id} className={`chip${isChecked ? ' chip--on' : ''}`}>
                  <input
                    type="checkbox"
                    value={form.id}
                    checked={isChecked}
                    onChange={(event) =>
                      update((v) => ({
                        ...v,
                        practiceExams: event.target.checked
                          ? [...v.practiceExams, form.id]
                          : v.practiceExams.filter((id) => id !== form.id),
                      }))
                    }
                  />
                  <span>{form.name}</span>
                </label>
              );
            })}
          </div>
          <p className="chip-count">{values.practiceExams.length} chosen</p>
          <FieldError id={settingsDomId('settings.practiceExams')} error={errors['settings.practiceExams']} />
        </fieldset>
        <NumberField
          path="settings.practiceExamEveryDays"
          label="Days between practice exams, at the least"
          unit="days"
          hint="Each practice exam is followed by a day of deep review."
          min={3}
          max={30}
          value={values.practiceExamEveryDays}
          errors={errors}
          change={changeFor('practiceExamEveryDays')}
          onChange={(practiceExamEveryDays) => update((v) => ({ ...v, practiceExamEveryDays }))}
        />
        <NumberField
          path="settings.fullLengthDays"
          label="Full-length simulation days"
          unit="days"
          hint="A whole exam day, timed, with the real breaks, to build endurance."
          min={0}
          max={6}
          value={values.fullLengthDays}
          errors={errors}
          change={changeFor('fullLengthDays')}
          onChange={(fullLengthDays) => update((v) => ({ ...v, fullLengthDays }))}
        />
      </FormSection>

      <FormSection id="section-rest" title="Rest day" description="The day of the week that carries most of your rest.">
        <div className={`field${errors['settings.restWeekday'] ? ' field--invalid' : ''}`}>
          <label className="field-label" htmlFor={settingsDomId('settings.restWeekday')}>
            Weekly rest day
          </label>
          {changeFor('restWeekday') ? (
            <div className="field-hint">
              <PostmortemTag change={changeFor('restWeekday')!} />
            </div>
          ) : null}
          <select
            id={settingsDomId('settings.restWeekday')}
            className="input--medium"
            value={values.restWeekday}
            onChange={(event) => update((v) => ({ ...v, restWeekday: event.target.value }))}
          >
            {WEEKDAY_OPTIONS.map((day) => (
              <option key={day.value} value={String(day.value)}>
                {day.label}
              </option>
            ))}
          </select>
          <FieldError id={settingsDomId('settings.restWeekday')} error={errors['settings.restWeekday']} />
        </div>
      </FormSection>

      <div className="form-actions">
        <SubmitButton isBusy={isBusy} busyLabel={hasPlan ? 'Re-planning…' : 'Building your plan…'}>
          {hasPlan ? 'Save and re-plan from today' : 'Build my plan'}
        </SubmitButton>
        <Link to={hasPlan ? '/plan' : '/'} className="button button--secondary">
          Cancel
        </Link>
        <p className="small muted form-actions-note">
          {hasPlan
            ? 'The plan is rebuilt from today. Past days and everything you marked done stay exactly as they are.'
            : 'The plan runs from today to your exam date. You can change these settings at any time.'}
        </p>
      </div>
    </form>
  );
}

/** /plan/settings: the settings a plan is built from, prefilled from the plan or the postmortem. */
export function PlanSettingsPage() {
  usePageTitle('Plan settings');
  const { state, retry } = useLoad(loadPlanSettingsPage);

  if (state.status === 'loading') return <Loading label="Loading your plan settings…" lines={5} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your plan settings" />;

  const data = state.data;
  const hasPlan = data.plan.plan !== null;
  const profile = data.profile.profile;

  return (
    <div className="plan-settings">
      <div className="page-heading">
        <h1>{hasPlan ? 'Your plan settings' : 'Build your plan'}</h1>
        <p className="lead">
          {profile
            ? `Your hours, your rotation and your practice exams, turned into a dated plan from today to ${formatLongDate(profile.examDate)}.`
            : 'Your hours, your rotation and your practice exams, turned into a dated plan to your exam date.'}
        </p>
      </div>
      {profile ? null : (
        <Callout tone="warning" title="Set up your profile first" role="note">
          <p>
            The plan runs to your exam date, which lives in your profile. <Link to="/profile">Set up your profile</Link>
          </p>
        </Callout>
      )}
      <PostmortemChanges defaults={data.defaults} postmortem={data.postmortem} />
      <div className="card form-card">
        <PlanSettingsForm data={data} />
      </div>
    </div>
  );
}
