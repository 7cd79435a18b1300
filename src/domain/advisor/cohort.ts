/**
 * Figures over an advisor's students as a group. Shown only over MIN_STUDENTS_FOR_AGGREGATE or
 * more students: over fewer, an average or a share lets the advisor work out one student's figure.
 */
import type { FlagId } from './flags.ts';

/** Issue 12: no aggregate over fewer than 5 students. */
export const MIN_STUDENTS_FOR_AGGREGATE = 5;

export type CohortInput = {
  adherence: number | null;
  isFlagged: boolean;
  flagIds: readonly FlagId[];
  verdict: string | null;
};

export type CohortSummary =
  | { shown: false; students: number; minimum: number }
  | {
      shown: true;
      students: number;
      flagged: number;
      /** Students each flag applies to. */
      byFlag: Partial<Record<FlagId, number>>;
      /** Median adherence over the students it is known for, when there are enough of them. */
      medianAdherence: number | null;
      adherenceStudents: number;
      onTrackOrProceed: number;
      verdictStudents: number;
    };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The summary over the students, or a "not shown" marker under the minimum. Each figure is over the
 * students who share what it is made of, and is left out when those are under the minimum too.
 */
export function summarizeCohort(rows: readonly CohortInput[]): CohortSummary {
  if (rows.length < MIN_STUDENTS_FOR_AGGREGATE) {
    return { shown: false, students: rows.length, minimum: MIN_STUDENTS_FOR_AGGREGATE };
  }
  const byFlag: Partial<Record<FlagId, number>> = {};
  for (const row of rows) for (const id of new Set(row.flagIds)) byFlag[id] = (byFlag[id] ?? 0) + 1;
  const adherence = rows.map((r) => r.adherence).filter((a): a is number => a !== null);
  const verdicts = rows.map((r) => r.verdict).filter((v): v is string => v !== null);
  return {
    shown: true,
    students: rows.length,
    flagged: rows.filter((r) => r.isFlagged).length,
    byFlag,
    medianAdherence: adherence.length >= MIN_STUDENTS_FOR_AGGREGATE ? Math.round(median(adherence) * 100) / 100 : null,
    adherenceStudents: adherence.length,
    onTrackOrProceed:
      verdicts.length >= MIN_STUDENTS_FOR_AGGREGATE
        ? verdicts.filter((v) => v === 'on-track' || v === 'proceed').length
        : 0,
    verdictStudents: verdicts.length >= MIN_STUDENTS_FOR_AGGREGATE ? verdicts.length : 0,
  };
}
