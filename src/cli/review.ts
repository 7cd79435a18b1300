/**
 * `npx comeback review`: the journal's exam-day schedule on cards and their rating histories, with no
 * database (docs/cli.md). Each card is replayed from a new card with the same rules the app uses
 * (src/domain/journal/schedule.ts), then the due cards are counted day by day to the eve of the exam
 * with the final-weeks spread (queue.ts).
 */
import { z } from 'zod';
import { addDays, daysBetween } from '#domain/common/dates.ts';
import { forecastReviews, toQueueCard } from '#domain/journal/queue.ts';
import { examWindowOf, replayCard, retrievabilityAt, type ReviewRating } from '#domain/journal/schedule.ts';
import { startOfLocalDay } from '#domain/journal/zone.ts';
import { localDateSchema, timeZoneSchema } from '#shared/contracts/common.ts';
import { fieldErrorsFrom } from '#shared/contracts/errors.ts';

export type ReviewCliResult = { code: number; stdout: string; stderr: string };

/** Bounds that keep one run under a few seconds: a large deck, a long history per card. */
const MAX_CARDS = 20_000;
const MAX_REVIEWS_PER_CARD = 1_000;
/** As `comeback plan`: an exam more than three years off is a typo. */
const MAX_DAYS_TO_EXAM = 3 * 365;

const instantSchema = z
  .string({ error: 'Give the instant as ISO-8601 text, like 2027-01-02T18:00:00Z.' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    error: 'Give the instant as ISO-8601 text with its zone, like 2027-01-02T18:00:00Z.',
  })
  .refine((v) => Number.isFinite(Date.parse(v)), { error: 'That instant does not exist.' });

const inputSchema = z.strictObject({
  examDate: localDateSchema('the exam date'),
  today: localDateSchema('today'),
  timeZone: timeZoneSchema.default('UTC'),
  cards: z
    .array(
      z.strictObject({
        id: z
          .string({ error: 'Give each card an id.' })
          .min(1, 'Give each card an id.')
          .max(200, 'Keep ids under 200 characters.'),
        /** When the card was made; defaults to its first review (or the start of today). */
        createdAt: instantSchema.optional(),
        reviews: z
          .array(
            z.strictObject({
              at: instantSchema,
              rating: z
                .number({ error: 'Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).' })
                .int('Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).')
                .min(1, 'Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).')
                .max(4, 'Rate 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).'),
            }),
          )
          .max(MAX_REVIEWS_PER_CARD, `At most ${MAX_REVIEWS_PER_CARD} reviews per card.`)
          .default([]),
      }),
    )
    .max(MAX_CARDS, `At most ${MAX_CARDS} cards at once.`)
    .refine((cards) => new Set(cards.map((c) => c.id)).size === cards.length, { error: 'Card ids must be unique.' }),
});

function refuse(message: string, fields: Record<string, string> = {}): ReviewCliResult {
  const lines = [message, ...Object.entries(fields).map(([path, text]) => `  ${path}: ${text}`)];
  return { code: 2, stdout: '', stderr: `${lines.join('\n')}\n` };
}

/** The review command on parsed JSON input. */
export function runReview(input: unknown): ReviewCliResult {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return refuse('The input is not a valid review request.', fieldErrorsFrom(parsed.error));
  const { examDate, today, timeZone, cards } = parsed.data;
  const daysToExam = daysBetween(today, examDate);
  if (daysToExam <= 0)
    return refuse('The exam date must be after today.', { examDate: `${examDate} is not after ${today}.` });
  if (daysToExam > MAX_DAYS_TO_EXAM) {
    return refuse('The exam date is more than 3 years after today.', {
      examDate: 'Choose an exam date within 3 years.',
    });
  }
  const endOfTodayMs = startOfLocalDay(addDays(today, 1), timeZone);
  const problems: Record<string, string> = {};
  cards.forEach((card, c) =>
    card.reviews.forEach((review, r) => {
      if (Date.parse(review.at) >= endOfTodayMs)
        problems[`cards.${c}.reviews.${r}.at`] = `${review.at} is after today (${today}).`;
    }),
  );
  if (Object.keys(problems).length > 0) return refuse('Some reviews are dated after today.', problems);

  const exam = examWindowOf(examDate, timeZone);
  const startOfTodayMs = startOfLocalDay(today, timeZone);
  // Retrievability is read at the latest moment the input knows of (a loop: a deck can hold millions of reviews).
  let latestReviewMs = startOfTodayMs;
  for (const c of cards) for (const r of c.reviews) latestReviewMs = Math.max(latestReviewMs, Date.parse(r.at));
  const replayed = cards.map((card) => {
    const reviews = card.reviews.map((r) => ({ atMs: Date.parse(r.at), rating: r.rating as ReviewRating }));
    const firstMs = reviews.length > 0 ? Math.min(...reviews.map((r) => r.atMs)) : startOfTodayMs;
    const createdAtMs = card.createdAt ? Math.min(Date.parse(card.createdAt), firstMs) : firstMs;
    const { card: state, records } = replayCard({ createdAtMs, reviews, exam });
    return { id: card.id, card: state, adjustment: records.at(-1)?.adjustment ?? 'none' };
  });
  const forecast = forecastReviews({
    cards: replayed.map((r) => toQueueCard(r.id, r.card)),
    nowMs: latestReviewMs,
    today,
    exam,
    timeZone,
  });
  const output = {
    examDate,
    today,
    timeZone,
    cards: replayed.map((r) => ({
      id: r.id,
      due: r.card.due,
      countedOn: forecast.dayOf.get(r.id) ?? null,
      adjustment: r.adjustment,
      reviews: r.card.reps,
      lapses: r.card.lapses,
      stability: r.card.stability,
      retrievabilityAtExam: retrievabilityAt(r.card, exam.examStartsAtMs),
    })),
    forecast: forecast.days,
    afterExamCount: forecast.afterExamCount,
    spreadCap: forecast.spreadCap,
  };
  return { code: 0, stdout: `${JSON.stringify(output, null, 2)}\n`, stderr: '' };
}
