import type { Kysely, Selectable } from 'kysely';
import type { LocalDate } from '#domain/common/dates.ts';
import type { PracticeFormId } from '#domain/exam/practice-forms.ts';
import type { IdentifiedItem } from '#domain/plan/identity.ts';
import type { ItemStatus, TrackedItem } from '#domain/plan/replan.ts';
import type { Plan, PlanItemKind } from '#domain/plan/scheduler.ts';
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

export type StoredItem = TrackedItem & IdentifiedItem & { statusAt: string | null };

function toItem(row: Selectable<PlanItemsTable>): StoredItem {
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
    sequence: Number(row.sequence),
    changedAt: row.changed_at,
  };
}

const INSERT_CHUNK = 300;

/**
 * A student's plan and its dated items. Every call is scoped to the acting user's id. Writes that
 * depend on what they read (`replaceFrom`, ticks) run in `inWriteTransaction` after `lockStudent`,
 * on a repo made from that transaction.
 */
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
      const rows = await query.orderBy('date').orderBy('start_time').orderBy('id').execute();
      return rows.map(toItem);
    },

    /**
     * Stores a (re)generated plan. Items before `plan.startDate` stay as they are; every item from
     * that day on is replaced by `items` (the plan's items with their lasting ids, statuses carried
     * over for done work). `removedIds` are recorded so that a late tick on one gets a clear answer.
     * Must run inside a write transaction holding the student's lock: it does not open its own.
     */
    async replaceFrom(
      userId: string,
      input: {
        plan: Plan;
        settings: PlanSettings;
        items: readonly (IdentifiedItem & { status: ItemStatus | null; statusAt: string | null })[];
        removedIds: readonly string[];
        now: string;
      },
    ): Promise<void> {
      const { plan, now } = input;
      const values = {
        start_date: plan.startDate,
        exam_date: plan.examDate,
        settings_json: JSON.stringify(input.settings),
        summary_json: JSON.stringify(plan.summary),
        warnings_json: JSON.stringify(plan.warnings),
        updated_at: now,
      };
      await db
        .insertInto('plans')
        .values({ user_id: userId, created_at: now, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
      await db.deleteFrom('plan_items').where('user_id', '=', userId).where('date', '>=', plan.startDate).execute();
      const rows = input.items.map((item) => ({
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
        status: item.status,
        status_at: item.statusAt,
        sequence: item.sequence,
        changed_at: item.changedAt,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await db
          .insertInto('plan_items')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
      const removals = input.removedIds.map((id) => ({ user_id: userId, id, removed_at: now }));
      for (let i = 0; i < removals.length; i += INSERT_CHUNK) {
        await db
          .insertInto('plan_item_removals')
          .values(removals.slice(i, i + INSERT_CHUNK))
          .onConflict((oc) => oc.columns(['user_id', 'id']).doUpdateSet({ removed_at: now }))
          .execute();
      }
    },

    /**
     * Moves items within the stored plan (a re-flow): each keeps its id and status, gets its new
     * date and times, one more sequence and `now` as changedAt; `removedIds` leave the plan (and are
     * recorded, so that a late tick on one gets a clear answer). The plan's summary and warnings are
     * replaced; its settings, first day and `updated_at` stay, since the work it describes is the
     * same. Must run inside the student's write transaction.
     */
    async applyMoves(
      userId: string,
      input: {
        moved: readonly { id: string; date: LocalDate; start: string; end: string }[];
        removedIds: readonly string[];
        summary: Plan['summary'];
        warnings: readonly string[];
        now: string;
      },
    ): Promise<void> {
      const { now } = input;
      await db
        .updateTable('plans')
        .set({ summary_json: JSON.stringify(input.summary), warnings_json: JSON.stringify(input.warnings) })
        .where('user_id', '=', userId)
        .execute();
      for (const item of input.moved) {
        await db
          .updateTable('plan_items')
          .set((eb) => ({
            date: item.date,
            start_time: item.start,
            end_time: item.end,
            sequence: eb('sequence', '+', 1),
            changed_at: now,
          }))
          .where('user_id', '=', userId)
          .where('id', '=', item.id)
          .execute();
      }
      for (let i = 0; i < input.removedIds.length; i += INSERT_CHUNK) {
        const ids = input.removedIds.slice(i, i + INSERT_CHUNK);
        await db.deleteFrom('plan_items').where('user_id', '=', userId).where('id', 'in', ids).execute();
        await db
          .insertInto('plan_item_removals')
          .values(ids.map((id) => ({ user_id: userId, id, removed_at: now })))
          .onConflict((oc) => oc.columns(['user_id', 'id']).doUpdateSet({ removed_at: now }))
          .execute();
      }
    },

    /** True when a re-plan took this id out of the student's plan (within the kept history). */
    async wasRemoved(userId: string, itemId: string): Promise<boolean> {
      const row = await db
        .selectFrom('plan_item_removals')
        .select('id')
        .where('user_id', '=', userId)
        .where('id', '=', itemId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async deleteRemovalsBefore(before: string): Promise<void> {
      await db.deleteFrom('plan_item_removals').where('removed_at', '<', before).execute();
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
  };
}
export type PlansRepo = ReturnType<typeof createPlansRepo>;
