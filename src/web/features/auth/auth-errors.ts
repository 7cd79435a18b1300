import type { SummaryItem } from '../../components/form.tsx';
import type { ApiError } from '../../api/client.ts';

/** Splits a failed auth call into per-field messages and one message for the top of the form. */
export function splitAuthError(error: ApiError, fieldIds: Record<string, string>) {
  const fields: Record<string, string> = {};
  const items: SummaryItem[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    const fieldId = fieldIds[field];
    if (!fieldId) continue;
    fields[field] = message;
    items.push({ fieldId, message });
  }
  return { fields, items, message: items.length > 0 ? null : error.message };
}
