import { fail, ok, type Result } from '#domain/common/result.ts';
import type { JournalEntry } from '#domain/journal/entry.ts';
import { createNewCard } from '#domain/journal/schedule.ts';
import { journalEntriesBatchSchema } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';
import { checkBlockIds, checkEntry } from './add-journal-entry.ts';
import { parseInput } from './parse-input.ts';

/**
 * Adds several entries at once (the misses of a just-logged block): all of them or, when any needs
 * fixing, none, with each problem named by its place ("entries.2.keyPoint").
 */
export async function addJournalEntries(ctx: Context, actor: Actor, body: unknown): Promise<Result<{ ids: string[] }>> {
  const parsed = parseInput(journalEntriesBatchSchema, body);
  if (!parsed.ok) return parsed;
  const problems: Record<string, string> = {};
  const checked: { entry: JournalEntry; blockId: string | null }[] = [];
  parsed.value.entries.forEach((input, index) => {
    const result = checkEntry(input, `entries.${index}.`);
    if (result.ok) checked.push(result.value);
    else Object.assign(problems, result.error.fields);
  });
  Object.assign(
    problems,
    await checkBlockIds(
      ctx,
      actor,
      parsed.value.entries.map((e, index) => ({ blockId: e.blockId ?? null, field: `entries.${index}.blockId` })),
    ),
  );
  if (Object.keys(problems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some entries need fixing; none was added.', problems);
  }
  const now = ctx.now();
  const rows = checked.map((c) => ({
    id: ctx.newId(),
    ...c,
    card: createNewCard(now.getTime()),
    now: now.toISOString(),
  }));
  await ctx.writes.run((trx) => ctx.repos.journal.insertEntries(trx, actor.userId, rows));
  return ok({ ids: rows.map((r) => r.id) });
}
