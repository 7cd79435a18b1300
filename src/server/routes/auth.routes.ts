import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Context } from '../context.ts';
import { actorOf, requireUser, SESSION_COOKIE } from '../plugins/auth.ts';
import { signIn } from '../use-cases/sign-in.ts';
import { signUp } from '../use-cases/sign-up.ts';
import { respond } from './respond.ts';

export function setSessionCookie(ctx: Context, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    path: '/',
    maxAge: Math.floor(ctx.config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(ctx: Context, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.cookieSecure });
}

export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.post('/auth/sign-up', async (request, reply) => {
    const result = await signUp(ctx, request.body, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    if (result.ok) setSessionCookie(ctx, reply, result.value.token);
    return respond(request, reply, result, ({ user }) => ({ user }), 201);
  });

  app.post('/auth/sign-in', async (request, reply) => {
    const result = await signIn(ctx, request.body, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    if (result.ok) setSessionCookie(ctx, reply, result.value.token);
    return respond(request, reply, result, ({ user }) => ({ user }));
  });

  app.post('/auth/sign-out', async (request, reply) => {
    if (request.actor) await ctx.repos.sessions.deleteOne(request.actor.userId, request.actor.sessionId);
    clearSessionCookie(ctx, reply);
    return reply.code(204).send();
  });

  app.post('/auth/sign-out-everywhere', { preHandler: requireUser }, async (request, reply) => {
    await ctx.repos.sessions.deleteAllForUser(actorOf(request).userId);
    clearSessionCookie(ctx, reply);
    return reply.code(204).send();
  });

  app.get('/auth/me', { preHandler: requireUser }, async (request) => {
    const actor = actorOf(request);
    return { user: { id: actor.userId, email: actor.email, role: actor.role, createdAt: actor.createdAt } };
  });
}
