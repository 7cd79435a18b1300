import type { FastifyInstance } from 'fastify';
import { EVIDENCE_PARTS } from '#shared/contracts/evidence-api.ts';
import type { Context } from '../context.ts';
import { respondIdempotent } from '../idempotency.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { deleteBlock } from '../use-cases/delete-block.ts';
import { deletePracticeExam } from '../use-cases/delete-practice-exam.ts';
import { getEvidencePart } from '../use-cases/evidence-parts.ts';
import { getEvidence } from '../use-cases/get-evidence.ts';
import { logBlock } from '../use-cases/log-block.ts';
import { logCheckIn } from '../use-cases/log-check-in.ts';
import { logFullLengthDay } from '../use-cases/log-full-length-day.ts';
import { logPracticeExam } from '../use-cases/log-practice-exam.ts';
import { setCounselling } from '../use-cases/set-counselling.ts';
import { respond } from './respond.ts';

export async function evidenceRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/evidence', async (request) => getEvidence(ctx, actorOf(request)));
  // One part of the page each (issue 13): the page reads a part when its tab is opened.
  for (const part of EVIDENCE_PARTS) {
    app.get(`/evidence/${part}`, async (request) => getEvidencePart(ctx, actorOf(request), part));
  }

  app.post('/evidence/blocks', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => logBlock(ctx, actorOf(request), request.body, key),
      (v) => v,
      201,
    ),
  );
  app.delete<{ Params: { id: string } }>('/evidence/blocks/:id', async (request, reply) =>
    respond(request, reply, await deleteBlock(ctx, actorOf(request), request.params.id), () => undefined, 204),
  );

  app.post('/evidence/practice-exams', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => logPracticeExam(ctx, actorOf(request), request.body, key),
      (v) => v,
      201,
    ),
  );
  app.delete<{ Params: { id: string } }>('/evidence/practice-exams/:id', async (request, reply) =>
    respond(request, reply, await deletePracticeExam(ctx, actorOf(request), request.params.id), () => undefined, 204),
  );

  app.post('/evidence/full-length-days', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => logFullLengthDay(ctx, actorOf(request), request.body, key),
      (v) => v,
      201,
    ),
  );
  app.post('/evidence/wellbeing', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => logCheckIn(ctx, actorOf(request), request.body, key),
      (v) => v,
      201,
    ),
  );
  app.put('/evidence/counselling', async (request, reply) =>
    respond(request, reply, await setCounselling(ctx, actorOf(request), request.body), () => undefined, 204),
  );
}
