import type { z } from 'zod';
import { fail, ok, type Result } from '#domain/common/result.ts';
import { fieldErrorsFrom } from '#shared/contracts/errors.ts';

/** Validates a request body against its shared contract; a failure names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): Result<z.output<S>> {
  const result = schema.safeParse(body === undefined ? {} : body);
  if (result.success) return ok(result.data);
  const fields = fieldErrorsFrom(result.error);
  const unknownKeys = result.error.issues.find((issue) => issue.code === 'unrecognized_keys');
  const message = unknownKeys
    ? `Unexpected field(s): ${(unknownKeys as { keys: string[] }).keys.join(', ')}. Remove them and try again.`
    : 'Some fields need fixing before this can be saved.';
  return fail('VALIDATION_FAILED', message, fields);
}
