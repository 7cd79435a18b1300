/**
 * `npm run migrate`: the one-shot migration step of a deployment (before the instances start, or
 * before they are rolled onto a new release; docs/deploy.md). Kysely's advisory lock on PostgreSQL
 * makes a second migrator wait rather than race; an unreachable database is waited for.
 */
import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { migrateWhenReachable } from './migration-wait.ts';

const config = loadConfig();
const database = openDatabase(config.database);
try {
  const applied = await migrateWhenReachable(database);
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
} finally {
  await database.close();
}
