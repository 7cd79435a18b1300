import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { HIGH_STRESS, LOW_MOOD, SHORT_SLEEP_HOURS, type HelpPrompt } from '#domain/evidence/wellbeing.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { api } from '../../api/endpoints.ts';
import { formatShortDate } from '../../components/dates.ts';
import { ErrorSummary, Field, FieldError, SubmitButton, inputProps } from '../../components/form.tsx';
import { NO_ERRORS, collectFormErrors, type FormErrors } from '../../components/form-errors.ts';
import { Callout } from '../../components/status.tsx';
import { toNumberOrNull } from './log-block-values.ts';

const SCALE = [1, 2, 3, 4, 5] as const;

/** A phone number, an email or a web address becomes a link; anything else stays text. */
export function ContactLink({ contact }: { contact: string }) {
  const trimmed = contact.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    return (
      <a href={trimmed} target="_blank" rel="noopener noreferrer">
        {trimmed.replace(/^https?:\/\//i, '')}
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    );
  }
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return <a href={`mailto:${trimmed}`}>{trimmed}</a>;
  if (/^\+?[\d\s().-]{7,}$/.test(trimmed)) return <a href={`tel:${trimmed.replace(/[^\d+]/g, '')}`}>{trimmed}</a>;
  return <>{trimmed}</>;
}

/**
 * When check-ins have stayed bad for several days: a calm word, where help is (the school's service,
 * or a way to add it) and the crisis line for urgent moments. Never a diagnosis, never an alarm.
 */
export function HelpPromptCard({ prompt, reasons }: { prompt: HelpPrompt; reasons: readonly string[] }) {
  const { counselling, crisisLine } = prompt;
  return (
    <section className="support-first help-prompt" aria-labelledby="help-title" data-testid="help-prompt">
      <h2 id="help-title">{prompt.title}</h2>
      {prompt.body.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <div className="help-where">
        <div className="help-where-item">
          <p className="help-where-label">Your school’s counselling service</p>
          {counselling ? (
            <p data-testid="help-counselling">
              <strong>{counselling.name}</strong>: <ContactLink contact={counselling.contact} />
            </p>
          ) : (
            <p>
              <Link to="/settings#counselling">Add its name and contact in Settings</Link>, so it is one tap away next
              time.
            </p>
          )}
        </div>
        <div className="help-where-item">
          <p className="help-where-label">
            Urgent: {crisisLine.name} ({crisisLine.region})
          </p>
          <div className="button-row">
            <a className="button button--secondary button--small" href={`tel:${crisisLine.phone}`}>
              Call {crisisLine.phone}
            </a>
            <a className="button button--secondary button--small" href={`sms:${crisisLine.text}`}>
              Text {crisisLine.text}
            </a>
            <a
              className="button button--secondary button--small"
              href={crisisLine.url}
              target="_blank"
              rel="noopener noreferrer"
            >
              Chat at {crisisLine.url.replace(/^https?:\/\//, '')}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </div>
        </div>
      </div>
      {reasons.length > 0 ? (
        <details className="help-reasons">
          <summary>What this is based on</summary>
          <ul className="plain-list small">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

type CheckInValues = { date: string; sleepHours: string; stress: number | null; mood: number | null };

function ScalePicker({
  id,
  label,
  low,
  high,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  low: string;
  high: string;
  value: number | null;
  onChange: (value: number) => void;
  error: string | undefined;
}) {
  return (
    <fieldset
      className={`field scale${error ? ' field--invalid' : ''}`}
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
    >
      <legend className="field-label">{label}</legend>
      <p className="field-hint scale-ends" id={`${id}-hint`}>
        <span>1 = {low}</span>
        <span>5 = {high}</span>
      </p>
      <div className="segmented segmented--fill">
        {SCALE.map((n) => (
          <label key={n} className="segmented-option">
            <input
              type="radio"
              name={id}
              id={n === 1 ? id : `${id}-${n}`}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

function CheckInForm({ today, onLogged }: { today: string; onLogged: () => void }) {
  const empty: CheckInValues = { date: today, sleepHours: '', stress: null, mood: null };
  const [values, setValues] = useState<CheckInValues>(empty);
  const [isBusy, setIsBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [isSaved, setIsSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setErrors(NO_ERRORS);
    setIsSaved(false);
    setAttempt((n) => n + 1);
    try {
      await api.logCheckIn({
        date: values.date,
        sleepHours: toNumberOrNull(values.sleepHours),
        stress: values.stress,
        mood: values.mood,
      });
      setValues(empty);
      setIsSaved(true);
      onLogged();
    } catch (caught) {
      setErrors(
        collectFormErrors(
          caught,
          (path) => ({ date: 'wb-date', sleepHours: 'wb-sleep', stress: 'wb-stress', mood: 'wb-mood' })[path] ?? null,
        ),
      );
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form className="check-in" onSubmit={onSubmit} noValidate aria-label="Wellbeing check-in">
      <ErrorSummary message={errors.message} items={errors.items} focusKey={attempt} />
      <div className="check-in-row">
        <Field id="wb-sleep" label="Sleep last night" error={errors.fields['wb-sleep']}>
          <div className="input-with-unit">
            <input
              {...inputProps('wb-sleep', { error: errors.fields['wb-sleep'] })}
              type="number"
              inputMode="decimal"
              min={0}
              max={24}
              step={0.25}
              className="input--count"
              value={values.sleepHours}
              onChange={(e) => setValues((v) => ({ ...v, sleepHours: e.target.value }))}
            />
            <span className="input-unit">hours</span>
          </div>
        </Field>
        <Field id="wb-date" label="Day" error={errors.fields['wb-date']}>
          <input
            {...inputProps('wb-date', { error: errors.fields['wb-date'] })}
            type="date"
            max={today}
            className="input--date"
            value={values.date}
            onChange={(e) => setValues((v) => ({ ...v, date: e.target.value }))}
          />
        </Field>
      </div>
      <div className="check-in-scales">
        <ScalePicker
          id="wb-stress"
          label="Stress"
          low="calm"
          high="overwhelmed"
          value={values.stress}
          onChange={(stress) => setValues((v) => ({ ...v, stress }))}
          error={errors.fields['wb-stress']}
        />
        <ScalePicker
          id="wb-mood"
          label="Mood"
          low="very low"
          high="very good"
          value={values.mood}
          onChange={(mood) => setValues((v) => ({ ...v, mood }))}
          error={errors.fields['wb-mood']}
        />
      </div>
      {isSaved ? (
        <Callout tone="success" role="status" testId="check-in-saved">
          <p>Check-in saved. Thank you for taking the minute.</p>
        </Callout>
      ) : null}
      <SubmitButton isBusy={isBusy} busyLabel="Saving…" variant="secondary">
        Save check-in
      </SubmitButton>
    </form>
  );
}

/** Who sees the check-ins: no one but the student, or the advisors they chose in Sharing. */
function SharedWith({ advisors }: { advisors: readonly string[] }) {
  if (advisors.length === 0) {
    return (
      <p className="small muted" data-testid="wellbeing-shared-with">
        Your check-ins stay private to your account: no advisor sees them.
      </p>
    );
  }
  return (
    <p className="small" data-testid="wellbeing-shared-with">
      You share your check-ins with {advisors.join(', ')}: {advisors.length === 1 ? 'they see' : 'each sees'} the sleep,
      stress and mood you log here. <Link to="/sharing">Change that in Sharing</Link>.
    </p>
  );
}

/** Sleep, stress and mood: a quick check-in and the last ones, each hard value marked. */
export function WellbeingSection({
  evidence,
  onChanged,
}: {
  evidence: Pick<EvidenceResponse, 'wellbeing' | 'today'>;
  onChanged: () => void;
}) {
  const recent = [...evidence.wellbeing.recent].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const { assessment } = evidence.wellbeing;
  return (
    <section className="card evidence-section" id="wellbeing" aria-labelledby="wellbeing-title">
      <h2 id="wellbeing-title">Wellbeing</h2>
      <p className="muted">
        A minute a day. Sleep and stress decide how much of your studying sticks, and a run of hard days is worth
        noticing early.
      </p>
      {assessment.isHelpPromptDue ? (
        <p className="small">
          <a href="#help-title">Your last check-ins have been hard: see the note at the top of this page.</a>
        </p>
      ) : null}
      <CheckInForm today={evidence.today} onLogged={onChanged} />
      {recent.length > 0 ? (
        <>
          <h3 className="subsection-title">Recent check-ins</h3>
          <div className="table-scroll">
            <table className="data-table" data-testid="check-ins">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Sleep</th>
                  <th scope="col">Stress</th>
                  <th scope="col">Mood</th>
                </tr>
              </thead>
              <tbody>
                {recent.slice(0, 10).map((c, index) => (
                  <tr key={`${c.date}-${index}`}>
                    <td>{formatShortDate(c.date)}</td>
                    <td className={`num${c.sleepHours < SHORT_SLEEP_HOURS ? ' is-hard' : ''}`}>{c.sleepHours} h</td>
                    <td className={`num${c.stress >= HIGH_STRESS ? ' is-hard' : ''}`}>{c.stress}/5</td>
                    <td className={`num${c.mood <= LOW_MOOD ? ' is-hard' : ''}`}>{c.mood}/5</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <SharedWith advisors={evidence.wellbeing.sharedWith} />
    </section>
  );
}
