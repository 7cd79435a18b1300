import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Result } from '#domain/common/result.ts';
import type { Context } from './context.ts';
import type { DB } from './db/schema.ts';
import { errorBody } from './errors.ts';
import { actorOf } from './plugins/auth.ts';
import { respond } from './routes/respond.ts';

/**
 * Idempotency keys for the writes a phone may replay (docs/idempotency.md). A client sends
 * `Idempotency-Key: <uuid>` with a write; the key is recorded, with a hash of the request and the
 * response, in the same transaction as the write. A replay of the key (same user, same request)
 * answers the stored response and applies nothing; the same key on a different request answers 422.
 */

/** The request header that carries the key. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on a response that was answered from a stored key instead of applying the write. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key is remembered: a phone offline for a week still syncs without doubles. */
export const IDEMPOTENCY_KEY_TTL_MS = 7 * 86_400_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** HTTP's optional whitespace around a field value: spaces and tabs only (RFC 9110 §5.5), not a BOM or NBSP. */
const OWS = /^[ \t]+|[ \t]+$/g;
const USE_A_UUID =
  'Use a UUID such as 0193a5e2-7c1d-7f3a-9b2e-4d5f6a7b8c9d (crypto.randomUUID()), or leave the header out.';

/**
 * The key of a request: absent, a valid UUID (lower-cased), or a message saying what is wrong. Only
 * the UUID's own ASCII characters pass: a look-alike (a Cyrillic "а", a fullwidth digit) or an
 * invisible one (a BOM, a zero-width space) is refused, never folded into some other key.
 */
export function parseIdempotencyKey(
  header: string | string[] | undefined,
): { kind: 'absent' } | { kind: 'key'; key: string } | { kind: 'invalid'; problem: string } {
  if (header === undefined) return { kind: 'absent' };
  // Repeated headers arrive as a list, or joined with commas (RFC 9110 §5.3).
  if (Array.isArray(header) || header.includes(','))
    return { kind: 'invalid', problem: `Send one Idempotency-Key header with one key, not several. ${USE_A_UUID}` };
  const value = header.replace(OWS, '');
  if (value === '') return { kind: 'invalid', problem: `The header is empty. ${USE_A_UUID}` };
  if (/[^\x20-\x7e]/.test(value))
    return {
      kind: 'invalid',
      problem: `The key holds characters a UUID never has (outside printable ASCII). ${USE_A_UUID}`,
    };
  if (!UUID.test(value)) {
    return {
      kind: 'invalid',
      problem: value.length > 36 ? `The key is longer than a UUID's 36 characters. ${USE_A_UUID}` : USE_A_UUID,
    };
  }
  return { kind: 'key', key: value.toLowerCase() };
}

/** JSON with object keys sorted, so that one request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What a key stands for: the route (method and pattern), its path parameters and the body. */
export function requestHash(request: { method: string; url: string; params: unknown; body: unknown }): string {
  return createHash('sha256')
    .update(canonicalJson([request.method, request.url, request.params ?? {}, request.body ?? null]))
    .digest('hex');
}

/**
 * Thrown inside a write's transaction when its key is already recorded (a concurrent replay
 * committed first): the transaction rolls back, and the caller answers the stored response.
 */
export class IdempotencyKeyTakenError extends Error {
  constructor() {
    super('idempotency key already recorded');
    this.name = 'IdempotencyKeyTakenError';
  }
}

/**
 * Handed to a use case for one keyed write. The use case calls `record` inside the transaction
 * that applies the write, with the value it will answer; nothing else about the key concerns it.
 */
export type IdempotentWrite<T> = { record(trx: Kysely<DB>, value: T): Promise<void> };

/** Records `value` (as the route will send it) under a use case's key, or does nothing without one. */
export async function recordIdempotent<T>(
  trx: Kysely<DB>,
  write: IdempotentWrite<T> | undefined,
  value: T,
): Promise<void> {
  if (write) await write.record(trx, value);
}

type StoredResponse = { requestHash: string; status: number; body: unknown };

