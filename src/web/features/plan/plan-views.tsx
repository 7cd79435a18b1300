import { Link } from 'react-router';
import { compareDates } from '#domain/common/dates.ts';
import { busyTimeOn, describeBusyTime } from '#domain/plan/busy-time.ts';
import type { PracticeFormId } from '#domain/exam/practice-forms.ts';
import { countsAsMissed } from '#domain/plan/item-rules.ts';
import type { ItemStatus } from '#domain/plan/replan.ts';
import type { DayKind } from '#domain/plan/scheduler.ts';
import type { PlanSettings } from '#domain/plan/settings.ts';
import type { PlanDayView, PlanItemView } from '#shared/contracts/plan.ts';
import { formatLongDate } from '../../components/dates.ts';
import {
  formatDayShort,
  formatMinutes,
  formatWeekday,
  formatWeekdayShort,
  formatMonthShort,
  monthViewWeeks,
  weekDates,
} from './plan-dates.ts';
import {
  DAY_KIND_LABELS,
  DAY_KIND_SHORT,
  ITEM_KIND_LABELS,
  LEGEND_KINDS,
  formName,
  isMarkable,
  shortItemTitle,
} from './plan-labels.ts';

export function dayHref(date: string) {
  return `/plan?view=day&date=${date}`;
}

/** Practice exams sat, by form: a deep review of one not sat is not missed (it moves with its exam). */
function satFormsOf(days: readonly PlanDayView[]) {
  return new Set(
    days
      .flatMap((d) => d.items)
      .filter((i) => i.kind === 'practice-exam' && i.status === 'done')
      .map((i) => i.form),
  );
}

/**
 * Done, total and still open of the day's tickable items; `missed` by the domain's rule (the one
 * the server's missed count uses).
 */
function dayProgress(
  day: PlanDayView,
  today = '',
  satForms: ReadonlySet<PracticeFormId | undefined> = new Set(),
): { done: number; total: number; open: number; missed: number } {
  const markable = day.items.filter(isMarkable);
  return {
    done: markable.filter((item) => item.status === 'done').length,
    total: markable.length,
    open: markable.filter((item) => item.status === null).length,
    missed: today ? day.items.filter((item) => countsAsMissed(item, today, satForms)).length : 0,
  };
}

function describeDay(
  day: PlanDayView | undefined,
  today: string,
  satForms: ReadonlySet<PracticeFormId | undefined>,
): string {
  if (!day) return 'not in your plan';
  const { done, total, missed } = dayProgress(day, today, satForms);
  const parts: string[] = [];
  if (total > 0 && done === total) parts.push('all done');
  else if (total > 0 && done > 0) parts.push(`${done} of ${total} done`);
  if (missed > 0) parts.push(`${missed} missed`);
  return parts.join(', ');
}

/** What a practice-exam or deep-review day is about: the form's name, shortened for a cell. */
function dayDetail(day: PlanDayView): string | null {
  const item = day.items.find((i) => i.kind === 'practice-exam' || i.kind === 'deep-review');
  if (!item?.form) return null;
  return formName(item.form)
    .replace('UWorld Self-Assessment', 'UWSA')
    .replace('NBME CCSSA Form', 'NBME')
    .replace('USMLE Free 120', 'Free 120')
    .replace('AMBOSS Self-Assessment', 'AMBOSS SA');
}

export function KindLegend() {
  return (
    <ul className="legend" aria-label="What the colours mean">
      {LEGEND_KINDS.map((kind) => (
        <li key={kind} className="legend-item">
          <span className={`legend-swatch kind--${kind}`} aria-hidden="true" />
          {DAY_KIND_LABELS[kind]}
        </li>
      ))}
    </ul>
  );
}

