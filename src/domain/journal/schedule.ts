/**
 * Capability F, spaced review aimed at exam day (decision 010). FSRS-6 through ts-fsrs decides how
 * memory of a card grows and fades; three exam-day rules then move its due instant:
 *
 * 1. Max interval = the days left to the exam (rounded up, at least 1): no interval runs past exam day.
 * 2. Clamp: a card due on or after the exam's start that is not well retained at the exam (predicted
 *    retrievability at the exam's start below WELL_RETAINED) is due at the start of the eve instead;
 *    so is a card FSRS puts later on the eve itself (a better rating must never come back sooner).
 * 3. Last look: a card that would skip the exam although the exam is more than LAST_LOOK_DAYS away
 *    (its last review would be older than that on exam day: an Easy card, typically) is due at the
 *    start of the eve too, so it comes back once; the forecast spreads the eve (queue.ts).
 *
 * Reviews on or after the eve get the plain FSRS schedule: there is no earlier day left to move to.
 * Every review keeps the card as it was before, so undo restores it exactly.
 */
import { computeDecayFactor, createEmptyCard, fsrs, generatorParameters, State, type Card, type FSRS } from 'ts-fsrs';
import { addDays, type LocalDate } from '../common/dates.ts';
import type { ReviewRating } from './ratings.ts';
import { startOfLocalDay } from './zone.ts';

const DAY_MS = 86_400_000;

/**
 * A card counts as well retained at the exam when FSRS predicts at least a 90 % chance of recall at
 * the exam's start: the same 0.9 that ts-fsrs targets by default (`request_retention` 0.9, DOMAIN.md
 * §5, ts-fsrs defaults). Below it, the card must be seen again before the exam.
 */
export const WELL_RETAINED = 0.9;
/** A card not seen for more than four weeks before the exam comes back once in them (rule 3). */
export const LAST_LOOK_DAYS = 28;
/** ts-fsrs's default maximum interval (DOMAIN.md §5), used once the exam is past. */
const DEFAULT_MAXIMUM_INTERVAL = 36_500;

export { RATINGS, RATING_NAMES, type ReviewRating } from './ratings.ts';

/** An FSRS card as stored: plain JSON, instants as ISO-8601 UTC strings. */
export type ReviewCard = {
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** 0 New, 1 Learning, 2 Review, 3 Relearning (ts-fsrs `State`). */
  state: 0 | 1 | 2 | 3;
  lastReview: string | null;
};

export type Adjustment = 'none' | 'clamped-to-eve' | 'last-look';

/** One rating, with everything needed to undo it exactly and to replay the schedule. */
export type ReviewRecord = {
  rating: ReviewRating;
  reviewedAt: string;
  cardBefore: ReviewCard;
  cardAfter: ReviewCard;
  /** Where plain FSRS (with rule 1's cap) put the card, before rules 2 and 3. */
  fsrsDue: string;
  adjustment: Adjustment;
};

/** The exam as instants in the student's zone. */
export type ExamWindow = { examDate: LocalDate; examStartsAtMs: number; eveStartsAtMs: number };

/** @example examWindowOf('2027-03-01', 'UTC').eveStartsAtMs === Date.parse('2027-02-28T00:00:00Z') */
export function examWindowOf(examDate: LocalDate, timeZone: string): ExamWindow {
  return {
    examDate,
    examStartsAtMs: startOfLocalDay(examDate, timeZone),
    eveStartsAtMs: startOfLocalDay(addDays(examDate, -1), timeZone),
  };
}

const schedulers = new Map<number, FSRS>();

/** ts-fsrs with its defaults (FSRS-6 weights, retention 0.9, short-term steps) but no fuzz: deterministic. */
function schedulerFor(maximumInterval: number): FSRS {
  let scheduler = schedulers.get(maximumInterval);
  if (!scheduler) {
    scheduler = fsrs(generatorParameters({ enable_fuzz: false, maximum_interval: maximumInterval }));
    if (schedulers.size > 2000) schedulers.clear();
    schedulers.set(maximumInterval, scheduler);
  }
  return scheduler;
}

/** FSRS-6's forgetting curve for the default weights, R(t) = (1 + factor · t / S)^decay, computed once. */
const { decay: DECAY, factor: FACTOR } = computeDecayFactor(generatorParameters().w);

function toCard(card: ReviewCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as State,
    ...(card.lastReview === null ? {} : { last_review: new Date(card.lastReview) }),
  };
}

function fromCard(card: Card): ReviewCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as ReviewCard['state'],
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}