/** The live (unexpired) record of a user's key, or null. Scoped by user: another user's key never matches. */
export async function findIdempotencyKey(
  db: Kysely<DB>,
  userId: string,
  key: string,
  now: Date,
): Promise<StoredResponse | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response_json', 'expires_at'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return {
    requestHash: row.request_hash,
    status: Number(row.status),
    body: row.response_json === null ? null : JSON.parse(row.response_json),
  };
}

/** Deletes keys past their expiry (run by prune-expired). */
export async function deleteExpiredIdempotencyKeys(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now.toISOString()).execute();
}

function insertKey(
  trx: Kysely<DB>,
  row: { userId: string; key: string; requestHash: string; status: number; body: unknown; now: Date },
) {
  return trx
    .insertInto('idempotency_keys')
    .values({
      user_id: row.userId,
      key: row.key,
      request_hash: row.requestHash,
      status: row.status,
      response_json: row.body === undefined ? null : JSON.stringify(row.body),
      created_at: row.now.toISOString(),
      expires_at: new Date(row.now.getTime() + IDEMPOTENCY_KEY_TTL_MS).toISOString(),
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
}

function sendStored(request: FastifyRequest, reply: FastifyReply, stored: StoredResponse, hash: string) {
  if (stored.requestHash !== hash) {
    return reply.code(422).send(
      errorBody(
        {
          code: 'IDEMPOTENCY_KEY_REUSED',
          message:
            'This Idempotency-Key was already used for a different request, so nothing was changed. Send each new write with a new key.',
          fields: { 'Idempotency-Key': 'Already used for another request: generate a new key for this write.' },
        },
        request.id,
      ),
    );
  }
  reply.header(REPLAYED_HEADER, 'true').code(stored.status);
  return stored.body === null ? reply.send() : reply.send(stored.body);
}

/**
 * `respond` for a replayable write. Without the header the write runs as before. With a key: a
 * malformed key answers 400; a key already recorded answers its stored response (or 422 for a
 * different request); otherwise the write runs with an `IdempotentWrite` whose `record` stores the
 * response in the write's transaction. When a concurrent replay recorded the key first, the write
 * rolls back (IdempotencyKeyTakenError) and the stored response is sent.
 */
export async function respondIdempotent<T>(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  run: (write: IdempotentWrite<T> | undefined) => Promise<Result<T>>,
  toBody: (value: T) => unknown,
  status: number,
) {
  const parsed = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
  if (parsed.kind === 'absent') return respond(request, reply, await run(undefined), toBody, status);
  if (parsed.kind === 'invalid') {
    return reply.code(400).send(
      errorBody(
        {
          code: 'VALIDATION_FAILED',
          message: `The Idempotency-Key header is not valid. ${parsed.problem}`,
          fields: { 'Idempotency-Key': parsed.problem },
        },
        request.id,
      ),
    );
  }
  const { userId } = actorOf(request);
  const { key } = parsed;
  const hash = requestHash({
    method: request.method,
    url: request.routeOptions.url ?? request.url,
    params: request.params,
    body: request.body,
  });
  const now = ctx.now();
  const stored = await findIdempotencyKey(ctx.database.db, userId, key, now);
  if (stored) return sendStored(request, reply, stored, hash);
  // A record past its expiry still holds the primary key until pruned: this write replaces it.
  await ctx.database.db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('expires_at', '<=', now.toISOString())
    .execute();

  let recorded = false;
  const write: IdempotentWrite<T> = {
    async record(trx, value) {
      const result = await insertKey(trx, { userId, key, requestHash: hash, status, body: toBody(value), now });
      // ON CONFLICT DO NOTHING waits for a concurrent transaction holding the key, then inserts nothing.
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw new IdempotencyKeyTakenError();
      recorded = true;
    },
  };
  let result: Result<T>;
  try {
    result = await run(write);
  } catch (error) {
    if (!(error instanceof IdempotencyKeyTakenError)) throw error;
    const winner = await findIdempotencyKey(ctx.database.db, userId, key, ctx.now());
    if (!winner) throw error;
    return sendStored(request, reply, winner, hash);
  }
  if (result.ok && !recorded) {
    request.log.error({ route: request.routeOptions.url }, 'idempotent write answered without recording its key');
  }
  return respond(request, reply, result, toBody, status);
}
