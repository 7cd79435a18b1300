import { fail, ok, type Result } from '#domain/common/result.ts';
import { DISCIPLINES, SYSTEM_IDS, nameArea } from '#domain/evidence/areas.ts';
import { QUESTION_BANKS, nameBank } from '#domain/evidence/logging.ts';
import { parseCsv, parseWrongOptions } from '#domain/journal/csv.ts';
import { CONFIDENCE_LEVELS, ERROR_TYPES, nameErrorType, type JournalEntry } from '#domain/journal/entry.ts';
import { createNewCard } from '#domain/journal/schedule.ts';
import {
  CSV_FIELDS,
  MAX_IMPORT_ROWS,
  importInputSchema,
  journalEntryInputSchema,
  type CsvField,
  type ImportPreview,
} from '#shared/contracts/journal.ts';
import { fieldErrorsFrom } from '#shared/contracts/errors.ts';
import type { Actor, Context } from '../context.ts';
import { checkEntry } from './add-journal-entry.ts';
import { parseInput } from './parse-input.ts';

const normalize = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replaceAll(/[\s_]+/g, '-');

/** Ids by their normalized id or display name: "UWorld", "Knowledge gap", "Cardiovascular system". */
function lookupOf(pairs: readonly (readonly [string, string])[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, name] of pairs) {
    map.set(normalize(id), id);
    map.set(normalize(name), id);
  }
  return map;
}
const LOOKUPS: Partial<Record<CsvField, Map<string, string>>> = {
  bank: lookupOf(QUESTION_BANKS.map((b) => [b, nameBank(b)] as const)),
  errorType: lookupOf(ERROR_TYPES.map((t) => [t, nameErrorType(t)] as const)),
  system: lookupOf(SYSTEM_IDS.map((s) => [s, nameArea(s)] as const)),
  discipline: lookupOf(DISCIPLINES.map((d) => [d.id, d.name] as const)),
  confidence: lookupOf(CONFIDENCE_LEVELS.map((c) => [c, c] as const)),
};

/** One CSV row as an entry input, by the mapping; an unknown id is passed through for the contract to name. */
function inputOf(cells: readonly string[], columns: Partial<Record<CsvField, number>>) {
  const cell = (field: CsvField): string | undefined => {
    const index = columns[field];
    const value = index === undefined ? undefined : cells[index]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const coded = (field: CsvField) => {
    const value = cell(field);
    return value === undefined ? undefined : (LOOKUPS[field]?.get(normalize(value)) ?? value);
  };
  const input: Record<string, unknown> = {
    bank: coded('bank'),
    questionId: cell('questionId'),
    system: coded('system'),
    discipline: coded('discipline'),
    errorType: coded('errorType'),
    keyPoint: cell('keyPoint') ?? '',
    teachingPoint: cell('teachingPoint'),
    confidence: coded('confidence'),
  };
  const problems: Record<string, string> = {};
  const options = cell('wrongOptions');
  if (options !== undefined) {
    const parsed = parseWrongOptions(options);
    if (parsed.ok) input.wrongOptions = parsed.value;
    else Object.assign(problems, parsed.error.fields);
  }
  const rule = { when: cell('ruleWhen'), then: cell('ruleThen'), because: cell('ruleBecause') };
  if (Object.values(rule).some((p) => p !== undefined)) input.rule = rule;
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return { input, problems };
}

/**
 * Imports an error log kept as CSV. The first row names the columns; `mapping` says which column
 * fills which field. The answer lists every refused row (numbered as in a spreadsheet, the header
 * being row 1) with each reason. `commit: false` only previews; `commit: true` adds the rows that
 * pass, in one commit, and still lists the refused ones.
 */
export async function importJournalCsv(ctx: Context, actor: Actor, body: unknown): Promise<Result<ImportPreview>> {
  const parsed = parseInput(importInputSchema, body);
  if (!parsed.ok) return parsed;
  const table = parseCsv(parsed.value.csv);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (!header || rows.length === 0) {
    return fail('VALIDATION_FAILED', 'The CSV has no rows under its header.', {
      csv: 'The CSV needs a header row and at least one row of entries.',
    });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    return fail('VALIDATION_FAILED', `Import at most ${MAX_IMPORT_ROWS} rows at once.`, {
      csv: `The file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at once (split the file).`,
    });
  }
  const names = header.map((h) => h.trim());
  const columns: Partial<Record<CsvField, number>> = {};
  const mappingProblems: Record<string, string> = {};
  for (const field of CSV_FIELDS) {
    const column = parsed.value.mapping[field];
    if (column === undefined) continue;
    const index = names.indexOf(column.trim());
    if (index < 0) mappingProblems[`mapping.${field}`] = `There is no column "${column}" in the header row.`;
    else columns[field] = index;
  }
  if (Object.keys(mappingProblems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some mapped columns are not in the file.', mappingProblems);
  }
  const refused: ImportPreview['refused'] = [];
  const accepted: JournalEntry[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    const { input, problems } = inputOf(cells, columns);
    const shape = journalEntryInputSchema.safeParse(input);
    const reasons = { ...problems, ...(shape.success ? {} : fieldErrorsFrom(shape.error)) };
    if (shape.success && Object.keys(problems).length === 0) {
      const checked = checkEntry(shape.data);
      if (checked.ok) accepted.push(checked.value.entry);
      else Object.assign(reasons, checked.error.fields);
    }
    if (Object.keys(reasons).length > 0) refused.push({ row, reasons });
  });
  let ids: string[] = [];
  if (parsed.value.commit && accepted.length > 0) {
    const now = ctx.now();
    const values = accepted.map((entry) => ({
      id: ctx.newId(),
      entry,
      blockId: null,
      card: createNewCard(now.getTime()),
      now: now.toISOString(),
    }));
    await ctx.writes.run((trx) => ctx.repos.journal.insertEntries(trx, actor.userId, values));
    ids = values.map((v) => v.id);
  }
  return ok({ rows: rows.length, accepted: accepted.length, refused, ids });
}
