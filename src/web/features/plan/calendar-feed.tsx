import { useRef, useState } from 'react';
import type { CalendarReminder } from '#shared/contracts/calendar-feed.ts';
import { apiRequest, toApiError } from '../../api/client.ts';
import { api, type CalendarFeedResponse, type CreatedCalendarFeed } from '../../api/endpoints.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';

/** The reminder choices, off first (the default); "evening before" is 19:00 the day before (EVENING_BEFORE_TIME). */
const REMINDER_OPTIONS: readonly { value: CalendarReminder; label: string }[] = [
  { value: 'none', label: 'No reminder' },
  { value: '15-minutes', label: '15 minutes before' },
  { value: '1-hour', label: '1 hour before' },
  { value: 'evening-before', label: 'The evening before, at 19:00' },
];

/** The same link for calendar apps that open `webcal://` links (Apple Calendar, Outlook on a desktop). */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

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
        We show this link only now. Paste it into your calendar app (the steps are below). If you lose it, make a new
        one.
      </p>
      <p>
        <a className="button button--secondary button--small" href={webcalUrl(created.url)} data-testid="feed-webcal">
          Open in my calendar app
        </a>{' '}
        <span className="small muted">
          (a webcal:// link: Apple Calendar and Outlook on a computer open it directly)
        </span>
      </p>
      <p className="small" role="status">
        {copied === 'copied' ? 'Copied. Paste it into your calendar app.' : null}
        {copied === 'select' ? 'The link is selected: copy it with your keyboard or the menu.' : null}
      </p>
    </div>
  );
}

/** The reminder every event carries, saved as soon as it is chosen. */
function ReminderChoice({ reminder, onSaved }: { reminder: CalendarReminder; onSaved: (r: CalendarReminder) => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function choose(next: CalendarReminder) {
    setIsBusy(true);
    setStatus(null);
    try {
      const saved = await apiRequest<{ reminder: CalendarReminder }>('PUT', '/api/calendar-feed/reminder', {
        reminder: next,
      });
      onSaved(saved.reminder);
      setStatus(
        next === 'none'
          ? 'Saved: no reminders. Calendar apps drop them on their next refresh.'
          : 'Saved. Calendar apps pick it up on their next refresh; a downloaded file has it from now on.',
      );
    } catch (caught) {
      setStatus(toApiError(caught).message);
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="field feed-reminder">
      <label className="field-label" htmlFor="feed-reminder">
        Reminder before each study event
      </label>
      <p className="field-hint" id="feed-reminder-hint">
        Off unless you choose one. Rest days get none. Apple Calendar shows these unless you tick “Remove alerts” when
        subscribing; Google Calendar and Outlook may use their own notification settings for a subscribed calendar
        instead.
      </p>
      <select
        id="feed-reminder"
        value={reminder}
        disabled={isBusy}
        aria-describedby="feed-reminder-hint feed-reminder-status"
        onChange={(event) => void choose(event.target.value as CalendarReminder)}
      >
        {REMINDER_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <p className="small" id="feed-reminder-status" role="status">
        {status}
      </p>
    </div>
  );
}

/** Short steps for the three calendar apps students use most. */
function SubscribeSteps() {
  return (
    <details className="feed-steps" data-testid="feed-steps">
      <summary>How to subscribe: Google Calendar, Apple Calendar, Outlook</summary>
      <h3>Google Calendar</h3>
      <ol>
        <li>On a computer, open calendar.google.com.</li>
        <li>Beside “Other calendars”, choose + and then “From URL”.</li>
        <li>
          Paste the https link and choose “Add calendar”. It shows on your phone too; Google can take hours to refresh.
        </li>
      </ol>
      <h3>Apple Calendar</h3>
      <ol>
        <li>On an iPhone, tap “Open in my calendar app” when you make the link, then “Subscribe”.</li>
        <li>On a Mac, choose File, then “New Calendar Subscription”, and paste the link.</li>
        <li>Set “Auto-refresh” to every hour, so a re-plan shows up the same day.</li>
      </ol>
      <h3>Outlook</h3>
      <ol>
        <li>In Outlook on the web (outlook.com or Microsoft 365), open the calendar.</li>
        <li>Choose “Add calendar”, then “Subscribe from web”.</li>
        <li>Paste the https link, give it a name, and choose “Import”.</li>
      </ol>
    </details>
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
        reminder: state.status === 'ready' ? state.data.reminder : 'none',
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
      setData({
        feed: null,
        setupProblem: state.status === 'ready' ? (state.data.setupProblem ?? null) : null,
        reminder: state.status === 'ready' ? state.data.reminder : 'none',
      });
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
      {state.status === 'ready' ? (
        <ReminderChoice reminder={state.data.reminder} onSaved={(reminder) => setData({ ...state.data, reminder })} />
      ) : null}
      <SubscribeSteps />
    </section>
  );
}