/** Five weeks as a grid: each day coloured and named by what it is for; a tap opens the day. */
export function MonthView({ anchor, days, today }: { anchor: string; days: PlanDayView[]; today: string }) {
  const byDate = new Map(days.map((day) => [day.date, day]));
  const weeks = monthViewWeeks(anchor);
  const satForms = satFormsOf(days);
  return (
    <div className="month" data-testid="month-view">
      <table className="month-grid">
        <thead>
          <tr>
            {weeks[0]!.map((date) => (
              <th key={date} scope="col" abbr={formatWeekday(date)}>
                {formatWeekdayShort(date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((date) => {
                const day = byDate.get(date);
                const isMonthStart = date.endsWith('-01') || date === weeks[0]![0];
                const progress = day ? dayProgress(day, today, satForms) : null;
                const isAllDone = progress !== null && progress.total > 0 && progress.done === progress.total;
                const isMissed = progress !== null && progress.missed > 0;
                const detail = day ? dayDetail(day) : null;
                const classes = [
                  'month-cell',
                  day ? `kind--${day.kind}` : 'month-cell--empty',
                  compareDates(date, today) < 0 ? 'month-cell--past' : '',
                  date === today ? 'month-cell--today' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td key={date} className={classes} data-date={date} data-kind={day?.kind ?? ''}>
                    {/* The link's name starts with what the cell shows ("16 Blocks"), so a person using voice
                        control can say it (WCAG 2.5.3); the full date and progress follow, for a screen reader. */}
                    <Link to={dayHref(date)} className="month-cell-link">
                      <span className="month-cell-number">
                        {isMonthStart ? `${formatMonthShort(date)} ` : ''}
                        {Number(date.slice(8))}
                      </span>
                      {day ? (
                        <>
                          {' '}
                          <span className="month-cell-kind month-cell-kind--short">
                            {/* On a phone a practice-exam day names its form: "UWSA 1" says more than "Practice". */}
                            {day.kind === 'practice-exam' && detail
                              ? detail.replace(/ /g, '')
                              : DAY_KIND_SHORT[day.kind]}
                          </span>{' '}
                          <span className="month-cell-kind month-cell-kind--long">{DAY_KIND_LABELS[day.kind]}</span>
                          {detail ? (
                            <>
                              {' '}
                              <span className="month-cell-detail">{detail}</span>
                            </>
                          ) : null}
                        </>
                      ) : null}
                      <span className="visually-hidden">
                        {[
                          `, ${formatLongDate(date)}`,
                          day ? DAY_KIND_LABELS[day.kind] : '',
                          describeDay(day, today, satForms),
                          date === today ? 'today' : '',
                        ]
                          .filter(Boolean)
                          .join(', ')}
                      </span>
                      {isAllDone ? (
                        <span className="month-cell-mark month-cell-mark--done" aria-hidden="true">
                          ✓
                        </span>
                      ) : isMissed ? (
                        <span className="month-cell-mark month-cell-mark--missed" aria-hidden="true">
                          !
                        </span>
                      ) : null}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <KindLegend />
      <p className="small muted">✓ every item done · ! something missed. Tap a day to see its times.</p>
    </div>
  );
}

/** The rows of the plan settings that take time on a date (protected slots, calls), by the student's labels. */
export type BusySettings = Pick<PlanSettings, 'protectedTime' | 'exceptions'>;

/**
 * Why a day holds less study: the student's own labels ("24-hour call, 07:00 to 07:00 the next
 * day"), from the plan's settings (the rows the scheduler cut out). Nothing on a day with none.
 */
function BusyTimeNote({ settings, date, className }: { settings?: BusySettings; date: string; className: string }) {
  const busy = settings ? busyTimeOn(settings, date) : [];
  if (busy.length === 0) return null;
  return (
    <p className={className} data-testid="day-busy">
      Not study time: {busy.map(describeBusyTime).join('; ')}.
    </p>
  );
}

function ItemTime({ item }: { item: PlanItemView }) {
  return (
    <span className="item-time">
      {item.start}–{item.end}
    </span>
  );
}

/** Monday to Sunday: seven columns on a laptop, the days stacked on a phone. */
export function WeekView({
  anchor,
  days,
  today,
  settings,
}: {
  anchor: string;
  days: PlanDayView[];
  today: string;
  settings?: BusySettings;
}) {
  const byDate = new Map(days.map((day) => [day.date, day]));
  return (
    <ol className="week" data-testid="week-view">
      {weekDates(anchor).map((date) => {
        const day = byDate.get(date);
        return (
          <li
            key={date}
            className={`week-day${day ? ` kind--${day.kind}` : ' week-day--empty'}${date === today ? ' week-day--today' : ''}`}
            data-date={date}
          >
            <Link to={dayHref(date)} className="week-day-header">
              <span className="week-day-name">
                {formatDayShort(date)}
                {date === today ? <span className="tag tag--current">Today</span> : null}
              </span>
              <span className="week-day-kind">{day ? DAY_KIND_LABELS[day.kind] : 'Not in your plan'}</span>
            </Link>
            {day ? <BusyTimeNote settings={settings} date={date} className="week-day-busy small muted" /> : null}
            {day && day.items.length > 0 ? (
              <ul className="week-items">
                {day.items.map((item) => (
                  <li
                    key={item.id}
                    className={`week-item item-kind--${item.kind}${item.status ? ` is-${item.status}` : ''}`}
                    title={item.title}
                  >
                    <ItemTime item={item} />
                    <span className="week-item-title">{shortItemTitle(item)}</span>
                    {item.status ? (
                      <span className="week-item-status">{item.status === 'done' ? '✓ done' : 'skipped'}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : day ? (
              <p className="week-empty">{day.kind === 'blocked' ? 'No study: blocked.' : 'Nothing planned.'}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

const STATUS_TEXT: Record<ItemStatus, string> = { done: 'Done', skipped: 'Skipped' };

export type MarkState = {
  pendingId: string | null;
  errors: Readonly<Record<string, string>>;
  /** Items whose tick waits on this phone for the network (the offline queue). */
  waiting?: ReadonlySet<string>;
};

/** One item with its time, what it is, and Done / Skip: one tap marks it, the same tap again clears it. */
function DayItem({
  item,
  onMark,
  mark,
}: {
  item: PlanItemView;
  onMark: (item: PlanItemView, status: ItemStatus | null) => void;
  mark: MarkState;
}) {
  const error = mark.errors[item.id];
  const isPending = mark.pendingId === item.id;
  const isWaiting = mark.waiting?.has(item.id) ?? false;
  const canMark = isMarkable(item);
  return (
    <li
      className={`day-item item-kind--${item.kind}${item.status ? ` is-${item.status}` : ''}`}
      data-testid="plan-item"
      data-item-id={item.id}
      data-status={item.status ?? ''}
    >
      <div className="day-item-time">
        <ItemTime item={item} />
        <span className="day-item-duration">{formatMinutes(item.minutes)}</span>
      </div>
      <div className="day-item-body">
        <p className="day-item-kind">{ITEM_KIND_LABELS[item.kind]}</p>
        <p className="day-item-title">{item.title}</p>
        {item.status || isWaiting ? (
          <p className="day-item-state">
            {item.status ? <span className={`tag tag--status-${item.status}`}>{STATUS_TEXT[item.status]}</span> : null}
            {isWaiting ? (
              <span className="tick-waiting" data-testid="tick-waiting">
                {' '}
                · saved on this phone, waiting to sync
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
      {canMark ? (
        <div className="day-item-actions">
          {(['done', 'skipped'] as const).map((status) => {
            const isOn = item.status === status;
            return (
              <button
                key={status}
                type="button"
                className={`button button--small mark-button mark-button--${status}${isOn ? ' is-on' : ''}`}
                aria-pressed={isOn}
                // aria-disabled, not disabled: a disabled button loses the keyboard focus, which then
                // falls to the page's top while the mark saves.
                aria-disabled={isPending || undefined}
                onClick={() => {
                  if (!isPending) onMark(item, isOn ? null : status);
                }}
              >
                {status === 'done' ? (isOn ? '✓ Done' : 'Done') : isOn ? 'Skipped' : 'Skip'}
                <span className="visually-hidden">
                  {isOn ? ' (press again to clear)' : ''}: {item.title}
                </span>
              </button>
            );
          })}
        </div>
      ) : null}
      {error ? (
        <p className="field-error day-item-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** One day: every item with its times, each marked done or skipped in one tap. */
export function DayView({
  date,
  day,
  today,
  onMark,
  mark,
  settings,
}: {
  date: string;
  day: PlanDayView | undefined;
  today: string;
  onMark: (item: PlanItemView, status: ItemStatus | null) => void;
  mark: MarkState;
  settings?: BusySettings;
}) {
  if (!day) {
    return (
      <div className="day" data-testid="day-view">
        <p className="day-empty">This day is not part of your plan: it runs from its first day to your exam.</p>
      </div>
    );
  }
  const progress = dayProgress(day);
  const isPast = compareDates(date, today) < 0;
  // A block is logged once it is done, so the quick log shows on today and past days with blocks.
  const hasBlocks =
    compareDates(date, today) <= 0 &&
    day.items.some((item) => item.kind === 'qbank-block' || item.kind === 'second-pass-block');
  return (
    <div className={`day kind--${day.kind}`} data-testid="day-view" data-date={date}>
      <div className="day-header">
        <span className={`day-kind-tag kind--${day.kind}`}>{DAY_KIND_LABELS[day.kind]}</span>
        {progress.total > 0 ? (
          <span className="day-progress" data-testid="day-progress">
            {progress.done} of {progress.total} done
            {isPast && progress.open > 0 ? ` · ${progress.open} not marked` : ''}
          </span>
        ) : null}
        {hasBlocks ? (
          <Link
            to={date === today ? '/log' : `/log?date=${date}`}
            className="button button--primary button--small day-log-link"
            data-testid="day-log-block"
          >
            Log a block
          </Link>
        ) : null}
      </div>
      <BusyTimeNote settings={settings} date={date} className="day-busy muted" />

      {day.items.length === 0 ? (
        <p className="day-empty">{emptyDayText(day.kind)}</p>
      ) : (
        <ol className="day-items">
          {day.items.map((item) => (
            <DayItem key={item.id} item={item} onMark={onMark} mark={mark} />
          ))}
        </ol>
      )}
    </div>
  );
}

function emptyDayText(kind: DayKind): string {
  if (kind === 'blocked') return 'Blocked: no study planned. Rotation, shift or life comes first today.';
  if (kind === 'rest') return 'A rest day. Nothing to tick off; rest is part of the plan.';
  return 'Nothing is planned for this day.';
}
