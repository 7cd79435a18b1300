/**
 * `npx comeback export-outcomes > pairs.csv` (docs/cli.md): the school's side of journey stage 9.
 * Opens the database the server would (DATABASE_URL, or the SQLite file under COMEBACK_DATA_DIR) and
 * prints the `comeback evaluate` CSV of the results whose students turned sharing on, and of no
 * others. No name, email or id is printed. Exit 0 on success, 1 when the database cannot be read.
 */
import type { Kysely } from 'kysely';
import { writeOutcomesCsv, type SharedPair } from '#domain/evidence/outcome-pairs.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { createEvidenceRepo } from './repositories/evidence.repo.ts';
import { createOutcomesRepo } from './repositories/outcomes.repo.ts';
import { createProfilesRepo } from './repositories/profiles.repo.ts';
import { zonedTimeToUtc } from './time.ts';

/**
 * The consented pairs in a database: only results with share_with_school = 1 are read. Each pair
 * carries the instant its exam day began in the student's time zone, so only the practice exams
 * logged before then are paired (writeOutcomesCsv): an exam back-dated after the result never
 * enters. An exam deleted since is gone from the database and cannot be put back (docs/cli.md).
 */
export async function readSharedPairs(db: Kysely<DB>): Promise<SharedPair[]> {
  const evidence = createEvidenceRepo(db);
  const profiles = createProfilesRepo(db);
  const pairs: SharedPair[] = [];
  for (const outcome of await createOutcomesRepo(db).listShared()) {
    const exams = await evidence.listPracticeExams(outcome.userId);
    // A result is kept with its profile (deleting the account deletes both); UTC only if one is missing.
    const timeZone = (await profiles.get(outcome.userId))?.timeZone ?? 'UTC';
    const examDayStartsAt = zonedTimeToUtc(outcome.examDate, '00:00', timeZone).toISOString();
    pairs.push({ realScore: outcome.score, examDate: outcome.examDate, examDayStartsAt, exams });
  }
  return pairs;
}

/** Runs the export on an open database, writing the CSV and a one-line summary. */
export async function exportOutcomes(
  db: Kysely<DB>,
  out: { stdout: (text: string) => void; stderr: (text: string) => void },
): Promise<void> {
  const { csv, rows, leftOut } = writeOutcomesCsv(await readSharedPairs(db));
  out.stdout(csv);
  out.stderr(`${rows} consented result(s) written; ${leftOut} left out (no practice exam before the exam).\n`);
}

if (process.argv[1]?.endsWith('export-outcomes-cli.ts') || process.argv[2] === 'export-outcomes') {
  const database = openDatabase(loadConfig().database);
  try {
    await exportOutcomes(database.db, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  } catch (error) {
    process.stderr.write(
      `Could not read the outcomes: ${(error as Error).message}. Check DATABASE_URL (or COMEBACK_DATA_DIR) and that the database is migrated (npm run migrate).\n`,
    );
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
