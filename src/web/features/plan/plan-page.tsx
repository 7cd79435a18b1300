import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { addDays, compareDates, daysBetween, isLocalDate } from '#domain/common/dates.ts';
import type { ItemStatus } from '#domain/plan/replan.ts';
import { MAX_SPREAD_DAYS } from '#domain/plan/reflow.ts';
import type { WayOut } from '#domain/plan/scheduler.ts';
import type { PlanItemView, PlanResponse } from '#shared/contracts/plan.ts';
import { toApiError } from '../../api/client.ts';
import { PLAN_ICS_URL, api } from '../../api/endpoints.ts';
import { formatLongDate, formatShortDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading, StaleNotice } from '../../components/status.tsx';
import { CalendarFeedSection } from './calendar-feed.tsx';
import { MONTH_VIEW_STEP_DAYS, formatMonthViewRange, formatWeekRange, mondayOf, monthViewWeeks } from './plan-dates.ts';
import { useUser } from '../../app/session.tsx';
import { formName, shortItemTitle } from './plan-labels.ts';
import { DayView, MonthView, WeekView, type MarkState } from './plan-views.tsx';
import { TickOutcomes, usePlanTickSync } from './tick-sync.tsx';
import { usePlanView, type PlanView } from './use-plan-view.ts';

