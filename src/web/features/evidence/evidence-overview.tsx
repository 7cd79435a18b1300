import { useState } from 'react';
import { Link } from 'react-router';
import { compareDates, daysBetween } from '#domain/common/dates.ts';
import { nameForm } from '#domain/evidence/practice-scores.ts';
import type { EvidenceOverviewResponse } from '#shared/contracts/evidence-api.ts';
import type { AcceptedDelay } from '../../api/endpoints.ts';
import { formatLongDate } from '../../components/dates.ts';
import { plural } from './evidence-labels.ts';
import { OutcomeSection } from './outcome.tsx';
import { PredictionHero } from './prediction-hero.tsx';
import { ReadinessVerdict } from './readiness-verdict.tsx';
import { HelpPromptCard } from './wellbeing.tsx';

/** From exam day on, a prediction "for exam day" is about a day already gone: it is not shown. */
export function isExamDayReached({ examDate, today }: { examDate: string | null; today: string }): boolean {
  return examDate !== null && compareDates(examDate, today) <= 0;
}

/** The predicted score with its 80 % band and the two chances; the chart and the workings are in Exams. */
function PredictionSummary({ evidence }: { evidence: EvidenceOverviewResponse }) {
  const { prediction, examDate } = evidence;
  if (!prediction || !examDate) return null;
  if (prediction.status === 'no-evidence') {
    return (
      <section
        className="card evidence-section"
        id="prediction"
        aria-labelledby="prediction-title"
        data-testid="prediction"
      >
        <h2 id="prediction-title">Predicted score</h2>
        <p className="prediction-none">No prediction yet: it needs at least one practice exam.</p>
        <p className="small">
          <Link to="/evidence/exams">Log a practice exam you have taken →</Link>
        </p>
      </section>
    );
  }
  return (
    <section
      className="card evidence-section"
      id="prediction"
      aria-labelledby="prediction-title"
      data-testid="prediction"
    >
      <h2 id="prediction-title">Predicted score</h2>
      <PredictionHero prediction={prediction} examDate={examDate} />
      <p className="small">
        <Link to="/evidence/exams">The chart, every exam and how this number was made →</Link>
      </p>
    </section>
  );
}

/** "In 12 days", "tomorrow", "today": how far the planned exam is. */
function whenFrom(today: string, date: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${plural(days, 'day')}`;
}

/** The practice exam to take next, and where to log it. */
function NextExam({ evidence }: { evidence: EvidenceOverviewResponse }) {
  const { nextExam, today, examDate } = evidence;
  return (
    <section className="card evidence-section next-exam" aria-labelledby="next-exam-title" data-testid="next-exam">
      <h2 id="next-exam-title">Next practice exam</h2>
      {nextExam ? (
        <>
          <p className="next-exam-form">
            <strong>{nameForm(nextExam.form)}</strong>
          </p>
          <p className="muted" data-testid="next-exam-when">
            {nextExam.date
              ? `In your plan on ${formatLongDate(nextExam.date)}, ${whenFrom(today, nextExam.date)}. Take it timed, in one sitting, like the real day.`
              : 'The one to take first: it says the most about where you stand now. Take it timed, in one sitting.'}
          </p>
        </>
      ) : (
        <p className="muted">
          {examDate
            ? 'Your plan holds no other practice exam before exam day. If you take one anyway, log it: every one sharpens the prediction.'
            : 'Set your exam date in your profile and build a plan: it places your practice exams.'}
        </p>
      )}
      <div className="button-row">
        <Link to="/evidence/exams" className="button button--secondary button--small">
          Log a practice exam
        </Link>
        {nextExam?.date ? (
          <Link to={`/plan?view=day&date=${nextExam.date}`} className="button button--quiet button--small">
            See it in the plan
          </Link>
        ) : null}
      </div>
    </section>
  );
}

/**
 * /evidence: the short overview. The wellbeing prompt when it is due, the result after the exam, the
 * verdict, the predicted score with its band and the next practice exam. The rest is in the parts.
 */
export function EvidenceOverview({
  evidence,
  onChanged,
}: {
  evidence: EvidenceOverviewResponse;
  onChanged: () => void;
}) {
  const [accepted, setAccepted] = useState<AcceptedDelay | null>(null);
  const examDayReached = isExamDayReached(evidence);
  return (
    <>
      {evidence.help.prompt ? <HelpPromptCard prompt={evidence.help.prompt} reasons={evidence.help.reasons} /> : null}
      <OutcomeSection />
      <ReadinessVerdict
        evidence={evidence}
        accepted={accepted}
        onAccepted={(result) => {
          setAccepted(result);
          onChanged();
        }}
      />
      {examDayReached ? null : (
        <div className="evidence-overview-grid">
          <PredictionSummary evidence={evidence} />
          <NextExam evidence={evidence} />
        </div>
      )}
    </>
  );
}
