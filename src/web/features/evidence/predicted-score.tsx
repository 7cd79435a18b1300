import { lazy, Suspense } from 'react';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { Loading } from '../../components/status.tsx';
import { nameForm } from '#domain/evidence/practice-scores.ts';
import { TREND_HORIZON_DAYS } from '#domain/evidence/predictor.ts';
import { PredictionHero } from './prediction-hero.tsx';

// The chart library is most of the app's weight: it loads with the first chart, not with the app.
const ScoreChart = lazy(() => import('./score-chart.tsx').then((module) => ({ default: module.ScoreChart })));

/**
 * The predicted Step 2 CK score with its 80 % band, the chances of passing and of reaching the
 * planning target, how the number was made, and the chart. Without a practice exam: which to take.
 */
export function PredictedScore({
  evidence,
}: {
  evidence: Pick<EvidenceResponse, 'prediction' | 'examDate' | 'today'>;
}) {
  const { prediction, examDate, today } = evidence;
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
        {prediction.suggestedForm ? (
          <p className="prediction-suggest" data-testid="suggested-form">
            Take first: <strong>{nameForm(prediction.suggestedForm)}</strong>
          </p>
        ) : null}
        <ul className="plain-list explanation">
          {prediction.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="small">
          <a href="#practice-exams">Log a practice exam you have taken →</a>
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
      <PredictionHero prediction={prediction} examDate={examDate}>
        <p className="small" data-testid="prediction-trend">
          Now about {prediction.currentLevel}; carried forward at {prediction.trend.usedPointsPerWeek} points a week
          {prediction.trend.daysCarried >= TREND_HORIZON_DAYS
            ? ` for ${TREND_HORIZON_DAYS / 7} weeks after your latest exam, then held level`
            : ''}
          {prediction.trend.ownPointsPerWeek !== null
            ? ` (your exams moved ${prediction.trend.ownPointsPerWeek} a week)`
            : ' (the typical rise: no trend of your own yet)'}
          .
        </p>
      </PredictionHero>
      <Suspense fallback={<Loading label="Loading the chart…" lines={1} />}>
        <ScoreChart prediction={prediction} examDate={examDate} today={today} />
      </Suspense>
      <details className="explanation-details" data-testid="prediction-explanation">
        <summary>How this number was made</summary>
        <ol className="explanation">
          {prediction.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </details>
    </section>
  );
}
