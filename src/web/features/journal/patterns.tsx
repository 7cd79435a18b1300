import { useState } from 'react';
import type { JournalSummaryResponse } from '#shared/contracts/journal.ts';
import { toApiError } from '../../api/client.ts';
import { formatLongDate } from '../../components/dates.ts';
import { journalApi } from './journal-api.ts';

type Pattern = JournalSummaryResponse['patterns'][number];
type Backlog = JournalSummaryResponse['backlog'];

/** One line on a paced backlog: how many are overdue, how many a day, until when. Nothing without one. */
export function BacklogNote({ backlog }: { backlog: Backlog }) {
  if (backlog.count === 0 || backlog.perDay === null || backlog.lastDay === null) return null;
  if (backlog.count <= backlog.perDay) return null;
  return (
    <p className="muted small" data-testid="journal-backlog">
      {backlog.count} reviews from missed days are spread out, least remembered first: up to {backlog.perDay} a day on
      top of each day&rsquo;s own, through {formatLongDate(backlog.lastDay)}. A card that waits is a little harder to
      recall, so the least remembered come first; doing more on a good day is fine.
    </p>
  );
}

function PatternCard({ pattern, onApplied }: { pattern: Pattern; onApplied: () => void }) {
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const titleId = `pattern-${pattern.kind}`;
  return (
    <article className="card journal-pattern" aria-labelledby={titleId} data-testid={`journal-pattern-${pattern.kind}`}>
      <h3 id={titleId}>{pattern.title}</h3>
      <p>{pattern.finding}</p>
      <p className="journal-pattern-rule">
        <span className="muted small">Your rule</span>
        <br />
        {pattern.rule}
      </p>
      {pattern.change ? (
        <>
          <p>{pattern.change.description}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={status.kind === 'saving'}
            onClick={async () => {
              setStatus({ kind: 'saving' });
              try {
                await journalApi.applyPlanPatch(pattern.change!.patch);
                setStatus({ kind: 'idle' });
                onApplied();
              } catch (caught) {
                setStatus({ kind: 'error', message: toApiError(caught).message });
              }
            }}
          >
            {status.kind === 'saving' ? 'Changing your plan…' : 'Change my plan'}
          </button>
          {status.kind === 'error' ? (
            <p className="field-error" role="alert">
              {status.message}
            </p>
          ) : null}
        </>
      ) : pattern.noChangeReason ? (
        <p className="muted small">{pattern.noChangeReason}</p>
      ) : null}
    </article>
  );
}

/** The error types that keep coming back, each with its rule and the plan change it offers (one tap). */
export function JournalPatterns({
  patterns,
  onApplied,
}: {
  patterns: readonly Pattern[];
  onApplied: (pattern: Pattern) => void;
}) {
  if (patterns.length === 0) return null;
  return (
    <section aria-labelledby="journal-patterns-title" className="journal-patterns">
      <h2 id="journal-patterns-title">A pattern in your misses</h2>
      {patterns.map((pattern) => (
        <PatternCard key={pattern.kind} pattern={pattern} onApplied={() => onApplied(pattern)} />
      ))}
    </section>
  );
}
