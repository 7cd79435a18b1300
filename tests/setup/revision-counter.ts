import { expect } from 'vitest';
import type { Client, TestApp } from './test-app.ts';

/**
 * The per-student revision counters that database triggers keep (`evidence_revisions`,
 * `journal_revisions`, `dashboard_revisions`): after `owner`'s first write the counter is at 1, and deleting the account
 * through the app takes the counter with it (a trigger writing for an account being deleted would
 * break its foreign key, so the triggers skip it).
 */
export async function expectCounterGoesWithAccount(
  t: TestApp,
  owner: Client,
  table: 'evidence_revisions' | 'journal_revisions' | 'dashboard_revisions',
): Promise<void> {
  const counter = () => t.ctx.database.db.selectFrom(table).selectAll().where('user_id', '=', owner.id).execute();
  expect(await counter()).toEqual([{ user_id: owner.id, revision: 1 }]);
  const deleted = await owner.request({
    method: 'POST',
    url: '/api/account/delete',
    payload: { password: owner.password },
  });
  expect(deleted.statusCode, deleted.body).toBe(204);
  expect(await counter()).toEqual([]);
}
