import type { PlanSettings } from '#domain/plan/settings.ts';
import { isLocalDate } from '#domain/common/dates.ts';

/**
 * A way out of PLAN_INFEASIBLE as the server sends it in `error.details.waysOut`: a label, and a
 * settings patch (top-level settings fields, each whole) or a later exam date. The server found each
 * by re-running the scheduler, so applying one is known to fit.
 */
export type WayOutOffer = { label: string; settingsPatch?: Partial<PlanSettings>; examDate?: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ways out in an error's details; anything not shaped like one is left out, never shown half. */
export function waysOutFrom(details: unknown): WayOutOffer[] {
  if (!isPlainObject(details) || !Array.isArray(details.waysOut)) return [];
  const offers: WayOutOffer[] = [];
  for (const raw of details.waysOut as unknown[]) {
    if (!isPlainObject(raw) || typeof raw.label !== 'string' || raw.label.trim() === '') continue;
    const patch = isPlainObject(raw.settingsPatch) ? (raw.settingsPatch as Partial<PlanSettings>) : undefined;
    const examDate = typeof raw.examDate === 'string' && isLocalDate(raw.examDate) ? raw.examDate : undefined;
    if (!patch && !examDate) continue;
    offers.push({ label: raw.label, ...(patch ? { settingsPatch: patch } : {}), ...(examDate ? { examDate } : {}) });
  }
  return offers;
}
