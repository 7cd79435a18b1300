import { examWindowOf, type ExamWindow } from '#domain/journal/schedule.ts';
import { buildDueQueue, forecastReviews, type QueueCard } from '#domain/journal/queue.ts';
import type { JournalEntryView } from '#shared/contracts/journal.ts';
import type { Actor, Repos } from '../context.ts';
import type { StoredJournalEntry } from '../repositories/journal.repo.ts';
import { localDateIn } from '../time.ts';

export type ReviewSchedule = {
  nowMs: number;
  today: string;
  timeZone: string;
  exam: ExamWindow | null;
};

/** The instants the journal schedules against: now, today and the exam in the student's zone. */
export async function loadReviewSchedule(repos: Repos, actor: Actor, now: Date): Promise<ReviewSchedule> {
  const profile = await repos.profiles.get(actor.userId);
  const timeZone = profile?.timeZone ?? actor.timeZone ?? 'UTC';
  return {
    nowMs: now.getTime(),
    today: localDateIn(now, timeZone),
    timeZone,
    exam: profile ? examWindowOf(profile.examDate, timeZone) : null,
  };
}

/** The forecast to the exam and today's queue for a set of cards. */
export function forecastFor(cards: readonly QueueCard[], schedule: ReviewSchedule) {
  const forecast = forecastReviews({ cards, ...schedule });
  const queue = buildDueQueue({ cards, forecast, today: schedule.today, nowMs: schedule.nowMs });
  return { forecast, queue };
}

/** An entry as the API shows it. */
export function toEntryView(entry: StoredJournalEntry): JournalEntryView {
  return {
    id: entry.id,
    bank: entry.bank,
    questionId: entry.questionId,
    system: entry.system,
    discipline: entry.discipline,
    errorType: entry.errorType,
    keyPoint: entry.keyPoint,
    wrongOptions: entry.wrongOptions,
    teachingPoint: entry.teachingPoint,
    rule: entry.rule,
    confidence: entry.confidence,
    blockId: entry.blockId,
    due: entry.card.due,
    reps: entry.card.reps,
    lapses: entry.card.lapses,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
}
