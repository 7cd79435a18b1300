import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { daysBetween, isLocalDate } from '#domain/common/dates.ts';
import type { PlanResponse } from '#shared/contracts/plan.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { formatLongDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { formatDayShort, formatWeekRange, mondayOf, weekDates } from './plan-dates.ts';
import { DAY_KIND_LABELS, isMarkable, shortItemTitle } from './plan-labels.ts';
import { SUMMARY_ONLY } from './use-plan-view.ts';

type Loaded = { response: PlanResponse; monday: string };

async function loadWeek(week: string | null): Promise<Loaded> {
  let monday = week ? mondayOf(week) : null;
  if (!monday) monday = mondayOf((await api.plan(SUMMARY_ONLY)).today);
  const days = weekDates(monday);
  return { response: await api.plan({ from: days[0]!, to: days[6]! }), monday };
}

/** The printed week: black on white, one page on A4 or Letter, a box to tick beside each item. */
function PrintSheet({ response, monday }: Loaded) {
  const plan = response.plan!;
  const byDate = new Map(response.days.map((day) => [day.date, day]));
  const daysLeft = daysBetween(response.today, plan.examDate);
  return (
    <article className="print-sheet" data-testid="print-week" aria-labelledby="print-title">
      <header className="print-header">
        <p className="print-brand">Comeback · Step 2 CK plan</p>
        <h1 id="print-title">Week of {formatWeekRange(monday)}</h1>
        <p className="print-meta">
          Exam: {formatLongDate(plan.examDate)}
          {daysLeft > 0 ? ` · ${daysLeft} days from today` : ''} · Printed plan as of{' '}
          {formatLongDate(response.today, { withWeekday: false })}
        </p>
      </header>
      <ol className="print-days">
        {weekDates(monday).map((date) => {
          const day = byDate.get(date);
          return (
            <li key={date} className="print-day" data-testid="print-day">
              <h2 className="print-day-title">
                <span>{formatDayShort(date)}</span>
                <span className="print-day-kind">{day ? DAY_KIND_LABELS[day.kind] : 'Not in the plan'}</span>
              </h2>
              {day && day.items.length > 0 ? (
                <ul className="print-items">
                  {day.items.map((item) => (
                    <li key={item.id} className="print-item">
                      <span className="print-box" aria-hidden="true">
                        {isMarkable(item) ? (item.status === 'done' ? '☑' : '☐') : ''}
                      </span>
                      <span className="print-time">
                        {item.start}–{item.end}
                      </span>
                      <span className="print-what">{shortItemTitle(item)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="print-empty">{day?.kind === 'blocked' ? 'Blocked: no study.' : 'Nothing planned.'}</p>
              )}
            </li>
          );
        })}
      </ol>
      <footer className="print-footer">
        Review each block the same day: every explanation, every wrong option. Missed something? Re-plan in Comeback; it
        moves the work forward.
      </footer>
    </article>
  );
}

/** /plan/print?week=YYYY-MM-DD: the printable week, without the app around it. */
export function PlanPrintPage() {
  const [params] = useSearchParams();
  const week = params.get('week');
  const [state, setState] = useState<{ data?: Loaded; error?: ApiError }>({});
  const [attempt, setAttempt] = useState(0);
  const monday = state.data?.monday;
  usePageTitle(monday ? `Week of ${formatWeekRange(monday)}` : 'Print a week');

  useEffect(() => {
    let isCurrent = true;
    setState({});
    loadWeek(week && isLocalDate(week) ? week : null).then(
      (data) => isCurrent && setState({ data }),
      (caught: unknown) => isCurrent && setState({ error: toApiError(caught) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [week, attempt]);

  return (
    <div className="print-page">
      <header className="print-toolbar">
        <Link
          to={monday ? `/plan?view=week&date=${monday}` : '/plan'}
          className="button button--secondary button--small"
        >
          ‹ Back to the plan
        </Link>
        <button
          type="button"
          className="button button--primary button--small"
          onClick={() => window.print()}
          disabled={!state.data?.response.plan}
        >
          Print
        </button>
        <p className="small muted print-toolbar-note">One week per page, on A4 or Letter.</p>
      </header>
      <main id="main" tabIndex={-1} className="print-main">
        {state.error ? (
          <LoadError error={state.error} onRetry={() => setAttempt((n) => n + 1)} what="this week" />
        ) : null}
        {!state.error && !state.data ? <Loading label="Loading the week…" lines={3} /> : null}
        {state.data && !state.data.response.plan ? (
          <div className="card">
            <h1>No plan to print yet</h1>
            <p>
              <Link to="/plan/settings">Build your plan</Link> first.
            </p>
          </div>
        ) : null}
        {state.data?.response.plan ? <PrintSheet {...state.data} /> : null}
      </main>
    </div>
  );
}
