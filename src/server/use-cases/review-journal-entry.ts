import { fail, ok, type Result } from '#domain/common/result.ts';
import { applyReview, type ReviewRating } from '#domain/journal/schedule.ts';
import { reviewInputSchema, type ReviewResponse } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import { loadReviewSchedule } from './load-review-schedule.ts';
import { parseInput } from './parse-input.ts';

/**
 * Rates an entry's card (1–4) and stores the rating with the card before and after it, read and
 * written in one transaction under the student's lock, so two ratings never build on one card.
 */
export async function reviewJournalEntry(
  ctx: Context,
  actor: Actor,
  body: unknown,
  idempotent?: IdempotentWrite<ReviewResponse>,
): Promise<Result<ReviewResponse>> {
  const parsed = parseInput(reviewInputSchema, body);
  if (!parsed.ok) return parsed;
  const { entryId, rating, durationMs } = parsed.value;
  return ctx.transactForStudent(actor.userId, async (repos, trx) => {
    const entry = await repos.journal.getEntry(actor.userId, entryId);
    if (!entry) return fail('NOT_FOUND', 'That entry is not in your journal (deleted meanwhile?).');
    const schedule = await loadReviewSchedule(repos, actor, ctx.now());
    const record = applyReview({
      card: entry.card,
      rating: rating as ReviewRating,
      nowMs: schedule.nowMs,
      exam: schedule.exam,
    });
    await repos.journal.insertReview(actor.userId, {
      ...record,
      id: ctx.newId(),
      entryId,
      durationMs: durationMs ?? null,
    });
    const answer: ReviewResponse = { entryId, due: record.cardAfter.due, adjustment: record.adjustment };
    await recordIdempotent(trx, idempotent, answer);
    return ok(answer);
  });
}
