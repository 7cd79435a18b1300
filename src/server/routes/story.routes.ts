import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { addStoryAttempt } from '../use-cases/add-story-attempt.ts';
import { checkStoryText } from '../use-cases/check-story-text.ts';
import { deleteStory } from '../use-cases/delete-story.ts';
import { getStory } from '../use-cases/get-story.ts';
import { saveStoryPlacement } from '../use-cases/save-story-placement.ts';
import { saveStoryText } from '../use-cases/save-story-text.ts';
import { respond } from './respond.ts';

/** Telling the story of the fail (issue 14): drafts, the checker, practice attempts, placement. Students only. */
export async function storyRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/story', async (request, reply) =>
    respond(request, reply, await getStory(ctx, actorOf(request), request.query), (v) => v),
  );
  app.post('/story/check', async (request, reply) => respond(request, reply, checkStoryText(request.body), (v) => v));
  app.put('/story/texts', async (request, reply) =>
    respond(request, reply, await saveStoryText(ctx, actorOf(request), request.body), (v) => v),
  );
  app.put('/story/placement', async (request, reply) =>
    respond(request, reply, await saveStoryPlacement(ctx, actorOf(request), request.body), (v) => v),
  );
  app.post('/story/attempts', async (request, reply) =>
    respond(request, reply, await addStoryAttempt(ctx, actorOf(request), request.body), (v) => v, 201),
  );
  app.delete('/story', async (request, reply) =>
    respond(request, reply, await deleteStory(ctx, actorOf(request)), () => ({ deleted: true })),
  );
}
