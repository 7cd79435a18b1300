import { addDays, compareDates, type LocalDate } from '../common/dates.ts';
import type { SpecialtyId, TierId } from './specialties.ts';

export type FailCount = '0' | '1' | '2+';
export const FAIL_COUNTS = ['0', '1', '2+'] as const satisfies readonly FailCount[];

export type SchoolType = 'us-md' | 'us-do' | 'img';
export const SCHOOL_TYPES = ['us-md', 'us-do', 'img'] as const satisfies readonly SchoolType[];

/** What the student tells us about themselves (capability A). */
export type StudentProfile = {
  failCount: FailCount;
  specialty: SpecialtyId;
  /** Only for specialty "other": its name and the tier the student places it in. */
  otherSpecialtyName: string | null;
  otherTier: TierId | null;
  /** Asked for when a highly competitive specialty follows a fail. */
  backupSpecialty: string | null;
  schoolType: SchoolType;
  /** IANA time zone; plan days are dates in this zone. */
  timeZone: string;
  examDate: LocalDate;
  /** The date residency programs start reviewing applications. */
  reviewStartDate: LocalDate;
  /** Safety buffer added to the tier target, in points. */
  bufferPoints: number;
};

/** Default safety buffer (seed: "study like I need 10–15 points higher"), adjustable 0–20. */
export const DEFAULT_BUFFER_POINTS = 10;
export const MIN_BUFFER_POINTS = 0;
export const MAX_BUFFER_POINTS = 20;
export const RECOMMENDED_BUFFER = { min: 10, max: 15 } as const;

/** How far ahead an exam date may be: Step 2 CK eligibility windows are far shorter than this. */
export const MAX_YEARS_AHEAD = 3;

/** What is wrong with a planned exam date (passed, or too far ahead), or null when it is fine. */
export function checkExamDate(examDate: LocalDate, today: LocalDate): string | null {
  if (compareDates(examDate, today) < 0) {
    return `That date has already passed (today is ${today}). Enter the day you plan to sit Step 2 CK.`;
  }
  if (compareDates(examDate, addDays(today, 365 * MAX_YEARS_AHEAD)) > 0) {
    return `Pick a date within the next ${MAX_YEARS_AHEAD} years; a plan further out than that cannot be dated honestly.`;
  }
  return null;
}

/**
 * The rules on a profile that depend on today or on several fields at once (the shape is checked
 * by the shared contract). Returns a message per field path; empty when the profile is acceptable.
 */
export function checkProfileRules(profile: StudentProfile, today: LocalDate): Record<string, string> {
  const problems: Record<string, string> = {};
  const examDateProblem = checkExamDate(profile.examDate, today);
  if (examDateProblem) problems.examDate = examDateProblem;
  if (profile.specialty === 'other') {
    if (!profile.otherSpecialtyName) problems.otherSpecialtyName = 'Name the specialty you are aiming for.';
    if (!profile.otherTier) problems.otherTier = 'Choose how competitive that specialty is, so we can set a target.';
  }
  if (compareDates(profile.reviewStartDate, addDays(today, -366)) < 0) {
    problems.reviewStartDate =
      'That date is more than a year in the past. Enter when programs will start reviewing your application.';
  }
  return problems;
}
