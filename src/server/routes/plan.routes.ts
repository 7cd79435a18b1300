import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocalDate } from '#domain/common/dates.ts';
import type { Context } from '../context.ts';
import { errorBody } from '../errors.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { calendarFor, readCalendarFeed, revokeCalendarFeed, rotateCalendarFeed } from '../use-cases/calendar-feed.ts';
import { getPlan } from '../use-cases/get-plan.ts';
import { markPlanItem } from '../use-cases/mark-plan-item.ts';
import { savePlan } from '../use-cases/save-plan.ts';
import { respond } from './respond.ts';

/** The origin feed URLs are built on: the configured one, else the request's own (if it parses). */
function originOf(ctx: Context, request: FastifyRequest): string {
  if (ctx.config.publicOrigin) return ctx.config.publicOrigin;
  try {
    return new URL(`${request.protocol}://${request.headers.host ?? 'localhost'}`).origin;
  } catch {
    return `${request.protocol}://localhost`;
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
    return { feed: feed ? { createdAt: feed.created_at, lastReadAt: feed.last_read_at } : null };
  });

  app.post('/calendar-feed', async (request) => {
    const { token, createdAt } = await rotateCalendarFeed(ctx, actorOf(request));
    return { url: `${originOf(ctx, request)}/feed/${token}.ics`, createdAt };
  });

  app.delete('/calendar-feed', async (request, reply) => {
    await revokeCalendarFeed(ctx, actorOf(request));
    return reply.code(204).send();
  });
}

/** The public subscription URL: the token is the only credential, so unknown and revoked look alike. */
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
