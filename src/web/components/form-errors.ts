import { toApiError } from '../api/client.ts';
import type { SummaryItem } from './form.tsx';

/** A failed submit: the message per field (by the server's field path), the summary's lines, or one message. */
export type FormErrors = { fields: Record<string, string>; items: SummaryItem[]; message: string | null };
export const NO_ERRORS: FormErrors = { fields: {}, items: [], message: null };

/**
 * Sorts a failed save's errors into those shown beside a field and a single message for the rest.
 * `fieldIdOf` names the input a server field path belongs to (`missedSystems.3` → the systems chips),
 * or null when the form has no such input; the error then keeps that key for the form to place.
 */
export function collectFormErrors(caught: unknown, fieldIdOf: (path: string) => string | null): FormErrors {
  const error = toApiError(caught);
  const fields: Record<string, string> = {};
  const items: SummaryItem[] = [];
  for (const [path, message] of Object.entries(error.fields)) {
    const fieldId = fieldIdOf(path);
    if (!fieldId) continue;
    if (fields[fieldId]) continue;
    fields[fieldId] = message;
    items.push({ fieldId, message });
  }
  return { fields, items, message: items.length > 0 ? null : error.message };
}
