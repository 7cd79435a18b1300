import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses cross-site writes: a browser says where a request comes from in Sec-Fetch-Site and
 * Origin. A request carrying neither is not from a browser page (curl, tests) and cannot ride on a
 * victim's cookie, so it passes.
 */
export function createOriginCheck(publicOrigin: string | null) {
  return async function checkOrigin(request: FastifyRequest, reply: FastifyReply) {
    if (!UNSAFE_METHODS.has(request.method)) return;
    const fetchSite = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const isCrossSite = fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none';
    let isForeignOrigin = false;
    if (origin !== undefined) {
      const allowed = publicOrigin ?? `${request.protocol}://${request.headers.host ?? ''}`;
      isForeignOrigin = origin !== allowed;
    }
    if (isCrossSite || isForeignOrigin) {
      return reply.code(403).send(
        errorBody(
          {
            code: 'ORIGIN_REJECTED',
            message: 'This request came from another website, so it was refused. Open Comeback directly and try again.',
          },
          request.id,
        ),
      );
    }
  };
}
