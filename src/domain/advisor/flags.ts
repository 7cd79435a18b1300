/**
 * The flags an advisor's dashboard raises for one student, each with the reason in words. Only data
 * the student shares feeds a flag: with a scope off, its flags are never computed.
 */
import { addDays, compareDates, type LocalDate } from '../common/dates.ts';
import { MEASUREMENT_ERROR_POINTS, TREND_HORIZON_DAYS } from '../evidence/predictor.ts';
import { formatReadingDate } from '../evidence/reading-dates.ts';
import type { Scopes } from './scopes.ts';

/** Hours done vs planned, and missed practice exams, are read over the last two weeks (issue 12). */
export const WINDOW_DAYS = 14;

/**
 * Under 60 % of the planned study time done in the window is flagged (issue 12). A plan that slips
 * that far loses more than a week in two, which the re-plan can no longer absorb without cutting
 * questions or moving the exam.
 */
export const LOW_ADHERENCE_BELOW = 0.6;

/**
 * Adherence is judged only when the window planned at least 5 hours of study: over a lighter
 * stretch (rotation weeks, a break) one skipped block swings the share by tens of points.
 */
export const MIN_PLANNED_MINUTES_TO_JUDGE = 300;

/**
 * The trend the prediction carries (predictor.ts, the student's own slope shrunk toward the prior
 * gain) at or below −2 points a week is a drift: over the predictor's six-week horizon
 * (TREND_HORIZON_DAYS) it costs 12 points, more than one form's measurement error (7).
 */
export const DRIFT_POINTS_PER_WEEK = -2;

/**
 * The latest sitting more than one form's measurement error (MEASUREMENT_ERROR_POINTS, 7) under the
 * best sitting of the weeks before it is a drift: a drop that size is unlikely to be noise alone.
 */
export const DRIFT_DROP_POINTS = MEASUREMENT_ERROR_POINTS + 1;

/** The earlier sittings the latest is compared with: those of the predictor's six-week horizon. */
export const DRIFT_LOOKBACK_DAYS = TREND_HORIZON_DAYS;

export type FlagId = 'scores-drifting' | 'practice-exam-missed' | 'low-adherence' | 'plan-shortfall' | 'wellbeing-low';

export type Flag = { id: FlagId; reason: string };

export const FLAG_LABELS: Readonly<Record<FlagId, string>> = {
  'scores-drifting': 'Scores drifting down',
  'practice-exam-missed': 'Practice exam missed',
  'low-adherence': 'Adherence under 60 %',
  'plan-shortfall': 'Plan shortfall',
  'wellbeing-low': 'Wellbeing low',
};

/** One predictive sitting as the predictor corrected it, oldest first. */
export type Sitting = { date: LocalDate; name: string; score: number };

export type PlanWindow = {
  /** Study minutes planned on the window's days (rest days and the exam itself excluded). */
  plannedMinutes: number;
  /** Of those, minutes on items marked done. */
  doneMinutes: number;
};

export type FlagInput = {
  /** The student's local date, for dates in the reasons. */
  today: LocalDate;
  scopes: Pick<Scopes, 'scores' | 'plan' | 'wellbeing'>;
  sittings: readonly Sitting[];
  /** The trend the prediction carries, points a week; null without a prediction. */
  trendPointsPerWeek: number | null;
  plan: PlanWindow | null;
  /** Practice exams the plan put on a past day of the window that were not marked done. */
  missedPracticeExams: readonly { date: LocalDate; name: string }[];
  /** The plan's own shortfall sentences (scheduler shortfalls.ts), as stored with it. */
  shortfallWarnings: readonly string[];
  /** From assessWellbeing over the shared check-ins; null when none or not shared. */
  wellbeing: { isHelpPromptDue: boolean; badDays: number; daysConsidered: number } | null;
};

/** Done minutes over planned, 0–1, or null when too little was planned to judge. */
export function adherenceOf(plan: PlanWindow | null): number | null {
  if (plan === null || plan.plannedMinutes < MIN_PLANNED_MINUTES_TO_JUDGE) return null;
  return Math.min(1, plan.doneMinutes / plan.plannedMinutes);
}

/** The first and last day of the window that ends the day before `today`. */
export function windowOf(today: LocalDate): { from: LocalDate; to: LocalDate } {
  return { from: addDays(today, -WINDOW_DAYS), to: addDays(today, -1) };
}

function hours(minutes: number): string {
  return `${Math.round(minutes / 6) / 10} h`;
}

function driftFlag(input: FlagInput): Flag | null {
  const slope = input.trendPointsPerWeek;
  if (slope !== null && slope <= DRIFT_POINTS_PER_WEEK) {
    return {
      id: 'scores-drifting',
      reason: `Practice scores are falling about ${Math.round(Math.abs(slope) * 10) / 10} points a week across ${input.sittings.length} exams.`,
    };
  }
  const sorted = [...input.sittings].sort((a, b) => compareDates(a.date, b.date));
  const latest = sorted.at(-1);
  if (!latest) return null;
  const from = addDays(latest.date, -DRIFT_LOOKBACK_DAYS);
  let before: Sitting | undefined;
  for (const s of sorted.slice(0, -1)) {
    if (compareDates(s.date, from) >= 0 && (before === undefined || s.score > before.score)) before = s;
  }
  if (before && before.score - latest.score >= DRIFT_DROP_POINTS) {
    return {
      id: 'scores-drifting',
      reason: `${latest.name} on ${formatReadingDate(latest.date, input.today)} came in ${before.score - latest.score} points under ${before.name} on ${formatReadingDate(before.date, input.today)}.`,
    };
  }
  return null;
}

/**
 * Every flag for one student, in a fixed order, each with its reason.
 *
 * @example plan 600 planned / 300 done minutes → low-adherence "5 h of 10 h planned done (50 %) …"
 */
export function computeFlags(input: FlagInput): Flag[] {
  const flags: Flag[] = [];
  if (input.scopes.scores) {
    const drift = driftFlag(input);
    if (drift) flags.push(drift);
  }
  if (input.scopes.plan) {
    for (const missed of input.missedPracticeExams) {
      flags.push({
        id: 'practice-exam-missed',
        reason: `${missed.name} was planned for ${formatReadingDate(missed.date, input.today)} and is not marked done.`,
      });
    }
    const adherence = adherenceOf(input.plan);
    if (adherence !== null && input.plan && adherence < LOW_ADHERENCE_BELOW) {
      flags.push({
        id: 'low-adherence',
        reason: `${hours(input.plan.doneMinutes)} of ${hours(input.plan.plannedMinutes)} planned done over the last ${WINDOW_DAYS} days (${Math.round(adherence * 100)} %).`,
      });
    }
    if (input.shortfallWarnings.length > 0) {
      flags.push({ id: 'plan-shortfall', reason: input.shortfallWarnings[0]! });
    }
  }
  if (input.scopes.wellbeing && input.wellbeing?.isHelpPromptDue) {
    flags.push({
      id: 'wellbeing-low',
      reason: `${input.wellbeing.badDays} of the last ${input.wellbeing.daysConsidered} check-in days were hard (short sleep, high stress or low mood).`,
    });
  }
  return flags;
}
