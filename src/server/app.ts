import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from './config.ts';
import { createContext, type Clock, type Context } from './context.ts';
import type { Database } from './db/database.ts';
import { errorBody } from './errors.ts';
import { createAuthenticate } from './plugins/auth.ts';
import { createOriginCheck } from './plugins/security.ts';
import { accountRoutes } from './routes/account.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { evidenceRoutes } from './routes/evidence.routes.ts';
import { feedRoutes, planRoutes } from './routes/plan.routes.ts';
import { postmortemRoutes } from './routes/postmortem.routes.ts';
import { profileRoutes } from './routes/profile.routes.ts';
import { recordRouteTable } from './route-table.ts';

export type AppDeps = { config: Readonly<Config>; database: Database; clock?: Clock };

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
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            serializers: {
              // A feed URL carries its token, which is a credential: never write it to the logs.
              req: (request: { method: string; url: string; ip?: string }) => ({
                method: request.method,
                url: request.url.replace(/^\/feed\/[^/?]+/, '/feed/[token]'),
                remoteAddress: request.ip,
              }),
            },
          },
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    genReqId: () => randomUUID(),
  });
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

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
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
      await api.register(postmortemRoutes, { ctx });
      await api.register(evidenceRoutes, { ctx });
      api.setNotFoundHandler((request, reply) =>
        reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: 'There is no such API endpoint.' }, request.id)),
      );
    },
    { prefix: '/api' },
  );

  await app.register(feedRoutes, { ctx });

  const indexFile = path.join(config.webRoot, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webRoot,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && hasWeb) {
      // The single-page app owns every other path: /profile, /settings, ...
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (request.method === 'GET') {
      return reply.code(503).type('text/plain').send('The web app is not built. Run `npm run build`, then reload.');
    }
    return reply.code(404).send(errorBody({ code: 'NOT_FOUND', message: 'Not found.' }, request.id));
  });

  return { app, ctx };
}
