/** Students with a profile and a plan, made through the API as the web app makes them. */
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import type { PlanResponse } from '#shared/contracts/plan.ts';
import { expectStatus, signUp, type User } from './client.ts';
import type { Instance } from './instance.ts';

/** The pinned "now" of the suite: a Friday, 09:00 in Chicago, before the factories' exam date. */
export const PLAN_MADE_AT = '2026-11-20T15:00:00.000Z';
/**
 * The next day (a Saturday, 09:00 in Chicago): the plan has a past day with missed items, and a
 * today full of question blocks (no rotation at weekends) for ticks and block logs to fight over.
 */
export const RACE_AT = '2026-11-21T15:00:00.000Z';
export const RACE_TODAY = '2026-11-21';

export async function signUpStudentWithPlan(instance: Instance, label: string): Promise<User> {
  const user = await signUp(instance, label);
  expectStatus(
    await user.request(instance, 'PUT', '/api/profile', { body: buildProfileInput({ timeZone: 'America/Chicago' }) }),
    200,
    'PUT /api/profile',
    instance,
  );
  expectStatus(
    await user.request(instance, 'PUT', '/api/plan', { body: { settings: buildPlanSettings() } }),
    200,
    'PUT /api/plan',
    instance,
  );
  return user;
}

export type PlanItemRef = { id: string; date: string; kind: string; start: string; status: string | null };

export async function planItems(instance: Instance, user: User, range = ''): Promise<PlanItemRef[]> {
  const reply = await user.request(instance, 'GET', `/api/plan${range}`);
  expectStatus(reply, 200, 'GET /api/plan');
  const body = reply.body as PlanResponse;
  return body.days.flatMap((day) =>
    day.items.map((item) => ({
      id: item.id,
      date: item.date,
      kind: item.kind,
      start: item.start,
      status: item.status,
    })),
  );
}

export type ExportedBlock = { id: string; date: string; planItemId: string | null };

/** The account export: every stored block and plan item (status included). */
export async function exportOf(instance: Instance, user: User) {
  const reply = await user.request(instance, 'GET', '/api/account/export');
  expectStatus(reply, 200, 'GET /api/account/export');
  const body = reply.body as {
    questionBlocks: ExportedBlock[];
    plan: { items: PlanItemRef[] } | null;
  };
  return { blocks: body.questionBlocks, items: body.plan?.items ?? [] };
}

/** A question block as the phone logs it. */
export function blockBody(date: string, questions = 40) {
  return {
    bank: 'uworld',
    mode: 'timed',
    questions,
    correct: Math.floor(questions * 0.7),
    minutes: 60,
    date,
    missedSystems: ['cardiovascular'],
    missedDisciplines: ['medicine'],
  };
}
