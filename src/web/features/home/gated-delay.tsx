import { useState } from 'react';
import type { AcceptedDelay } from '#shared/contracts/readiness.ts';
import { toApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { formatLongDate } from '../../components/dates.ts';
import { useLoad } from '../../components/use-load.ts';

/**
 * The readiness gate acting (decision 013): with the gate on, a delay the readiness check proposes
 * is put on the home screen with its new date, one tap to accept. With the gate off, the verdict
 * and the proposal stay on the evidence page, and the student chooses the date there.
 */
export function GatedDelay() {
  const { state } = useLoad(api.evidence);
  const [accepted, setAccepted] = useState<AcceptedDelay | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (accepted) {
    return (
      <p className="callout callout--success" role="status" data-testid="gated-delay-done">
        Your exam date is now {formatLongDate(accepted.examDate)}
        {accepted.isReplanned ? ', and your plan runs to it' : ''}. Reschedule the test itself with Prometric too.
      </p>
    );
  }
  if (state.status !== 'ready') return null;
  const readiness = state.data.readiness;
  const proposal = readiness?.delayProposal;
  if (!readiness?.isGated || !proposal) return null;

  async function accept(newExamDate: string) {
    setIsBusy(true);
    setError(null);
    try {
      setAccepted(await api.acceptDelay({ proposedExamDate: newExamDate }));
    } catch (caught) {
      setError(toApiError(caught).message);
      setIsBusy(false);
    }
  }

  const from = formatLongDate(proposal.originalExamDate, { withWeekday: false });
  const to = formatLongDate(proposal.newExamDate, { withWeekday: false });
  return (
    <section
      className="card callout--serious gated-delay"
      aria-labelledby="gated-delay-title"
      data-testid="gated-delay"
    >
      <p className="eyebrow">Your readiness gate</p>
      <h2 id="gated-delay-title">Your readiness check says delay</h2>
      <p>
        You set the gate in your postmortem: the date holds only when the readiness check says go.{' '}
        {proposal.text[0] ?? `Move your exam from ${from} to ${to}.`}
      </p>
      {proposal.text.length > 1 ? (
        <details>
          <summary>Why this date, and what to do with the weeks</summary>
          {proposal.text.slice(1).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </details>
      ) : null}
      <p className="small">
        Accepting moves the date in your profile and re-plans from today; what you have done stays done. Comeback cannot
        change your booking: reschedule with Prometric too, as early as you can.
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--primary"
        onClick={() => void accept(proposal.newExamDate)}
        disabled={isBusy}
      >
        Move my exam to {to} and re‑plan
      </button>
    </section>
  );
}