/** A card never reviewed, due at once. */
export function createNewCard(nowMs: number): ReviewCard {
  return fromCard(createEmptyCard(new Date(nowMs)));
}

/**
 * The probability of recall at `atMs` (FSRS-6 forgetting curve with the default weights); 0 for a
 * card never reviewed.
 */
export function retrievabilityAt(card: ReviewCard, atMs: number): number {
  return retrievabilityOf(
    {
      state: card.state,
      stability: card.stability,
      lastReviewMs: card.lastReview === null ? null : Date.parse(card.lastReview),
    },
    atMs,
  );
}

/** The same curve from the three stored numbers it needs (the queue reads only these, not whole cards). */
export function retrievabilityOf(
  card: { state: ReviewCard['state']; stability: number; lastReviewMs: number | null },
  atMs: number,
): number {
  if (card.state === State.New || card.lastReviewMs === null || card.stability <= 0) return 0;
  const elapsedDays = Math.max(0, (atMs - card.lastReviewMs) / DAY_MS);
  // ts-fsrs's forgetting_curve, without its rounding to 8 digits (a tenth of the queue's time on 5,000 cards).
  return Math.pow(1 + (FACTOR * elapsedDays) / card.stability, DECAY);
}

/** Rule 1: the days left to the exam's start, rounded up, at least 1; the default once it is past. */
export function maximumIntervalDays(nowMs: number, exam: ExamWindow): number {
  const daysLeft = (exam.examStartsAtMs - nowMs) / DAY_MS;
  return daysLeft <= 0 ? DEFAULT_MAXIMUM_INTERVAL : Math.max(1, Math.ceil(daysLeft));
}

/**
 * Rates a card at `nowMs` and returns the card after it, moved by the exam-day rules, with the record
 * that undoes it. `exam` null: no exam date yet, plain FSRS.
 */
export function applyReview({
  card,
  rating,
  nowMs,
  exam,
}: {
  card: ReviewCard;
  rating: ReviewRating;
  nowMs: number;
  exam: ExamWindow | null;
}): ReviewRecord {
  const maximumInterval = exam ? maximumIntervalDays(nowMs, exam) : DEFAULT_MAXIMUM_INTERVAL;
  const next = fromCard(schedulerFor(maximumInterval).next(toCard(card), new Date(nowMs), rating).card);
  const fsrsDue = next.due;
  let adjustment: Adjustment = 'none';
  const dueMs = Date.parse(fsrsDue);
  if (exam && nowMs < exam.eveStartsAtMs && dueMs >= exam.eveStartsAtMs) {
    // Due during the eve: at its start, so that a card moved to the eve by rule 2 or 3 is never due
    // before one rated lower that FSRS put later on the eve (a better rating never comes back sooner).
    if (dueMs < exam.examStartsAtMs) adjustment = 'clamped-to-eve';
    else if (retrievabilityAt(next, exam.examStartsAtMs) < WELL_RETAINED) adjustment = 'clamped-to-eve';
    else if (exam.examStartsAtMs - nowMs > LAST_LOOK_DAYS * DAY_MS) adjustment = 'last-look';
  }
  const cardAfter = adjustment === 'none' ? next : { ...next, due: new Date(exam!.eveStartsAtMs).toISOString() };
  return { rating, reviewedAt: new Date(nowMs).toISOString(), cardBefore: card, cardAfter, fsrsDue, adjustment };
}

/** The card as it was before the last rating: undo is exact because the record kept it whole. */
export function undoReview(record: ReviewRecord): ReviewCard {
  return record.cardBefore;
}

/**
 * Replays a card's ratings, in time order, from a new card made at `createdAtMs`: the schedule as the
 * current rules and exam date give it (what `reschedule` is for when parameters or the exam change).
 */
export function replayCard({
  createdAtMs,
  reviews,
  exam,
}: {
  createdAtMs: number;
  reviews: readonly { atMs: number; rating: ReviewRating }[];
  exam: ExamWindow | null;
}): { card: ReviewCard; records: ReviewRecord[] } {
  let card = createNewCard(createdAtMs);
  const records: ReviewRecord[] = [];
  for (const review of [...reviews].sort((a, b) => a.atMs - b.atMs)) {
    const record = applyReview({ card, rating: review.rating, nowMs: review.atMs, exam });
    records.push(record);
    card = record.cardAfter;
  }
  return { card, records };
}

/** A card still being learned (never reviewed, or in its learning or relearning steps). */
export function isLearning(card: ReviewCard): boolean {
  return card.state !== State.Review;
}
