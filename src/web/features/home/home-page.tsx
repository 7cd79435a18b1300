import { Link } from 'react-router';
import { addDays } from '#domain/common/dates.ts';
import type { JourneyResponse } from '#shared/contracts/journey.ts';
import { api } from '../../api/endpoints.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { formatLongDate } from '../../components/dates.ts';
import { JournalDueCount } from '../journal/due-count.tsx';
import { GatedDelay } from './gated-delay.tsx';
import { SupportPrompt } from './support-prompt.tsx';

type Stage = JourneyResponse['stages'][number];

const STATUS_TEXT: Record<Stage['status'], string> = {
  done: 'Done',
  current: 'You are here',
  upcoming: 'Later',
};

function StageItem({ stage }: { stage: Stage }) {
  const isComingSoon = !stage.isAvailable;
  const title =
    stage.href && stage.isAvailable ? (
      <Link to={stage.href} className="stage-title-link">
        {stage.title}
      </Link>
    ) : (
      stage.title
    );
  return (
    <li
      className={`stage stage--${stage.status}${isComingSoon ? ' stage--soon' : ''}`}
      aria-current={stage.status === 'current' ? 'step' : undefined}
      data-testid={`stage-${stage.id}`}
      data-status={stage.status}
    >
      <span className="stage-marker" aria-hidden="true">
        {stage.status === 'done' ? '✓' : stage.number}
      </span>
      <div className="stage-body">
        <p className="stage-title">
          <span className="visually-hidden">Stage {stage.number}: </span>
          {title}
        </p>
        <p className="stage-summary">{stage.summary}</p>
      </div>
      <div className="stage-tags">
        {/* An upcoming stage without a screen is simply "coming soon"; "later" would say it twice. */}
        {stage.status === 'upcoming' && isComingSoon ? null : (
          <span className={`tag tag--${stage.status}`}>{STATUS_TEXT[stage.status]}</span>
        )}
        {isComingSoon ? <span className="tag tag--soon">Coming soon</span> : null}
      </div>
    </li>
  );
}

function DaysToExam({ journey }: { journey: JourneyResponse }) {
  if (journey.daysToExam === null) {
    return (
      <div className="stat-card" data-testid="days-to-exam">
        <p className="stat-label">Days to your exam</p>
        <p className="stat-empty">Add your exam date in your profile to start the countdown.</p>
      </div>
    );
  }
  return (
    <div className="stat-card" data-testid="days-to-exam">
      <p className="stat-label">Days to your exam</p>
      <p className="stat-value">
        {journey.daysToExam}
        <span className="stat-unit"> {journey.daysToExam === 1 ? 'day' : 'days'}</span>
      </p>
      <p className="stat-note">
        Exam day: <strong>{formatLongDate(addDays(journey.today, journey.daysToExam))}</strong>
      </p>
      <p className="stat-note">
        About {Math.floor(journey.daysToExam / 7)} weeks. Enough to plan every one of them, not enough to waste any.
      </p>
    </div>
  );
}

export function HomePage() {
  usePageTitle('Home');
  const { state, retry } = useLoad(api.journey);

  if (state.status === 'loading') return <Loading label="Loading your progress…" lines={4} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your progress" />;

  const journey = state.data;
  const current = journey.stages.find((stage) => stage.status === 'current');
  return (
    <div className="home">
      <div className="page-heading">
        <h1>{journey.hasProfile ? 'Your way to Step 2 CK' : 'Welcome to Comeback'}</h1>
        <p className="lead">
          {journey.hasProfile
            ? 'Nine stages from the fail to test day. One step at a time, each checked against numbers.'
            : 'Start with a few honest answers. In two minutes you will have a target score and a timeline.'}
        </p>
        <p className="muted small">Today is {formatLongDate(journey.today)}.</p>
      </div>

      {journey.hasProfile ? <GatedDelay /> : null}
      {journey.hasProfile ? <SupportPrompt /> : null}

      <div className="home-top">
        <section
          className="next-action card card--accent"
          aria-labelledby="next-action-title"
          data-testid="next-action"
        >
          <p className="eyebrow">Your next step{current ? ` · Stage ${current.number}` : ''}</p>
          <h2 id="next-action-title">{journey.nextAction.label}</h2>
          <p>{journey.nextAction.detail}</p>
          <Link to={journey.nextAction.href} className="button button--primary button--large">
            <span>
              {journey.nextAction.label}
              <span aria-hidden="true">&nbsp;→</span>
            </span>
          </Link>
        </section>
        <DaysToExam journey={journey} />
        {journey.hasProfile ? <JournalDueCount /> : null}
      </div>

      <section aria-labelledby="journey-title" className="journey">
        <h2 id="journey-title">Your journey</h2>
        <ol className="stages" data-testid="stages">
          {journey.stages.map((stage) => (
            <StageItem key={stage.id} stage={stage} />
          ))}
        </ol>
        <p className="muted small">
          Stages marked “coming soon” open in later releases. Each stage builds on the ones before it.
        </p>
      </section>
    </div>
  );
}
