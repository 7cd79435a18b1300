import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { DEFAULT_HTTP, type Config } from './config.ts';
import { createContext, type Clock, type Context } from './context.ts';
import type { Database } from './db/database.ts';
import { isAccountGone, isDatabaseBusy, isDatabaseUnavailable } from './db/dialects/errors.ts';
import { errorBody, HTTP_STATUS } from './errors.ts';
import { redactStack, redactTokens, redactUrl } from './logging/redact.ts';
import { createAuthenticate } from './plugins/auth.ts';
import { loadFirstScreenHints } from './plugins/first-screen-hints.ts';
import { createOriginCheck } from './plugins/security.ts';
import { NOT_READY_STATUS, type Readiness } from './readiness.ts';
import { accountRoutes } from './routes/account.routes.ts';
import { advisorRoutes } from './routes/advisor.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { calendarFeedRoutes } from './routes/calendar-feed.routes.ts';
import { evidenceRoutes } from './routes/evidence.routes.ts';
import { feedRoutes } from './routes/feed.routes.ts';
import { journalRoutes } from './routes/journal.routes.ts';
import { outcomeRoutes } from './routes/outcome.routes.ts';
import { planRoutes } from './routes/plan.routes.ts';
import { postmortemRoutes } from './routes/postmortem.routes.ts';
import { profileRoutes } from './routes/profile.routes.ts';
import { readinessRoutes } from './routes/readiness.routes.ts';
import { sharingRoutes } from './routes/sharing.routes.ts';
import { storyRoutes } from './routes/story.routes.ts';
import { recordRouteTable } from './route-table.ts';

export type AppDeps = {
  config: Readonly<Config>;
  database: Database;
  clock?: Clock;
  /** Where log lines go (stdout when left out); tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream;
  /** Waiting for migrations or draining (main.ts); always serving when left out. */
  readiness?: Readiness;
};

/** Seconds a client waits before retrying when the database is away or busy. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Static files that exist only as siblings to serve in place of another, or never in production. */
const NEVER_SERVED_FILES = ['**/*.map', '**/*.br', '**/*.gz'];

/** Log serializers that keep credentials (feed tokens in URLs) out of every log line. */
const logSerializers = {
  req: (request: { method: string; url: string; ip?: string }) => ({
    method: request.method,
    url: redactUrl(request.url),
    remoteAddress: request.ip,
  }),
  // Only these fields: a client error's rawPacket holds the request line (and so a URL), and other
  // enumerable fields of an error may quote request data.
  err: (error: Error & { code?: unknown; statusCode?: unknown; cause?: unknown }) => ({
    type: error.constructor?.name ?? 'Error',
    message: redactTokens(String(error.message)),
    stack: typeof error.stack === 'string' ? redactStack(error.stack) : '',
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
    ...(error.cause instanceof Error ? { cause: redactTokens(String(error.cause.message)) } : {}),
  }),
};

/**
 * Answers a request that failed because the database is away (PostgreSQL restarting, failing
 * over, unreachable) or, on SQLite, busy past its timeout: 503 with Retry-After and a message
 * that says nothing was saved; null for any other error.
 */
function sendDatabaseTrouble(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const code = isDatabaseUnavailable(error) ? 'DATABASE_UNAVAILABLE' : isDatabaseBusy(error) ? 'DATABASE_BUSY' : null;
  if (code === null) return null;
  request.log.warn({ err: error }, code === 'DATABASE_BUSY' ? 'database busy' : 'database unavailable');
  const message =
    code === 'DATABASE_BUSY'
      ? 'The database is busy right now; nothing was saved. Try again in a moment.'
      : "We can't reach the database right now; nothing was saved. Try again in a moment.";
  return reply
    .code(HTTP_STATUS[code])
    .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
    .send(errorBody({ code, message }, request.id));
}

/** Messages for errors Fastify raises before a handler runs (bad JSON, wrong content type, size). */
function describeFrameworkError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as JSON (Content-Type: application/json).';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request is too large. Send less data at once.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty. Send the fields as JSON.';
    default:
      return error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'The request body is not valid JSON.'
        : 'The request could not be read. Check it and try again.';
  }
}

