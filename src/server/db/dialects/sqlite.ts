import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/**
 * The embedded database. WAL with synchronous=FULL makes every commit durable before the response
 * that reports it (DESIGN.md: survived kill -9 runs with no acknowledged row lost); foreign keys
 * are on so deletes cascade; busy_timeout lets several processes share the file.
 */
export function createSqliteDialect(file: string): SqliteDialect {
  return new SqliteDialect({
    database: async () => {
      if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
      const database = new SQLite(file);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      return withStatementCache(database);
    },
  });
}

/**
 * Kysely's SQLite driver prepares every query anew; compiling SQL is a fifth of the cost of a small
 * read (measured by `npm run bench`). Statements are reusable, so keep them by SQL text. The app has
 * a fixed set of queries; the bound stops a pathological caller from growing it without end.
 */
const STATEMENT_CACHE_LIMIT = 1000;

function withStatementCache(database: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as SQLite.Database['prepare'];
  return database;
}
