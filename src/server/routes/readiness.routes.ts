import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { acceptDelay } from '../use-cases/accept-delay.ts';
import { respond } from './respond.ts';

/** `/readiness`: acting on the readiness verdict (accepting the proposed delay). */
export async function readinessRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.post('/readiness/accept-delay', async (request, reply) =>
    respond(request, reply, await acceptDelay(ctx, actorOf(request), request.body), (v) => v),
  );
}
