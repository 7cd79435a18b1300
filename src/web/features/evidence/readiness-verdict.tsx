import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { daysBetween } from '#domain/common/dates.ts';
import type { DelayProposal, ReadinessVerdict as Verdict } from '#domain/evidence/readiness.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { toApiError } from '../../api/client.ts';
import { api, type AcceptedDelay } from '../../api/endpoints.ts';
import { formatLongDate, formatShortDate } from '../../components/dates.ts';
import { plural } from './evidence-labels.ts';
import { useFocusOnMount } from '../../components/use-focus-on-mount.ts';

const VERDICT_WORDS: Record<Verdict, string> = {
  'on-track': 'On track',
  'off-track': 'Off track',
  proceed: 'Proceed',
  delay: 'Delay',
  'not-ready': 'Not ready',
};

const VERDICT_MARKS: Record<Verdict, string> = {
  'on-track': '↗',
  'off-track': '↘',
  proceed: '✓',
  delay: '!',
  'not-ready': '✕',
};

/** Where the new date's score release falls against the start of application review, in words. */
function describeTimeline(proposal: DelayProposal): string {
  const release = `${formatShortDate(proposal.scoreRelease.earliest)} – ${formatShortDate(proposal.scoreRelease.latest)}`;
  const review = formatLongDate(proposal.reviewStartDate, { withWeekday: false });
  if (proposal.isReleaseBeforeReview) {
    const weeks = Math.floor(daysBetween(proposal.scoreRelease.latest, proposal.reviewStartDate) / 7);
    return `Score out ${release}: ${weeks >= 1 ? `about ${plural(weeks, 'week')} ` : ''}before programs start reviewing on ${review}. In time.`;
  }
  return `Score out ${release}: up to ${plural(proposal.daysAfterReviewStart, 'day')} after programs start reviewing on ${review}.`;
}

function AcceptDelay({
  proposal,
  onAccepted,
}: {
  proposal: DelayProposal;
  onAccepted: (accepted: AcceptedDelay) => void;
}) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const newDate = formatLongDate(proposal.newExamDate, { withWeekday: false });

  async function accept() {
    setIsBusy(true);
    setError(null);
    try {
      onAccepted(await api.acceptDelay({ proposedExamDate: proposal.newExamDate }));
    } catch (caught) {
      setError(toApiError(caught).message);
      setIsBusy(false);
    }
  }

  if (!isConfirming) {
    return (
      <div className="proposal-actions">
        <button type="button" className="button button--primary" onClick={() => setIsConfirming(true)}>
          {/* A non-breaking hyphen keeps "re‑plan" whole when the button wraps on a phone. */}
          Accept: move my exam to {newDate} and re‑plan
        </button>
      </div>
    );
  }
  return (
    <ConfirmDelay
      proposal={proposal}
      newDate={newDate}
      error={error}
      isBusy={isBusy}
      onAccept={accept}
      onCancel={() => setIsConfirming(false)}
    />
  );
}

