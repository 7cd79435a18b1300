import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CalendarFeedResponse, CreatedCalendarFeed } from '#shared/contracts/calendar-feed.ts';
import type { Context } from '../context.ts';
import { errorBody, HTTP_STATUS } from '../errors.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { revokeCalendarFeed, rotateCalendarFeed, setCalendarReminder } from '../use-cases/calendar-feed.ts';
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

/** `/calendar-feed`: the signed-in student's subscription link (read, rotate, turn off). */
export async function calendarFeedRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/calendar-feed', async (request): Promise<CalendarFeedResponse> => {
    const { userId } = actorOf(request);
    const [feed, reminder] = await Promise.all([
      ctx.repos.calendarFeeds.getActive(userId),
      ctx.repos.calendarFeeds.getReminder(userId),
    ]);
    return {
      feed: feed ? { createdAt: feed.created_at, lastReadAt: feed.last_read_at } : null,
      reminder,
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
    const created: CreatedCalendarFeed = { url: `${origin}/feed/${token}.ics`, createdAt };
    return created;
  });

  app.put('/calendar-feed/reminder', async (request, reply) =>
    respond(request, reply, await setCalendarReminder(ctx, actorOf(request), request.body), (v) => v),
  );

  app.delete('/calendar-feed', async (request, reply) => {
    await revokeCalendarFeed(ctx, actorOf(request));
    return reply.code(204).send();
  });
}
