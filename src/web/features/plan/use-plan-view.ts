import { useCallback, useEffect, useState } from 'react';
import type { PlanResponse } from '#shared/contracts/plan.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { monthViewWeeks, weekDates } from './plan-dates.ts';

export type PlanView = 'month' | 'week' | 'day';

/** A range that holds no day: the plan's summary, today and the missed count, without days. */
export const SUMMARY_ONLY = { from: '1970-01-01', to: '1970-01-01' } as const;

/** The dates a view shows: five weeks from the anchor's Monday, Monday to Sunday for a week, one day. */
export function rangeFor(view: PlanView, date: string): { from: string; to: string } {
  if (view === 'month') {
    const weeks = monthViewWeeks(date);
    return { from: weeks[0]![0]!, to: weeks[weeks.length - 1]![6]! };
  }
  if (view === 'week') {
    const days = weekDates(date);
    return { from: days[0]!, to: days[6]! };
  }
  return { from: date, to: date };
}

export type PlanViewData = { response: PlanResponse; anchor: string; view: PlanView };

/**
 * The plan for one view. Without a date the server's "today" (in the student's zone) anchors it,
 * learnt first from a summary-only request. A refresh keeps the current data on screen.
 */
export function usePlanView(view: PlanView, date: string | null) {
  const [data, setData] = useState<PlanViewData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setError(null);
    (async () => {
      let anchor = date;
      if (!anchor) {
        const head = await api.plan(SUMMARY_ONLY);
        if (!head.plan) return { response: head, anchor: head.today, view };
        anchor = head.today;
      }
      return { response: await api.plan(rangeFor(view, anchor)), anchor, view };
    })().then(
      (loaded) => isCurrent && setData(loaded),
      (caught: unknown) => isCurrent && setError(toApiError(caught)),
    );
    return () => {
      isCurrent = false;
    };
  }, [view, date, version]);

  const refresh = useCallback(() => setVersion((n) => n + 1), []);
  /** True while the data on screen belongs to another view or date than the one asked for. */
  const isStale = data !== null && (data.view !== view || data.anchor !== (date ?? data.response.today));
  return { data, error, refresh, setData, isStale };
}
