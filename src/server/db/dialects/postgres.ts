import { PostgresDialect } from 'kysely';
import pg from 'pg';

/**
 * The school-wide database. `schema`, when given, becomes the search_path, so that tests (and
 * several deployments on one server) keep their tables apart.
 */
export function createPostgresDialect(url: string, schema?: string): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}
