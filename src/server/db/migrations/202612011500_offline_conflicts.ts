import type { Kysely } from 'kysely';

// Frozen in time: never imports app code; runs unchanged on SQLite and PostgreSQL.
// A reserved slot that shipped empty and has run as such on existing databases: never fill it (a
// change here would not run where it is already recorded). New changes take a new name.

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
