import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { deleteOutcome } from '../use-cases/delete-outcome.ts';
import { getOutcome } from '../use-cases/get-outcome.ts';
import { recordOutcome } from '../use-cases/record-outcome.ts';
import { respond } from './respond.ts';

/** `/outcome`: journey stage 9, the real Step 2 CK result and how the last prediction compared. */
export async function outcomeRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/outcome', async (request) => getOutcome(ctx, actorOf(request)));
  app.put('/outcome', async (request, reply) =>
    respond(request, reply, await recordOutcome(ctx, actorOf(request), request.body), (v) => v),
  );
  app.delete('/outcome', async (request, reply) =>
    respond(request, reply, await deleteOutcome(ctx, actorOf(request)), () => undefined, 204),
  );
}
