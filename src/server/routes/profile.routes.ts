import type { FastifyInstance } from 'fastify';
import { TIERS, SPECIALTIES } from '#domain/risk/specialties.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import type { Context } from '../context.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { getJourney } from '../use-cases/get-journey.ts';
import { getProfile } from '../use-cases/get-profile.ts';
import { saveProfile } from '../use-cases/save-profile.ts';
import { respond, timeZoneHint } from './respond.ts';

const SCHOOL_TYPE_NAMES = [
  { id: 'us-md', name: 'US MD school' },
  { id: 'us-do', name: 'US DO school' },
  { id: 'img', name: 'International medical graduate (IMG)' },
];

export async function profileRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/profile', async (request) => getProfile(ctx, actorOf(request), timeZoneHint(request)));

  app.put('/profile', async (request, reply) => {
    const result = await saveProfile(ctx, actorOf(request), request.body);
    return respond(request, reply, result, (value) => value);
  });

  app.get('/journey', async (request) => getJourney(ctx, actorOf(request), timeZoneHint(request)));

  app.get('/reference', async (): Promise<ReferenceResponse> => ({
    specialties: [...SPECIALTIES],
    tiers: TIERS,
    schoolTypes: SCHOOL_TYPE_NAMES,
  }));
}
