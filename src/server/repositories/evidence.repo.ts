import type { Kysely, Transaction } from 'kysely';
import type { LocalDate } from '#domain/common/dates.ts';
import type { DisciplineId, SystemId } from '#domain/evidence/areas.ts';
import type { BlockMode, PracticeExamLog, QuestionBank, QuestionBlock } from '#domain/evidence/logging.ts';
import type { LoggedFormId } from '#domain/evidence/practice-scores.ts';
import type { WellbeingCheckIn } from '#domain/evidence/wellbeing.ts';
import type { DB, PracticeExamsTable, QbankBlocksTable } from '../db/schema.ts';
import { lockStudent } from '../db/write-transaction.ts';

export type StoredBlock = QuestionBlock & { id: string; planItemId: string | null; createdAt: string };
export type StoredPracticeExam = PracticeExamLog & { id: string; createdAt: string };
export type StoredCheckIn = WellbeingCheckIn & { id: string; createdAt: string };

function toBlock(row: QbankBlocksTable): StoredBlock {
  return {
    id: row.id,
    bank: row.bank as QuestionBank,
    mode: row.mode as BlockMode,
    questions: Number(row.questions),
    correct: Number(row.correct),
    minutes: Number(row.minutes),
    date: row.date,
    missedSystems: JSON.parse(row.systems_missed_json) as SystemId[],
    missedDisciplines: JSON.parse(row.disciplines_missed_json) as DisciplineId[],
    planItemId: row.plan_item_id,
    createdAt: row.created_at,
  };
}

function toPracticeExam(row: PracticeExamsTable): StoredPracticeExam {
  const parsed = JSON.parse(row.breakdown_json) as { breakdown: PracticeExamLog['breakdown']; isPredictive: boolean };
  return {
    id: row.id,
    form: row.form as LoggedFormId,
    date: row.date,
    score: row.score === null ? null : Number(row.score),
    percentCorrect: row.percent_correct === null ? null : Number(row.percent_correct),
    isPredictive: parsed.isPredictive,
    breakdown: parsed.breakdown,
    createdAt: row.created_at,
  };
}

type Writer = Kysely<DB> | Transaction<DB>;

/**
 * Ticks off the plan item a log entry stands for, in the caller's transaction, if it is still open.
 * True only when this call really ticked it, so two log entries never claim one item.
 */
