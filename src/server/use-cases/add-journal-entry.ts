import { fail, ok, type Result } from '#domain/common/result.ts';
import { validateJournalEntry, type JournalEntry } from '#domain/journal/entry.ts';
import { createNewCard } from '#domain/journal/schedule.ts';
import { journalEntryInputSchema } from '#shared/contracts/journal.ts';
import type { z } from 'zod';
import type { Actor, Context } from '../context.ts';
import { recordIdempotent, type IdempotentWrite } from '../idempotency.ts';
import { entryBatcherOf } from './journal-entry-batcher.ts';
import { parseInput } from './parse-input.ts';

type EntryInput = z.output<typeof journalEntryInputSchema>;

/** The domain's checks on a parsed entry, with the field paths prefixed (for a batch: "entries.2."). */
export function checkEntry(input: EntryInput, prefix = ''): Result<{ entry: JournalEntry; blockId: string | null }> {
  const checked = validateJournalEntry(input);
  if (!checked.ok) {
    const fields = Object.fromEntries(Object.entries(checked.error.fields ?? {}).map(([k, v]) => [`${prefix}${k}`, v]));
    return fail('VALIDATION_FAILED', checked.error.message, fields);
  }
  return ok({ entry: checked.value, blockId: input.blockId ?? null });
}

/** Refuses block ids the student does not own (field message, nothing stored). */
export async function checkBlockIds(
  ctx: Context,
  actor: Actor,
  blockIds: readonly { blockId: string | null; field: string }[],
): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  const known = new Map<string, boolean>();
  for (const { blockId, field } of blockIds) {
    if (blockId === null) continue;
    if (!known.has(blockId)) known.set(blockId, await ctx.repos.journal.hasBlock(actor.userId, blockId));
    if (!known.get(blockId)) problems[field] = 'That block is not in your log. Add the entry without it.';
  }
  return problems;
}

/**
 * Adds one journal entry with a new card, due at once. The write goes through the group-commit
 * batcher: the answer comes after the commit that holds it (without an idempotency key, the
 * entry batcher's multi-row INSERT, which on PostgreSQL commits by itself).
 */
export async function addJournalEntry(
  ctx: Context,
  actor: Actor,
  body: unknown,
  idempotent?: IdempotentWrite<{ id: string }>,
): Promise<Result<{ id: string }>> {
  const parsed = parseInput(journalEntryInputSchema, body);
  if (!parsed.ok) return parsed;
  const checked = checkEntry(parsed.value);
  if (!checked.ok) return checked;
  const blockProblems = await checkBlockIds(ctx, actor, [{ blockId: checked.value.blockId, field: 'blockId' }]);
  if (Object.keys(blockProblems).length > 0) {
    return fail('VALIDATION_FAILED', 'That block is not in your log.', blockProblems);
  }
  const id = ctx.newId();
  const now = ctx.now();
  const row = { id, ...checked.value, card: createNewCard(now.getTime()), now: now.toISOString() };
  if (idempotent) {
    await ctx.writes.run(async (trx) => {
      await ctx.repos.journal.insertEntries(trx, actor.userId, [row]);
      await recordIdempotent(trx, idempotent, { id });
    });
  } else {
    // Nothing else to commit with it: it joins other entries' INSERT (journal-entry-batcher.ts).
    await entryBatcherOf(ctx).insert({ ...row, userId: actor.userId });
  }
  return ok({ id });
}
