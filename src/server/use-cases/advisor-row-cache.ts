/**
 * Each student's advisor dashboard row, kept in this process's memory so that a dashboard asked
 * for again reads only the links (and writes its access log) instead of every student's plan,
 * blocks and check-ins (issue 12: p99 ≤ 50 ms under a school's load). It can never serve a stale
 * row, by the same rules as the readiness cache (advisor-readiness-cache.ts):
 *
 * - The key holds everything the row is built from: the student's dashboard revision (every write
 *   to the profile, plan, plan items, postmortem, blocks and check-ins changes it: database
 *   triggers, migration 202612011700_dashboard_revisions), their evidence revision (practice exams
 *   and full-length days, 202612011400), the scopes the link shares, and the student's today,
 *   checked on every read in the zone the link carries (the zone is in the profile, so a new zone
 *   is a new revision as well).
 * - Both revisions are read with the links, BEFORE anything else is read on a miss, so a row is
 *   never older than its key (a write landing in between makes the row newer, and the next request
 *   reads the new revision and misses).
 * - A write on another instance changes the revision in the database: the next dashboard request
 *   here reads it and builds afresh. Nothing is ever invalidated by a message.
 * - What belongs to the link and not to the student (their email, since when they share) is
 *   taken from the link on every read, never from the cache.
 *
 * Per database handle and bounded, least recently used first out. A database restored from a
 * backup may repeat a revision this process has seen with other data: docs/deploy.md's restore
 * stops the instances first, which empties it.
 */
import { SCOPES, type Scopes } from '#domain/advisor/scopes.ts';
import type { LocalDate } from '#domain/common/dates.ts';
import type { DashboardRow } from '#shared/contracts/advisor.ts';
import type { LiveLink } from '../repositories/advisors.repo.ts';
import { localDateIn } from '../time.ts';
import { createKeyedLru, perDatabase } from './keyed-lru.ts';

/**
 * Rows kept per database handle: a row is about a kilobyte, so 20,000 (ten school cohorts of
 * 2,000, or one student shared with advisors under several sets of scopes) is tens of megabytes.
 */
export const ROW_CACHE_LIMIT = 20_000;

type Entry = { row: DashboardRow; today: LocalDate };

const scopeBits = (scopes: Scopes) => SCOPES.map((s) => (scopes[s] ? '1' : '0')).join('');

/** One entry per student and set of scopes: two advisors shown different scopes do not evict each other. */
const idOf = (link: LiveLink) => `${link.studentId}|${scopeBits(link.scopes)}`;
const keyOf = (link: LiveLink) => `${link.dashboardRevision}|${link.evidenceRevision}`;

export type RowCache = {
  /** The row for this link as of `now`, or undefined when it is not kept or no longer holds. */
  get(link: LiveLink, now: Date): DashboardRow | undefined;
  set(link: LiveLink, entry: Entry): void;
  readonly size: number;
};

export function createRowCache(limit = ROW_CACHE_LIMIT): RowCache {
  const lru = createKeyedLru<string, Entry>({ maxEntries: limit });
  return {
    get(link, now) {
      const entry = lru.get(idOf(link), keyOf(link));
      if (!entry || localDateIn(now, link.timeZone ?? 'UTC') !== entry.today) return undefined;
      return { ...entry.row, email: link.studentEmail, linkedSince: link.createdAt, scopes: link.scopes };
    },
    set: (link, entry) => lru.set(idOf(link), keyOf(link), entry),
    get size() {
      return lru.size;
    },
  };
}

/** The cache for this database handle (`ctx.database`). */
export const rowCacheFor = perDatabase(() => createRowCache());
