/**
 * Capability F: which cards to review today, and how many come due on each day up to the exam.
 *
 * - The due queue: today's cards, least retained first (ascending retrievability, as FSRS orders a
 *   backlog), cards whose learning step is still minutes away after the rest.
 * - The forecast: each card on the day it falls due. A backlog (cards due before today: missed days)
 *   is paced: least retained first, a day takes the larger of BACKLOG_MIN_PER_DAY and an even share
 *   over BACKLOG_CATCH_UP_DAYS, on top of its own cards; never a large backlog on one day. In the final weeks
 *   (FINAL_WEEKS_DAYS before the exam, to the eve) no day holds more than SPREAD_MULTIPLE times the
 *   window's average: walking back from the eve, a day over that cap keeps its best-retained cards
 *   and pulls the least retained to the day before, so nothing moves past the eve. What reaches the
 *   window's first day over the cap (it has no day before it) goes to the first later days with room.
 */
import { addDays, type LocalDate } from '../common/dates.ts';
import { retrievabilityOf, type ExamWindow, type ReviewCard } from './schedule.ts';
import { datesFrom, startsOfLocalDays } from './zone.ts';

/** The final weeks: the same four weeks as the last-look rule (schedule.ts, LAST_LOOK_DAYS). */
export const FINAL_WEEKS_DAYS = 28;
/** No day of the final weeks holds more than 1.5 × the window's average (at least 1 card). */
export const SPREAD_MULTIPLE = 1.5;
/** Without an exam date the forecast runs 30 days. */
export const DEFAULT_FORECAST_DAYS = 30;

/**
 * A backlog (cards due before today, after missed days) is spread over this many days from today,
 * least retained first: a missed week comes back over the next one at about twice the usual load,
 * instead of a week's reviews on one day (the pile-up that makes students quit, fsrs4anki-helper #71).
 * Recomputed every day from what is left, so a day never takes more than a seventh of it.
 */
export const BACKLOG_CATCH_UP_DAYS = 7;
/**
 * A backlog of up to 20 cards, about the misses of one 40-question block, is all due today: it is one
 * short sitting, and spreading it would only keep it open longer. Larger backlogs take at least 20 a day.
 */
export const BACKLOG_MIN_PER_DAY = 20;

/** What scheduling reads of a card: the stored due instant and the three numbers of its forgetting curve. */
export type QueueCard = {
  id: string;
  dueMs: number;
  stability: number;
  lastReviewMs: number | null;
  state: ReviewCard['state'];
};

/** @example toQueueCard('a', card).dueMs === Date.parse(card.due) */
export function toQueueCard(id: string, card: ReviewCard): QueueCard {
  return {
    id,
    dueMs: Date.parse(card.due),
    stability: card.stability,
    lastReviewMs: card.lastReview === null ? null : Date.parse(card.lastReview),
    state: card.state,
  };
}

/** The backlog as the forecast paced it. */
export type BacklogPacing = {
  /** Cards due before today. */
  count: number;
  /** How many of them each day takes (today first), or null without a backlog. */
  perDay: number | null;
  /** The last day that takes some of them before any final-weeks spread, or null without a backlog. */
  lastDay: LocalDate | null;
};
export type ForecastDay = { date: LocalDate; count: number };
export type ReviewForecast = {
  days: ForecastDay[];
  /** Well-retained cards first due after the exam (none while the exam is more than four weeks off). */
  afterExamCount: number;
  /** The final weeks' daily cap, or null when the forecast does not reach them. */
  spreadCap: number | null;
  /** The day each card is counted on, by card id (cards after the forecast are absent). */
  dayOf: Map<string, LocalDate>;
  backlog: BacklogPacing;
};

/** A card with its retrievability now, computed once: sorting compares it thousands of times. */
type Ranked = { card: QueueCard; r: number };

/** Least retained first; ties by id so the result does not depend on the input order. */
function byRetention(a: Ranked, b: Ranked): number {
  return a.r - b.r || (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0);
}

/**
 * How many backlog cards a day takes: an even share over BACKLOG_CATCH_UP_DAYS (fewer when the
 * forecast is shorter), at least BACKLOG_MIN_PER_DAY.
 * @example backlogPerDay(300, 60) === 43; backlogPerDay(15, 60) === 20
 */
export function backlogPerDay(backlog: number, forecastDays: number): number {
  const days = Math.max(1, Math.min(BACKLOG_CATCH_UP_DAYS, forecastDays));
  return Math.max(BACKLOG_MIN_PER_DAY, Math.ceil(backlog / days));
}

