/**
 * Each student's readiness figures for the advisor dashboard, kept in this process's memory so a
 * dashboard of 1,000 students does not read every practice exam and run the readiness rule 1,000
 * times on every request (issue 12: ≤ 150 ms). It can never serve a stale figure:
 *
 * - The key holds everything the figures are computed from. The practice exams and full-length
 *   days are represented by the student's evidence revision, a counter that database triggers
 *   change in the same transaction as every write to them (migration 202612011400_advisor_speed);
 *   the rest is passed in as it is: today in the student's zone and every stored field of the
 *   profile (the target and the exam date come from it).
 * - The revision is read with the links, BEFORE the evidence is read on a miss, so a value is never
 *   older than its key (a write landing in between makes the value newer, and the next request
 *   reads the new revision and misses).
 * - A write on another instance changes the revision in the database: the next dashboard request
 *   here reads it and computes afresh. Nothing is ever invalidated by a message.
 *
 * The cache is per database handle (two apps on one handle share it, a test's fresh database gets
 * its own) and bounded, least recently used first out. A database restored from a backup may repeat
 * a revision this process has seen with other data: docs/deploy.md's restore stops the instances
 * first, which empties it.
 */
import { createKeyedLru, perDatabase } from './keyed-lru.ts';
import type { Sitting } from '#domain/advisor/flags.ts';
import type { LocalDate } from '#domain/common/dates.ts';
import type { PracticeExamInput } from '#domain/evidence/logging.ts';
import type { ReadinessAssessment } from '#domain/evidence/readiness.ts';

export type ReadinessFigures = {
  /** The planning target (computeRiskSummary), which the readiness rule reads. */
  readonly targetScore: number;
  /** The practice exams as logged, for the student page's prediction. */
  readonly exams: readonly PracticeExamInput[];
  /** The sittings the readiness rule reads (selectEvidence), oldest first. */
  readonly sittings: readonly (Sitting & { reported: string })[];
  readonly readiness: ReadinessAssessment | null;
};

export type ReadinessKeyParts = {
  evidenceRevision: number;
  today: LocalDate;
  /** The profile's stored fields, as profileFingerprint makes them. */
  profile: string;
};

/**
 * Every field of a stored profile but its timestamps, in one string: any change to what the
 * target or the exam date are computed from changes it.
 */
export function profileFingerprint(row: Record<string, unknown>): string {
  return Object.keys(row)
    .filter((column) => column !== 'created_at' && column !== 'updated_at')
    .sort()
    .map((column) => `${column}=${JSON.stringify(row[column])}`)
    .join('&');
}

/**
 * Students kept per database handle. An entry is a few kilobytes (the rule's reasons and
 * explanation texts), so 10,000 is tens of megabytes at most: five school cohorts of 2,000.
 */
export const READINESS_CACHE_LIMIT = 10_000;

const keyOf = (k: ReadinessKeyParts) => `${k.evidenceRevision}|${k.today}|${k.profile}`;

export type ReadinessCache = {
  get(studentId: string, key: ReadinessKeyParts): ReadinessFigures | undefined;
  set(studentId: string, key: ReadinessKeyParts, figures: ReadinessFigures): void;
  readonly size: number;
};

export function createReadinessCache(limit = READINESS_CACHE_LIMIT): ReadinessCache {
  const lru = createKeyedLru<string, ReadinessFigures>({ maxEntries: limit });
  return {
    get: (studentId, key) => lru.get(studentId, keyOf(key)),
    set: (studentId, key, figures) => lru.set(studentId, keyOf(key), figures),
    get size() {
      return lru.size;
    },
  };
}

/** The cache for this database handle (`ctx.database`). */
export const readinessCacheFor = perDatabase(() => createReadinessCache());
