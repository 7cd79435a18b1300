import type { ApiError as ApiErrorBody } from '#shared/contracts/errors.ts';
import { noteReadAnswered, noteReadFailed } from '../offline/connection.ts';

/** A failed API call: the server's stable code, its message and any per-field messages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly requestId: string | undefined;
  /** Structured data the server sent with the error (PLAN_INFEASIBLE: `waysOut`). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    fields?: Record<string, string> | undefined;
    details?: Record<string, unknown> | undefined;
    requestId?: string | undefined;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? {};
    this.requestId = options.requestId;
    this.details = options.details ?? {};
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: 0,
    code: 'CLIENT_ERROR',
    message: 'Something went wrong in the page. Reload it and try again.',
  });
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

let onUnauthenticated: (() => void) | null = null;

/** Lets the session know when the server says the session is gone (expired, or ended elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/**
 * One call to the Comeback API. Resolves with the parsed JSON body (undefined for 204) or rejects
 * with an ApiError. A 401 UNAUTHENTICATED on anything but the session check itself tells the
 * session to sign the user out of the page.
 */
/**
 * How many writes this tab has sent (any method but GET, sent or not). A screen that keeps an
 * earlier answer to show at once (the evidence parts) drops it when this has moved on, so a save
 * made on another screen (a block on /log, a tick on the plan) never leaves an old verdict showing.
 */
let writesSent = 0;
export function writesSentSoFar(): number {
  return writesSent;
}

export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: { idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method === 'GET') headers['X-Time-Zone'] = browserTimeZone();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // A replayable write's key (src/web/offline): the server applies it once however often it is sent.
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  if (method !== 'GET') writesSent += 1;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    if (method === 'GET') noteReadFailed();
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'We could not reach Comeback. Check your connection, then try again.',
    });
  }

  // The service worker answers a page-data read from its cache when offline, marked so: the page
  // then says "Offline — last synced …" (src/web/offline/connection.ts).
  if (method === 'GET' && response.ok) noteReadAnswered(response.headers.get('x-comeback-offline') === '1');
  if (response.status === 204) return undefined as T;

  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }

  if (!response.ok) {
    const error = isErrorBody(payload)
      ? new ApiError({ status: response.status, ...payload.error })
      : new ApiError({
          status: response.status,
          code: 'UNEXPECTED_RESPONSE',
          message: `The server answered with an error (${response.status}). Try again in a moment.`,
        });
    if (error.code === 'UNAUTHENTICATED' && path !== '/api/auth/me') onUnauthenticated?.();
    throw error;
  }
  return payload as T;
}
