import { useCallback, useState, type ReactNode } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import type { EvidenceContext, EvidencePart } from '#shared/contracts/evidence-api.ts';
import { formatLongDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading, StaleNotice } from '../../components/status.tsx';
import { EnduranceSection } from './endurance.tsx';
import { EvidenceOverview, isExamDayReached } from './evidence-overview.tsx';
import { PracticeExamsSection } from './practice-exams.tsx';
import { PredictedScore } from './predicted-score.tsx';
import { QuestionBankSection } from './question-bank.tsx';
import { EvidenceContextSink, useEvidencePart, type PartResponses } from './use-evidence-part.ts';
import { WeakAreasSection } from './weak-areas.tsx';
import { HelpPromptCard, WellbeingSection } from './wellbeing.tsx';
import './evidence-page.css';

const TITLE = 'Scores and readiness';

/** The parts, each its own address: back, forward and reload keep the part. */
const PARTS: { part: EvidencePart; to: string; label: string }[] = [
  { part: 'overview', to: '/evidence', label: 'Overview' },
  { part: 'exams', to: '/evidence/exams', label: 'Practice exams' },
  { part: 'bank', to: '/evidence/bank', label: 'Question bank' },
  { part: 'weak-areas', to: '/evidence/weak-areas', label: 'Weak areas' },
  { part: 'endurance', to: '/evidence/endurance', label: 'Endurance' },
  { part: 'wellbeing', to: '/evidence/wellbeing', label: 'Wellbeing' },
];

/**
 * The one-page layout's anchors (still in links made before the parts, such as the journey's next
 * step, /evidence#weak-areas), and the part each now lives in.
 */
const OLD_ANCHORS: Record<string, string> = {
  '#practice-exams': '/evidence/exams',
  '#question-bank': '/evidence/bank',
  '#weak-areas': '/evidence/weak-areas',
  '#endurance': '/evidence/endurance',
  '#wellbeing': '/evidence/wellbeing',
};

type PartProps<P extends EvidencePart> = {
  part: P;
  children: (data: PartResponses[P], refresh: () => void) => ReactNode;
};

/**
 * One part: its own read, a skeleton the first time, and a notice when a later read fails. Keyed
 * by the part, so that moving from one part to another never hands one part's numbers to the next.
 */
function Part<P extends EvidencePart>(props: PartProps<P>) {
  return <PartBody key={props.part} {...props} />;
}

function PartBody<P extends EvidencePart>({ part, children }: PartProps<P>) {
  const label = PARTS.find((p) => p.part === part)!.label;
  usePageTitle(part === 'overview' ? TITLE : `${label} · ${TITLE}`);
  const { data, error, refresh } = useEvidencePart(part);
  if (error && !data) return <LoadError error={error} onRetry={refresh} what={`your ${label.toLowerCase()}`} />;
  if (!data) return <Loading label="Loading your scores…" lines={4} />;
  return (
    <div className="evidence-part" data-part={part}>
      {error ? <StaleNotice what="numbers" error={error} onRetry={refresh} /> : null}
      {children(data, refresh)}
    </div>
  );
}

const VERDICT_WORDS = {
  'on-track': 'On track',
  'off-track': 'Off track',
  proceed: 'Proceed',
  delay: 'Delay',
  'not-ready': 'Not ready',
} as const;

function ExamsPart() {
  return (
    <Part part="exams">
      {(data, refresh) => (
        <>
          {data.verdict ? (
            <p
              className={`verdict-line verdict-line--${data.verdict.verdict}`}
              data-testid="exams-verdict"
              data-verdict={data.verdict.verdict}
            >
              <span className="verdict-line-word">Readiness check: {VERDICT_WORDS[data.verdict.verdict]}.</span>{' '}
              <span>{data.verdict.headline}</span> <Link to="/evidence">The reasons and what to do →</Link>
            </p>
          ) : null}
          {data.prediction?.status === 'predicted' && !isExamDayReached(data) ? (
            // On a phone the form is under the chart: one tap to it.
            <p className="exams-jump">
              <a href="#practice-exams" className="button button--secondary button--small">
                Log a practice exam ↓
              </a>
            </p>
          ) : null}
          {data.prediction !== null && !isExamDayReached(data) ? <PredictedScore evidence={data} /> : null}
          <PracticeExamsSection evidence={data} onChanged={refresh} />
        </>
      )}
    </Part>
  );
}

function UnknownPart() {
  return (
    <Callout tone="info" title="This page has no such part">
      <p>
        <Link to="/evidence">Go to the overview</Link>, or choose a part above.
      </p>
    </Callout>
  );
}

/** "Today is …; your exam is on …; your planning target is …", once a part has read them. */
function ContextLine({ context }: { context: EvidenceContext | null }) {
  if (!context) return null;
  return (
    <p className="muted small">
      Today is {formatLongDate(context.today)}
      {context.examDate ? `; your exam is on ${formatLongDate(context.examDate)}` : ''}
      {context.targetScore ? `; your planning target is ${context.targetScore}` : ''}.
    </p>
  );
}

/**
 * /evidence and its parts (issue 13): a short overview (the verdict, the predicted score with its
 * band, the next practice exam), then practice exams with the chart, the question bank, weak areas,
 * endurance and wellbeing, each at its own address and read from the server only when opened.
 * Every save refreshes the part's numbers in place.
 */
export function EvidencePage() {
  const { pathname, hash } = useLocation();
  const [context, setContext] = useState<EvidenceContext | null>(null);
  const tellContext = useCallback((next: EvidenceContext) => setContext(next), []);

  const moved = pathname.replace(/\/$/, '') === '/evidence' ? OLD_ANCHORS[hash] : undefined;
  if (moved) return <Navigate to={moved} replace />;

  return (
    <div className="evidence-page">
      <div className="page-heading evidence-heading">
        <div>
          <h1>{TITLE}</h1>
          <ContextLine context={context} />
        </div>
        <Link to="/log" className="button button--primary">
          Log a block
        </Link>
      </div>
      <nav className="evidence-tabs" aria-label="Parts of this page">
        <ul>
          {PARTS.map((part) => (
            <li key={part.part}>
              <NavLink to={part.to} end className="evidence-tab" data-part={part.part}>
                {part.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <EvidenceContextSink.Provider value={tellContext}>
        <Routes>
          <Route
            index
            element={
              <Part part="overview">{(data, refresh) => <EvidenceOverview evidence={data} onChanged={refresh} />}</Part>
            }
          />
          <Route path="exams" element={<ExamsPart />} />
          <Route
            path="bank"
            element={
              <Part part="bank">{(data, refresh) => <QuestionBankSection evidence={data} onChanged={refresh} />}</Part>
            }
          />
          <Route
            path="weak-areas"
            element={<Part part="weak-areas">{(data) => <WeakAreasSection evidence={data} />}</Part>}
          />
          <Route
            path="endurance"
            element={
              <Part part="endurance">
                {(data, refresh) => <EnduranceSection evidence={data} onChanged={refresh} />}
              </Part>
            }
          />
          <Route
            path="wellbeing"
            element={
              <Part part="wellbeing">
                {(data, refresh) => (
                  <>
                    {data.wellbeing.assessment.prompt ? (
                      <HelpPromptCard
                        prompt={data.wellbeing.assessment.prompt}
                        reasons={data.wellbeing.assessment.reasons}
                      />
                    ) : null}
                    <WellbeingSection evidence={data} onChanged={refresh} />
                  </>
                )}
              </Part>
            }
          />
          <Route path="*" element={<UnknownPart />} />
        </Routes>
      </EvidenceContextSink.Provider>
    </div>
  );
}
