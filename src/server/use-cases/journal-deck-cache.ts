/**
 * Each student's parsed journal deck (the scheduling columns of every card, as listCards returns
 * them), kept in this process's memory so the review queue of 5,000 cards does not read and parse
 * 5,000 rows on every request (issue 11: ≤ 10 ms). Only the deck is kept, never the queue or the
 * forecast: those depend on the instant and are computed on every request. It can never serve a
 * stale deck:
 *
 * - The key is the student's journal revision, a counter that database triggers change in the same
 *   transaction as every insert, update and delete of the student's journal entries (migration
 *   202612011300_journal_speed). No write path can forget it: an older release during a rolling
 *   deploy, another instance, a hand-run SQL statement.
 * - On a miss, the revision is read in the same statement as the deck (one snapshot on both
 *   databases), so a deck is stored under exactly the revision it was read at.
 * - Only reads outside a transaction use it (journal.repo.ts): a transaction sees its own
 *   uncommitted writes, and a deck stored under a revision that then rolls back could be served
 *   for the different write that takes the same number next.
 * - A write on another instance changes the revision in the database: the next read here sees it
 *   and reads the deck afresh. Nothing is ever invalidated by a message.
 *
 * A stored deck is frozen (the array and every card), so no caller can change what the next
 * request is served.
 *
 * The cache is per database handle (the Kysely instance: two apps on one handle share it, a test's
 * fresh database gets its own) and bounded, least recently used first out, by students and by
 * cards. A database restored from a backup may repeat a revision this process has seen with other
 * data: docs/deploy.md's restore stops the instances first, which empties it.
 */
import { createKeyedLru, perDatabase } from './keyed-lru.ts';
import type { QueueCard } from '#domain/journal/queue.ts';

/** Students kept per database handle. */
export const DECK_CACHE_STUDENTS = 10_000;
/**
 * Cards kept per database handle, over all students: a card is an object of five fields and its id
 * (about 150 bytes), so 500,000 cards is under 100 MB: a hundred students of 5,000 cards.
 */
export const DECK_CACHE_CARDS = 500_000;

export type JournalDeckCache = {
  /** The deck stored for this student at this revision, or undefined. */
  get(studentId: string, revision: number): readonly QueueCard[] | undefined;
  /** Stores a deck (frozen, with its cards) and returns the frozen deck. */
  set(studentId: string, revision: number, cards: readonly QueueCard[]): readonly QueueCard[];
  readonly size: number;
  readonly cards: number;
};

export function createJournalDeckCache(limits: { students?: number; cards?: number } = {}): JournalDeckCache {
  const lru = createKeyedLru<number, readonly QueueCard[]>({
    maxEntries: limits.students ?? DECK_CACHE_STUDENTS,
    maxWeight: limits.cards ?? DECK_CACHE_CARDS,
    weightOf: (cards) => cards.length,
  });
  return {
    get: (studentId, revision) => lru.get(studentId, revision),
    set(studentId, revision, cards) {
      const frozen = Object.freeze(cards.map(frozenCard));
      // A deck larger than the whole budget is served, not kept (createKeyedLru drops it).
      lru.set(studentId, revision, frozen);
      return frozen;
    },
    get size() {
      return lru.size;
    },
    get cards() {
      return lru.weight;
    },
  };
}

/**
 * A frozen copy of a card, made as one object literal: every stored card has the same shape, the
 * one the forecast is fastest on. (A frozen spread copy, `{ ...card }`, made the forecast of 5,000
 * cards take ~6.5 ms instead of ~3.7 ms, measured in one process on the bench's deck.)
 */
function frozenCard(card: QueueCard): QueueCard {
  return Object.freeze({
    id: card.id,
    dueMs: card.dueMs,
    stability: card.stability,
    lastReviewMs: card.lastReviewMs,
    state: card.state,
  });
}

/** The cache for this database handle (the Kysely instance the repositories are made with). */
export const journalDeckCacheFor = perDatabase(() => createJournalDeckCache());
