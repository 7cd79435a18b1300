import { formatCsvLine, formatWrongOptions } from '#domain/journal/csv.ts';
import { CSV_FIELDS } from '#shared/contracts/journal.ts';
import type { Actor, Context } from '../context.ts';

/** The export's extra columns: the schedule as it stands (read-only on import). */
const SCHEDULE_COLUMNS = ['due', 'reviews', 'lapses', 'createdAt'] as const;

/**
 * The journal as CSV, one entry a row, with the same column names the import maps by default. Cells
 * that a spreadsheet would run as a formula are defused (csv.ts).
 */
export async function exportJournalCsv(ctx: Context, actor: Actor): Promise<string> {
  const entries = await ctx.repos.journal.listEntries(actor.userId);
  const lines = [formatCsvLine([...CSV_FIELDS, ...SCHEDULE_COLUMNS])];
  for (const e of entries) {
    lines.push(
      formatCsvLine([
        e.bank,
        e.questionId,
        e.system,
        e.discipline,
        e.errorType,
        e.keyPoint,
        formatWrongOptions(e.wrongOptions),
        e.teachingPoint,
        e.rule?.when ?? null,
        e.rule?.then ?? null,
        e.rule?.because ?? null,
        e.confidence,
        e.card.due,
        e.card.reps,
        e.card.lapses,
        e.createdAt,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
