import type { FastifyInstance } from 'fastify';
import { isLocalDate } from '#domain/common/dates.ts';
import type { Context } from '../context.ts';
import { errorBody } from '../errors.ts';
import { respondIdempotent } from '../idempotency.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { calendarFor } from '../use-cases/calendar-feed.ts';
import { getPlan } from '../use-cases/get-plan.ts';
import { markPlanItem } from '../use-cases/mark-plan-item.ts';
import { planDefaults } from '../use-cases/postmortem.ts';
import { reflowPlan } from '../use-cases/reflow-plan.ts';
import { savePlan } from '../use-cases/save-plan.ts';
import { respond } from './respond.ts';

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

  // Re-flow without a full re-plan: the same work, moved (src/domain/plan/reflow.ts). Replayable
  // with an Idempotency-Key: a retry after a lost answer must not push the plan back twice.
  app.post('/plan/push-back', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => reflowPlan(ctx, actorOf(request), request.body, 'push-back', key),
      (v) => v,
      200,
    ),
  );

  app.post('/plan/spread-missed', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => reflowPlan(ctx, actorOf(request), request.body, 'spread', key),
      (v) => v,
      200,
    ),
  );

  app.post<{ Params: { id: string } }>('/plan/items/:id', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => markPlanItem(ctx, actorOf(request), request.params.id, request.body, key),
      (item) => ({ item }),
      200,
    ),
  );

  app.get('/plan/calendar.ics', async (request, reply) => {
    const body = await calendarFor(ctx, actorOf(request).userId);
    reply.header('content-disposition', 'attachment; filename="comeback-plan.ics"');
    return reply.type('text/calendar; charset=utf-8').send(body);
  });

  app.get('/plan/defaults', async (request) => planDefaults(ctx, actorOf(request), request.log));
}