async function markDone(trx: Writer, userId: string, itemId: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('plan_items')
    .set({ status: 'done', status_at: now })
    .where('user_id', '=', userId)
    .where('id', '=', itemId)
    .where('status', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Question blocks, practice exams and wellbeing check-ins. Every call is scoped to the acting user. */
export function createEvidenceRepo(db: Kysely<DB>) {
  return {
    /**
     * Stores a block and joins it to that day's plan, in the caller's transaction (the write
     * batcher's), under the student's lock so that a re-plan or another log cannot move or claim
     * that item meanwhile: to a question-bank item the student already ticked by hand that no
     * logged block stands for yet (the same work, ticked first and logged after, counts once), or
     * else to the first open one, which it ticks. Returns the plan item, and whether it was ticked
     * before.
     */
    async insertBlock(
      trx: Writer,
      userId: string,
      block: QuestionBlock,
      meta: { id: string; now: string },
    ): Promise<{ planItemId: string | null; wasDone: boolean }> {
      await lockStudent(trx, userId);
      const tickedByHand = await trx
        .selectFrom('plan_items')
        .select('id')
        .where('user_id', '=', userId)
        .where('date', '=', block.date)
        .where('kind', 'in', ['qbank-block', 'second-pass-block'])
        .where('status', '=', 'done')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('qbank_blocks')
                .select('qbank_blocks.id')
                .where('qbank_blocks.user_id', '=', userId)
                .whereRef('qbank_blocks.plan_item_id', '=', 'plan_items.id'),
            ),
          ),
        )
        .orderBy('kind')
        .orderBy('start_time')
        .limit(1)
        .executeTakeFirst();
      const open = tickedByHand
        ? undefined
        : await trx
            .selectFrom('plan_items')
            .select('id')
            .where('user_id', '=', userId)
            .where('date', '=', block.date)
            .where('kind', 'in', ['qbank-block', 'second-pass-block'])
            .where('status', 'is', null)
            // New-question blocks first: they are the ones the plan counts down.
            .orderBy('kind')
            .orderBy('start_time')
            .limit(1)
            .executeTakeFirst();
      const tickedId = open && (await markDone(trx, userId, open.id, meta.now)) ? open.id : null;
      const planItemId = tickedByHand?.id ?? tickedId;
      await trx
        .insertInto('qbank_blocks')
        .values({
          id: meta.id,
          user_id: userId,
          date: block.date,
          bank: block.bank,
          mode: block.mode,
          questions: block.questions,
          correct: block.correct,
          minutes: block.minutes,
          systems_missed_json: JSON.stringify(block.missedSystems),
          disciplines_missed_json: JSON.stringify(block.missedDisciplines),
          plan_item_id: planItemId,
          created_at: meta.now,
        })
        .execute();
      return { planItemId, wasDone: tickedByHand !== undefined };
    },

    async listBlocks(userId: string, range: { from?: LocalDate } = {}): Promise<StoredBlock[]> {
      let query = db.selectFrom('qbank_blocks').selectAll().where('user_id', '=', userId);
      if (range.from) query = query.where('date', '>=', range.from);
      return (await query.orderBy('date').orderBy('created_at').execute()).map(toBlock);
    },

    /**
     * A plan item's status was set by hand: no logged block speaks for it any more, so deleting one
     * later must not undo what the student did (and a later block may claim the item afresh).
     */
    async detachBlocksFrom(userId: string, planItemId: string): Promise<void> {
      await db
        .updateTable('qbank_blocks')
        .set({ plan_item_id: null })
        .where('user_id', '=', userId)
        .where('plan_item_id', '=', planItemId)
        .execute();
    },

    /**
     * Deletes a block and reopens the plan item it ticked, if that item is still in the plan and
     * still done. Run it in a write transaction holding the student's lock (ctx.transactForStudent).
     */
    async deleteBlock(userId: string, id: string): Promise<boolean> {
      const block = await db
        .selectFrom('qbank_blocks')
        .select('plan_item_id')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!block) return false;
      await db.deleteFrom('qbank_blocks').where('user_id', '=', userId).where('id', '=', id).execute();
      if (block.plan_item_id) {
        await db
          .updateTable('plan_items')
          .set({ status: null, status_at: null })
          .where('user_id', '=', userId)
          .where('id', '=', block.plan_item_id)
          .where('status', '=', 'done')
          .execute();
      }
      return true;
    },

    /**
     * Stores a practice exam and ticks the plan's open item for that form. Run it in a write
     * transaction holding the student's lock (ctx.transactForStudent).
     */
    async insertPracticeExam(userId: string, exam: PracticeExamLog, meta: { id: string; now: string }): Promise<void> {
      const open = await db
        .selectFrom('plan_items')
        .select('id')
        .where('user_id', '=', userId)
        .where('kind', '=', 'practice-exam')
        .where('form', '=', exam.form)
        .where('status', 'is', null)
        .orderBy('date')
        .limit(1)
        .executeTakeFirst();
      if (open) await markDone(db, userId, open.id, meta.now);
      await db
        .insertInto('practice_exams')
        .values({
          id: meta.id,
          user_id: userId,
          form: exam.form,
          date: exam.date,
          score: exam.score,
          percent_correct: exam.percentCorrect,
          breakdown_json: JSON.stringify({ breakdown: exam.breakdown, isPredictive: exam.isPredictive }),
          created_at: meta.now,
        })
        .execute();
    },

    async listPracticeExams(userId: string): Promise<StoredPracticeExam[]> {
      const rows = await db
        .selectFrom('practice_exams')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('date')
        .orderBy('created_at')
        .execute();
      return rows.map(toPracticeExam);
    },

    async deletePracticeExam(userId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('practice_exams')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async insertCheckIn(userId: string, checkIn: WellbeingCheckIn, meta: { id: string; now: string }): Promise<void> {
      await db
        .insertInto('wellbeing_checkins')
        .values({
          id: meta.id,
          user_id: userId,
          date: checkIn.date,
          sleep_hours: checkIn.sleepHours,
          stress: checkIn.stress,
          mood: checkIn.mood,
          note: null,
          created_at: meta.now,
        })
        .execute();
    },

    async insertFullLengthDay(userId: string, meta: { id: string; date: LocalDate; now: string }): Promise<void> {
      await db
        .insertInto('full_length_days')
        .values({ id: meta.id, user_id: userId, date: meta.date, created_at: meta.now })
        .execute();
    },

    /** Dates of full-length days done: logged ones and the plan's full-length items marked done. */
    async listFullLengthDates(userId: string): Promise<LocalDate[]> {
      const [logged, planned] = await Promise.all([
        db.selectFrom('full_length_days').select('date').where('user_id', '=', userId).execute(),
        db
          .selectFrom('plan_items')
          .select('date')
          .where('user_id', '=', userId)
          .where('kind', '=', 'full-length')
          .where('status', '=', 'done')
          .execute(),
      ]);
      return [...new Set([...logged, ...planned].map((r) => r.date))].sort();
    },

    async getCounselling(userId: string): Promise<{ name: string; contact: string } | null> {
      const row = await db
        .selectFrom('profiles')
        .select('counselling_contact')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.counselling_contact
        ? (JSON.parse(row.counselling_contact) as { name: string; contact: string })
        : null;
    },

    /** Returns false when the student has no profile yet (the service is stored with it). */
    async setCounselling(userId: string, service: { name: string; contact: string } | null): Promise<boolean> {
      const result = await db
        .updateTable('profiles')
        .set({ counselling_contact: service ? JSON.stringify(service) : null })
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listCheckIns(userId: string, range: { from?: LocalDate } = {}): Promise<StoredCheckIn[]> {
      let query = db.selectFrom('wellbeing_checkins').selectAll().where('user_id', '=', userId);
      if (range.from) query = query.where('date', '>=', range.from);
      const rows = await query.orderBy('date').orderBy('created_at').execute();
      return rows.map((row) => ({
        id: row.id,
        date: row.date,
        sleepHours: Number(row.sleep_hours),
        stress: Number(row.stress),
        mood: Number(row.mood),
        createdAt: row.created_at,
      }));
    },
  };
}
export type EvidenceRepo = ReturnType<typeof createEvidenceRepo>;