function ConfirmDelay({
  proposal,
  newDate,
  error,
  isBusy,
  onAccept,
  onCancel,
}: {
  proposal: DelayProposal;
  newDate: string;
  error: string | null;
  isBusy: boolean;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const acceptRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="confirm-box" role="group" aria-labelledby="confirm-delay-title" data-testid="confirm-delay">
      <p className="confirm-box-title" id="confirm-delay-title">
        Move your exam from {formatLongDate(proposal.originalExamDate, { withWeekday: false })} to {newDate}?
      </p>
      <p>
        Your profile’s exam date changes and your calendar is re-planned from today to the new date. What you have done
        stays done.
      </p>
      <p className="small">
        Comeback cannot change your booking: reschedule the test itself with Prometric too, as early as you can (the fee
        depends on how close the old date is).
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button ref={acceptRef} type="button" className="button button--primary" onClick={onAccept} disabled={isBusy}>
          {isBusy ? 'Moving and re-planning…' : 'Yes, move it and re-plan'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={isBusy}>
          Not now
        </button>
      </div>
    </div>
  );
}

function Proposal({
  proposal,
  onAccepted,
}: {
  proposal: DelayProposal;
  onAccepted: (accepted: AcceptedDelay) => void;
}) {
  return (
    <div className="proposal" data-testid="delay-proposal">
      <p className="proposal-eyebrow">The proposal</p>
      <p className="proposal-title">
        Move your exam to <strong data-testid="proposed-date">{formatLongDate(proposal.newExamDate)}</strong>
      </p>
      <dl className="proposal-facts">
        <div>
          <dt>Extra time</dt>
          <dd>
            {plural(proposal.weeks, 'week')} after {formatShortDate(proposal.originalExamDate)}
          </dd>
        </div>
        <div>
          <dt>Aim it at</dt>
          <dd>
            {proposal.focusAreas.length > 0
              ? proposal.focusAreas.join(', ')
              : 'Your weakest areas, once you tag misses'}
          </dd>
        </div>
        <div className="proposal-facts-wide">
          <dt>Application timeline</dt>
          <dd data-testid="proposal-timeline">{describeTimeline(proposal)}</dd>
        </div>
      </dl>
      <ul className="proposal-text">
        {proposal.text.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <AcceptDelay proposal={proposal} onAccepted={onAccepted} />
    </div>
  );
}

/** After "Accept": the new date, and the way to the re-planned calendar. */
function AcceptedNotice({ accepted }: { accepted: AcceptedDelay }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="callout callout--info" role="status" tabIndex={-1} ref={ref} data-testid="delay-accepted">
      <p className="callout-title">Your exam is now on {formatLongDate(accepted.examDate)}</p>
      {accepted.isReplanned ? (
        <>
          <p>Your calendar was re-planned from today to the new date. What you had done stays done.</p>
          <Link to="/plan?view=month" className="button button--secondary button--small">
            See the re-planned calendar
          </Link>
        </>
      ) : (
        <>
          <p>You have no plan yet, so there was nothing to re-plan. Build one to fill the weeks to the new date.</p>
          <Link to="/plan/settings" className="button button--secondary button--small">
            Build my plan
          </Link>
        </>
      )}
      <p className="small">Remember to move the booking with Prometric too.</p>
    </div>
  );
}

/**
 * The go / delay decision at the top of the page: the verdict in one word, the headline, every
 * condition of the rule with its numbers, and for a delay or not-ready verdict the concrete proposal.
 * Before the decision window: on track / off track with the trajectory, and no proposal unless the
 * trajectory cannot reach a safe score. Only "proceed" is ever drawn in green.
 */
export function ReadinessVerdict({
  evidence,
  accepted,
  onAccepted,
}: {
  evidence: Pick<EvidenceResponse, 'readiness' | 'examDate' | 'today'>;
  accepted: AcceptedDelay | null;
  onAccepted: (accepted: AcceptedDelay) => void;
}) {
  const { readiness, examDate, today } = evidence;
  if (!examDate) {
    return (
      <section className="card evidence-section" id="verdict" aria-labelledby="verdict-title">
        <h2 id="verdict-title">Readiness check</h2>
        <p>The verdict needs your exam date and your target score: both come from your profile.</p>
        <Link to="/profile" className="button button--primary">
          Set up my profile
        </Link>
      </section>
    );
  }
  if (!readiness) {
    return (
      <section className="card evidence-section" id="verdict" aria-labelledby="verdict-title">
        <h2 id="verdict-title">Readiness check</h2>
        {examDate === today ? (
          // Recording opens the day after exam day (src/domain/evidence/outcome.ts): no result section yet.
          <p data-testid="exam-today">
            Your exam is today, {formatLongDate(examDate)}, so there is nothing ahead to judge. From tomorrow you can
            record your result on this page, once it is out (usually on a Wednesday 3–4 weeks after the test). If your
            exam moved, update the date and the verdict comes back for the new one.
          </p>
        ) : (
          <p>
            The exam date in your profile, {formatLongDate(examDate)}, is not after today ({formatLongDate(today)}), so
            there is no exam ahead to judge. If you sat it, record your result in the section above. If your exam moved,
            update the date and the verdict comes back for the new one.
          </p>
        )}
        <Link to="/profile" className="button button--secondary">
          Update my exam date
        </Link>
      </section>
    );
  }
  const { verdict } = readiness;
  return (
    <>
      {accepted ? <AcceptedNotice accepted={accepted} /> : null}
      <section
        className={`verdict verdict--${verdict}`}
        id="verdict"
        aria-labelledby="verdict-title"
        data-testid="readiness-verdict"
        data-verdict={verdict}
      >
        <p className="verdict-eyebrow">Readiness check for {formatLongDate(examDate)}</p>
        <h2 id="verdict-title" className="verdict-word">
          <span className="verdict-mark" aria-hidden="true">
            {VERDICT_MARKS[verdict]}
          </span>
          {VERDICT_WORDS[verdict]}
        </h2>
        <p className="verdict-headline">{readiness.headline}</p>
        {readiness.phase === 'tracking' ? (
          <p className="small" data-testid="decision-window">
            The go / delay decision opens on {formatLongDate(readiness.decisionOpensOn)}, {readiness.decisionWindowDays}{' '}
            days before the exam. Until then this shows your trajectory.
            {readiness.trajectory
              ? ` Now about ${readiness.trajectory.currentLevel}; predicted ${readiness.trajectory.predicted} (${readiness.trajectory.low}–${readiness.trajectory.high}) on exam day, at ${readiness.trajectory.pointsPerWeek} points a week.`
              : ''}
          </p>
        ) : null}
        {readiness.holdsUntil ? (
          <p className="small" data-testid="holds-until">
            This proceed holds until {formatLongDate(readiness.holdsUntil)}; each practice exam you log checks it again.
          </p>
        ) : null}
        <ul className="reasons" aria-label="The rule, condition by condition">
          {readiness.reasons.map((reason) => (
            <li
              key={reason.rule}
              className={`reason ${reason.passed ? 'reason--met' : 'reason--unmet'}`}
              data-testid="reason"
              data-rule={reason.rule}
              data-passed={String(reason.passed)}
            >
              <span className="reason-mark" aria-hidden="true">
                {reason.passed ? '✓' : '✗'}
              </span>
              <span>
                <span className="visually-hidden">{reason.passed ? 'Met: ' : 'Not met: '}</span>
                {reason.text}
              </span>
            </li>
          ))}
        </ul>
        {readiness.skipped.length > 0 ? (
          <ul className="plain-list small muted verdict-skipped">
            {readiness.skipped.map((s) => (
              <li key={`${s.form}-${s.date}`}>{s.reason}</li>
            ))}
          </ul>
        ) : null}
        {accepted?.examDate === examDate ? (
          <p className="proposal-after" data-testid="after-delay-note">
            You moved your exam to this date just now, so this check is now read against the new date. It changes only
            with new evidence: the practice exam your plan sets about a week before the new date is the one to watch.
          </p>
        ) : readiness.delayProposal ? (
          <Proposal proposal={readiness.delayProposal} onAccepted={onAccepted} />
        ) : null}
      </section>
    </>
  );
}
