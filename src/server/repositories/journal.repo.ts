import { sql, type Kysely, type Transaction } from 'kysely';
import type { DisciplineId, SystemId } from '#domain/evidence/areas.ts';
import type { QuestionBank } from '#domain/evidence/logging.ts';
import type { Confidence, DecisionRule, ErrorType, JournalEntry, WrongOption } from '#domain/journal/entry.ts';
import { toQueueCard, type QueueCard } from '#domain/journal/queue.ts';
import type { Adjustment, ReviewCard, ReviewRating, ReviewRecord } from '#domain/journal/schedule.ts';
import type { DB, JournalEntriesTable, JournalReviewsTable } from '../db/schema.ts';

export type StoredJournalEntry = JournalEntry & {
  id: string;
  blockId: string | null;
  card: ReviewCard;
  createdAt: string;
  updatedAt: string;
};

export type StoredReview = ReviewRecord & { id: string; entryId: string; durationMs: number | null };

type Writer = Kysely<DB> | Transaction<DB>;

function toEntry(row: JournalEntriesTable): StoredJournalEntry {
  return {
    id: row.id,
    bank: row.bank as QuestionBank,
    questionId: row.question_id,
    system: row.system as SystemId | null,
    discipline: row.discipline as DisciplineId | null,
    errorType: row.error_type as ErrorType,
    keyPoint: row.key_point,
    wrongOptions: JSON.parse(row.wrong_options_json) as WrongOption[],
    teachingPoint: row.teaching_point,
    rule: row.rule_json === null ? null : (JSON.parse(row.rule_json) as DecisionRule),
    confidence: row.confidence as Confidence | null,
    blockId: row.block_id,
    card: JSON.parse(row.card_json) as ReviewCard,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toReview(row: JournalReviewsTable): StoredReview {
  return {
    id: row.id,
    entryId: row.entry_id,
    rating: Number(row.rating) as ReviewRating,
    reviewedAt: row.reviewed_at,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    cardBefore: JSON.parse(row.card_before_json) as ReviewCard,
    cardAfter: JSON.parse(row.card_after_json) as ReviewCard,
    fsrsDue: row.fsrs_due,
    adjustment: row.adjustment as Adjustment,
  };
}

/** The card as JSON (exact: undo and replay read it) and the four numbers the queue reads alone. */
function cardColumns(card: ReviewCard) {
  const queued = toQueueCard('', card);
  return {
    card_json: JSON.stringify(card),
    due_at: card.due,
    due_ms: queued.dueMs,
    stability: queued.stability,
    last_review_ms: queued.lastReviewMs,
    card_state: queued.state,
    card_lapses: card.lapses,
  };
}

function contentColumns(entry: JournalEntry) {
  return {
    bank: entry.bank,
    question_id: entry.questionId,
    system: entry.system,
    discipline: entry.discipline,
    error_type: entry.errorType,
    key_point: entry.keyPoint,
    wrong_options_json: JSON.stringify(entry.wrongOptions),
    teaching_point: entry.teachingPoint,
    rule_json: entry.rule === null ? null : JSON.stringify(entry.rule),
    confidence: entry.confidence,
  };
}

/** 200 rows × 22 columns stays far under SQLite's and PostgreSQL's bound-parameter limits. */
export const INSERT_CHUNK = 200;

/** Between the ids of listCards' one-row read: no id the app makes holds a line break. */
const ID_SEPARATOR = '\n';
/** A scheduling column of every card, as JSON numbers ('null' for a column left empty) joined by commas. */
const numbersOf = (column: 'due_ms' | 'stability' | 'last_review_ms' | 'card_state') =>
  sql<string | null>`string_agg(coalesce(cast(${sql.ref(column)} as text), 'null'), ',')`;

/** A card as the queue reads it, or with nulls where a row was written without its columns. */
type CardRow = {
  id: string;
  dueMs: number | null;
  stability: number | null;
  lastReviewMs: number | null;
  state: QueueCard['state'] | null;
};

/**
 * The cards in listCards' one row (the ids, then each scheduling column), or null when the
 * strings do not hold exactly `count` ids and `count` numbers (or nulls) of each column.
 */
function parseCardStrings(
  count: number,
  row: { ids: string | null; due: string | null; stability: string | null; last: string | null; state: string | null },
): CardRow[] | null {
  const { ids, due, stability, last, state } = row;
  if (ids === null || due === null || stability === null || last === null || state === null) return null;
  const idList = ids.split(ID_SEPARATOR);
  if (idList.length !== count) return null;
  let values: unknown;
  try {
    // One parse for the four columns, one after the other.
    values = JSON.parse(`[${due},${stability},${last},${state}]`);
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length !== 4 * count) return null;
  for (let i = 0; i < values.length; i++) if (!isNumberOrNull(values[i])) return null;
  const numbers = values as (number | null)[];
  const cards = new Array<CardRow>(count);
  for (let i = 0; i < count; i++) {
    cards[i] = {
      id: idList[i]!,
      dueMs: numbers[i]!,
      stability: numbers[count + i]!,
      lastReviewMs: numbers[2 * count + i]!,
      state: numbers[3 * count + i] as QueueCard['state'] | null,
    };
  }
  return cards;
}

function isNumberOrNull(value: unknown): value is number | null {
  return value === null || typeof value === 'number';
}

const hasReviewSql = (userId: string) =>
  sql<number | null>`(select 1 from journal_reviews where user_id = ${userId} limit 1)`;
/** The student's journal revision (migration 202612011300_journal_speed); no row is revision 0. */
const revisionSql = (userId: string) =>
  sql<number | string | null>`(select revision from journal_revisions where user_id = ${userId})`;

/** Wrong-answer journal entries and their review logs. Every call is scoped to the acting user. */
export function createJournalRepo(db: Kysely<DB>) {
  /** The one-row read of listCards (doc there), with or without whether any rating is stored. */
  async function readDeck(
    userId: string,
    withReviews: boolean,
  ): Promise<{ cards: QueueCard[]; hasReviews: boolean; revision: number }> {
    const row = await db
      .selectFrom('journal_entries')
      .select([
        sql<number | string>`count(*)`.as('count'),
        // string_agg skips a NULL id that count(*) counts: with one, the strings are not trusted.
        sql<number | string>`count(id)`.as('id_count'),
        sql<string | null>`string_agg(id, ${ID_SEPARATOR})`.as('ids'),
        numbersOf('due_ms').as('due'),
        numbersOf('stability').as('stability'),
        numbersOf('last_review_ms').as('last'),
        numbersOf('card_state').as('state'),
        (withReviews ? hasReviewSql(userId) : sql<null>`null`).as('has_review'),
        // In the same statement, so of the same snapshot as the deck: the deck cache's key.
        revisionSql(userId).as('revision'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    const hasReviews = row?.has_review != null;
    const revision = Number(row?.revision ?? 0);
    const count = Number(row?.count ?? 0);
    if (count === 0) return { cards: [], hasReviews, revision };
    const parsed = row && Number(row.id_count) === count ? parseCardStrings(count, row) : null;
    return { cards: await withCardFallback(userId, parsed ?? (await listCardRows(userId))), hasReviews, revision };
  }

  /** listCards' cards a row at a time (named as QueueCard's fields, so the rows are the cards). */
  async function listCardRows(userId: string): Promise<CardRow[]> {
    return (await db
      .selectFrom('journal_entries')
      .select(['id', 'due_ms as dueMs', 'stability', 'last_review_ms as lastReviewMs', 'card_state as state'])
      .where('user_id', '=', userId)
      .execute()) as CardRow[];
  }

  /** The cards, with those of rows written without the columns read from their card_json. */
  async function withCardFallback(userId: string, rows: CardRow[]): Promise<QueueCard[]> {
    const isMissing = (r: CardRow) => r.dueMs === null || r.stability === null || r.state === null;
    const missing = rows.filter(isMissing);
    if (missing.length === 0) return rows as QueueCard[];
    const full = new Map(
      (
        await repo.getEntries(
          userId,
          missing.map((r) => r.id),
        )
      ).map((e) => [e.id, toQueueCard(e.id, e.card)]),
    );
    return rows.flatMap((r) => (isMissing(r) ? (full.get(r.id) ?? []) : [r as QueueCard]));
  }

  const repo = {
    /** Stores entries with their new cards, in the caller's transaction (the write batcher's). */
    async insertEntries(
      trx: Writer,
      userId: string,
      entries: readonly { id: string; entry: JournalEntry; blockId: string | null; card: ReviewCard; now: string }[],
    ): Promise<void> {
      await repo.insertEntriesOfUsers(
        trx,
        entries.map((e) => ({ ...e, userId })),
      );
    },

    /**
     * insertEntries for rows of any users (the entry batcher's: several students' entries in one
     * statement). Up to INSERT_CHUNK rows make one INSERT, so one statement is one transaction.
     */
    async insertEntriesOfUsers(
      trx: Writer,
      entries: readonly {
        userId: string;
        id: string;
        entry: JournalEntry;
        blockId: string | null;
        card: ReviewCard;
        now: string;
      }[],
    ): Promise<void> {
      for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
        await trx
          .insertInto('journal_entries')
          .values(
            entries.slice(start, start + INSERT_CHUNK).map(({ userId, id, entry, blockId, card, now }) => ({
              id,
              user_id: userId,
              ...contentColumns(entry),
              block_id: blockId,
              ...cardColumns(card),
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
      }
    },

    /** Replaces what an entry says; its card and reviews stay. False when the user has no such entry. */
    async updateEntry(userId: string, id: string, entry: JournalEntry, now: string): Promise<boolean> {
      const result = await db
        .updateTable('journal_entries')
        .set({ ...contentColumns(entry), updated_at: now })
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Deletes an entry and its review log. */
    async deleteEntry(userId: string, id: string): Promise<boolean> {
      await db.deleteFrom('journal_reviews').where('user_id', '=', userId).where('entry_id', '=', id).execute();
      const result = await db
        .deleteFrom('journal_entries')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async getEntry(userId: string, id: string): Promise<StoredJournalEntry | undefined> {
      const row = await db
        .selectFrom('journal_entries')
        .selectAll()
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toEntry(row) : undefined;
    },

    /** The entries with these ids, in no particular order (ids the user does not own are left out). */
    async getEntries(userId: string, ids: readonly string[]): Promise<StoredJournalEntry[]> {
      if (ids.length === 0) return [];
      // `user_id || ''` keeps the user scope but not as an index choice: with it, SQLite (no table
      // statistics) scanned every one of the user's 5,000 rows through the user index instead of
      // looking the 50 ids up by primary key (11 ms against well under 1 ms).
      const rows = await db
        .selectFrom('journal_entries')
        .selectAll()
        .where('id', 'in', [...ids])
        .where(sql<string>`user_id || ''`, '=', userId)
        .execute();
      return rows.map(toEntry);
    },

    /** Every entry, newest first. */
    async listEntries(userId: string): Promise<StoredJournalEntry[]> {
      const rows = await db
        .selectFrom('journal_entries')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toEntry);
    },

    /**
     * Only what scheduling needs, from the card's own columns, in no particular order (the queue and
     * forecast do not depend on it): no card_json is parsed. A row written without them falls back
     * to its card_json.
     *
     * The deck comes back as one row of strings (string_agg, on SQLite ≥ 3.44 and PostgreSQL): the
     * ids, and each scheduling column as JSON numbers. Turning 5,000 rows into 5,000 objects cost
     * more than the whole forecast (SQLite's and pg's per-row, per-cell work), while one JSON.parse
     * of the numbers is a fraction of it. The aggregates read the rows of one scan in the same order,
     * so the n-th id goes with the n-th number of each column. The numbers are the columns as text:
     * SQLite and PostgreSQL print a double so that it reads back exactly (what pg's own float parsing
     * of a column relies on too). Anything the strings do not account for exactly (an id holding the
     * separator, a value that is not a JSON number) falls back to reading the rows one by one.
     */
    async listCards(userId: string): Promise<QueueCard[]> {
      return (await readDeck(userId, false)).cards;
    },

    /**
     * listCards, whether the student has any rating to undo, and the journal revision the deck was
     * read at (the deck cache's key, journal-deck-cache.ts), in the same one-row read.
     */
    async listCardsAndHasReviews(
      userId: string,
    ): Promise<{ cards: QueueCard[]; hasReviews: boolean; revision: number }> {
      return readDeck(userId, true);
    },

    /**
     * The student's journal revision and whether any rating is stored, in one cheap statement (two
     * primary-key or index lookups): what the review queue reads before its cached deck.
     */
    async deckRevisionAndHasReviews(userId: string): Promise<{ revision: number; hasReviews: boolean }> {
      const row = await db
        .selectNoFrom([revisionSql(userId).as('revision'), hasReviewSql(userId).as('has_review')])
        .executeTakeFirst();
      return { revision: Number(row?.revision ?? 0), hasReviews: row?.has_review != null };
    },

    /**
     * What the weak-area ranking and the error patterns read of each entry: its tags, error type,
     * whether it came from a block, its lapses and when it was added. No card is parsed.
     */
    async listMissSignals(userId: string): Promise<
      {
        system: SystemId | null;
        discipline: DisciplineId | null;
        errorType: ErrorType;
        fromBlock: boolean;
        lapses: number;
        createdAt: string;
      }[]
    > {
      const rows = await db
        .selectFrom('journal_entries')
        .select(['system', 'discipline', 'error_type', 'block_id', 'card_lapses', 'created_at'])
        // The card only for a row written without card_lapses.
        .select(sql<string | null>`case when card_lapses is null then card_json end`.as('fallback_card_json'))
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({
        system: r.system as SystemId | null,
        discipline: r.discipline as DisciplineId | null,
        errorType: r.error_type as ErrorType,
        fromBlock: r.block_id !== null,
        lapses:
          r.card_lapses === null
            ? (JSON.parse(r.fallback_card_json ?? '{"lapses":0}') as ReviewCard).lapses
            : Number(r.card_lapses),
        createdAt: r.created_at,
      }));
    },

    async hasBlock(userId: string, blockId: string): Promise<boolean> {
      const row = await db
        .selectFrom('qbank_blocks')
        .select('id')
        .where('user_id', '=', userId)
        .where('id', '=', blockId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Stores a rating and the card after it. Run in a write transaction holding the student's lock
     * (ctx.transactForStudent), after reading the card in the same transaction.
     */
    async insertReview(
      userId: string,
      review: ReviewRecord & { id: string; entryId: string; durationMs: number | null },
    ): Promise<void> {
      await db
        .insertInto('journal_reviews')
        .values({
          id: review.id,
          user_id: userId,
          entry_id: review.entryId,
          rating: review.rating,
          reviewed_at: review.reviewedAt,
          duration_ms: review.durationMs,
          card_before_json: JSON.stringify(review.cardBefore),
          card_after_json: JSON.stringify(review.cardAfter),
          fsrs_due: review.fsrsDue,
          adjustment: review.adjustment,
        })
        .execute();
      await this.setCard(userId, review.entryId, review.cardAfter);
    },

    async setCard(userId: string, entryId: string, card: ReviewCard): Promise<void> {
      await db
        .updateTable('journal_entries')
        .set(cardColumns(card))
        .where('user_id', '=', userId)
        .where('id', '=', entryId)
        .execute();
    },

    /** The user's latest rating (ids are UUIDv7: time-ordered, so they break ties of one instant). */
    async lastReview(userId: string): Promise<StoredReview | undefined> {
      const row = await db
        .selectFrom('journal_reviews')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('reviewed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1) // executeTakeFirst alone reads every row and keeps the first
        .executeTakeFirst();
      return row ? toReview(row) : undefined;
    },

    async deleteReview(userId: string, id: string): Promise<void> {
      await db.deleteFrom('journal_reviews').where('user_id', '=', userId).where('id', '=', id).execute();
    },

    /** Each entry's creation instant and stored card: where a replay starts and what it compares with. */
    async listCardOrigins(userId: string): Promise<{ id: string; createdAt: string; card: ReviewCard }[]> {
      const rows = await db
        .selectFrom('journal_entries')
        .select(['id', 'created_at', 'card_json'])
        .where('user_id', '=', userId)
        .execute();
      return rows.map((r) => ({ id: r.id, createdAt: r.created_at, card: JSON.parse(r.card_json) as ReviewCard }));
    },

    /** Rewrites what the rules made of a rating (after a replay); the rating and its instant stay. */
    async updateReviewRecord(userId: string, id: string, record: ReviewRecord): Promise<void> {
      await db
        .updateTable('journal_reviews')
        .set({
          card_before_json: JSON.stringify(record.cardBefore),
          card_after_json: JSON.stringify(record.cardAfter),
          fsrs_due: record.fsrsDue,
          adjustment: record.adjustment,
        })
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .execute();
    },

    /** Every rating, oldest first: the log the schedule is replayed from. */
    /**
     * The durations of the student's `limit` latest reviews timed in (0, maxMs], oldest first: what
     * the plan's journal slot needs of the ratings (journal-slot.ts minutesPerCard), without reading
     * every rating on each re-plan.
     */
    async recentReviewDurations(userId: string, limit: number, maxMs: number): Promise<number[]> {
      const rows = await db
        .selectFrom('journal_reviews')
        .select('duration_ms')
        .where('user_id', '=', userId)
        .where('duration_ms', '>', 0)
        .where('duration_ms', '<=', maxMs)
        .orderBy('reviewed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.duration_ms)).reverse();
    },

    async listReviews(userId: string): Promise<StoredReview[]> {
      const rows = await db
        .selectFrom('journal_reviews')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('reviewed_at')
        .orderBy('id')
        .execute();
      return rows.map(toReview);
    },
  };
  return repo;
}
