import { useRef, useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { api, type CalendarFeedResponse, type CreatedCalendarFeed } from '../../api/endpoints.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';

function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The URL, shown once, with a copy button; selecting the text works where the clipboard does not. */
function NewLink({ created }: { created: CreatedCalendarFeed }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied('copied');
    } catch {
      inputRef.current?.select();
      setCopied('select');
    }
  }

  return (
    <div className="feed-new" data-testid="feed-url">
      <label className="field-label" htmlFor="feed-url">
        Your private calendar link
      </label>
      <div className="copy-row">
        <input
          id="feed-url"
          ref={inputRef}
          type="text"
          readOnly
          value={created.url}
          onFocus={(event) => event.target.select()}
          aria-describedby="feed-url-hint"
        />
        <button type="button" className="button button--primary button--small" onClick={copy}>
          Copy link
        </button>
      </div>
      <p className="field-hint" id="feed-url-hint">
        We show this link only now. In your calendar app choose “Subscribe to calendar” or “From URL” and paste it. If
        you lose it, make a new one.
      </p>
      <p className="small" role="status">
        {copied === 'copied' ? 'Copied. Paste it into your calendar app.' : null}
        {copied === 'select' ? 'The link is selected: copy it with your keyboard or the menu.' : null}
      </p>
    </div>
  );
}

/**
 * The private subscription link for calendar apps: create it, see when an app last read it, make
 * a new one (the old stops at once) or turn it off. Anyone with the link can read the plan, so
 * the screen says so before the link exists.
 */
export function CalendarFeedSection() {
  const { state, retry, setData } = useLoad(api.calendarFeed);
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function create(isRotation: boolean) {
    setIsBusy(true);
    setError(null);
    setNotice(null);
    try {
      const made = await api.createCalendarFeed();
      setCreated(made);
      setData({
        feed: { createdAt: made.createdAt, lastReadAt: null },
        setupProblem: null,
      } satisfies CalendarFeedResponse);
      if (isRotation) setNotice('New link made. The old link stopped working just now.');
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setIsBusy(false);
    }
  }

  async function turnOff() {
    setIsBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.turnOffCalendarFeed();
      setCreated(null);
      setData({ feed: null, setupProblem: state.status === 'ready' ? (state.data.setupProblem ?? null) : null });
      setNotice(
        'The link is off. Calendar apps that used it stop getting your plan; events they already copied may stay until you remove the calendar there.',
      );
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setIsBusy(false);
    }
  }

  // The server cannot make a link that works elsewhere (PUBLIC_ORIGIN unset): say so, and who can fix it.
  const setupProblem = state.status === 'ready' ? (state.data.setupProblem ?? null) : null;

  return (
    <section className="card feed" id="calendar-feed" aria-labelledby="feed-title" data-testid="calendar-feed">
      <h2 id="feed-title">Subscribe in your calendar app</h2>
      <p>
        A private link that Google Calendar, Apple Calendar or Outlook can subscribe to. Your calendar app fetches it on
        its own, so when you re-plan, the new days appear there without a new download.
      </p>
      <Callout tone="warning" title="Anyone with the link can see your study plan">
        <p>
          It works like a password: no sign-in is asked. Keep it out of shared documents and group chats. Making a new
          link or turning it off stops the old link at once.
        </p>
      </Callout>
      {state.status === 'loading' ? <Loading label="Checking your calendar link…" lines={1} /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={retry} what="your calendar link" /> : null}
      {error ? (
        <Callout tone="serious" role="alert">
          <p>{error}</p>
        </Callout>
      ) : null}
      {notice ? (
        <Callout tone="success" role="status">
          <p>{notice}</p>
        </Callout>
      ) : null}
      {created ? <NewLink created={created} /> : null}
      {setupProblem ? (
        <Callout tone="serious" title="Calendar links are not set up on this server" role="alert">
          <p data-testid="feed-setup-problem">{setupProblem}</p>
        </Callout>
      ) : null}
      {state.status === 'ready' && state.data.feed ? (
        <>
          <dl className="feed-facts" data-testid="feed-status">
            <div>
              <dt>Link made</dt>
              <dd>{formatInstant(state.data.feed.createdAt)}</dd>
            </div>
            <div>
              <dt>Last read by a calendar app</dt>
              <dd>{state.data.feed.lastReadAt ? formatInstant(state.data.feed.lastReadAt) : 'Not yet'}</dd>
            </div>
          </dl>
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => create(true)}
              disabled={isBusy || setupProblem !== null}
            >
              Make a new link
            </button>
            <button type="button" className="button button--quiet" onClick={turnOff} disabled={isBusy}>
              Turn the link off
            </button>
          </div>
        </>
      ) : null}
      {state.status === 'ready' && !state.data.feed ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => create(false)}
          disabled={isBusy || setupProblem !== null}
        >
          {isBusy ? 'Making your link…' : 'Make my private link'}
        </button>
      ) : null}
    </section>
  );
}
