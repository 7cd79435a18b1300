import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import {
  cancelInvitation,
  createInvitation,
  exportAccessLogCsv,
  getAccessLog,
  getSharing,
  revokeLink,
  updateScopes,
} from '../use-cases/sharing.ts';
import { respond } from './respond.ts';

/** The student's side of advisors: invitations, scopes, revocation and the access log. */
export async function sharingRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/sharing', async (request) => getSharing(ctx, actorOf(request)));
  app.post('/sharing/invitations', async (request, reply) =>
    respond(request, reply, await createInvitation(ctx, actorOf(request), request.body), (v) => v, 201),
  );
  app.delete<{ Params: { id: string } }>('/sharing/invitations/:id', async (request, reply) =>
    respond(request, reply, await cancelInvitation(ctx, actorOf(request), request.params.id), () => undefined, 204),
  );
  app.put<{ Params: { id: string } }>('/sharing/links/:id/scopes', async (request, reply) =>
    respond(request, reply, await updateScopes(ctx, actorOf(request), request.params.id, request.body), (v) => v),
  );
  app.post<{ Params: { id: string } }>('/sharing/links/:id/revoke', async (request, reply) =>
    respond(request, reply, await revokeLink(ctx, actorOf(request), request.params.id), () => undefined, 204),
  );
  app.get('/sharing/access-log', async (request) => getAccessLog(ctx, actorOf(request)));
  app.get('/sharing/access-log.csv', async (request, reply) => {
    const body = await exportAccessLogCsv(ctx, actorOf(request));
    reply.header('content-disposition', 'attachment; filename="comeback-access-log.csv"');
    return reply.type('text/csv; charset=utf-8').send(body);
  });
}
