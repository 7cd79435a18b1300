import type { FastifyInstance } from 'fastify';
import { CONTENT_CATEGORIES, POSTMORTEM_SECTIONS } from '#domain/postmortem/questionnaire.ts';
import type { PostmortemQuestionnaireResponse } from '#shared/contracts/postmortem.ts';
import type { Context } from '../context.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { confirmSupport, getPostmortem, getSupportPrompt, savePostmortem } from '../use-cases/postmortem.ts';
import { respond } from './respond.ts';

export async function postmortemRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/postmortem/questionnaire', async (): Promise<PostmortemQuestionnaireResponse> => ({
    sections: POSTMORTEM_SECTIONS,
    contentCategories: CONTENT_CATEGORIES,
  }));

  app.get('/postmortem', async (request) => getPostmortem(ctx, actorOf(request), request.log));

  app.put('/postmortem', async (request, reply) =>
    respond(request, reply, await savePostmortem(ctx, actorOf(request), request.body), (v) => v),
  );

  app.get('/postmortem/support-prompt', async (request) => getSupportPrompt(ctx, actorOf(request)));

  app.put('/postmortem/support-prompt', async (request, reply) =>
    respond(request, reply, await confirmSupport(ctx, actorOf(request), request.body), (v) => v),
  );
}
