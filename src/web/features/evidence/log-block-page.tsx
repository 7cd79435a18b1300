import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isLocalDate } from '#domain/common/dates.ts';
import { describeBlockCounting } from '#domain/evidence/endurance.ts';
import { formatLongDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { toApiError, type ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { lastKnownRead, lastKnownUser, rememberRead } from '../../app/last-known.ts';
import { useUser } from '../../app/session.tsx';
import type { EvidenceBankResponse } from '#shared/contracts/evidence-api.ts';
import { BANK_NAMES } from './evidence-labels.ts';
import { LogBlockForm, type LoggedBlockSummary } from './log-block-form.tsx';
import { plannedBlocksOn, type PlannedBlocks } from './log-block-values.ts';
import { RecentBlocks } from './question-bank.tsx';

type ToastMessage = { id: number; tone: 'success' | 'info'; content: ReactNode };

/** The toast after a block: what was logged, and whether it ticked off the plan. */
export function describeLoggedBlock(summary: LoggedBlockSummary, today: string): ReactNode {
  const { planItemId, values } = summary;
  // No connection: the block waits in the offline queue (src/web/offline) and nothing is ticked yet.
  if ((summary as { queued?: true }).queued) {
    const queuedNote = describeBlockCounting({ mode: values.mode, isPlanBlockTicked: false });
    return (
      <>
        <p className="toast-title">Saved on this phone, not sent yet: no connection.</p>
        <p>
          It is sent by itself when you are back online, once only, and the plan is ticked then. It shows under “waiting
          to sync” at the top until it is through.
        </p>
        {queuedNote ? <p data-testid="block-counting-note">{queuedNote}</p> : null}
      </>
    );
  }
  const questions = Number(values.questions);
  const correct = Number(values.correct);
  const percent = questions > 0 ? Math.round((correct / questions) * 100) : 0;
  const day = values.date === today ? 'today’s plan' : `your plan for ${formatLongDate(values.date)}`;
  const countingNote = describeBlockCounting({ mode: values.mode, isPlanBlockTicked: Boolean(planItemId) });
  return (
    <>
      <p className="toast-title">
        Logged: {correct} of {questions} ({percent} %), {BANK_NAMES[values.bank]} {values.mode}.
      </p>
      {planItemId && summary.wasTickedBefore ? (
        <p>
          ✓ Matched to the block you had already ticked off in {day}: it counts once, and nothing else was ticked.{' '}
          <Link to={`/plan?view=day&date=${values.date}`}>See the day</Link>
        </p>
      ) : planItemId ? (
        <p>
          ✓ Ticked off a question-bank block in {day}.{' '}
          <Link to={`/plan?view=day&date=${values.date}`}>See the day</Link>
        </p>
      ) : (
        <p>No open question-bank block in {day}, so nothing there was ticked off.</p>
      )}
      {countingNote ? <p data-testid="block-counting-note">{countingNote}</p> : null}
    </>
  );
}

/**
 * The confirmation after a block, in the page above the form rather than floating over it: it pushes
 * the form down instead of covering the Minutes and Date fields, and stays until closed or replaced.
 * The live region is always there so each new message is announced.
 */
function LoggedNotice({ message, onClose }: { message: ToastMessage | null; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Brought into view (the student is usually scrolled down at the chips), the form's top under it.
    if (message) ref.current?.scrollIntoView?.({ block: 'start', behavior: 'instant' });
  }, [message]);
  return (
    <div className="log-notice-region" role="status" aria-live="polite" ref={ref}>
      {message ? (
        <div className={`toast toast--${message.tone} log-notice`} key={message.id} data-testid="toast">
          <div className="toast-body">{message.content}</div>
          <button type="button" className="toast-close" onClick={onClose} aria-label="Close this message">
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The day's planned blocks, read once the day is known; undefined while loading or when it cannot be read. */
function usePlannedBlocks(date: string | null): PlannedBlocks | undefined {
  const [planned, setPlanned] = useState<{ date: string; blocks: PlannedBlocks } | undefined>();
  useEffect(() => {
    if (!date) return;
    let isCurrent = true;
    api.plan({ from: date, to: date }).then(
      (response) => {
        if (isCurrent) setPlanned({ date, blocks: plannedBlocksOn(response, date) });
      },
      // No plan to read (offline, or the server is away): the form keeps the remembered size.
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [date]);
  return planned && planned.date === date ? planned.blocks : undefined;
}

/** What the log page needs of the evidence: the student's today (the server's) and the recent blocks. */
type LogDay = { today: string; recent: EvidenceBankResponse['blocks']['recent'] };

const LOG_DAY_READ = 'log-day';
/** How long a submit waits for the server's today when the form showed this device's copy. */
const CONFIRM_WAIT_MS = 4000;

/**
 * Opened cold on /log (this device remembers no day for its user), the read leaves as soon as
 * this code has run, before the first render rather than after it: the server's Link header had
 * the browser preload it, and this takes that answer. With a remembered day the page renders it
 * first and asks after (useLogDay).
 */
let earlyRead: Promise<EvidenceBankResponse> | null = (() => {
  if (typeof window === 'undefined' || window.location.pathname !== '/log') return null;
  const user = lastKnownUser();
  if (user && lastKnownRead(user.id, LOG_DAY_READ)) return null;
  const read = api.evidenceBank();
  read.catch(() => undefined);
  return read;
})();

/**
 * The student's day for the form, without waiting for the network when this device has seen it
 * before (issue 13, "≤ 1.0 s from a warm service worker"): the last answer, kept for this user only
 * (app/last-known.ts, deleted at sign-out), is shown at once and /api/evidence/bank is asked at the same
 * time; its answer replaces it (a new day moves the form's date, see LogBlockForm). On a first
 * visit the form waits for the answer, which the server's Link header had the browser request
 * alongside the page's scripts (src/server/plugins/first-screen-hints.ts).
 */
function useLogDay() {
  const user = useUser();
  const [day, setDay] = useState<{ userId: string; value: LogDay } | null>(() => {
    const known = lastKnownRead<LogDay>(user.id, LOG_DAY_READ);
    return known ? { userId: user.id, value: known.value } : null;
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  // The read in flight (or done) for what is shown, for the form's submit (confirmToday below).
  const latest = useRef<Promise<EvidenceBankResponse> | null>(null);

  useEffect(() => {
    let isCurrent = true;
    setError(null);
    const read = earlyRead ?? api.evidenceBank();
    earlyRead = null;
    latest.current = read;
    read.then(
      (loaded) => {
        if (!isCurrent) return;
        const value: LogDay = { today: loaded.today, recent: loaded.blocks.recent };
        rememberRead(user.id, LOG_DAY_READ, value);
        setDay({ userId: user.id, value });
      },
      (caught: unknown) => isCurrent && setError(toApiError(caught)),
    );
    return () => {
      isCurrent = false;
    };
  }, [user.id, version]);

  const refresh = useCallback(() => setVersion((n) => n + 1), []);
  const shown = day && day.userId === user.id ? day : null;
  /**
   * The server's today, from the read in flight: at once when it is in; the shown day when the read
   * fails (offline: the queued block keeps the day on screen) or takes longer than CONFIRM_WAIT_MS.
   */
  const confirmToday = useCallback(async (): Promise<string> => {
    const fallback = shown?.value.today ?? '';
    const read = latest.current;
    if (!read) return fallback;
    const timeout = new Promise<null>((resolve) => window.setTimeout(() => resolve(null), CONFIRM_WAIT_MS));
    const answer = await Promise.race([read.catch(() => null), timeout]);
    return answer?.today ?? fallback;
  }, [shown?.value.today]);
  // Never another user's day, even for the render before a sign-in change reaches the effect.
  return { day: shown, error, refresh, confirmToday };
}

/** /log: the block form on its own, for the phone in a call room; the day's blocks under it. */
export function LogBlockPage() {
  usePageTitle('Log a block');
  const [params] = useSearchParams();
  const dateParam = params.get('date');
  const { day, error, refresh, confirmToday } = useLogDay();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const today = day?.value.today ?? null;
  const initialDate = today && dateParam && isLocalDate(dateParam) && dateParam <= today ? dateParam : undefined;
  const planned = usePlannedBlocks(initialDate ?? today);

  if (error && !day) return <LoadError error={error} onRetry={refresh} what="the block form" />;
  if (!day || !today) return <Loading label="Loading…" lines={3} />;

  const todays = day.value.recent.filter((block) => block.date === (initialDate ?? today));

  return (
    <div className="log-page">
      <div className="page-heading log-heading">
        <h1>Log a block</h1>
        <p className="muted small">Right after the block, while you still remember what you missed.</p>
      </div>
      <LoggedNotice message={toast} onClose={() => setToast(null)} />
      <div className="card quick-log-card">
        <LogBlockForm
          today={today}
          confirmToday={confirmToday}
          initialDate={initialDate}
          planned={planned}
          onLogged={(logged) => {
            setToast({
              id: Date.now(),
              tone: logged.planItemId ? 'success' : 'info',
              content: describeLoggedBlock(logged, today),
            });
            refresh();
          }}
        />
      </div>
      <section className="card" aria-labelledby="logged-today-title">
        <h2 id="logged-today-title">
          {initialDate && initialDate !== today ? `Logged on ${formatLongDate(initialDate)}` : 'Logged today'}
        </h2>
        {todays.length === 0 ? (
          <p className="muted">Nothing yet. Your blocks appear here as you log them.</p>
        ) : (
          <RecentBlocks blocks={todays} onDeleted={refresh} />
        )}
        <p className="small">
          <Link to="/evidence">All your scores, weak areas and the verdict →</Link>
        </p>
      </section>
    </div>
  );
}
