import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { readCalendarFeed } from '../use-cases/calendar-feed.ts';

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
