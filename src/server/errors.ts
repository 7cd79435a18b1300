import type { AppErrorCode, Failure } from '#domain/common/result.ts';

/** Each stable error code and its HTTP status (catalogued in docs/errors.md). */
export const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  PASSWORD_REJECTED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ORIGIN_REJECTED: 403,
  NOT_FOUND: 404,
  PROFILE_MISSING: 404,
  EMAIL_TAKEN: 409,
  LOGIN_THROTTLED: 429,
  SIGN_UP_THROTTLED: 429,
  PLAN_INFEASIBLE: 422,
  PLAN_MISSING: 404,
  PLAN_CHANGED: 409,
  ITEM_NOT_TICKABLE: 422,
  EXPORT_THROTTLED: 429,
  INVITATION_THROTTLED: 429,
  PUBLIC_ORIGIN_REQUIRED: 409,
  DATABASE_UNAVAILABLE: 503,
  DATABASE_BUSY: 503,
  IDEMPOTENCY_KEY_REUSED: 422,
};

export function errorBody(failure: Failure, requestId?: string) {
  return {
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.fields ? { fields: failure.fields } : {}),
      ...(failure.details ? { details: failure.details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}
