import type { Kysely } from 'kysely';
import type { LocalDate } from '#domain/common/dates.ts';
import type { PracticeFormId } from '#domain/exam/practice-forms.ts';
import type { ItemStatus, TrackedItem } from '#domain/plan/replan.ts';
import type { Plan, PlanItem, PlanItemKind } from '#domain/plan/scheduler.ts';
import type { PlanSettings } from '#domain/plan/settings.ts';
import type { DB, PlanItemsTable } from '../db/schema.ts';

export type StoredPlan = {
  startDate: LocalDate;
  examDate: LocalDate;
  settings: PlanSettings;
  summary: Plan['summary'];
  warnings: string[];
  createdAt: string;
  updatedAt: string;
};

export type StoredItem = TrackedItem & { statusAt: string | null };

function toItem(row: PlanItemsTable): StoredItem {
  return {
    id: row.id,
    date: row.date,
    kind: row.kind as PlanItemKind,
    title: row.title,
    start: row.start_time,
    end: row.end_time,
    minutes: Number(row.minutes),
    ...(row.questions !== null ? { questions: Number(row.questions) } : {}),
    ...(row.form !== null ? { form: row.form as PracticeFormId } : {}),
    status: row.status as ItemStatus | null,
    statusAt: row.status_at,
  };
}

const INSERT_CHUNK = 400;

/** Items were ticked between reading the plan and storing its replacement: read and re-plan again. */
export class PlanChangedError extends Error {
  constructor() {
    super('plan items changed while re-planning');
  }
}

/** A student's plan and its dated items. Every call is scoped to the acting user's id. */
export function createPlansRepo(db: Kysely<DB>) {
  return {
    async get(userId: string): Promise<StoredPlan | undefined> {
      const row = await db.selectFrom('plans').selectAll().where('user_id', '=', userId).executeTakeFirst();
      if (!row) return undefined;
      return {
        startDate: row.start_date,
        examDate: row.exam_date,
        settings: JSON.parse(row.settings_json) as PlanSettings,
        summary: JSON.parse(row.summary_json) as Plan['summary'],
        warnings: JSON.parse(row.warnings_json) as string[],
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    },

    async listItems(userId: string, range: { from?: LocalDate; to?: LocalDate } = {}): Promise<StoredItem[]> {
      let query = db.selectFrom('plan_items').selectAll().where('user_id', '=', userId);
      if (range.from) query = query.where('date', '>=', range.from);
      if (range.to) query = query.where('date', '<=', range.to);
      const rows = await query.orderBy('date').orderBy('start_time').execute();
      return rows.map(toItem);
    },

    /**
     * Stores a (re)generated plan in one transaction: items before `plan.startDate` stay as they are;
     * every item from that day on is replaced by the plan's items. Done items the plan kept carry
     * their status over.
     */
    async replaceFrom(
      userId: string,
      plan: Plan,
      settings: PlanSettings,
      statuses: ReadonlyMap<string, { status: ItemStatus; at: string | null }>,
      now: string,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const values = {
          start_date: plan.startDate,
          exam_date: plan.examDate,
          settings_json: JSON.stringify(settings),
          summary_json: JSON.stringify(plan.summary),
          warnings_json: JSON.stringify(plan.warnings),
          updated_at: now,
        };
        await trx
          .insertInto('plans')
          .values({ user_id: userId, created_at: now, ...values })
          .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
          .execute();
        // Every item marked done from the new plan's first day on must be one the re-plan knew of.
        const doneNow = await trx
          .selectFrom('plan_items')
          .select('id')
          .where('user_id', '=', userId)
          .where('date', '>=', plan.startDate)
          .where('status', '=', 'done')
          .execute();
        if (doneNow.some((row) => !statuses.has(row.id))) throw new PlanChangedError();
        await trx.deleteFrom('plan_items').where('user_id', '=', userId).where('date', '>=', plan.startDate).execute();
        const rows = plan.days.flatMap((day) =>
          day.items.map((item: PlanItem) => ({
            user_id: userId,
            id: item.id,
            date: item.date,
            kind: item.kind,
            title: item.title,
            start_time: item.start,
            end_time: item.end,
            minutes: item.minutes,
            questions: item.questions ?? null,
            form: item.form ?? null,
            status: statuses.get(item.id)?.status ?? null,
            status_at: statuses.get(item.id)?.at ?? null,
          })),
        );
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await trx
            .insertInto('plan_items')
            .values(rows.slice(i, i + INSERT_CHUNK))
            .execute();
        }
      });
    },

    async getItem(userId: string, itemId: string): Promise<StoredItem | undefined> {
      const row = await db
        .selectFrom('plan_items')
        .selectAll()
        .where('user_id', '=', userId)
        .where('id', '=', itemId)
        .executeTakeFirst();
      return row ? toItem(row) : undefined;
    },

    /** Sets or clears an item's status; returns the item, or undefined when the user has no such item. */
    async setStatus(
      userId: string,
      itemId: string,
      status: ItemStatus | null,
      now: string,
    ): Promise<StoredItem | undefined> {
      const row = await db
        .updateTable('plan_items')
        .set({ status, status_at: status ? now : null })
        .where('user_id', '=', userId)
        .where('id', '=', itemId)
        .returningAll()
        .executeTakeFirst();
      return row ? toItem(row) : undefined;
    },

    async delete(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('plan_items').where('user_id', '=', userId).execute();
        await trx.deleteFrom('plans').where('user_id', '=', userId).execute();
      });
    },
  };
}
export type PlansRepo = ReturnType<typeof createPlansRepo>;
