import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocalDate } from '#domain/common/dates.ts';
import type { Context } from '../context.ts';
import { errorBody, HTTP_STATUS } from '../errors.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { calendarFor, readCalendarFeed, revokeCalendarFeed, rotateCalendarFeed } from '../use-cases/calendar-feed.ts';
import { getPlan } from '../use-cases/get-plan.ts';
import { markPlanItem } from '../use-cases/mark-plan-item.ts';
import { savePlan } from '../use-cases/save-plan.ts';
import { respond } from './respond.ts';

/** What the calendar-link screen and API say when no origin can be trusted for a feed URL. */
export const PUBLIC_ORIGIN_MESSAGE =
  'This server does not know its public address, so it cannot make a calendar link that works outside ' +
  'this computer. The operator must set PUBLIC_ORIGIN (for example https://comeback.example.edu) and restart the app.';

/** Loopback hosts, with or without a port: 127.0.0.0/8, localhost and [::1]. */
function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The origin feed URLs are built on: PUBLIC_ORIGIN when set. Otherwise the request's own host only
 * when it is a loopback address (a laptop install); any other Host header could be forged
 * (`Host: evil.example` would hand the student a link to another site), so null: the operator
 * must set PUBLIC_ORIGIN.
 */
function originOf(ctx: Context, request: FastifyRequest): string | null {
  if (ctx.config.publicOrigin) return ctx.config.publicOrigin;
  // Behind a proxy the Host the app sees is the proxy's choice (often its own upstream address,
  // 127.0.0.1:3000, which would hand out links that work nowhere): the public address must be set.
  if (ctx.config.trustProxy) return null;
  const host = request.headers.host;
  // Only a bare host[:port]: user info, a path or spaces make it no Host header at all.
  if (!host || /[@/?#\\\s]/.test(host)) return null;
  try {
    const url = new URL(`${request.protocol}://${host}`);
    return isLoopbackHostname(url.hostname) ? url.origin : null;
  } catch {
    return null;
  }
}

export async function planRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get<{ Querystring: { from?: string; to?: string } }>('/plan', async (request, reply) => {
    const { from, to } = request.query;
    for (const [name, value] of Object.entries({ from, to })) {
      if (value !== undefined && !isLocalDate(value)) {
        return reply.code(400).send(
          errorBody(
            {
              code: 'VALIDATION_FAILED',
              message: `“${name}” must be a date like 2027-01-31.`,
              fields: { [name]: 'Use YYYY-MM-DD.' },
            },
            request.id,
          ),
        );
      }
    }
    return getPlan(ctx, actorOf(request), { from, to });
  });

  app.put('/plan', async (request, reply) =>
    respond(request, reply, await savePlan(ctx, actorOf(request), request.body), (v) => v),
  );

  app.post('/plan/replan', async (request, reply) =>
    respond(request, reply, await savePlan(ctx, actorOf(request), {}), (v) => v),
  );

  app.post<{ Params: { id: string } }>('/plan/items/:id', async (request, reply) =>
    respond(request, reply, await markPlanItem(ctx, actorOf(request), request.params.id, request.body), (item) => ({
      item,
    })),
  );

  app.get('/plan/calendar.ics', async (request, reply) => {
    const body = await calendarFor(ctx, actorOf(request).userId);
    reply.header('content-disposition', 'attachment; filename="comeback-plan.ics"');
    return reply.type('text/calendar; charset=utf-8').send(body);
  });

  app.get('/calendar-feed', async (request) => {
    const feed = await ctx.repos.calendarFeeds.getActive(actorOf(request).userId);
    return {
      feed: feed ? { createdAt: feed.created_at, lastReadAt: feed.last_read_at } : null,
      // Said before the student asks for a link, so the page can tell them (and the operator) why not.
      setupProblem: originOf(ctx, request) === null ? PUBLIC_ORIGIN_MESSAGE : null,
    };
  });

  app.post('/calendar-feed', async (request, reply) => {
    const origin = originOf(ctx, request);
    if (origin === null) {
      // Refused before rotating: the student's working link stays as it is.
      return reply
        .code(HTTP_STATUS.PUBLIC_ORIGIN_REQUIRED)
        .send(errorBody({ code: 'PUBLIC_ORIGIN_REQUIRED', message: PUBLIC_ORIGIN_MESSAGE }, request.id));
    }
    const { token, createdAt } = await rotateCalendarFeed(ctx, actorOf(request));
    return { url: `${origin}/feed/${token}.ics`, createdAt };
  });

  app.delete('/calendar-feed', async (request, reply) => {
    await revokeCalendarFeed(ctx, actorOf(request));
    return reply.code(204).send();
  });
}

/**
 * The public subscription URL: the token is the only credential, so unknown and revoked look alike.
 * The router matches the percent-decoded path, so `/%66eed/<token>.ics` is this route too: that is
 * the same URL (RFC 3986 §6.2.2.2) and serving it leaks nothing; what must never happen is the
 * token reaching a log line, which the app's log serializers prevent for every spelling.
 */
export async function feedRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.get<{ Params: { file: string } }>('/feed/:file', async (request, reply) => {
    const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(request.params.file);
    const body = match ? await readCalendarFeed(ctx, match[1]!) : null;
    reply.header('cache-control', 'private, no-cache');
    if (body === null)
      return reply.code(404).type('text/plain').send('This calendar feed does not exist or was turned off.');
    return reply.type('text/calendar; charset=utf-8').send(body);
  });
}
