import type { RiskSummary as Summary } from '#domain/risk/risk.ts';
import { formatLongDate, formatShortDate } from '../../components/dates.ts';
import { Callout } from '../../components/status.tsx';

const RISK_TONE: Record<Summary['tier']['risk'], string> = {
  'very high': 'risk--very-high',
  'medium-high': 'risk--medium-high',
  moderate: 'risk--moderate',
  lower: 'risk--lower',
};

type Props = {
  summary: Summary;
  onEdit: () => void;
  onAddBackup: () => void;
  updatedAt?: string | undefined;
};

/** Capability A on one screen: the target, the risk, the timeline, each with the reason behind it. */
export function RiskSummary({ summary, onEdit, onAddBackup }: Props) {
  const { tier, buffer, planningTarget, matchSignal, passing, format, exam, scoreRelease } = summary;
  return (
    <section className="summary" aria-labelledby="summary-title" data-testid="risk-summary">
      <div className="section-heading">
        <div>
          <h2 id="summary-title" tabIndex={-1}>
            Where you stand
          </h2>
          <p className="muted">
            Aiming for <strong>{summary.specialtyName}</strong> · exam on {formatLongDate(exam.date)}
          </p>
        </div>
        <button type="button" className="button button--secondary" onClick={onEdit}>
          Edit your answers
        </button>
      </div>

      <div className="summary-hero card card--accent" data-testid="summary-planning-target">
        <div className="hero-main">
          <p className="eyebrow">Your planning target</p>
          <p className="score score--hero">{planningTarget.score}</p>
          <p className="equation">
            <span>
              <strong>{tier.targetScore}</strong> tier target
            </span>
            <span aria-hidden="true">+</span>
            <span>
              <strong>{buffer.points}</strong> point buffer
            </span>
          </p>
        </div>
        <div className="hero-text">
          <p>{planningTarget.explanation}</p>
          <p className={buffer.isRecommended ? 'muted' : 'text-warning'}>{buffer.explanation}</p>
        </div>
      </div>

      {summary.furtherFailWarning ? (
        <Callout tone="serious" title="Why a second fail must not happen" testId="further-fail-warning">
          <p>{summary.furtherFailWarning}</p>
        </Callout>
      ) : null}

      {summary.backupSpecialty ? (
        <Callout
          tone={summary.backupSpecialty.name ? 'info' : 'warning'}
          title={summary.backupSpecialty.name ? 'Your plan B' : 'Name a backup specialty'}
          testId="backup-specialty"
        >
          <p>{summary.backupSpecialty.message}</p>
          {summary.backupSpecialty.name ? null : (
            <button type="button" className="button button--secondary button--small" onClick={onAddBackup}>
              Add a backup specialty
            </button>
          )}
        </Callout>
      ) : null}

      <div className="summary-grid">
        <article className="card metric" data-testid="summary-tier">
          <p className="eyebrow">Specialty tier</p>
          <p className="metric-title">{tier.name}</p>
          <p className="metric-line">
            <span className={`risk ${RISK_TONE[tier.risk]}`}>Risk after a fail: {tier.risk}</span>
          </p>
          <p className="metric-line">
            Tier target <strong className="score score--inline">{tier.targetScore}+</strong>
          </p>
          <p className="metric-explain">{tier.explanation}</p>
        </article>

        <article className="card metric" data-testid="summary-days">
          <p className="eyebrow">Days to your exam</p>
          <p className="score score--large">
            {exam.daysToExam}
            <span className="score-unit"> {exam.daysToExam === 1 ? 'day' : 'days'}</span>
          </p>
          <p className="metric-explain">{exam.explanation}</p>
        </article>

        <article className="card metric" data-testid="summary-passing">
          <p className="eyebrow">Passing score</p>
          <p className="score score--large">{passing.score}</p>
          <p className="metric-explain">{passing.explanation}</p>
          <p className="metric-explain">
            <strong>The exam day:</strong> {format.explanation}
          </p>
          <ul className="fine-print source-list" aria-label="Sources">
            <li>Pass line: {passing.source}</li>
            <li>Exam format: {format.source}</li>
          </ul>
        </article>

        <article className="card metric" data-testid="summary-match">
          <p className="eyebrow">Match signal (approximate)</p>
          <p className="score score--large">{matchSignal.label}</p>
          <p className="metric-explain">{matchSignal.explanation}</p>
          <p className="fine-print">{matchSignal.source}</p>
        </article>
      </div>

      <article
        className={`card metric release ${scoreRelease.isBeforeReview ? '' : 'release--late'}`}
        data-testid="summary-release"
      >
        <p className="eyebrow">Score release and application review</p>
        <div className="release-dates">
          <p>
            <span className="release-label">Score expected</span>
            <span className="release-value">
              {formatShortDate(scoreRelease.earliest)} – {formatShortDate(scoreRelease.latest)}
            </span>
          </p>
          <p>
            <span className="release-label">Programs start reviewing</span>
            <span className="release-value">{formatShortDate(scoreRelease.reviewStart)}</span>
          </p>
        </div>
        {scoreRelease.isBeforeReview ? (
          <p className="metric-explain">
            <span className="status-dot status-dot--ok" aria-hidden="true" />
            {scoreRelease.explanation}
          </p>
        ) : (
          <Callout
            tone="warning"
            title={`Your score may arrive up to ${scoreRelease.daysLate} days after review starts`}
          >
            <p>{scoreRelease.explanation}</p>
          </Callout>
        )}
      </article>
    </section>
  );
}
