import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { errorBody } from './errors.ts';

/** One registered route, as Fastify saw it: `url` carries the prefix and `:param` placeholders. */
export type RouteEntry = { method: string; url: string };

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** The longest path parameter any id can be: UUIDv7 ids are 36 characters, plan item ids well under 100. */
export const MAX_PATH_PARAM_LENGTH = 200;

// C0 controls (NUL included), DEL and C1 controls: no id holds one, and PostgreSQL refuses NUL in text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a path parameter cannot name anything we store, or null when it might. */
export function pathParamProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'is empty';
  if (value.length > MAX_PATH_PARAM_LENGTH) return 'is too long';
  if (CONTROL_CHARACTERS.test(value)) return 'holds a control character';
  return null;
}

/**
 * Refuses a request whose path parameters no id can match (a NUL byte, control characters,
 * absurd lengths) with a 404 before any handler reads them, so they never reach a query.
 * Runs as the route's last preHandler: authentication and role checks answer first.
 */
async function refuseImpossiblePathParams(request: FastifyRequest, reply: FastifyReply) {
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const value of Object.values(params)) {
    if (pathParamProblem(value) !== null) {
      return reply
        .code(404)
        .send(
          errorBody({ code: 'NOT_FOUND', message: 'Nothing has that id. Reload the page and try again.' }, request.id),
        );
    }
  }
}

/**
 * Records every route registered after this call (tests build the fuzz and authorization suites from
 * it, so a new route cannot be missed) and guards the path parameters of every `/api` route.
 * Call it right after creating the app, before any route is registered.
 */
export function recordRouteTable(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  tables.set(app, routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url });
    if (route.url.startsWith('/api/') && route.url.includes(':')) {
      const existing = route.preHandler === undefined ? [] : [route.preHandler].flat();
      route.preHandler = [...existing, refuseImpossiblePathParams];
    }
  });
}

/** The routes of an app built with `recordRouteTable`, in registration order. */
export function routeTableOf(app: FastifyInstance): readonly RouteEntry[] {
  const routes = tables.get(app);
  if (!routes) throw new Error('routeTableOf: the app was not built with recordRouteTable');
  return routes;
}
