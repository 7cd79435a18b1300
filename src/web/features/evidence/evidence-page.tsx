import { useState } from 'react';
import { Link } from 'react-router';
import { compareDates } from '#domain/common/dates.ts';
import type { AcceptedDelay } from '../../api/endpoints.ts';
import { formatLongDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { EnduranceSection } from './endurance.tsx';
import { OutcomeSection } from './outcome.tsx';
import { PracticeExamsSection } from './practice-exams.tsx';
import { PredictedScore } from './predicted-score.tsx';
import { QuestionBankSection } from './question-bank.tsx';
import { ReadinessVerdict } from './readiness-verdict.tsx';
import { useEvidence } from './use-evidence.ts';
import { WeakAreasSection } from './weak-areas.tsx';
import { HelpPromptCard, WellbeingSection } from './wellbeing.tsx';

const SECTIONS = [
  { href: '#verdict', label: 'Verdict' },
  { href: '#prediction', label: 'Prediction' },
  { href: '#practice-exams', label: 'Practice exams' },
  { href: '#question-bank', label: 'Question bank' },
  { href: '#weak-areas', label: 'Weak areas' },
  { href: '#endurance', label: 'Endurance' },
  { href: '#wellbeing', label: 'Wellbeing' },
] as const;

/**
 * /evidence: the verdict first, then the predicted score and its chart, the practice exams, the
 * question bank, weak areas, endurance and wellbeing. Every save refreshes the numbers in place.
 */
export function EvidencePage() {
  usePageTitle('Scores and readiness');
  const { data, error, refresh } = useEvidence();
  const [accepted, setAccepted] = useState<AcceptedDelay | null>(null);

  if (error && !data) return <LoadError error={error} onRetry={refresh} what="your scores" />;
  if (!data) return <Loading label="Loading your scores…" lines={5} />;

  const prompt = data.wellbeing.assessment.prompt;
  // From exam day on, a prediction "for exam day" is about a day already gone: the result section
  // shows the last prediction made before it, beside the real score.
  const examPassed = data.examDate !== null && compareDates(data.examDate, data.today) <= 0;
  const showsPrediction = data.prediction !== null && !examPassed;
  return (
    <div className="evidence-page">
      <div className="page-heading evidence-heading">
        <div>
          <h1>Scores and readiness</h1>
          <p className="muted small">
            Today is {formatLongDate(data.today)}
            {data.examDate ? `; your exam is on ${formatLongDate(data.examDate)}` : ''}
            {data.targetScore ? `; your planning target is ${data.targetScore}` : ''}.
          </p>
        </div>
        <Link to="/log" className="button button--primary">
          Log a block
        </Link>
      </div>
      <nav className="section-nav" aria-label="On this page">
        <ul>
          {SECTIONS.filter((section) => section.href !== '#prediction' || showsPrediction).map((section) => (
            <li key={section.href}>
              <a href={section.href}>{section.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {error ? (
        <Callout tone="serious" role="alert" title="We could not load the latest numbers">
          <p>
            {error.message} What you see may be out of date.{' '}
            <button type="button" className="button button--link" onClick={refresh}>
              Try again
            </button>
          </p>
        </Callout>
      ) : null}

      {prompt ? <HelpPromptCard prompt={prompt} reasons={data.wellbeing.assessment.reasons} /> : null}
      <OutcomeSection />
      <ReadinessVerdict
        evidence={data}
        accepted={accepted}
        onAccepted={(result) => {
          setAccepted(result);
          refresh();
        }}
      />
      {showsPrediction ? <PredictedScore evidence={data} /> : null}
      <PracticeExamsSection evidence={data} onChanged={refresh} />
      <QuestionBankSection evidence={data} onChanged={refresh} />
      <WeakAreasSection evidence={data} />
      <EnduranceSection evidence={data} onChanged={refresh} />
      <WellbeingSection evidence={data} onChanged={refresh} />
    </div>
  );
}
