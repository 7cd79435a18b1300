import { Link } from 'react-router';
import { nameArea, type AreaId } from '#domain/evidence/areas.ts';
import type { CorrectRate } from '#domain/evidence/logging.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { api } from '../../api/endpoints.ts';
import { formatShortDate } from '../../components/dates.ts';
import { DeleteButton } from '../../components/delete-button.tsx';
import { BANK_NAMES, formatPercent, plural } from './evidence-labels.ts';

type Block = EvidenceResponse['blocks']['recent'][number];

/** "Cardiovascular system ×2, Renal and urinary system": the tags of one block, counted. */
function describeMisses(tags: readonly AreaId[]): string {
  const counts = new Map<AreaId, number>();
  for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()].map(([id, n]) => `${nameArea(id)}${n > 1 ? ` ×${n}` : ''}`).join(', ');
}

/** The latest blocks, newest first, each with its score, what was missed and a delete. */
export function RecentBlocks({ blocks, onDeleted }: { blocks: readonly Block[]; onDeleted: () => void }) {
  return (
    <ul className="log-list" data-testid="recent-blocks">
      {blocks.map((block) => {
        const percent = Math.round((block.correct / block.questions) * 100);
        const misses = describeMisses([...block.missedDisciplines, ...block.missedSystems]);
        const what = `the ${BANK_NAMES[block.bank]} block of ${formatShortDate(block.date)} (${block.correct} of ${block.questions})`;
        return (
          <li key={block.id} className="log-row" data-testid="block-row">
            <div className="log-row-main">
              <p className="log-row-title">
                <span className="log-row-score">
                  {block.correct}/{block.questions}
                </span>{' '}
                <span className="log-row-percent">{percent} %</span>
              </p>
              <p className="log-row-meta">
                {formatShortDate(block.date)} · {BANK_NAMES[block.bank]} · {block.mode} · {block.minutes} min
                {block.planItemId ? <span className="tag tag--done log-row-tag">✓ plan</span> : null}
              </p>
              {misses ? <p className="log-row-detail">Missed: {misses}</p> : null}
            </div>
            <DeleteButton
              what={what}
              onDelete={async () => {
                await api.deleteBlock(block.id);
                onDeleted();
              }}
            />
          </li>
        );
      })}
    </ul>
  );
}

function RateTile({ label, rate }: { label: string; rate: CorrectRate }) {
  return (
    <div className="summary-tile">
      <p className="stat-label">{label}</p>
      <p className="summary-value">{formatPercent(rate.percentCorrect)}</p>
      <p className="summary-note">
        {rate.questions > 0
          ? `${rate.correct.toLocaleString('en-US')} of ${rate.questions.toLocaleString('en-US')} correct`
          : 'No questions'}
      </p>
    </div>
  );
}

/** Completion of each bank and % correct, overall and over the last 7 and 30 days, then the latest blocks. */
export function QuestionBankSection({
  evidence,
  onChanged,
}: {
  evidence: Pick<EvidenceResponse, 'blocks'>;
  onChanged: () => void;
}) {
  const { stats, recent } = evidence.blocks;
  return (
    <section className="card evidence-section" id="question-bank" aria-labelledby="qbank-title">
      <div className="section-heading">
        <div>
          <h2 id="qbank-title">Question bank</h2>
          <p className="muted small">
            {stats.overall.questions > 0
              ? `${plural(stats.timedBlocks, 'timed block')}, ${plural(stats.tutorBlocks, 'tutor block')} logged.`
              : 'No blocks logged yet.'}
          </p>
        </div>
        <Link to="/log" className="button button--secondary button--small">
          Log a block
        </Link>
      </div>
      {stats.overall.questions === 0 ? (
        <p>
          Log each block as you finish it: the bank, how many you got right, and what you missed. Your % correct and
          your weak areas come from these.
        </p>
      ) : (
        <>
          <div className="rate-tiles" data-testid="qbank-rates">
            <RateTile label="All time" rate={stats.overall} />
            <RateTile label="Last 7 days" rate={stats.last7Days} />
            <RateTile label="Last 30 days" rate={stats.last30Days} />
          </div>
          <ul className="bank-list">
            {stats.banks.map((bank) => (
              <li key={bank.bank} className="bank-row" data-testid={`bank-${bank.bank}`}>
                <div className="bank-row-head">
                  <p className="bank-name">{bank.name}</p>
                  <p className="bank-done">
                    {bank.bankSize !== null && bank.completion !== null
                      ? `${bank.questionsDone.toLocaleString('en-US')} of ${bank.bankSize.toLocaleString('en-US')} · ${Math.round(bank.completion * 100)} % done`
                      : `${bank.questionsDone.toLocaleString('en-US')} questions done`}
                  </p>
                </div>
                {bank.completion !== null ? (
                  <div
                    className="meter"
                    role="img"
                    aria-label={`${bank.name}: ${Math.round(bank.completion * 100)} % of the bank done`}
                  >
                    <div className="meter-fill" style={{ width: `${Math.max(1, bank.completion * 100)}%` }} />
                  </div>
                ) : (
                  <p className="small muted">
                    Bank size unknown, so no completion: we only know UWorld’s (about 3,900).
                  </p>
                )}
                <p className="bank-rates">
                  % correct: <strong>{formatPercent(bank.overall.percentCorrect)}</strong> all time ·{' '}
                  {formatPercent(bank.last7Days.percentCorrect)} last 7 days ·{' '}
                  {formatPercent(bank.last30Days.percentCorrect)} last 30 days
                </p>
              </li>
            ))}
          </ul>
          <h3 className="subsection-title">Latest blocks</h3>
          <RecentBlocks blocks={recent} onDeleted={onChanged} />
          {recent.length >= 20 ? (
            <p className="small muted">The last 20 blocks; every block counts in the numbers above.</p>
          ) : null}
        </>
      )}
    </section>
  );
}
