/**
 * Public figures about USMLE Step 2 CK. Every number here comes from ../shared/DOMAIN.md, which
 * names its source and confidence; the comment beside each says which line.
 */
import {
  addDays,
  compareDates,
  dayOfWeek,
  makeDate,
  nextWeekdayOnOrAfter,
  partsOf,
  type LocalDate,
} from '../common/dates.ts';

type PassingStandard = { from: LocalDate; score: number; source: string };

/**
 * Step 2 CK passing scores, newest first. DOMAIN.md §1 "Passing-score history" and
 * "Current passing score": 209→214 from 2022-07-01 (USMLE notice of 2022-04-11, official);
 * 214→218 for exams on or after 2025-07-01 (widely reported; the usmle.org notice itself was not found).
 */
export const PASSING_STANDARDS: readonly PassingStandard[] = [
  {
    from: '2025-07-01',
    score: 218,
    source:
      'USMLE passing standard for exams on or after 1 July 2025, as reported by several test-prep sources; check usmle.org for the official notice.',
  },
  { from: '2022-07-01', score: 214, source: 'USMLE notice of 11 April 2022.' },
  { from: '2014-07-01', score: 209, source: 'USMLE announcement of 2 June 2014.' },
];

/** The passing score in force on `examDate`. */
export function passingStandardOn(examDate: LocalDate): PassingStandard {
  const standard = PASSING_STANDARDS.find((s) => compareDates(examDate, s.from) >= 0);
  // Dates before 2014 never reach here through validation; fall back to the oldest entry.
  return standard ?? PASSING_STANDARDS[PASSING_STANDARDS.length - 1]!;
}

export type ExamFormat = {
  /** First exam date this format applies to. */
  from: LocalDate;
  blocks: number;
  blockMinutes: number;
  itemsPerBlock: string;
  totalItems: string;
  dayHours: number;
  source: string;
};

/**
 * DOMAIN.md §1 "Format from 2026-05-07": 16 blocks × 30 min, 18–20 items per block, total items
 * and the 9-hour day unchanged (usmle.org, "Test Delivery Software Updates…", 2026). Before:
 * 8 blocks × 60 min, ≤40 items, ≤318 items, 9 h (usmle.org, 2016-05-20).
 */
export const EXAM_FORMATS: readonly ExamFormat[] = [
  {
    from: '2026-05-07',
    blocks: 16,
    blockMinutes: 30,
    itemsPerBlock: '18–20',
    totalItems: 'about 316',
    dayHours: 9,
    source: 'usmle.org, “Test Delivery Software Updates for Step 2 CK and Step 1” (2026).',
  },
  {
    from: '2016-05-20',
    blocks: 8,
    blockMinutes: 60,
    itemsPerBlock: 'up to 40',
    totalItems: 'up to 318',
    dayHours: 9,
    source: 'usmle.org announcement of 20 May 2016.',
  },
];

export function examFormatOn(examDate: LocalDate): ExamFormat {
  return EXAM_FORMATS.find((f) => compareDates(examDate, f.from) >= 0) ?? EXAM_FORMATS[EXAM_FORMATS.length - 1]!;
}

/**
 * Score release: "Scores come out on Wednesdays, usually 3–4 weeks after the test … No releases
 * in the week of July 4 or the last week of December" (usmle.org/common-questions/scores,
 * DOMAIN.md §1). We give the window: the first Wednesday at least 21 days after the test, and the
 * first at least 28 days after, each pushed a week when it lands in a no-release week.
 */
export const SCORE_RELEASE_MIN_DAYS = 21;
export const SCORE_RELEASE_MAX_DAYS = 28;
const WEDNESDAY = 3;

function isNoReleaseWeek(wednesday: LocalDate): boolean {
  const { year, month, day } = partsOf(wednesday);
  // The Monday–Sunday week holding July 4.
  const july4 = makeDate(year, 7, 4);
  const mondayOfJuly4Week = addDays(july4, -((dayOfWeek(july4) + 6) % 7));
  const inJuly4Week =
    compareDates(wednesday, mondayOfJuly4Week) >= 0 && compareDates(wednesday, addDays(mondayOfJuly4Week, 6)) <= 0;
  // The last week of December: the last 7 days of the year.
  const inLastWeekOfDecember = month === 12 && day >= 25;
  return inJuly4Week || inLastWeekOfDecember;
}

function releaseWednesdayAfter(examDate: LocalDate, minDays: number): LocalDate {
  let wednesday = nextWeekdayOnOrAfter(addDays(examDate, minDays), WEDNESDAY);
  while (isNoReleaseWeek(wednesday)) wednesday = addDays(wednesday, 7);
  return wednesday;
}

/** The likely window in which a Step 2 CK score taken on `examDate` is released. */
export function scoreReleaseWindow(examDate: LocalDate): { earliest: LocalDate; latest: LocalDate } {
  return {
    earliest: releaseWednesdayAfter(examDate, SCORE_RELEASE_MIN_DAYS),
    latest: releaseWednesdayAfter(examDate, SCORE_RELEASE_MAX_DAYS),
  };
}

/**
 * The last officially published date on which programs could start reviewing applications:
 * 2025-09-24, ERAS 2026 season (students-residents.aamc.org, DOMAIN.md §3). Later seasons were
 * not published when this was written, so the default for a later season is an estimate: the same
 * weekday in the same week of September (the fourth Wednesday), which the student can correct.
 */
export const LAST_PUBLISHED_REVIEW_START: LocalDate = '2025-09-24';
export const REVIEW_START_SOURCE =
  'AAMC ERAS timeline: programs could start reviewing on 24 September 2025 (ERAS 2026 season). Later dates are estimated as the fourth Wednesday of September until AAMC publishes them — check and correct it.';

function fourthWednesdayOfSeptember(year: number): LocalDate {
  return addDays(nextWeekdayOnOrAfter(makeDate(year, 9, 1), WEDNESDAY), 21);
}

/**
 * The next date programs are expected to start reviewing applications, on or after `onOrAfter`.
 * Returns the published date when it is still ahead, an estimate otherwise.
 */
export function expectedReviewStart(onOrAfter: LocalDate): { date: LocalDate; isEstimate: boolean } {
  if (compareDates(LAST_PUBLISHED_REVIEW_START, onOrAfter) >= 0) {
    return { date: LAST_PUBLISHED_REVIEW_START, isEstimate: false };
  }
  let year = partsOf(onOrAfter).year;
  let candidate = fourthWednesdayOfSeptember(year);
  while (compareDates(candidate, onOrAfter) < 0) {
    year += 1;
    candidate = fourthWednesdayOfSeptember(year);
  }
  return { date: candidate, isEstimate: true };
}
