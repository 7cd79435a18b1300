import type { RankedArea } from '#domain/evidence/weak-areas.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { TREND_TEXT } from './evidence-labels.ts';

function AreaList({ title, areas, testId }: { title: string; areas: readonly RankedArea[]; testId: string }) {
  return (
    <div className="area-group">
      <h3 className="subsection-title">{title}</h3>
      {areas.length === 0 ? (
        <p className="muted small">Nothing tagged yet.</p>
      ) : (
        <ol className="area-list" data-testid={testId}>
          {areas.map((area, index) => {
            const trend = TREND_TEXT[area.trend];
            const share = Math.round(area.costShare * 100);
            return (
              <li key={area.id} className="area" data-area={area.id}>
                <div className="area-head">
                  <span className="area-rank" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span className="area-name">{area.name}</span>
                  <span className={`area-trend area-trend--${area.trend}`}>
                    {trend.symbol ? <span aria-hidden="true">{trend.symbol} </span> : null}
                    {trend.label}
                  </span>
                </div>
                <div className="area-bar-row">
                  <div className="meter meter--area" aria-hidden="true">
                    <div className="meter-fill" style={{ width: `${Math.max(2, share)}%` }} />
                  </div>
                  <span className="area-share">
                    {share} %<span className="visually-hidden"> of the cost</span>
                  </span>
                </div>
                <p className="area-explanation">{area.explanation}</p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/** Systems and disciplines ranked by what their misses cost: misses × the area's share of the exam. */
export function WeakAreasSection({ evidence }: { evidence: Pick<EvidenceResponse, 'weakAreas'> }) {
  const { systems, disciplines, notes } = evidence.weakAreas;
  const isEmpty = systems.length === 0 && disciplines.length === 0;
  return (
    <section className="card evidence-section" id="weak-areas" aria-labelledby="weak-title">
      <h2 id="weak-title">Weak areas</h2>
      <p className="muted">
        Ranked by what they cost you: each miss weighed by how much of the exam its area is. The bar is the area’s part
        of that cost.
      </p>
      {isEmpty ? (
        <p>
          Tag what you miss when you log a block, or add a practice exam’s breakdown: the ranking starts from the first
          tag.
        </p>
      ) : (
        <div className="area-groups">
          <AreaList title="Disciplines" areas={disciplines} testId="weak-disciplines" />
          <AreaList title="Systems" areas={systems} testId="weak-systems" />
        </div>
      )}
      <ul className="plain-list small muted area-notes">
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </section>
  );
}
