import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Context } from '../context.ts';
import { errorBody } from '../errors.ts';
import { resolveSession } from '../use-cases/resolve-session.ts';

export const SESSION_COOKIE = 'comeback_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Reads the session cookie and sets `request.actor` (null when signed out). */
export function createAuthenticate(ctx: Context) {
  return async function authenticate(request: FastifyRequest) {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await resolveSession(ctx, token) : null;
  };
}

export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) {
    return reply
      .code(401)
      .send(errorBody({ code: 'UNAUTHENTICATED', message: 'You are signed out. Sign in to continue.' }, request.id));
  }
}

/** Student-only endpoints: an advisor is refused without learning anything about the data. */
export async function requireStudent(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) return requireUser(request, reply);
  if (request.actor.role !== 'student') {
    return reply
      .code(403)
      .send(errorBody({ code: 'FORBIDDEN', message: 'This part of Comeback is for students only.' }, request.id));
  }
}

/** The actor on a route behind requireUser or requireStudent. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf called on a route without an auth guard');
  return request.actor;
}
