import fs from 'node:fs';
import net from 'node:net';
import { buildApp } from './app.ts';
import { ConfigError, DEFAULT_SHUTDOWN, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateWhenReachable, pendingMigrations, waitForLatestSchema } from './db/migration-wait.ts';
import { createReadiness } from './readiness.ts';
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
 * Stops `server` listening without closing its connections (net.Server's close, not http.Server's,
 * which also closes idle keep-alive connections); resolves once they have all ended, or after
 * `maxWaitMs`.
 */
function stopAccepting(server: net.Server, maxWaitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxWaitMs);
    net.Server.prototype.close.call(server, () => {
      clearTimeout(timer);
      resolve();
    });
  });
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
  const migrateOnStart = config.migrateOnStart ?? true;
  const shutdownTimes = config.shutdown ?? DEFAULT_SHUTDOWN;
  // Migrating at start: migrate first, then listen, ready. Waiting for `npm run migrate`: listen at
  // once (so /healthz and /readyz answer: alive, not ready), and serve once the schema is there.
  if (migrateOnStart) await migrateWhenReachable(database);
  // Waiting for `npm run migrate`: one look before listening, so an instance restarted on a
  // migrated schema (a roll, a crash) never answers a single 503 "starting up" to the proxy.
  const isSchemaReady = migrateOnStart || (await pendingMigrations(database).catch(() => ['unknown'])).length === 0;
  const readiness = createReadiness(isSchemaReady ? 'serving' : 'waiting-for-migrations');
  const { app, ctx } = await buildApp({
    config,
    database,
    readiness,
    clock: config.testClockFile ? fileClock(config.testClockFile) : undefined,
  });
  if (config.testClockFile) app.log.warn(`Test clock: "now" is read from ${config.testClockFile}`);

  const prune = () => pruneExpired(ctx).catch((error: unknown) => app.log.error({ err: error }, 'pruning failed'));
  // Set once serving; the shutdown clears it.
  const pruning: { timer?: NodeJS.Timeout } = {};
  const stopWaiting = new AbortController();

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    // Ctrl+C in a terminal: no proxy to tell, so no grace. SIGTERM (systemd, a roll): the grace.
    const graceMs = signal === 'SIGINT' ? 0 : shutdownTimes.graceMs;
    readiness.markDraining();
    stopWaiting.abort();
    clearInterval(pruning.timer);
    app.log.info({ signal, graceMs }, 'shutting down: /readyz now answers 503');
    // Past the timeout the process exits whatever is still running (a stuck request, a hung query).
    const deadline = setTimeout(
      () => {
        app.log.error({ timeoutMs: shutdownTimes.timeoutMs }, 'shutdown timed out; exiting with requests unfinished');
        process.exit(1);
      },
      graceMs + shutdownTimes.timeoutMs + 2_000,
    );
    deadline.unref();
    try {
      // The grace: still accepting, so a proxy that polls /readyz sees 503 and stops sending before
      // connections are refused; every response meanwhile closes its connection.
      await new Promise((resolve) => setTimeout(resolve, graceMs));
      app.log.info('draining: no new connections; finishing the requests in flight');
      // Stop accepting but keep the busy connections: each closes after its current answer
      // (Connection: close), within SHUTDOWN_TIMEOUT_MS. Closing idle connections at SIGTERM would
      // cut one whose request is already on its way (a POST nginx just sent: nginx answers 502).
      // A connection still idle now has been idle for the whole grace (every answer in the grace
      // closed its own connection), longer than the proxy's idle keep-alive (nginx 4 s < 5 s grace),
      // so the proxy no longer uses it; a direct client that kept one open (Node's fetch keeps idle
      // sockets for the server's 72 s hint) must not hold the drain to its timeout, so close those.
      // With no grace (Ctrl+C, tests without a proxy) there is no proxy to wait for.
      app.server.closeIdleConnections();
      await stopAccepting(app.server, graceMs === 0 ? 0 : shutdownTimes.timeoutMs);
      // Closes what is left (idle connections), waits for in-flight requests to be answered.
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

  if (!isSchemaReady) {
    const isReady = await waitForLatestSchema(database, {
      log: (line) => app.log.warn(line),
      signal: stopWaiting.signal,
    });
    if (!isReady) return;
    readiness.markServing();
    app.log.info('the schema is at the latest migration: serving');
  }
  await prune();
  pruning.timer = setInterval(() => void prune(), 60 * 60_000);
  pruning.timer.unref();
}

await main();
