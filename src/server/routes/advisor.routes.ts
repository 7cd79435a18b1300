import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.ts';
import { errorBody } from '../errors.ts';
import { actorOf, requireUser } from '../plugins/auth.ts';
import {
  acceptInvitation,
  addNote,
  deleteNote,
  exportDashboardCsv,
  getDashboard,
  getStudentPage,
} from '../use-cases/advisor.ts';
import { respond } from './respond.ts';

/** Advisor-only endpoints: a student is refused without learning anything. */
async function requireAdvisor(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) return requireUser(request, reply);
  if (request.actor.role !== 'advisor') {
    return reply
      .code(403)
      .send(errorBody({ code: 'FORBIDDEN', message: 'This part of Comeback is for advisors only.' }, request.id));
  }
}

/**
 * The advisor's API. Every handler reads the advisor's live links from the database on this
 * request (no cache), so a revocation or a scope switched off on any instance holds at once.
 */
export async function advisorRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireAdvisor);

  app.post('/advisor/invitations/accept', async (request, reply) =>
    respond(request, reply, await acceptInvitation(ctx, actorOf(request), request.body), (v) => v, 201),
  );
  app.get('/advisor/dashboard', async (request) => getDashboard(ctx, actorOf(request)));
  app.get('/advisor/dashboard.csv', async (request, reply) => {
    const body = await exportDashboardCsv(ctx, actorOf(request));
    reply.header('content-disposition', 'attachment; filename="comeback-advisor-dashboard.csv"');
    return reply.type('text/csv; charset=utf-8').send(body);
  });
  app.get<{ Params: { id: string } }>('/advisor/students/:id', async (request, reply) =>
    respond(request, reply, await getStudentPage(ctx, actorOf(request), request.params.id), (v) => v),
  );
  app.post<{ Params: { id: string } }>('/advisor/students/:id/notes', async (request, reply) =>
    respond(request, reply, await addNote(ctx, actorOf(request), request.params.id, request.body), (v) => v, 201),
  );
  app.delete<{ Params: { id: string } }>('/advisor/notes/:id', async (request, reply) =>
    respond(request, reply, await deleteNote(ctx, actorOf(request), request.params.id), () => undefined, 204),
  );
}