/** Index of the day `ms` falls in, given the sorted start instants of consecutive days. */
function dayIndexOf(ms: number, starts: readonly number[]): number {
  let low = 0;
  let high = starts.length - 1;
  if (ms < starts[0]!) return -1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (starts[mid]! <= ms) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The day-by-day count of due cards from today to the eve of the exam (or 30 days without one): a
 * backlog paced from today, then spread in the final weeks. `nowMs` orders the least retained first.
 */
export function forecastReviews({
  cards,
  nowMs,
  today,
  exam,
  timeZone,
}: {
  cards: readonly QueueCard[];
  nowMs: number;
  today: LocalDate;
  exam: ExamWindow | null;
  timeZone: string;
}): ReviewForecast {
  const lastDay =
    exam && exam.examDate > today ? addDays(exam.examDate, -1) : addDays(today, DEFAULT_FORECAST_DAYS - 1);
  const dates = datesFrom(today, lastDay);
  // Day starts, plus the start of the day after the last: a due at or past it is after the forecast.
  const starts = startsOfLocalDays([...dates, addDays(lastDay, 1)], timeZone);
  const buckets: Ranked[][] = [];
  for (let i = 0; i < dates.length; i++) buckets.push([]);
  const backlog: Ranked[] = [];
  let afterCount = 0;
  for (let c = 0; c < cards.length; c++) {
    const card = cards[c]!;
    const index = dayIndexOf(card.dueMs, starts);
    if (index >= dates.length) afterCount += 1;
    else (index < 0 ? backlog : buckets[index]!).push({ card, r: retrievabilityOf(card, nowMs) });
  }
  const pacing: BacklogPacing = { count: backlog.length, perDay: null, lastDay: null };
  if (backlog.length > 0) {
    // Least retained first, a day's share at a time, from today on (never past the forecast).
    const perDay = backlogPerDay(backlog.length, dates.length);
    backlog.sort(byRetention);
    for (let i = 0; i < backlog.length; i++)
      buckets[Math.min(dates.length - 1, Math.floor(i / perDay))]!.push(backlog[i]!);
    pacing.perDay = perDay;
    pacing.lastDay = dates[Math.min(dates.length - 1, Math.floor((backlog.length - 1) / perDay))]!;
  }
  let spreadCap: number | null = null;
  if (exam && exam.examDate > today) {
    const windowStart = Math.max(0, dates.length - FINAL_WEEKS_DAYS);
    const windowDays = dates.length - windowStart;
    const inWindow = buckets.slice(windowStart).reduce((sum, b) => sum + b.length, 0);
    spreadCap = Math.max(1, Math.ceil((SPREAD_MULTIPLE * inWindow) / windowDays));
    const cap = spreadCap;
    for (let i = dates.length - 1; i > windowStart; i -= 1) {
      const bucket = buckets[i]!;
      if (bucket.length <= cap) continue;
      bucket.sort(byRetention);
      const pulled = bucket.splice(0, bucket.length - cap);
      buckets[i - 1]!.push(...pulled);
    }
    const first = buckets[windowStart]!;
    if (first.length > cap) {
      first.sort(byRetention);
      const pushed = first.splice(cap);
      for (let i = windowStart + 1; i < dates.length && pushed.length > 0; i += 1) {
        const room = cap - buckets[i]!.length;
        if (room > 0) buckets[i]!.push(...pushed.splice(0, room));
      }
    }
  }
  // dayOf is built when first read: the queue takes today's cards from their bucket (below), and
  // a map of 5,000 ids is a good part of the forecast's time.
  let dayOf: Map<string, LocalDate> | null = null;
  const forecast: ReviewForecast = {
    days: buckets.map((bucket, i) => ({ date: dates[i]!, count: bucket.length })),
    afterExamCount: afterCount,
    spreadCap,
    get dayOf() {
      if (dayOf === null) {
        dayOf = new Map();
        for (let i = 0; i < buckets.length; i++) {
          for (const entry of buckets[i]!) dayOf.set(entry.card.id, dates[i]!);
        }
      }
      return dayOf;
    },
    backlog: pacing,
  };
  countedToday.set(forecast, { cards, today: dates[0]!, nowMs, entries: buckets[0]! });
  return forecast;
}

/**
 * Each forecast's first day (today): its cards with the retrievability they were ranked by. The
 * queue reads them from here instead of looking every card up in dayOf; for other cards, another day
 * or instant, or a forecast built elsewhere, it reads dayOf as before.
 */
const countedToday = new WeakMap<
  ReviewForecast,
  { cards: readonly QueueCard[]; today: LocalDate; nowMs: number; entries: readonly Ranked[] }
>();

/**
 * Today's review queue: the cards the forecast counts on today, least retained first; cards whose
 * next step is still minutes away come after the rest.
 */
export function buildDueQueue({
  cards,
  forecast,
  today,
  nowMs,
}: {
  cards: readonly QueueCard[];
  forecast: ReviewForecast;
  today: LocalDate;
  nowMs: number;
}): { id: string; retrievability: number; isDueNow: boolean }[] {
  const counted = countedToday.get(forecast);
  // The same cards either way when the ids are unique (they are: the table's key, the CLI's check):
  // today's bucket holds exactly the cards dayOf puts on today, with retrievability at nowMs.
  const queue =
    counted && counted.cards === cards && counted.today === today && counted.nowMs === nowMs
      ? counted.entries.map(({ card, r }) => ({ id: card.id, retrievability: r, isDueNow: card.dueMs <= nowMs }))
      : cards
          .filter((c) => forecast.dayOf.get(c.id) === today)
          .map((c) => ({ id: c.id, retrievability: retrievabilityOf(c, nowMs), isDueNow: c.dueMs <= nowMs }));
  return queue.sort(
    (a, b) =>
      Number(b.isDueNow) - Number(a.isDueNow) ||
      a.retrievability - b.retrievability ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
