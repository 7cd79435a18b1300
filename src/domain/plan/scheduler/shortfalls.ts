/**
 * Shortfalls: every week and kind where the plan gives less than the settings ask, with the cause
 * and a sized way out, as data and as a sentence.
 */
import { PRACTICE_FORM_IDS, PRACTICE_FORMS, type PracticeFormId } from '../../exam/practice-forms.ts';
import { DAILY_STUDY_CEILING_HOURS, type PlanSettings } from '../settings.ts';
import { CONTENT_CHUNK_MIN } from './content-review.ts';
import { MID_PERIOD_MAX_GAP_DAYS } from './practice-exams.ts';
import { sessionMinutes } from './question-bank.ts';
import type { Shortfall, ShortfallCause, WayOut, WeekLedger } from './types.ts';

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/**
 * What kept a week's room short: the daily cap when the days at the full cap had free time past it
 * to take the missing minutes; else what took the time (a call, rotation hours, or sleep).
 */
function roomCause(week: WeekLedger, minutes: number, capMinutes: number): ShortfallCause {
  const atFullCap = week.days.filter((d) => !d.special && d.capMinutes === capMinutes);
  const freePastCap = atFullCap.reduce((sum, d) => {
    const free = d.free.reduce((s, iv) => s + iv.end - iv.start, 0);
    return sum + Math.max(0, free - Math.max(0, d.capMinutes - d.studyMinutes));
  }, 0);
  if (freePastCap >= minutes) return 'the cap';
  if (week.days.some((d) => d.hasCall || d.isPostCall)) return 'call';
  if (week.days.some((d) => d.busyMinutes > 0)) return 'rotation hours';
  return freePastCap > 0 ? 'the cap' : 'sleep';
}

function weeklyWaysOut(
  settings: PlanSettings,
  week: WeekLedger,
  cause: ShortfallCause,
  missingMinutes: number,
  field: 'questionBank' | 'contentReview',
  capMinutes: number,
): WayOut[] {
  const h = settings.weeklyHours;
  const open = Math.max(1, week.days.filter((d) => !d.special && d.capMinutes === capMinutes).length);
  const missingHours = Math.ceil(missingMinutes / 60);
  const ways: WayOut[] = [];
  if (cause === 'the cap') {
    const raise = Math.ceil(missingMinutes / open / 15) * 15;
    const capHours = Math.min(DAILY_STUDY_CEILING_HOURS, (capMinutes + raise) / 60);
    if (capHours * 60 > capMinutes)
      ways.push({ label: `Raise the daily cap to ${capHours} h`, settingsPatch: { dailyCapHours: capHours } });
  } else if (cause === 'the weekly total') {
    const practiceExams = Math.min(20, h.practiceExams + missingHours);
    ways.push({
      label: `+${practiceExams - h.practiceExams} h/week of practice-exam time keeps the other hours whole in exam weeks`,
      settingsPatch: { weeklyHours: { ...h, practiceExams } },
    });
  } else {
    ways.push({ label: `${missingHours} more free hours that week (a swapped shift, an evening off) makes it fit` });
  }
  const plannedMinutes = field === 'questionBank' ? week.qbankMinutes : week.contentMinutes;
  const fits = Math.floor((plannedMinutes * 7) / Math.max(1, week.days.length) / 60);
  ways.push({
    label: `Ask for ${fits} h/week of ${field === 'questionBank' ? 'question bank' : 'content review'}: what fits that week`,
    settingsPatch: { weeklyHours: { ...h, [field]: fits } },
  });
  return ways;
}

export function weeklyShortfalls(
  weeks: readonly WeekLedger[],
  settings: PlanSettings,
  capMinutes: number,
): Shortfall[] {
  const session = sessionMinutes(settings);
  const out: Shortfall[] = [];
  for (const week of weeks) {
    const qbMissing = week.askedQbankMinutes - week.qbankMinutes;
    if (week.qbankLimit && week.qbankLimit !== 'misses' && qbMissing >= session) {
      const cause = week.qbankLimit === 'total' ? 'the weekly total' : roomCause(week, qbMissing, capMinutes);
      out.push({
        week: week.week,
        kind: 'question-bank',
        plannedMinutes: week.qbankMinutes,
        askedMinutes: week.askedQbankMinutes,
        cause,
        waysOut: weeklyWaysOut(settings, week, cause, qbMissing, 'questionBank', capMinutes),
      });
    }
    const contentMissing = week.askedContentMinutes - week.contentMinutes;
    if (week.contentLimit && contentMissing >= CONTENT_CHUNK_MIN) {
      const cause = week.contentLimit === 'total' ? 'the weekly total' : roomCause(week, contentMissing, capMinutes);
      out.push({
        week: week.week,
        kind: 'content-review',
        plannedMinutes: week.contentMinutes,
        askedMinutes: week.askedContentMinutes,
        cause,
        waysOut: weeklyWaysOut(settings, week, cause, contentMissing, 'contentReview', capMinutes),
      });
    }
  }
  return out;
}

/** Forms the student could add, the free one first, then the newest NBME forms. */
export function formsToAdd(owned: readonly PracticeFormId[], count: number): PracticeFormId[] {
  // The AMBOSS self-assessment last: it runs as a yearly event (DOMAIN.md §2), not on demand.
  const rank = (id: PracticeFormId) => (id === 'FREE120' ? -100 : id === 'AMBOSS_SA' ? 100 : -PRACTICE_FORMS[id].order);
  const candidates = PRACTICE_FORM_IDS.filter((id) => !owned.includes(id)).sort((a, b) => rank(a) - rank(b));
  return candidates.slice(0, count);
}

const KIND_NAMES: Record<Shortfall['kind'], string> = {
  'question-bank': 'question-bank',
  'content-review': 'content-review',
  'practice-exams': 'practice exams',
  'full-length': 'full-length days',
};

/** One sentence per kind and cause, naming the weeks, the numbers and the first way out. */
export function describeShortfalls(shortfalls: readonly Shortfall[]): string[] {
  const groups = new Map<string, Shortfall[]>();
  for (const s of shortfalls) {
    const key = `${s.kind}|${s.cause}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const way = first.waysOut[0]?.label;
    if (first.week === null) {
      const gap =
        first.maxGapDays !== undefined && first.maxGapDays > MID_PERIOD_MAX_GAP_DAYS
          ? `; the longest stretch without one is ${first.maxGapDays} days (the cadence: ${MID_PERIOD_MAX_GAP_DAYS})`
          : '';
      lines.push(
        `${first.planned} of the ${first.asked} ${KIND_NAMES[first.kind]} ${first.kind === 'practice-exams' ? 'the cadence asks for' : 'you asked for'} fit${gap} (cause: ${first.cause}).${way ? ` Way out: ${way}.` : ''}`,
      );
      continue;
    }
    const weeks = group.map((s) => s.week).join(', ');
    const numbers = group
      .slice(0, 3)
      .map((s) => `week ${s.week}: ${hours(s.plannedMinutes ?? 0)} of ${hours(s.askedMinutes ?? 0)} h`)
      .join('; ');
    lines.push(
      `${KIND_NAMES[first.kind][0]!.toUpperCase()}${KIND_NAMES[first.kind].slice(1)} hours fall short in week${group.length === 1 ? '' : 's'} ${weeks} (${numbers}${group.length > 3 ? '; …' : ''}), cause: ${first.cause}.${way ? ` Way out: ${way}.` : ''}`,
    );
  }
  return lines;
}
