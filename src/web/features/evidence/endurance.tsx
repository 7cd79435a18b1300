import { useState, type FormEvent } from 'react';
import { compareDates } from '#domain/common/dates.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { api } from '../../api/endpoints.ts';
import { formatShortDate } from '../../components/dates.ts';
import { FieldError, SubmitButton, inputProps } from '../../components/form.tsx';
import { collectFormErrors } from '../../components/form-errors.ts';
import { Callout } from '../../components/status.tsx';
import { plural } from './evidence-labels.ts';

function LogFullLengthDay({ today, onLogged }: { today: string; onLogged: () => void }) {
  const [date, setDate] = useState(today);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.logFullLengthDay({ date });
      setDone(date);
      onLogged();
    } catch (caught) {
      const errors = collectFormErrors(caught, (path) => (path === 'date' ? 'fl-date' : null));
      setError(errors.fields['fl-date'] ?? errors.message);
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label="Log a full-length day">
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field-label field-label--small" htmlFor="fl-date">
          Day you sat it
        </label>
        <input
          {...inputProps('fl-date', { error: error ?? undefined })}
          type="date"
          max={today}
          className="input--date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <FieldError id="fl-date" error={error ?? undefined} />
      </div>
      <SubmitButton isBusy={isBusy} busyLabel="Logging…" variant="secondary">
        Log a full-length day
      </SubmitButton>
      {done ? (
        <Callout tone="success" role="status" testId="full-length-logged">
          <p>Full-length day on {formatShortDate(done)} logged. Exam day will not be the first time.</p>
        </Callout>
      ) : null}
    </form>
  );
}

/** Timed blocks and full-length simulation days done, against what the plan asked for so far. */
export function EnduranceSection({
  evidence,
  onChanged,
}: {
  evidence: Pick<EvidenceResponse, 'endurance' | 'today'>;
  onChanged: () => void;
}) {
  const { timedBlocksDone, timedBlocksPlanned, fullLengthDone, fullLengthPlanned } = evidence.endurance;
  const plannedSoFar = fullLengthPlanned.filter((date) => compareDates(date, evidence.today) <= 0).length;
  const nextPlanned = fullLengthPlanned.find((date) => compareDates(date, evidence.today) > 0);
  return (
    <section className="card evidence-section" id="endurance" aria-labelledby="endurance-title">
      <h2 id="endurance-title">Endurance</h2>
      <p className="muted">
        The real day is nine hours. Timed blocks and full-length simulation days are how you get used to it.
      </p>
      <div className="rate-tiles rate-tiles--two" data-testid="endurance">
        <div className="summary-tile">
          <p className="stat-label">Timed blocks</p>
          <p className="summary-value" data-testid="timed-blocks">
            {timedBlocksDone} done
          </p>
          <p className="summary-note">
            {timedBlocksPlanned > 0
              ? `${plural(timedBlocksPlanned, 'block')} in your plan up to today`
              : 'None in your plan up to today'}
          </p>
        </div>
        <div className="summary-tile">
          <p className="stat-label">Full-length days</p>
          <p className="summary-value" data-testid="full-length-days">
            {fullLengthPlanned.length > 0
              ? `${fullLengthDone.length} of ${fullLengthPlanned.length} done`
              : `${fullLengthDone.length} done`}
          </p>
          <p className="summary-note">
            {fullLengthPlanned.length === 0
              ? 'Your plan has none yet'
              : nextPlanned
                ? `${plannedSoFar} due by today · next ${formatShortDate(nextPlanned)}`
                : `${plannedSoFar} due by today`}
          </p>
        </div>
      </div>
      {fullLengthDone.length > 0 ? (
        <p className="small">Done: {fullLengthDone.map((date) => formatShortDate(date)).join(', ')}</p>
      ) : null}
      <LogFullLengthDay today={evidence.today} onLogged={onChanged} />
    </section>
  );
}
