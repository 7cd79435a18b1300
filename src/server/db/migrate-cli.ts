import { loadConfig } from '../config.ts';
import { migrateToLatest, openDatabase } from './database.ts';

const config = loadConfig();
const database = openDatabase(config.database);
const applied = await migrateToLatest(database.db);
process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
await database.close();
