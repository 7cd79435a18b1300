import { useState, type FormEvent } from 'react';
import { addDays } from '#domain/common/dates.ts';
import { SHARE_WITH_SCHOOL_TEXT, type OutcomeResponse } from '#shared/contracts/outcome.ts';
import { apiRequest } from '../../api/client.ts';
import { formatLongDate } from '../../components/dates.ts';
import { ErrorSummary, Field, FieldError, SubmitButton, inputProps } from '../../components/form.tsx';
import { NO_ERRORS, collectFormErrors, type FormErrors } from '../../components/form-errors.ts';
import { Segmented } from '../../components/segmented.tsx';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';

const loadOutcome = () => apiRequest<OutcomeResponse>('GET', '/api/outcome');

const FIELD_IDS: Record<string, string> = {
  score: 'outcome-score',
  passed: 'outcome-passed',
  resultDate: 'outcome-result-date',
  shareWithSchool: 'outcome-share',
};

type Recorded = NonNullable<OutcomeResponse['outcome']>;

function OutcomeForm({
  data,
  onSaved,
  onCancel,
}: {
  data: OutcomeResponse;
  onSaved: (data: OutcomeResponse) => void;
  onCancel: (() => void) | null;
}) {
  const saved = data.outcome;
  const [score, setScore] = useState(saved ? String(saved.score) : '');
  const [passed, setPassed] = useState<'pass' | 'fail'>(saved && !saved.passed ? 'fail' : 'pass');
  const [resultDate, setResultDate] = useState(saved?.resultDate ?? '');
  const [share, setShare] = useState(saved?.shareWithSchool ?? false);
  const [isBusy, setIsBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setErrors(NO_ERRORS);
    try {
      // Sent as typed: the server says what to fix, field by field.
      const body = {
        score: score.trim() === '' ? null : Number(score),
        passed: passed === 'pass',
        resultDate,
        shareWithSchool: share,
      };
      onSaved(await apiRequest<OutcomeResponse>('PUT', '/api/outcome', body));
    } catch (caught) {
      setErrors(collectFormErrors(caught, (path) => FIELD_IDS[path] ?? null));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary message={errors.message} items={errors.items} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Your Step 2 CK result" className="outcome-form">
        <Field
          id="outcome-score"
          label="Your Step 2 CK score"
          hint="The 3-digit score on your report."
          error={errors.fields['outcome-score']}
        >
          <input
            {...inputProps('outcome-score', { hasHint: true, error: errors.fields['outcome-score'] })}
            type="number"
            inputMode="numeric"
            min={1}
            max={300}
            value={score}
            onChange={(e) => setScore(e.target.value)}
          />
        </Field>
        <Segmented
          id="outcome-passed"
          legend="Result"
          hint={data.passingScore ? `The passing score for your exam date is ${data.passingScore}.` : undefined}
          options={[
            { value: 'pass', label: 'Pass' },
            { value: 'fail', label: 'Fail' },
          ]}
          value={passed}
          onChange={setPassed}
          error={errors.fields['outcome-passed']}
          idOn="first-option"
        />
        <Field
          id="outcome-result-date"
          label="The day the result came out"
          hint="Scores usually come out on a Wednesday, 3–4 weeks after the test."
          error={errors.fields['outcome-result-date']}
        >
          <input
            {...inputProps('outcome-result-date', { hasHint: true, error: errors.fields['outcome-result-date'] })}
            type="date"
            min={data.examDate ? addDays(data.examDate, 1) : undefined}
            max={data.today}
            value={resultDate}
            onChange={(e) => setResultDate(e.target.value)}
          />
        </Field>
        <div className="field">
          <label className="choice" htmlFor="outcome-share">
            <input
              id="outcome-share"
              type="checkbox"
              checked={share}
              aria-describedby="outcome-share-hint"
              onChange={(e) => setShare(e.target.checked)}
            />
            <span>
              <strong>Share this score with my school</strong>
              <span className="choice-detail" id="outcome-share-hint">
                {SHARE_WITH_SCHOOL_TEXT}
              </span>
            </span>
          </label>
          <FieldError id="outcome-share" error={errors.fields['outcome-share']} />
        </div>
        <div className="button-row">
          <SubmitButton isBusy={isBusy} busyLabel="Saving…">
            {saved ? 'Save changes' : 'Save my result'}
          </SubmitButton>
          {onCancel ? (
            <button type="button" className="button button--quiet" onClick={onCancel} disabled={isBusy}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}

function OutcomeSummary({ outcome }: { outcome: Recorded }) {
  const { snapshot, comparison } = outcome;
  return (
    <div data-testid="outcome-summary">
      <div className="rate-tiles rate-tiles--two">
        <div className="summary-tile">
          <p className="stat-label">Your real score</p>
          <p className="summary-value" data-testid="outcome-score-value">
            {outcome.score} · {outcome.passed ? 'pass' : 'fail'}
          </p>
          <p className="summary-note">Result out on {formatLongDate(outcome.resultDate)}</p>
        </div>
        <div className="summary-tile">
          <p className="stat-label">Last prediction before the exam</p>
          <p className="summary-value">{snapshot ? snapshot.predicted : '—'}</p>
          <p className="summary-note">
            {snapshot
              ? `80 % range ${snapshot.low}–${snapshot.high}, made ${formatLongDate(snapshot.madeOn)}`
              : 'No practice exam was logged before the exam, so there was none.'}
          </p>
        </div>
      </div>
      {comparison ? (
        <Callout
          tone={comparison.isInsideBand ? 'success' : 'warning'}
          role="status"
          testId="outcome-comparison"
          title={
            comparison.isInsideBand
              ? 'Inside the predicted range'
              : `Outside the predicted range by ${comparison.pointsOutsideBand} point${comparison.pointsOutsideBand === 1 ? '' : 's'}`
          }
        >
          {comparison.sentences.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </Callout>
      ) : null}
      <p className="small muted" data-testid="outcome-share-state">
        {outcome.shareWithSchool
          ? 'Shared with your school for checking the predictions (numbers and dates only). You can turn this off under “Edit”.'
          : 'Not shared with your school. You can change this under “Edit”.'}
      </p>
    </div>
  );
}

/**
 * Journey stage 9, on the evidence page: from the day after exam day, the form for the real result;
 * once it is recorded, the result beside the last prediction before the exam. Nothing until then.
 */
export function OutcomeSection() {
  const { state, retry, setData } = useLoad(loadOutcome);
  const [isEditing, setIsEditing] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (state.status === 'loading') return <Loading label="Loading your result…" lines={2} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your result" />;
  const data = state.data;
  if (!data.canRecord && !data.outcome) return null;
  const outcome = data.outcome;

  async function remove() {
    setIsDeleting(true);
    try {
      await apiRequest<void>('DELETE', '/api/outcome');
      setData({ ...data, outcome: null });
      setNotice('Your result was deleted. It is no longer shared with anyone.');
    } catch {
      setNotice('We could not delete your result. Try again in a moment.');
    } finally {
      setIsDeleting(false);
    }
  }

  return (
    <section className="card evidence-section" id="outcome" aria-labelledby="outcome-title" data-testid="outcome">
      <h2 id="outcome-title">Your Step 2 CK result</h2>
      {notice ? (
        <Callout tone="info" role="status">
          <p>{notice}</p>
        </Callout>
      ) : null}
      {outcome && !isEditing ? (
        <>
          <OutcomeSummary outcome={outcome} />
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={() => setIsEditing(true)}>
              Edit
            </button>
            <button type="button" className="button button--quiet" onClick={() => void remove()} disabled={isDeleting}>
              {isDeleting ? 'Deleting…' : 'Delete my result'}
            </button>
          </div>
        </>
      ) : (
        <>
          {!outcome ? (
            <p className="muted">
              When your score is out, enter it here. You will see how Comeback’s last prediction before your exam
              compares with it.
            </p>
          ) : null}
          <OutcomeForm
            data={data}
            onSaved={(fresh) => {
              setData(fresh);
              setIsEditing(false);
              setNotice(null);
            }}
            onCancel={outcome ? () => setIsEditing(false) : null}
          />
        </>
      )}
    </section>
  );
}
