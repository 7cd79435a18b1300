import { useState, type FormEvent } from 'react';
import { isLoggedFormId, isPredictiveForm, reportingOf, type LoggedFormId } from '#domain/evidence/practice-scores.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { api } from '../../api/endpoints.ts';
import { formatShortDate } from '../../components/dates.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { ErrorSummary, Field, FieldError, SubmitButton, inputProps } from '../../components/form.tsx';
import { NO_ERRORS, collectFormErrors, type FormErrors } from '../../components/form-errors.ts';
import { Callout } from '../../components/status.tsx';
import {
  DISCIPLINE_CHIPS,
  FORM_GROUPS,
  SYSTEM_CHIPS,
  formOptionLabel,
  plural,
  resultFieldOf,
} from './evidence-labels.ts';
import { toNumberOrNull } from './log-block-values.ts';

type BreakdownRow = { key: number; area: string; percentCorrect: string };
type ExamValues = { form: string; date: string; result: string; breakdown: BreakdownRow[] };

function fieldIdOf(path: string): string | null {
  if (path === 'form') return 'pe-form';
  if (path === 'date') return 'pe-date';
  if (path === 'score' || path === 'percentCorrect') return 'pe-result';
  const row = /^breakdown\.(\d+)\.(area|percentCorrect)$/.exec(path);
  if (row) return `pe-breakdown-${row[1]}-${row[2] === 'area' ? 'area' : 'percent'}`;
  if (path.startsWith('breakdown')) return 'pe-breakdown-add';
  return null;
}

function toExamBody(values: ExamValues) {
  const form = values.form;
  const isPercent = isLoggedFormId(form) && reportingOf(form) === 'percent';
  return {
    form,
    date: values.date,
    ...(isPercent ? { percentCorrect: toNumberOrNull(values.result) } : { score: toNumberOrNull(values.result) }),
    breakdown: values.breakdown.map((row) => ({ area: row.area, percentCorrect: toNumberOrNull(row.percentCorrect) })),
  };
}

