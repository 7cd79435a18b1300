import { fail, ok, type Result } from '#domain/common/result.ts';
import { journalEntryInputSchema } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';
import { checkEntry } from './add-journal-entry.ts';
import { parseInput } from './parse-input.ts';

/** Rewrites what an entry says; its review schedule is kept. The block it came from cannot change. */
export async function editJournalEntry(ctx: Context, actor: Actor, id: string, body: unknown): Promise<Result<null>> {
  const parsed = parseInput(journalEntryInputSchema.omit({ blockId: true }), body);
  if (!parsed.ok) return parsed;
  const checked = checkEntry(parsed.value);
  if (!checked.ok) return checked;
  const isSaved = await ctx.repos.journal.updateEntry(actor.userId, id, checked.value.entry, ctx.now().toISOString());
  return isSaved ? ok(null) : fail('NOT_FOUND', 'That entry is not in your journal.');
}
