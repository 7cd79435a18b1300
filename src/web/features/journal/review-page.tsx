import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { RATING_NAMES, type ReviewRating } from '#domain/journal/ratings.ts';
import type { ReviewQueueResponse } from '#shared/contracts/journal.ts';
import { toApiError } from '../../api/client.ts';
import { formatLongDate } from '../../components/dates.ts';
import { formatInstant } from '../sharing/format.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { journalApi } from './journal-api.ts';
import { ERROR_TYPE_OPTIONS, SYSTEM_OPTIONS, describeForecastDays, labelOf } from './journal-labels.ts';
import { BacklogNote } from './patterns.tsx';

type Done = { entryId: string; keyPoint: string; rating: ReviewRating; due: string };

/**
 * /journal/review: one card at a time, the key point hidden until shown. Keys as in Anki: Space
 * shows, then Space rates Good; 1–4 rate; Ctrl+Z (or the button) undoes the last rating.
 */
export function ReviewPage() {
  usePageTitle('Review');
  const { state, retry, setData } = useLoad(journalApi.queue);
  const [isShown, setIsShown] = useState(false);
  const [done, setDone] = useState<Done[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const shownAt = useRef(Date.now());
  const queue: ReviewQueueResponse['queue'] = state.status === 'ready' ? state.data.queue : [];
  const doneIds = new Set(done.map((d) => d.entryId));
  const current = queue.find((c) => !doneIds.has(c.id));

  useEffect(() => {
    shownAt.current = Date.now();
  }, [current?.id]);

  // The guard against a second key while a rating or an undo is on its way: a ref, set at once,
  // because a state update only reaches the key listener after the next render and its effect
  // (one frame later with Preact, decision 016), and a quick second key would rate the card twice.
  const busy = useRef(false);

  // After an undo the card comes back shown and focus goes to its "Good" button, where Space and
  // Enter rate as the keys do. Left alone it would sit on <body> (after Ctrl+Z, or once the "Show"
  // button or a now-disabled Undo button lost it) or stay on Undo, where Space would undo again.
  const goodButton = useRef<HTMLButtonElement>(null);
  const focusGoodAfterUndo = useRef(false);
  useEffect(() => {
    if (!focusGoodAfterUndo.current || !goodButton.current || goodButton.current.disabled) return;
    focusGoodAfterUndo.current = false;
    goodButton.current.focus();
  });

  const rate = useCallback(
    async (rating: ReviewRating) => {
      if (!current || busy.current) return;
      busy.current = true;
      focusGoodAfterUndo.current = false;
      setIsBusy(true);
      setError(null);
      try {
        const result = await journalApi.rate({
          entryId: current.id,
          rating,
          durationMs: Math.min(3_600_000, Math.max(0, Date.now() - shownAt.current)),
        });
        setDone((list) => [...list, { entryId: current.id, keyPoint: current.keyPoint, rating, due: result.due }]);
        setIsShown(false);
      } catch (caught) {
        setError(toApiError(caught).message);
      } finally {
        busy.current = false;
        setIsBusy(false);
      }
    },
    [current],
  );

  const undo = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setIsBusy(true);
    setError(null);
    try {
      const { entryId } = await journalApi.undo();
      // The undone card comes back to the front, shown, ready to be rated again. It shows only once
      // the queue is back and the page takes keys again (shown earlier, a quick key was dropped).
      const fresh = await journalApi.queue();
      setDone((list) => list.filter((d) => d.entryId !== entryId));
      setData(fresh);
      setIsShown(true);
      focusGoodAfterUndo.current = true;
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      busy.current = false;
      setIsBusy(false);
    }
  }, [setData]);

  // The key listener is attached once and always calls this render's handler (kept in a ref in the
  // same commit), so a key never acts on the card of an earlier render.
  const onKeyRef = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKeyRef.current = function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        void undo();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === ' ' || event.key === 'Enter') {
        if (target?.tagName === 'BUTTON' || target?.tagName === 'A') return;
        event.preventDefault();
        if (!isShown) setIsShown(true);
        else void rate(3);
      } else if (isShown && ['1', '2', '3', '4'].includes(event.key)) {
        event.preventDefault();
        void rate(Number(event.key) as ReviewRating);
      }
    };
  }, [isShown, rate, undo]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => onKeyRef.current(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (state.status === 'loading') return <Loading label="Loading your reviews…" lines={3} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your reviews" />;
  const { forecast, examDate } = state.data;

  return (
    <div className="review-page">
      <div className="page-heading">
        <h1>Review</h1>
        <p className="muted small">
          Space shows the answer, then 1 Again · 2 Hard · 3 Good · 4 Easy (Space = Good). Ctrl+Z undoes.
        </p>
        <BacklogNote backlog={forecast.backlog} />
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {current ? (
        <section className="card review-card" aria-live="polite" data-testid="review-card">
          <p className="muted small">
            {done.length + 1} of {done.length + queue.filter((c) => !doneIds.has(c.id)).length}
            {state.data.dueCount > queue.length ? ` (${state.data.dueCount} due today)` : ''} ·{' '}
            {[labelOf(SYSTEM_OPTIONS, current.system), labelOf(ERROR_TYPE_OPTIONS, current.errorType)]
              .filter(Boolean)
              .join(' · ')}
            {current.questionId ? ` · ${current.bank} #${current.questionId}` : ''}
          </p>
          {current.rule ? <p className="review-prompt">When you see {current.rule.when}…</p> : null}
          {isShown ? (
            <div data-testid="review-answer">
              <p className="review-key-point">{current.keyPoint}</p>
              {current.rule ? (
                <p>
                  …{current.rule.then}, because {current.rule.because}.
                </p>
              ) : null}
              {current.wrongOptions.length > 0 ? (
                <ul>
                  {current.wrongOptions.map((w) => (
                    <li key={w.option}>
                      <strong>{w.option}</strong>: {w.why}
                    </li>
                  ))}
                </ul>
              ) : null}
              {current.teachingPoint ? <p className="muted">{current.teachingPoint}</p> : null}
              <div className="button-row" role="group" aria-label="How well did you recall it?">
                {([1, 2, 3, 4] as const).map((rating) => (
                  <button
                    key={rating}
                    ref={rating === 3 ? goodButton : undefined}
                    type="button"
                    className={`button ${rating === 3 ? 'button--primary' : 'button--secondary'}`}
                    disabled={isBusy}
                    onClick={() => void rate(rating)}
                  >
                    {rating} {RATING_NAMES[rating]}
                  </button>
                ))}
              </div>
            </div>
          ) : (
            <button type="button" className="button button--primary button--large" onClick={() => setIsShown(true)}>
              Show the key point (Space)
            </button>
          )}
        </section>
      ) : (
        <section className="card" data-testid="review-summary">
          <h2>{done.length > 0 ? 'Session done' : 'Nothing due right now'}</h2>
          {state.data.dueCount > queue.length ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setDone([]);
                retry();
              }}
            >
              Continue: {state.data.dueCount - queue.length} more due today
            </button>
          ) : null}
          {done.length > 0 ? (
            <ul>
              {done.map((d) => (
                <li key={d.entryId}>
                  {RATING_NAMES[d.rating]}: {d.keyPoint} — next {formatInstant(d.due)}
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            Coming next: {describeForecastDays(forecast.days.slice(1, 8)) || 'nothing scheduled'}
            {examDate ? ` (spread to the eve of your exam, ${formatLongDate(examDate)})` : ''}.
          </p>
          <Link to="/journal">Back to the journal</Link>
        </section>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--quiet"
          disabled={!state.data.canUndo && done.length === 0}
          onClick={() => void undo()}
        >
          Undo last rating (Ctrl+Z)
        </button>
      </div>
    </div>
  );
}