function LogPracticeExamForm({ today, onLogged }: { today: string; onLogged: (form: LoggedFormId) => void }) {
  const empty: ExamValues = { form: '', date: today, result: '', breakdown: [] };
  const [values, setValues] = useState<ExamValues>(empty);
  const [nextKey, setNextKey] = useState(1);
  const [isBusy, setIsBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const form = isLoggedFormId(values.form) ? values.form : null;
  const result = resultFieldOf(form ?? 'NBME13');
  const isMastery = form !== null && reportingOf(form) === 'mastery';

  const setRow = (key: number, change: Partial<BreakdownRow>) =>
    setValues((v) => ({ ...v, breakdown: v.breakdown.map((row) => (row.key === key ? { ...row, ...change } : row)) }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (!form) {
      const message = 'Choose the practice exam you took.';
      setErrors({ fields: { 'pe-form': message }, items: [{ fieldId: 'pe-form', message }], message: null });
      return;
    }
    setIsBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.logPracticeExam(toExamBody(values));
      setValues(empty);
      onLogged(form);
    } catch (caught) {
      setErrors(collectFormErrors(caught, fieldIdOf));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form className="exam-form" onSubmit={onSubmit} noValidate aria-label="Log a practice exam">
      <ErrorSummary message={errors.message} items={errors.items} focusKey={attempt} />
      <div className="exam-form-row">
        <Field id="pe-form" label="Practice exam" error={errors.fields['pe-form']} className="exam-form-form">
          <select
            {...inputProps('pe-form', { error: errors.fields['pe-form'] })}
            value={values.form}
            onChange={(e) => setValues((v) => ({ ...v, form: e.target.value }))}
          >
            <option value="">Choose…</option>
            {FORM_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.forms.map((id) => (
                  <option key={id} value={id}>
                    {formOptionLabel(id)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field id="pe-date" label="Date taken" error={errors.fields['pe-date']} className="exam-form-date">
          <input
            {...inputProps('pe-date', { error: errors.fields['pe-date'] })}
            type="date"
            max={today}
            value={values.date}
            onChange={(e) => setValues((v) => ({ ...v, date: e.target.value }))}
          />
        </Field>
        <Field id="pe-result" label={result.label} error={errors.fields['pe-result']} className="exam-form-result">
          <input
            {...inputProps('pe-result', { error: errors.fields['pe-result'] })}
            type="number"
            inputMode={result.field === 'percentCorrect' ? 'decimal' : 'numeric'}
            min={result.min}
            max={result.max}
            step={result.step}
            className="input--count"
            value={values.result}
            onChange={(e) => setValues((v) => ({ ...v, result: e.target.value }))}
          />
        </Field>
      </div>
      {form ? (
        isMastery ? (
          <Callout tone="info" testId="mastery-note">
            <p>{result.hint}</p>
          </Callout>
        ) : (
          <p className="field-hint">{result.hint}</p>
        )
      ) : null}

      <fieldset className="breakdown">
        <legend className="field-label">
          Breakdown by area <span className="optional">(optional)</span>
        </legend>
        <p className="field-hint">
          From the report’s performance profile: the % correct of an area feeds your weak areas.
        </p>
        {values.breakdown.length > 0 ? (
          <ul className="breakdown-rows">
            {values.breakdown.map((row, index) => {
              const areaId = `pe-breakdown-${index}-area`;
              const percentId = `pe-breakdown-${index}-percent`;
              return (
                <li key={row.key} className="breakdown-row">
                  <div className={`field field--grow${errors.fields[areaId] ? ' field--invalid' : ''}`}>
                    <label className="field-label field-label--small" htmlFor={areaId}>
                      Area
                    </label>
                    <select
                      {...inputProps(areaId, { error: errors.fields[areaId] })}
                      value={row.area}
                      onChange={(e) => setRow(row.key, { area: e.target.value })}
                    >
                      <option value="">Choose…</option>
                      <optgroup label="Disciplines">
                        {DISCIPLINE_CHIPS.map((chip) => (
                          <option key={chip.id} value={chip.id}>
                            {chip.name}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label="Systems">
                        {SYSTEM_CHIPS.map((chip) => (
                          <option key={chip.id} value={chip.id}>
                            {chip.name}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                    <FieldError id={areaId} error={errors.fields[areaId]} />
                  </div>
                  <div className={`field field--compact${errors.fields[percentId] ? ' field--invalid' : ''}`}>
                    <label className="field-label field-label--small" htmlFor={percentId}>
                      % correct
                    </label>
                    <input
                      {...inputProps(percentId, { error: errors.fields[percentId] })}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={100}
                      className="input--count"
                      value={row.percentCorrect}
                      onChange={(e) => setRow(row.key, { percentCorrect: e.target.value })}
                    />
                    <FieldError id={percentId} error={errors.fields[percentId]} />
                  </div>
                  <button
                    type="button"
                    className="button button--quiet button--small breakdown-remove"
                    onClick={() =>
                      setValues((v) => ({ ...v, breakdown: v.breakdown.filter((r) => r.key !== row.key) }))
                    }
                  >
                    Remove<span className="visually-hidden"> line {index + 1}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <button
          type="button"
          id="pe-breakdown-add"
          className="button button--secondary button--small"
          onClick={() => {
            setValues((v) => ({ ...v, breakdown: [...v.breakdown, { key: nextKey, area: '', percentCorrect: '' }] }));
            setNextKey((n) => n + 1);
          }}
        >
          Add an area
        </button>
        <FieldError id="pe-breakdown-add" error={errors.fields['pe-breakdown-add']} />
      </fieldset>

      <SubmitButton isBusy={isBusy} busyLabel="Logging…">
        Log practice exam
      </SubmitButton>
    </form>
  );
}

type Exam = EvidenceResponse['practiceExams'][number];

function reportedText(exam: Exam): string {
  if (exam.percentCorrect !== null) return `${exam.percentCorrect} % correct`;
  if (reportingOf(exam.form) === 'mastery') return `${exam.score} (scaled)`;
  return String(exam.score);
}

/** Logging a practice exam, and every one logged with what the prediction made of it. */
export function PracticeExamsSection({
  evidence,
  onChanged,
}: {
  evidence: Pick<EvidenceResponse, 'prediction' | 'practiceExams' | 'today'>;
  onChanged: () => void;
}) {
  const used = evidence.prediction?.status === 'predicted' ? evidence.prediction.exams : [];
  const skipped = evidence.prediction?.skipped ?? [];
  const exams = [...evidence.practiceExams].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="card evidence-section" id="practice-exams" aria-labelledby="exams-title">
      <h2 id="exams-title">Practice exams</h2>
      <p className="muted">
        Log each one the day you take it, timed and in one sitting like the real exam. The prediction and the verdict
        update at once.
      </p>
      {notice ? (
        <Callout tone="success" role="status" testId="exam-logged">
          <p>{notice}</p>
        </Callout>
      ) : null}
      <LogPracticeExamForm
        today={evidence.today}
        onLogged={(form) => {
          setNotice(
            isPredictiveForm(form)
              ? `${formOptionLabel(form)} is logged. The prediction above and the readiness check on the overview now include it.`
              : `${formOptionLabel(form)} is logged with your records. As a Clinical Mastery form it does not change the prediction or the verdict.`,
          );
          onChanged();
        }}
      />
      <h3 className="subsection-title">Logged</h3>
      {exams.length === 0 ? (
        <p className="muted">No practice exam logged yet.</p>
      ) : (
        <ul className="log-list" data-testid="practice-exam-list">
          {exams.map((exam) => {
            const counted = used.find((u) => u.form === exam.form && u.date === exam.date);
            const left = skipped.find((s) => s.form === exam.form && s.date === exam.date);
            const corrected = counted ? Math.round(counted.correctedScore) : null;
            return (
              <li key={exam.id} className="log-row" data-testid="practice-exam-row" data-form={exam.form}>
                <div className="log-row-main">
                  <p className="log-row-title">
                    <span className="log-row-score">{reportedText(exam)}</span>{' '}
                    {corrected !== null && String(corrected) !== reportedText(exam) ? (
                      <span className="log-row-percent">→ {corrected} corrected</span>
                    ) : null}
                  </p>
                  <p className="log-row-meta">
                    {formatShortDate(exam.date)} · {formOptionLabel(exam.form)}
                    {exam.breakdown.length > 0 ? ` · breakdown of ${plural(exam.breakdown.length, 'area')}` : ''}
                  </p>
                  {left ? <p className="log-row-detail">{left.reason}</p> : null}
                </div>
                <DeleteButton
                  what={`${formOptionLabel(exam.form)} of ${formatShortDate(exam.date)}`}
                  onDelete={async () => {
                    await api.deletePracticeExam(exam.id);
                    onChanged();
                  }}
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
