import { z } from 'zod';
import { isLocalDate } from '#domain/common/dates.ts';

export const localDateSchema = (what: string) =>
  z
    .string({ error: `Enter ${what} as a date.` })
    .refine((value) => isLocalDate(value), { error: `Enter ${what} as a real date (YYYY-MM-DD).` });

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string({ error: 'Choose your time zone.' })
  .max(64, 'Choose your time zone from the list.')
  .refine(isTimeZone, { error: 'Choose your time zone from the list (for example America/Chicago).' });
