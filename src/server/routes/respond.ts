import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Result } from '#domain/common/result.ts';
import { errorBody, HTTP_STATUS } from '../errors.ts';

/** Sends a use-case result: the value (mapped by `toBody`) on success, the typed error otherwise. */
export function respond<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  result: Result<T>,
  toBody: (value: T) => unknown,
  status = 200,
) {
  if (result.ok) return reply.code(status).send(toBody(result.value));
  if (result.error.retryAfterSeconds) reply.header('retry-after', String(result.error.retryAfterSeconds));
  return reply.code(HTTP_STATUS[result.error.code]).send(errorBody(result.error, request.id));
}

export function timeZoneHint(request: FastifyRequest): string {
  const header = request.headers['x-time-zone'];
  return typeof header === 'string' ? header.slice(0, 64) : 'UTC';
}
