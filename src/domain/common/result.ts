/**
 * Expected failures are values, not exceptions. A throw anywhere in the app means a bug.
 * `code` is a stable identifier listed in docs/errors.md; `fields` maps an input path to a
 * message that tells the user what to fix.
 */
export type AppErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'LOGIN_THROTTLED'
  | 'SIGN_UP_THROTTLED'
  | 'ORIGIN_REJECTED'
  | 'PASSWORD_REJECTED'
  | 'PROFILE_MISSING'
  | 'PLAN_INFEASIBLE'
  | 'PLAN_MISSING'
  | 'PLAN_CHANGED'
  | 'ITEM_NOT_TICKABLE'
  | 'EXPORT_THROTTLED'
  | 'INVITATION_THROTTLED'
  | 'PUBLIC_ORIGIN_REQUIRED'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_BUSY'
  | 'IDEMPOTENCY_KEY_REUSED';

export type Failure = {
  code: AppErrorCode;
  message: string;
  fields?: Record<string, string>;
  /** Seconds the client should wait before trying again (throttling only). */
  retryAfterSeconds?: number;
  /** Structured data the client can act on (PLAN_INFEASIBLE: `waysOut`), sent as `error.details`. */
  details?: Record<string, unknown>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: AppErrorCode, message: string, fields?: Record<string, string>): Result<never> {
  return fields ? { ok: false, error: { code, message, fields } } : { ok: false, error: { code, message } };
}
