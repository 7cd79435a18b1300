import fs from 'node:fs';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { migrateToLatest, openDatabase, type Database } from './db/database.ts';
import { isDatabaseBusy, isDatabaseUnavailable } from './db/dialects/errors.ts';
import { pruneExpired } from './use-cases/prune-expired.ts';

/** The test clock: the instant written in `file`, or the real time when it is empty or unreadable. */
function fileClock(file: string): () => Date {
  return () => {
    try {
      const text = fs.readFileSync(file, 'utf8').trim();
      const instant = text ? new Date(text) : null;
      return instant && !Number.isNaN(instant.getTime()) ? instant : new Date();
    } catch {
      return new Date();
    }
  };
}

/**
 * Migrates once the database answers. An instance started while PostgreSQL is still coming up (a
 * restart, a failover, the whole deployment booting at once) waits for it, about 4 minutes at most,
 * instead of exiting; a real error (a failed migration) still stops start-up at once.
 */
async function migrateWhenReachable(database: Database): Promise<void> {
  const MAX_ATTEMPTS = 30;
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(database.db);
      return;
    } catch (error) {
      if (!(isDatabaseUnavailable(error) || isDatabaseBusy(error)) || attempt >= MAX_ATTEMPTS) throw error;
      const waitMs = Math.min(10_000, 250 * 2 ** attempt);
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`The database is not reachable yet (${reason}); trying again in ${waitMs / 1000} s\n`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const database = openDatabase(config.database);
  await migrateWhenReachable(database);
  const { app, ctx } = await buildApp({
    config,
    database,
    clock: config.testClockFile ? fileClock(config.testClockFile) : undefined,
  });
  if (config.testClockFile) app.log.warn(`Test clock: "now" is read from ${config.testClockFile}`);

  const prune = () => pruneExpired(ctx).catch((error: unknown) => app.log.error({ err: error }, 'pruning failed'));
  await prune();
  const pruneTimer = setInterval(() => void prune(), 60 * 60_000);
  pruneTimer.unref();

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    clearInterval(pruneTimer);
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  app.log.info(`Comeback is running at http://${config.host}:${config.port} on ${where}`);
}

await main();