/** Builds the app without listening, so tests drive it with `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; ctx: Context }> {
  const { config, database } = deps;
  const ctx = createContext(config, database, deps.clock);
  const limits = config.http ?? DEFAULT_HTTP;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            serializers: logSerializers,
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    // A number of hops as proxy-addr's function (Fastify's types take no number): the socket's peer
    // is hop 0, so with one proxy hop 0 is trusted and the client is the entry it appended.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    genReqId: () => randomUUID(),
    // Trickling clients (slow-loris) are dropped instead of holding a file descriptor each.
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node checks the header and request timeouts on this interval (30 s by default), so a
      // timeout is enforced within half of itself, and at most 5 s late.
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(limits.headersTimeoutMs / 2))),
    },
  });
  app.server.maxConnections = limits.maxConnections;
  database.reportConnectionErrorsTo((error) =>
    app.log.warn({ err: error }, 'the database closed a connection; it will be replaced'),
  );
  recordRouteTable(app);

  // The API speaks JSON only; anything else is refused with 415 and a message that says so.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  // Security headers, built once (helmet's Fastify plugin rebuilt them on every request; measured
  // as a quarter of the cost of a trivial route). Strict CSP: nothing third-party, no inline code.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: config.cookieSecure,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', createOriginCheck(config.publicOrigin));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAccountGone(error)) {
      // The account was deleted (in another tab, on another instance) while this request ran.
      return reply
        .code(401)
        .send(
          errorBody(
            { code: 'UNAUTHENTICATED', message: 'This account no longer exists, so nothing was saved. Sign in again.' },
            request.id,
          ),
        );
    }
    const databaseTrouble = sendDatabaseTrouble(error, request, reply);
    if (databaseTrouble) return databaseTrouble;
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send(errorBody({ code: 'VALIDATION_FAILED', message: describeFrameworkError(error) }, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({
      error: {
        code: 'INTERNAL_ERROR',
        message:
          'Something went wrong on our side and nothing was saved. Try again; if it keeps happening, tell us this id.',
        requestId: request.id,
      },
    });
  });

  const readiness = deps.readiness;
  if (readiness) {
    app.addHook('onRequest', async (request, reply) => {
      // The schema is behind (waiting for `npm run migrate`): nothing but the probes can be served.
      if (readiness.state() !== 'waiting-for-migrations' || request.url === '/healthz' || request.url === '/readyz') {
        return;
      }
      return reply
        .code(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send(
          errorBody(
            {
              code: 'DATABASE_UNAVAILABLE',
              message: 'The app is starting up; nothing was saved. Try again in a moment.',
            },
            request.id,
          ),
        );
    });
    app.addHook('onSend', async (_request, reply) => {
      // Draining: each connection is closed after its current response, so the proxy opens new ones
      // (to the other instances, once this one stops listening) instead of reusing this one.
      if (readiness.state() === 'draining') reply.header('connection', 'close');
    });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const state = readiness?.state() ?? 'serving';
    if (state !== 'serving') return reply.code(503).send({ status: NOT_READY_STATUS[state] });
    const isReady = await database.isReachable();
    return reply.code(isReady ? 200 : 503).send({ status: isReady ? 'ready' : 'database unreachable' });
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', createAuthenticate(ctx));
      api.addHook('onSend', async (_request, reply) => {
        // Personal data: never cached by the browser or a proxy.
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      });
      await api.register(authRoutes, { ctx });
      await api.register(accountRoutes, { ctx });
      await api.register(profileRoutes, { ctx });
      await api.register(planRoutes, { ctx });
      await api.register(calendarFeedRoutes, { ctx });
      await api.register(postmortemRoutes, { ctx });
      await api.register(evidenceRoutes, { ctx });
      await api.register(readinessRoutes, { ctx });
      await api.register(outcomeRoutes, { ctx });
      await api.register(journalRoutes, { ctx });
      await api.register(storyRoutes, { ctx });
      await api.register(sharingRoutes, { ctx });
      await api.register(advisorRoutes, { ctx });
      api.setNotFoundHandler((request, reply) =>
        reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: 'There is no such API endpoint.' }, request.id)),
      );
    },
    { prefix: '/api' },
  );

  await app.register(feedRoutes, { ctx });

  const indexFile = path.join(config.webRoot, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  const firstScreenLink = loadFirstScreenHints(config.webRoot);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webRoot,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset (vite.config.ts): sent with
      // Content-Encoding and Vary: Accept-Encoding to a browser that accepts them.
      preCompressed: true,
      // Source maps are never served (the production build makes none; this holds if one is left
      // over), nor the compressed siblings under their own names.
      globIgnore: NEVER_SERVED_FILES,
      allowedPath: (pathName) => !pathName.endsWith('.map'),
      setHeaders(res, filePath) {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // HEAD mirrors GET everywhere (Fastify adds HEAD to each GET route); here for the fallback.
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    // A missing file (a stale /assets/x.js, a .map) is a 404, not the page: only app paths such as
    // /profile or /settings, whose last segment has no extension, get index.html.
    const isAppPath = !/\.[A-Za-z0-9]+$/.test(request.url.split('?')[0] ?? '');
    if (isRead && hasWeb && isAppPath) {
      // The single-page app owns every other path: /profile, /settings, ...
      const link = firstScreenLink(request.url.split('?')[0] ?? '');
      if (link) reply.header('link', link);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (isRead && !hasWeb) {
      return reply.code(503).type('text/plain').send('The web app is not built. Run `npm run build`, then reload.');
    }
    return reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: 'Not found.' }, request.id));
  });

  return { app, ctx };
}
