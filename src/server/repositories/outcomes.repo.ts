import type { LocalDate } from '#domain/common/dates.ts';
import type { ExamOutcome, PredictionSnapshot } from '#domain/evidence/outcome.ts';
import type { Kysely, Selectable } from 'kysely';
import type { DB, ExamOutcomesTable } from '../db/schema.ts';

/** The real result as kept, with the prediction stored beside it when there was one. */
export type StoredOutcome = ExamOutcome & {
  examDate: LocalDate;
  snapshot: PredictionSnapshot | null;
  createdAt: string;
  updatedAt: string;
};

function toOutcome(row: Selectable<ExamOutcomesTable>): StoredOutcome {
  const hasSnapshot =
    row.predicted !== null && row.predicted_low !== null && row.predicted_high !== null && row.predicted_on !== null;
  return {
    examDate: row.exam_date,
    score: Number(row.score),
    passed: Number(row.passed) === 1,
    resultDate: row.result_date,
    shareWithSchool: Number(row.share_with_school) === 1,
    snapshot: hasSnapshot
      ? {
          predicted: Number(row.predicted),
          low: Number(row.predicted_low),
          high: Number(row.predicted_high),
          madeOn: row.predicted_on!,
          examsUsed: Number(row.predicted_exams ?? 0),
        }
      : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Journey stage 9, one row per student. Every query is scoped to the acting user, except `listShared`. */
export function createOutcomesRepo(db: Kysely<DB>) {
  return {
    async get(userId: string): Promise<StoredOutcome | undefined> {
      const row = await db.selectFrom('exam_outcomes').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row ? toOutcome(row) : undefined;
    },

    /** Saves the result; the snapshot is written as given (the use case keeps the first one for an exam date). */
    async save(
      userId: string,
      outcome: ExamOutcome & { examDate: LocalDate; snapshot: PredictionSnapshot | null },
      now: string,
    ): Promise<void> {
      const values = {
        exam_date: outcome.examDate,
        score: outcome.score,
        passed: outcome.passed ? 1 : 0,
        result_date: outcome.resultDate,
        share_with_school: outcome.shareWithSchool ? 1 : 0,
        predicted: outcome.snapshot === null ? null : Math.round(outcome.snapshot.predicted),
        predicted_low: outcome.snapshot === null ? null : Math.round(outcome.snapshot.low),
        predicted_high: outcome.snapshot === null ? null : Math.round(outcome.snapshot.high),
        predicted_on: outcome.snapshot?.madeOn ?? null,
        predicted_exams: outcome.snapshot?.examsUsed ?? null,
        updated_at: now,
      };
      await db
        .insertInto('exam_outcomes')
        .values({ user_id: userId, ...values, created_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    },

    async delete(userId: string): Promise<boolean> {
      const result = await db.deleteFrom('exam_outcomes').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /**
     * For the school's `comeback export-outcomes` only (no signed-in user): the results whose
     * students turned sharing on, with their user ids so their practice exams can be read.
     */
    async listShared(): Promise<(StoredOutcome & { userId: string })[]> {
      const rows = await db
        .selectFrom('exam_outcomes')
        .selectAll()
        .where('share_with_school', '=', 1)
        .orderBy('created_at')
        .orderBy('user_id')
        .execute();
      return rows.map((row) => ({ ...toOutcome(row), userId: row.user_id }));
    },
  };
}
export type OutcomesRepo = ReturnType<typeof createOutcomesRepo>;
