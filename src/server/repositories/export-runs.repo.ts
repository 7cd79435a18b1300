import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Account exports in progress and recently made, kept in the database so the limits hold across
 * app instances. A run is recorded (committed on its own) before it is counted, and counts only the
 * runs before it (ids are time-ordered UUIDv7): of a burst, the first go ahead and the rest are
 * refused, never all of them. Parallel starts on several instances can, in a rare race (an earlier
 * run not yet committed when a later one counts), let a run or two more through.
 */
export function createExportRunsRepo(db: Kysely<DB>) {
  return {
    /**
     * Records a run starting now and answers what it must wait for: the account's runs since
     * `windowStart` up to this one (ids are time-ordered), and whether an earlier run started after
     * `staleBefore` is still unfinished. Runs from before the window are deleted.
     */
    async start(run: { id: string; userId: string; now: string; windowStart: string; staleBefore: string }) {
      await db
        .deleteFrom('export_runs')
        .where('user_id', '=', run.userId)
        .where('started_at', '<=', run.windowStart)
        .execute();
      await db
        .insertInto('export_runs')
        .values({ id: run.id, user_id: run.userId, started_at: run.now, finished_at: null })
        .execute();
      const [recent, earlier] = await Promise.all([
        db
          .selectFrom('export_runs')
          .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('started_at').as('oldest')])
          .where('user_id', '=', run.userId)
          .where('started_at', '>', run.windowStart)
          .where('id', '<=', run.id)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('export_runs')
          .select('id')
          .where('user_id', '=', run.userId)
          .where('finished_at', 'is', null)
          .where('started_at', '>', run.staleBefore)
          .where('id', '<', run.id)
          .limit(1)
          .executeTakeFirst(),
      ]);
      return { recentCount: Number(recent.count), oldestStartedAt: recent.oldest, isEarlierRunning: !!earlier };
    },

    async finish(id: string, now: string): Promise<void> {
      await db.updateTable('export_runs').set({ finished_at: now }).where('id', '=', id).execute();
    },

    /** Takes a run back: one the limits refused, or one that failed (it gave the student nothing). */
    async remove(id: string): Promise<void> {
      await db.deleteFrom('export_runs').where('id', '=', id).execute();
    },
  };
}
export type ExportRunsRepo = ReturnType<typeof createExportRunsRepo>;
