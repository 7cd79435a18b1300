import type { ReactNode } from 'react';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { formatLongDate } from '../../components/dates.ts';
import { formatProbability } from './evidence-labels.ts';

type Prediction = Extract<NonNullable<EvidenceResponse['prediction']>, { status: 'predicted' }>;

/**
 * The predicted score, its 80 % band and exam day, the chances of passing and of reaching the
 * target, and the warning when there is one: the same on the overview and in Practice exams.
 * `children` go under the exam day (Practice exams adds the trend the number was carried by).
 */
export function PredictionHero({
  prediction,
  examDate,
  children,
}: {
  prediction: Prediction;
  examDate: string;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="prediction-hero">
        <div className="prediction-number">
          <p className="score score--hero" data-testid="predicted-score">
            {prediction.predicted}
          </p>
          <p className="prediction-band" data-testid="predicted-band">
            80 % band:{' '}
            <strong>
              {prediction.low}–{prediction.high}
            </strong>
          </p>
          <p className="small muted">On exam day, {formatLongDate(examDate)}</p>
          {children}
        </div>
        <dl className="odds">
          <div className={`odds-item${prediction.warning !== null ? ' odds-item--risk' : ''}`}>
            <dt>Chance of passing ({prediction.passingScore})</dt>
            <dd data-testid="pass-probability">{formatProbability(prediction.passProbability)}</dd>
          </div>
          <div className="odds-item">
            <dt>Chance of reaching your target ({prediction.targetScore})</dt>
            <dd data-testid="target-probability">{formatProbability(prediction.targetProbability)}</dd>
          </div>
        </dl>
      </div>
      {prediction.warning !== null ? (
        <p className="callout callout--warning" data-testid="prediction-warning">
          {prediction.warning}
        </p>
      ) : null}
    </>
  );
}
