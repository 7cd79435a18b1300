/**
 * Wellbeing check-ins (capability D, endurance): sleep, stress and mood, and the rule that says when
 * they have stayed bad for several days and the student should be pointed, with care, to help.
 *
 * None of this is a diagnosis. The rule only decides when to show a prompt; the words say where help
 * is (the school's counselling service from settings, and the 988 Suicide & Crisis Lifeline for
 * urgent cases) and leave the choice with the student.
 */
import { addDays, compareDates, daysBetween, isLocalDate, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { MAX_LOG_AGE_DAYS } from './logging.ts';

/**
 * A check-in is bad when any one of these holds:
 * - sleep under 6 hours: adults need 7 or more (American Academy of Sleep Medicine and Sleep Research
 *   Society consensus, Watson et al., Sleep 2015; not in DOMAIN.md). We flag only clearly short
 *   nights, a full hour under that, so one late night on call is not alarming;
 * - stress 4 or 5 on the 1–5 scale (the top two steps);
 * - mood 1 or 2 on the 1–5 scale (the bottom two steps).
 */
export const SHORT_SLEEP_HOURS = 6;
export const HIGH_STRESS = 4;
export const LOW_MOOD = 2;
/**
 * "Stays bad for several days" = at least 3 of the last 4 check-in days are bad. One bad day is a bad
 * day; three out of four is a pattern, and one good day in between should not reset it.
 */
export const BAD_DAYS_NEEDED = 3;
export const CHECK_IN_DAYS_CONSIDERED = 4;
/** Only check-ins from the last 14 days count: the prompt is about now, not a rough patch long past. */
export const CHECK_IN_LOOKBACK_DAYS = 14;

/** 988 Suicide & Crisis Lifeline (United States): call or text 988, chat at 988lifeline.org. */
export const CRISIS_LINE = {
  name: '988 Suicide & Crisis Lifeline',
  phone: '988',
  text: '988',
  url: 'https://988lifeline.org',
  region: 'United States',
} as const;

export type WellbeingCheckIn = {
  date: LocalDate;
  sleepHours: number;
  /** 1 (calm) – 5 (overwhelmed). */
  stress: number;
  /** 1 (very low) – 5 (very good). */
  mood: number;
};

/** The school's counselling service, from settings; null when the student has not entered it. */
export type CounsellingService = { name: string; contact: string } | null;

export type HelpPrompt = {
  title: string;
  body: string[];
  counselling: CounsellingService;
  crisisLine: typeof CRISIS_LINE;
};

export type WellbeingAssessment = {
  isHelpPromptDue: boolean;
  /** Bad days among the days considered (the last 4 check-in days of the last 14). */
  badDays: number;
  daysConsidered: number;
  /** What made each bad day bad, newest first ("2027-02-20: 5 h of sleep, stress 4/5"). */
  reasons: string[];
  prompt: HelpPrompt | null;
};

/**
 * Checks a check-in before it is kept: a real date not after today (nor more than two years back),
 * sleep 0–24 hours (half hours allowed), stress and mood whole numbers 1–5.
 *
 * @example validateCheckIn({ date: '2027-02-20', sleepHours: 30, stress: 3, mood: 3 }, '2027-02-20')
 *   → VALIDATION_FAILED, fields.sleepHours
 */
export function validateCheckIn(input: WellbeingCheckIn, today: LocalDate): Result<WellbeingCheckIn> {
  const problems: Record<string, string> = {};
  if (!isLocalDate(input.date)) problems.date = 'Enter the date as YYYY-MM-DD.';
  else if (compareDates(input.date, today) > 0)
    problems.date = `${input.date} is after today (${today}). Check in for today or a past day.`;
  else if (daysBetween(input.date, today) > MAX_LOG_AGE_DAYS)
    problems.date = `${input.date} is more than two years ago. Check the year.`;
  if (!(Number.isFinite(input.sleepHours) && input.sleepHours >= 0 && input.sleepHours <= 24)) {
    problems.sleepHours = 'Enter the hours you slept, from 0 to 24.';
  }
  for (const field of ['stress', 'mood'] as const) {
    const value = input[field];
    if (!(Number.isInteger(value) && value >= 1 && value <= 5)) problems[field] = `Choose your ${field} from 1 to 5.`;
  }
  if (Object.keys(problems).length > 0)
    return fail('VALIDATION_FAILED', 'Some details of the check-in need fixing.', problems);
  return ok(input);
}

function describeBadness(c: WellbeingCheckIn): string[] {
  const parts: string[] = [];
  if (c.sleepHours < SHORT_SLEEP_HOURS) parts.push(`${c.sleepHours} h of sleep`);
  if (c.stress >= HIGH_STRESS) parts.push(`stress ${c.stress}/5`);
  if (c.mood <= LOW_MOOD) parts.push(`mood ${c.mood}/5`);
  return parts;
}

function writePrompt(counselling: CounsellingService): HelpPrompt {
  const where =
    counselling === null
      ? 'Your school’s counselling or student wellness service is there for exactly this, and it is confidential. (Add its contact in Settings and it will show here.)'
      : `${counselling.name} is there for exactly this, and it is confidential: ${counselling.contact}.`;
  return {
    title: 'It has been a hard stretch',
    body: [
      'Your last few check-ins show short sleep, high stress or low mood on most days. That is common in a comeback like yours, and it is also a real weight to carry alone.',
      `Talking to someone helps, and it is part of preparing well, not a step away from it. ${where}`,
      `If you are in crisis or thinking about harming yourself, call or text ${CRISIS_LINE.phone} (${CRISIS_LINE.name}, ${CRISIS_LINE.region}) or chat at ${CRISIS_LINE.url}, any time. Outside the United States, call your local emergency number.`,
      'Your plan can make room: a lighter day or two now costs less than running on empty to exam day.',
    ],
    counselling,
    crisisLine: CRISIS_LINE,
  };
}

/**
 * Decides whether check-ins have stayed bad (BAD_DAYS_NEEDED of the last CHECK_IN_DAYS_CONSIDERED
 * check-in days within CHECK_IN_LOOKBACK_DAYS) and, if so, returns a prompt to seek help. Several
 * check-ins on one day make one day, bad if any of them is bad.
 *
 * @example check-ins on 2027-02-17 (5 h sleep), 02-18 (stress 4), 02-19 (fine), 02-20 (mood 2),
 *   today 2027-02-20 → 3 bad days of 4 → isHelpPromptDue true
 */
export function assessWellbeing({
  checkIns,
  today,
  counselling,
}: {
  checkIns: readonly WellbeingCheckIn[];
  today: LocalDate;
  counselling: CounsellingService;
}): WellbeingAssessment {
  const from = addDays(today, -(CHECK_IN_LOOKBACK_DAYS - 1));
  const byDay = new Map<LocalDate, string[]>();
  for (const c of checkIns) {
    if (compareDates(c.date, from) < 0 || compareDates(c.date, today) > 0) continue;
    byDay.set(c.date, [...(byDay.get(c.date) ?? []), ...describeBadness(c)]);
  }
  const days = [...byDay.entries()].sort((a, b) => compareDates(b[0], a[0])).slice(0, CHECK_IN_DAYS_CONSIDERED);
  const bad = days.filter(([, parts]) => parts.length > 0);
  const isHelpPromptDue = bad.length >= BAD_DAYS_NEEDED;
  return {
    isHelpPromptDue,
    badDays: bad.length,
    daysConsidered: days.length,
    reasons: bad.map(([date, parts]) => `${date}: ${[...new Set(parts)].join(', ')}`),
    prompt: isHelpPromptDue ? writePrompt(counselling) : null,
  };
}
