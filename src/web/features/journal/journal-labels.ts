import { DISCIPLINES, SYSTEM_IDS, nameArea } from '#domain/evidence/areas.ts';
import { QUESTION_BANKS, nameBank } from '#domain/evidence/logging.ts';
import { CONFIDENCE_LEVELS, ERROR_TYPES, nameErrorType } from '#domain/journal/entry.ts';
import { formatDayShort } from '../plan/plan-dates.ts';

export const BANK_OPTIONS = QUESTION_BANKS.map((id) => ({ id, name: nameBank(id) }));
export const ERROR_TYPE_OPTIONS = ERROR_TYPES.map((id) => ({ id, name: nameErrorType(id) }));
export const SYSTEM_OPTIONS = SYSTEM_IDS.map((id) => ({ id, name: nameArea(id) }));
export const DISCIPLINE_OPTIONS = DISCIPLINES.map((d) => ({ id: d.id, name: d.name }));
export const CONFIDENCE_OPTIONS = CONFIDENCE_LEVELS.map((id) => ({
  id,
  name: id === 'guessed' ? 'Guessed' : id === 'unsure' ? 'Unsure' : 'Sure (and wrong)',
}));

/** A stored id as its display name, or the id itself when unknown. */
export function labelOf(options: readonly { id: string; name: string }[], id: string | null): string {
  return id === null ? '' : (options.find((o) => o.id === id)?.name ?? id);
}

/** The week ahead of due reviews, each day as the calendar says it: "Tue, Dec 8: 12 · Wed, Dec 9: 7". */
export function describeForecastDays(days: readonly { date: string; count: number }[]): string {
  return days.map((d) => `${formatDayShort(d.date)}: ${d.count}`).join(' · ');
}