const VIEWS: readonly { id: PlanView; label: string }[] = [
  { id: 'day', label: 'Day' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
];

function readView(value: string | null): PlanView {
  return value === 'month' || value === 'week' || value === 'day' ? value : 'day';
}

function planHref(view: PlanView, date: string) {
  return `/plan?view=${view}&date=${date}`;
}

function stepDate(view: PlanView, date: string, direction: 1 | -1): string {
  if (view === 'month') return addDays(date, MONTH_VIEW_STEP_DAYS * direction);
  return addDays(date, view === 'week' ? 7 * direction : direction);
}

function periodTitle(view: PlanView, date: string): string {
  if (view === 'month') return formatMonthViewRange(date);
  if (view === 'week') return `Week of ${formatWeekRange(date)}`;
  return formatLongDate(date);
}

type Plan = NonNullable<PlanResponse['plan']>;

/** The numbers that matter at a glance: exam date, days left, the bank, practice exams, full-length days. */
function PlanSummary({ plan, today }: { plan: Plan; today: string }) {
  const daysLeft = daysBetween(today, plan.examDate);
  const { summary } = plan;
  const nextExam = summary.practiceExamDates.find((entry) => compareDates(entry.date, today) >= 0);
  const nextFullLength = summary.fullLengthDates.find((date) => compareDates(date, today) >= 0);
  return (
    <section className="plan-summary" aria-label="Plan summary" data-testid="plan-summary">
      <div className="summary-tile summary-tile--exam">
        <p className="stat-label">Step 2 CK</p>
        <p className="summary-value">{formatShortDate(plan.examDate)}</p>
        <p className="summary-note" data-testid="days-left">
          {daysLeft > 1 ? `${daysLeft} days left` : daysLeft === 1 ? 'Tomorrow' : daysLeft === 0 ? 'Today' : 'Passed'}
        </p>
      </div>
      <div className="summary-tile">
        <p className="stat-label">Question bank</p>
        <p className="summary-value">{summary.questionsScheduled.toLocaleString('en-US')} questions</p>
        <p className="summary-note">
          {summary.questionBankFinishDate
            ? `Finished by ${formatShortDate(summary.questionBankFinishDate)}`
            : summary.questionsScheduled > 0
              ? // A plan made before every accepted question had to fit, or one whose last new blocks
                // were moved off: some new questions are not on a day.
                'Not every new question is on the plan: re-plan to fit them'
              : 'No new questions planned'}
        </p>
      </div>
      <div className="summary-tile">
        <p className="stat-label">Practice exams</p>
        <p className="summary-value">{summary.practiceExamDates.length} planned</p>
        <p className="summary-note">
          {nextExam ? `Next: ${formName(nextExam.form)}, ${formatShortDate(nextExam.date)}` : 'None left to sit'}
        </p>
      </div>
      <div className="summary-tile">
        <p className="stat-label">Full-length days</p>
        <p className="summary-value">{summary.fullLengthDates.length} planned</p>
        <p className="summary-note">{nextFullLength ? `Next: ${formatShortDate(nextFullLength)}` : 'None left'}</p>
      </div>
      <details className="plan-dates">
        <summary>All practice exam and full-length dates</summary>
        <div className="plan-dates-lists">
          <div>
            <h3>Practice exams</h3>
            <ul data-testid="practice-exam-dates">
              {summary.practiceExamDates.map((entry) => (
                <li key={`${entry.form}-${entry.date}`}>
                  <Link to={planHref('day', entry.date)}>{formatShortDate(entry.date)}</Link>: {formName(entry.form)}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Full-length simulation days</h3>
            <ul data-testid="full-length-dates">
              {summary.fullLengthDates.map((date) => (
                <li key={date}>
                  <Link to={planHref('day', date)}>{formatLongDate(date)}</Link>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </details>
    </section>
  );
}

/** Missed work and a changed exam date, each with the one button that fixes it. */
function PlanBanners({
  response,
  onReplan,
  isReplanning,
  replanError,
  onChanged,
}: {
  response: PlanResponse;
  onReplan: () => void;
  isReplanning: boolean;
  replanError: { message: string; ways: WayOut[] } | null;
  onChanged: () => void;
}) {
  const plan = response.plan!;
  const { missed } = response;
  const button = (
    <button type="button" className="button button--primary" onClick={onReplan} disabled={isReplanning}>
      {isReplanning ? 'Re-planning…' : 'Re-plan from today'}
    </button>
  );
  return (
    <>
      {replanError ? (
        <WorthALook
          plan={plan}
          onApplied={onChanged}
          title="The re-plan did not work"
          tone="serious"
          sentences={[replanError.message]}
          ways={replanError.ways}
          testId="replan-error"
          hideAfterApply
        />
      ) : null}
      {missed.count > 0 ? (
        <div className="callout callout--warning banner" data-testid="missed-banner" role="status">
          <div className="banner-text">
            <p className="callout-title">
              {missed.count} {missed.count === 1 ? 'item' : 'items'} missed since{' '}
              {missed.since ? formatLongDate(missed.since) : 'the start'}
            </p>
            <p>
              It happens, especially on rotations. Re-planning keeps everything you did, leaves the past as it was, and
              moves the missed work into the days ahead. If something was done but not ticked, mark it first.
            </p>
          </div>
          {button}
        </div>
      ) : null}
      {plan.isExamDateChanged ? (
        <div className="callout callout--info banner" data-testid="exam-date-banner" role="status">
          <div className="banner-text">
            <p className="callout-title">Your exam date changed</p>
            <p>
              This plan runs to {formatLongDate(plan.examDate)}, but your profile now says otherwise. Re-plan to follow
              the new date; what you have done stays done.
            </p>
          </div>
          {missed.count > 0 ? null : button}
        </div>
      ) : null}
      <WorthALook plan={plan} onApplied={onChanged} />
    </>
  );
}

/** ISO dates in the scheduler's sentences, said in the student's locale format. */
function withLocalDates(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => (isLocalDate(iso) ? formatLongDate(iso) : iso));
}

/** The ways out the shortfalls offer that can be applied in one tap, each once (weeks share them). */
function applicableWays(plan: Plan): WayOut[] {
  // Plans stored before the check have arithmetic estimates: no buttons until they are re-planned.
  if (!plan.summary.waysOutChecked) return [];
  const seen = new Set<string>();
  const ways: WayOut[] = [];
  for (const shortfall of plan.summary.shortfalls ?? [])
    for (const way of shortfall.waysOut) {
      if (!way.settingsPatch && !way.examDate) continue;
      const key = JSON.stringify([way.settingsPatch ?? null, way.examDate ?? null]);
      if (seen.has(key)) continue;
      seen.add(key);
      ways.push(way);
    }
  return ways;
}

/** The scheduler's label, its dates in the student's format ("Move the exam 9 days, to …"). */
function wayLabel(way: WayOut): string {
  return withLocalDates(way.label);
}

/** Moves the exam date on the profile, then re-plans to it: the profile holds the date, the plan follows. */
async function moveExamTo(examDate: string): Promise<PlanResponse> {
  const { profile } = await api.profile();
  if (!profile) throw new Error('no profile');
  const { updatedAt: _updatedAt, ...input } = profile;
  await api.saveProfile({ ...input, examDate });
  return api.replan();
}

/** PLAN_INFEASIBLE's `details.waysOut`, kept only when each is shaped like a way out. */
function waysOutOf(details: Readonly<Record<string, unknown>>): WayOut[] {
  const list = details.waysOut;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (way): way is WayOut =>
      typeof way === 'object' &&
      way !== null &&
      typeof (way as WayOut).label === 'string' &&
      ((typeof (way as WayOut).settingsPatch === 'object' && (way as WayOut).settingsPatch !== null) ||
        (typeof (way as WayOut).examDate === 'string' && isLocalDate((way as WayOut).examDate!))),
  );
}

/**
 * "Worth a look": every shortfall in words, and each way out that is known to fit as one button.
 * Also the answer to a re-plan that does not fit (PLAN_INFEASIBLE), with its ways out.
 */
function WorthALook({
  plan,
  onApplied,
  title = 'Worth a look',
  tone = 'warning',
  sentences = plan.warnings,
  ways = applicableWays(plan),
  testId = 'plan-warnings',
  hideAfterApply = false,
}: {
  plan: Plan;
  onApplied: () => void;
  title?: string;
  tone?: 'warning' | 'serious';
  sentences?: readonly string[];
  ways?: readonly WayOut[];
  testId?: string;
  /** A one-off answer (a re-plan that did not fit) goes once a way out has been applied. */
  hideAfterApply?: boolean;
}) {
  const [pending, setPending] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  if (sentences.length === 0 && !result) return null;

  async function apply(way: WayOut) {
    const label = wayLabel(way);
    if (way.examDate && confirming !== label) {
      setConfirming(label);
      return;
    }
    setPending(label);
    setConfirming(null);
    setError(null);
    setResult(null);
    try {
      const response = way.examDate ? await moveExamTo(way.examDate) : await api.applySettingsPatch(way.settingsPatch!);
      const left = response.plan?.summary.shortfalls?.length ?? 0;
      setResult(
        `Done: ${label.charAt(0).toLowerCase()}${label.slice(1)}. ${
          left === 0
            ? 'The plan now gives everything your settings ask for.'
            : `${left} shortfall${left === 1 ? ' is' : 's are'} left; the list below says what still falls short.`
        }`,
      );
      onApplied();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setPending(null);
    }
  }

  return (
    <>
      {result ? (
        <div
          className="callout callout--success"
          role="status"
          tabIndex={-1}
          ref={resultRef}
          data-testid="way-out-result"
        >
          <p>{result}</p>
        </div>
      ) : null}
      {sentences.length > 0 && !(hideAfterApply && result) ? (
        <Callout tone={tone} title={title} testId={testId} role={tone === 'serious' ? 'alert' : undefined}>
          <ul className="plain-list">
            {sentences.map((warning) => (
              <li key={warning}>{withLocalDates(warning)}</li>
            ))}
          </ul>
          {ways.length > 0 ? (
            <div className="plan-ways-out" data-testid="ways-out">
              <p className="plan-ways-out-title">Each of these was tried on your plan and fits. One tap applies it:</p>
              <ul className="plan-ways-out-list">
                {ways.map((way) => {
                  const label = wayLabel(way);
                  const isConfirming = confirming === label;
                  return (
                    <li key={label}>
                      <button
                        type="button"
                        className={`button button--small ${isConfirming ? 'button--primary' : 'button--secondary'}`}
                        onClick={() => void apply(way)}
                        disabled={pending !== null}
                        data-testid="apply-way-out"
                      >
                        {pending === label
                          ? 'Applying…'
                          : isConfirming
                            ? `Yes, move my exam to ${formatLongDate(way.examDate!)}`
                            : label}
                      </button>
                      {isConfirming ? (
                        <p className="small muted">
                          Your plan and profile will use the new date. Change the booking with Prometric yourself: this
                          app cannot do that for you.
                        </p>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </Callout>
      ) : null}
    </>
  );
}

/** Re-flow without a full re-plan: the same work, moved a day on, or the missed work spread. */
function ReflowPanel({ missedCount, onDone }: { missedCount: number; onDone: () => void }) {
  const [days, setDays] = useState(3);
  const [pending, setPending] = useState<'push' | 'spread' | null>(null);
  const [message, setMessage] = useState<{ text: string; isProblem: boolean } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  async function run(kind: 'push' | 'spread') {
    setPending(kind);
    setMessage(null);
    try {
      const response = kind === 'push' ? await api.pushBack() : await api.spreadMissed(days);
      const { moved, removed, notPlaced } = response.reflow;
      setMessage({ text: response.reflow.message, isProblem: moved === 0 || removed > 0 || notPlaced > 0 });
      onDone();
    } catch (caught) {
      setMessage({ text: toApiError(caught).message, isProblem: true });
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="reflow card" aria-labelledby="reflow-title" data-testid="reflow">
      <h2 id="reflow-title" className="reflow-title">
        A day fell apart?
      </h2>
      <p className="small muted">
        These move the work you have without re-making the plan: everything keeps its place in your calendar app, and
        nothing goes into sleep, shifts or past your daily cap.
      </p>
      <div className="reflow-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void run('push')}
          disabled={pending !== null}
          data-testid="push-back"
        >
          {pending === 'push' ? 'Moving…' : 'Push everything back a day'}
        </button>
        {missedCount > 0 ? (
          <div className="reflow-spread">
            <label className="reflow-spread-label" htmlFor="spread-days">
              Spread what I missed over the next
            </label>
            <select
              id="spread-days"
              className="reflow-days"
              value={days}
              onChange={(event) => setDays(Number(event.target.value))}
              data-testid="spread-days"
            >
              {Array.from({ length: MAX_SPREAD_DAYS }, (_, k) => k + 1).map((n) => (
                <option key={n} value={n}>
                  {n} {n === 1 ? 'day' : 'days'}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--primary"
              onClick={() => void run('spread')}
              disabled={pending !== null}
              data-testid="spread-missed"
            >
              {pending === 'spread' ? 'Spreading…' : 'Spread'}
            </button>
          </div>
        ) : null}
      </div>
      {message ? (
        <div
          className={`callout ${message.isProblem ? 'callout--warning' : 'callout--success'}`}
          role="status"
          tabIndex={-1}
          ref={messageRef}
          data-testid="reflow-result"
        >
          <p>{message.text}</p>
        </div>
      ) : null}
    </section>
  );
}

function EmptyPlan({ today }: { today: string }) {
  return (
    <div className="empty-state card" data-testid="no-plan">
      <h1>No plan yet</h1>
      <p>
        A dated plan from today ({formatLongDate(today)}) to your exam: which days are practice exams, which are timed
        blocks, which are for review and rest, around your rotation.
      </p>
      <Link to="/plan/settings" className="button button--primary button--large">
        Build my plan
      </Link>
    </div>
  );
}

/** /plan: the calendar, with a month, a week and a day view (?view=…&date=…). */
export function PlanPage() {
  usePageTitle('Your plan');
  const [params] = useSearchParams();
  const view = readView(params.get('view'));
  const dateParam = params.get('date');
  const date = dateParam && isLocalDate(dateParam) ? dateParam : null;
  const { data, error, refresh, setData, isStale } = usePlanView(view, date);
  const user = useUser();
  // Ticks made offline: shown as waiting on their items; once sent or refused the plan reloads.
  const tickSync = usePlanTickSync(user.id, refresh);
  const [mark, setMark] = useState<MarkState>({ pendingId: null, errors: {} });
  const [isReplanning, setIsReplanning] = useState(false);
  const [replanError, setReplanError] = useState<{ message: string; ways: WayOut[] } | null>(null);
  const [replanned, setReplanned] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (replanned) noticeRef.current?.focus();
  }, [replanned]);

  const hasData = data !== null;
  useEffect(() => {
    if (hasData && window.location.hash === '#calendar-feed') {
      document.getElementById('calendar-feed')?.scrollIntoView({ block: 'start' });
    }
  }, [hasData]);

  if (error && !data) return <LoadError error={error} onRetry={refresh} what="your plan" />;
  if (!data) return <Loading label="Loading your plan…" lines={5} />;

  const { response, anchor } = data;
  if (!response.plan) return <EmptyPlan today={response.today} />;
  const plan = response.plan;
  const today = response.today;

  async function replan() {
    setIsReplanning(true);
    setReplanError(null);
    setReplanned(false);
    try {
      await api.replan();
      setReplanned(true);
      refresh();
    } catch (caught) {
      const apiError = toApiError(caught);
      setReplanError({ message: apiError.message, ways: waysOutOf(apiError.details) });
    } finally {
      setIsReplanning(false);
    }
  }

  async function markItem(item: PlanItemView, status: ItemStatus | null) {
    if (!data) return;
    const previous = data;
    const withStatus = (next: ItemStatus | null) => ({
      ...previous,
      response: {
        ...previous.response,
        days: previous.response.days.map((day) =>
          day.date === item.date
            ? { ...day, items: day.items.map((i) => (i.id === item.id ? { ...i, status: next } : i)) }
            : day,
        ),
      },
    });
    setData(withStatus(status));
    setMark((m) => ({ pendingId: item.id, errors: { ...m.errors, [item.id]: '' } }));
    try {
      // The item as the student sees it goes with a queued tick, to say later what became of it.
      await api.markPlanItem(item.id, status, {
        kind: 'plan-tick',
        itemId: item.id,
        date: item.date,
        start: item.start ?? null,
        title: shortItemTitle(item),
        status,
      });
      setMark((m) => ({ ...m, pendingId: null }));
      // A past day's item changes the missed count in the banner.
      if (compareDates(item.date, today) < 0) refresh();
    } catch (caught) {
      setData(withStatus(item.status));
      setMark((m) => ({ pendingId: null, errors: { ...m.errors, [item.id]: toApiError(caught).message } }));
    }
  }

  const monthDays = monthViewWeeks(anchor).flat();
  const isToday =
    view === 'day'
      ? anchor === today
      : view === 'week'
        ? mondayOf(anchor) === mondayOf(today)
        : monthDays[0]! <= today && today <= monthDays[monthDays.length - 1]!;
  return (
    <div className="plan-page">
      <div className="page-heading plan-heading">
        <div>
          <h1>Your plan</h1>
          <p className="muted small">
            Today is {formatLongDate(today)}. Plan made {formatShortDate(plan.startDate)}, runs to the exam.
          </p>
        </div>
        <Link to="/plan/settings" className="button button--quiet">
          Change settings
        </Link>
      </div>

      {replanned ? (
        <div className="callout callout--success" role="status" tabIndex={-1} ref={noticeRef} data-testid="replanned">
          <p>Re-planned from today. What you did stays done; the work you missed is back in the days ahead.</p>
        </div>
      ) : null}
      {error ? <StaleNotice what="plan" error={error} onRetry={refresh} /> : null}
      <TickOutcomes outcomes={tickSync.outcomes} onDismiss={(seq) => void tickSync.dismiss(seq)} />
      <PlanBanners
        response={response}
        onReplan={replan}
        isReplanning={isReplanning}
        replanError={replanError}
        onChanged={refresh}
      />
      {compareDates(today, plan.examDate) < 0 ? (
        <ReflowPanel
          missedCount={response.missed.count}
          onDone={() => {
            setReplanned(false);
            refresh();
          }}
        />
      ) : null}
      <PlanSummary plan={plan} today={today} />

      <section className="calendar card" aria-labelledby="calendar-title">
        <div className="calendar-toolbar">
          <nav className="view-switch" aria-label="Calendar view">
            {VIEWS.map((option) => (
              <Link
                key={option.id}
                to={planHref(option.id, anchor)}
                className={`view-switch-link${option.id === view ? ' is-current' : ''}`}
                aria-current={option.id === view ? 'page' : undefined}
              >
                {option.label}
              </Link>
            ))}
          </nav>
          <div className="period-nav">
            <Link
              to={planHref(view, stepDate(view, anchor, -1))}
              className="button button--quiet button--small"
              aria-label={`Previous ${view}`}
            >
              ‹<span className="period-nav-text"> Previous</span>
            </Link>
            <Link
              to={planHref(view, today)}
              className="button button--quiet button--small"
              aria-disabled={isToday ? true : undefined}
            >
              Today
            </Link>
            <Link
              to={planHref(view, stepDate(view, anchor, 1))}
              className="button button--quiet button--small"
              aria-label={`Next ${view}`}
            >
              <span className="period-nav-text">Next </span>›
            </Link>
          </div>
        </div>
        <h2 id="calendar-title" className="calendar-title" aria-live="polite">
          {periodTitle(view, anchor)}
          {view === 'day' && anchor === today ? <span className="tag tag--current">Today</span> : null}
        </h2>
        {isStale ? (
          <Loading label="Loading…" lines={2} />
        ) : view === 'month' ? (
          <MonthView anchor={anchor} days={response.days} today={today} />
        ) : view === 'week' ? (
          <WeekView anchor={anchor} days={response.days} today={today} settings={plan.settings} />
        ) : (
          <DayView
            date={anchor}
            day={response.days.find((day) => day.date === anchor)}
            today={today}
            onMark={markItem}
            mark={{ ...mark, waiting: tickSync.waitingIds }}
            settings={plan.settings}
          />
        )}
      </section>

      <section className="plan-links" aria-label="Take your plan with you">
        <a className="button button--secondary" href={PLAN_ICS_URL} download="comeback-plan.ics">
          Download .ics
        </a>
        <a className="button button--secondary" href="#calendar-feed">
          Subscribe in your calendar app
        </a>
        <Link className="button button--secondary" to={`/plan/print?week=${mondayOf(anchor)}`}>
          Print this week
        </Link>
      </section>

      <CalendarFeedSection />
    </div>
  );
}
