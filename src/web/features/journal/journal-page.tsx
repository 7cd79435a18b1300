import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { JournalEntryView } from '#shared/contracts/journal.ts';
import { api } from '../../api/endpoints.ts';
import { formatShortDate } from '../../components/dates.ts';
import { toApiError } from '../../api/client.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading, StaleNotice } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { BlockDrafts } from './block-drafts.tsx';
import { EntryForm, EMPTY_ENTRY, type EntryValues } from './entry-form.tsx';
import { ImportCsv } from './import-csv.tsx';
import { journalApi } from './journal-api.ts';
import { BacklogNote, JournalPatterns } from './patterns.tsx';
import { ERROR_TYPE_OPTIONS, SYSTEM_OPTIONS, labelOf } from './journal-labels.ts';

function valuesOf(entry: JournalEntryView): EntryValues {
  return {
    ...EMPTY_ENTRY,
    bank: entry.bank,
    questionId: entry.questionId ?? '',
    system: entry.system ?? '',
    discipline: entry.discipline ?? '',
    errorType: entry.errorType,
    keyPoint: entry.keyPoint,
    wrongOptions: entry.wrongOptions.map((w) => `${w.option}: ${w.why}`).join('\n'),
    teachingPoint: entry.teachingPoint ?? '',
    ruleWhen: entry.rule?.when ?? '',
    ruleThen: entry.rule?.then ?? '',
    ruleBecause: entry.rule?.because ?? '',
    confidence: entry.confidence ?? '',
  };
}

function EntryItem({ entry, onChanged }: { entry: JournalEntryView; onChanged: () => void }) {
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (isEditing) {
    return (
      <li className="journal-entry card">
        <EntryForm
          initial={valuesOf(entry)}
          entryId={entry.id}
          onSaved={() => {
            setIsEditing(false);
            onChanged();
          }}
          onCancel={() => setIsEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="journal-entry card" data-testid="journal-entry">
      <p className="journal-key-point">{entry.keyPoint}</p>
      <p className="muted small">
        {[labelOf(ERROR_TYPE_OPTIONS, entry.errorType), labelOf(SYSTEM_OPTIONS, entry.system)]
          .filter(Boolean)
          .join(' · ')}
        {' · '}next review {new Date(entry.due).toLocaleDateString()}
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--quiet button--small" onClick={() => setIsEditing(true)}>
          Edit
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={async () => {
            if (!window.confirm('Delete this entry and its review history?')) return;
            try {
              await journalApi.remove(entry.id);
              onChanged();
            } catch (caught) {
              setError(toApiError(caught).message);
            }
          }}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** /journal: add an entry fast, add a block's misses, the list, and CSV in and out. */
export function JournalPage() {
  usePageTitle('Wrong-answer journal');
  const [params, setParams] = useSearchParams();
  const blockId = params.get('block');
  const { state, retry, reload, reloadError } = useLoad(journalApi.list);
  const { state: evidence } = useLoad(api.evidence);
  const { state: summary, reload: reloadSummary } = useLoad(journalApi.summary);
  const [notice, setNotice] = useState<string | null>(null);
  // After a save the lists are fetched again behind the page (not from "Loading…"), so the forms
  // stay mounted: a block's drafts and an entry being edited keep what the student has typed.
  const refresh = useCallback(() => {
    reload();
    reloadSummary();
  }, [reload, reloadSummary]);

  if (state.status === 'loading') return <Loading label="Loading your journal…" lines={3} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your journal" />;
  const { entries, dueToday } = state.data;
  const recentBlocks = evidence.status === 'ready' ? evidence.data.blocks.recent : [];
  const block = blockId ? recentBlocks.find((b) => b.id === blockId) : undefined;
  // The newest three blocks (the list comes newest first) whose misses were tagged and are not
  // in the journal yet: the ones worth dissecting now.
  const dissected = new Set(entries.map((e) => e.blockId).filter((id) => id !== null));
  const taggedBlocks = recentBlocks
    .filter((b) => b.missedSystems.length + b.missedDisciplines.length > 0 && !dissected.has(b.id))
    .slice(0, 3);

  return (
    <div className="journal-page">
      <div className="page-heading">
        <h1>Wrong-answer journal</h1>
        <p className="lead">Every miss dissected once, then reviewed until exam day.</p>
      </div>
      <section className="card card--accent" aria-labelledby="journal-due-title">
        <h2 id="journal-due-title" data-testid="journal-due-count">
          {dueToday === 0 ? 'No reviews due today' : `${dueToday} ${dueToday === 1 ? 'review' : 'reviews'} due today`}
        </h2>
        {summary.status === 'ready' ? <BacklogNote backlog={summary.data.backlog} /> : null}
        {dueToday > 0 ? (
          <Link to="/journal/review" className="button button--primary">
            Start review
          </Link>
        ) : null}
      </section>
      {summary.status === 'ready' ? (
        <JournalPatterns
          patterns={summary.data.patterns}
          onApplied={(pattern) => {
            setNotice(`Your plan is changed: ${pattern.change?.description ?? pattern.title}`);
            reloadSummary();
          }}
        />
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {reloadError ? <StaleNotice what="entries" error={reloadError} onRetry={refresh} /> : null}
      {block ? (
        <section className="card" aria-labelledby="block-drafts-title">
          <h2 id="block-drafts-title">The misses of your block</h2>
          <BlockDrafts
            block={block}
            onSaved={(count) => {
              setNotice(`Added ${count} ${count === 1 ? 'entry' : 'entries'} from the block.`);
              setParams({});
              refresh();
            }}
          />
        </section>
      ) : taggedBlocks.length > 0 ? (
        <section className="card" aria-labelledby="journal-blocks-title">
          <h2 id="journal-blocks-title">Dissect a block you logged</h2>
          <ul className="journal-blocks">
            {taggedBlocks.map((b) => (
              <li key={b.id}>
                <button type="button" className="button button--secondary" onClick={() => setParams({ block: b.id })}>
                  {formatShortDate(b.date)}: {b.questions - b.correct} missed, {b.missedSystems.length} tagged by system
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="journal-add-title">
        <h2 id="journal-add-title">Add a missed question</h2>
        <EntryForm
          onSaved={() => {
            setNotice('Added to your journal: due for review now.');
            refresh();
          }}
        />
      </section>
      <section aria-labelledby="journal-list-title">
        <h2 id="journal-list-title">Entries ({entries.length})</h2>
        {entries.length === 0 ? <p className="muted">Nothing yet. Your first miss goes here.</p> : null}
        <ul className="journal-list">
          {entries.map((entry) => (
            <EntryItem key={`${entry.id}-${entry.updatedAt}`} entry={entry} onChanged={refresh} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="journal-csv-title">
        <h2 id="journal-csv-title">Import and export</h2>
        <p>
          <a href="/api/journal/export.csv" download className="button button--secondary">
            Export CSV
          </a>
        </p>
        <details>
          <summary>Import an error log (CSV)</summary>
          <ImportCsv
            onImported={(count) => {
              setNotice(`Imported ${count} ${count === 1 ? 'entry' : 'entries'}.`);
              refresh();
            }}
          />
        </details>
      </section>
    </div>
  );
}
