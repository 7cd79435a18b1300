import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { actorOf, requireUser } from '../plugins/auth.ts';
import { changePassword } from '../use-cases/change-password.ts';
import { deleteAccount } from '../use-cases/delete-account.ts';
import { exportDataThrottled } from '../use-cases/export-data.ts';
import { clearSessionCookie } from './auth.routes.ts';
import { respond } from './respond.ts';

export async function accountRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireUser);

  app.post('/account/password', async (request, reply) => {
    const result = await changePassword(ctx, actorOf(request), request.body);
    return respond(request, reply, result, (value) => value);
  });

  app.get('/account/export', async (request, reply) => {
    const result = await exportDataThrottled(ctx, actorOf(request));
    if (!result.ok) return respond(request, reply, result, () => undefined);
    const data = result.value;
    const day = data.exportedAt.slice(0, 10);
    reply.header('content-disposition', `attachment; filename="comeback-export-${day}.json"`);
    reply.header('cache-control', 'no-store');
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2));
  });

  app.post('/account/delete', async (request, reply) => {
    const result = await deleteAccount(ctx, actorOf(request), request.body);
    if (result.ok) clearSessionCookie(ctx, reply);
    return respond(request, reply, result, () => undefined, 204);
  });
}
