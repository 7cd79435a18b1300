/**
 * Shortfalls: every week and kind where the plan gives less than the settings ask, with the cause
 * and a sized way out, as data and as a sentence.
 */
import { partsOf, type LocalDate } from '../../common/dates.ts';
import { MONTHS } from '../../evidence/reading-dates.ts';
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

/** "Raise the daily cap to 8.5 h". */
export function capWay(capHours: number): WayOut {
  return { label: `Raise the daily cap to ${capHours} h`, settingsPatch: { dailyCapHours: capHours } };
}

/**
 * "Ask for 12 h/week of question bank": the weekly ask lowered to what fits in the weeks that fall short.
 * Never offered at 0 h: that drops the kind from every week of the plan, which answers no shortfall.
 */
export function askWay(settings: PlanSettings, field: 'questionBank' | 'contentReview', hours: number): WayOut {
  return {
    label: `Ask for ${hours} h/week of ${field === 'questionBank' ? 'question bank' : 'content review'}: what fits in the weeks that fall short`,
    settingsPatch: { weeklyHours: { ...settings.weeklyHours, [field]: hours } },
  };
}

/** More practice-exam hours, so exam weeks keep the other hours whole. */
export function practiceHoursWay(settings: PlanSettings, hours: number): WayOut {
  const h = settings.weeklyHours;
  return {
    label: `+${hours - h.practiceExams} h/week of practice-exam time keeps the other hours whole in exam weeks`,
    settingsPatch: { weeklyHours: { ...h, practiceExams: hours } },
  };
}

/** Add practice-exam forms (the free one first, then the newest NBME forms). */
export function formsWay(settings: PlanSettings, add: readonly PracticeFormId[]): WayOut {
  return {
    label: `Add ${add.length} practice exam${add.length === 1 ? '' : 's'} (${add.join(', ')}) to keep one at least every ${Math.min(MID_PERIOD_MAX_GAP_DAYS, settings.practiceExamEveryDays * 3)} days`,
    settingsPatch: { practiceExams: [...settings.practiceExams, ...add] },
  };
}

export function spacingWay(every: number): WayOut {
  return {
    label: `Space the final weeks' practice exams every ${every} days, so fewer forms cover them`,
    settingsPatch: { practiceExamEveryDays: every },
  };
}

export function fullLengthWay(count: number): WayOut {
  return {
    label: `Plan ${count} full-length day${count === 1 ? '' : 's'}`,
    settingsPatch: { fullLengthDays: count },
  };
}

/** A way out that needs no setting: more free time in the weeks that fall short. */
export function freeHoursWay(missingMinutes: number): WayOut {
  const missingHours = Math.max(1, Math.ceil(missingMinutes / 60));
  return {
    label: `${missingHours} more free ${missingHours === 1 ? 'hour' : 'hours'} that week (a swapped shift, an evening off) makes it fit`,
  };
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
  const ways: WayOut[] = [];
  if (cause === 'the cap') {
    const raise = Math.ceil(missingMinutes / open / 15) * 15;
    const capHours = Math.min(DAILY_STUDY_CEILING_HOURS, (capMinutes + raise) / 60);
    if (capHours * 60 > capMinutes) ways.push(capWay(capHours));
  } else if (cause === 'the weekly total') {
    ways.push(practiceHoursWay(settings, Math.min(20, h.practiceExams + Math.ceil(missingMinutes / 60))));
  } else {
    ways.push(freeHoursWay(missingMinutes));
  }
  const plannedMinutes = field === 'questionBank' ? week.qbankMinutes : week.contentMinutes;
  const fits = Math.floor((plannedMinutes * 7) / Math.max(1, week.days.length) / 60);
  // A week that fits less than an hour of it has no smaller ask to offer: 0 h/week is not a way out.
  if (fits >= 1) ways.push(askWay(settings, field, fits));
  if (ways.length === 0) ways.push(freeHoursWay(missingMinutes));
  return ways;
}

/**
 * One patch per kind of change across the weeks, so one tap answers every week it can: the lowest
 * weekly ask of the weeks that fall short, the highest cap, the most practice-exam hours.
 */
function unifyWeeklyWays(shortfalls: Shortfall[], settings: PlanSettings): void {
  const h = settings.weeklyHours;
  const pick = (test: (w: WayOut) => number | null, best: (a: number, b: number) => number) => {
    let value: number | null = null;
    for (const s of shortfalls)
      for (const w of s.waysOut) {
        const v = test(w);
        if (v !== null) value = value === null ? v : best(value, v);
      }
    return value;
  };
  const askOf = (field: 'questionBank' | 'contentReview') => (w: WayOut) =>
    w.settingsPatch?.weeklyHours && w.settingsPatch.weeklyHours[field] < h[field]
      ? w.settingsPatch.weeklyHours[field]
      : null;
  const minQb = pick(askOf('questionBank'), Math.min);
  const minContent = pick(askOf('contentReview'), Math.min);
  const maxCap = pick((w) => w.settingsPatch?.dailyCapHours ?? null, Math.max);
  const maxPractice = pick(
    (w) =>
      w.settingsPatch?.weeklyHours && w.settingsPatch.weeklyHours.practiceExams > h.practiceExams
        ? w.settingsPatch.weeklyHours.practiceExams
        : null,
    Math.max,
  );
  for (const s of shortfalls) {
    s.waysOut = s.waysOut.map((w) => {
      if (minQb !== null && askOf('questionBank')(w) !== null) return askWay(settings, 'questionBank', minQb);
      if (minContent !== null && askOf('contentReview')(w) !== null)
        return askWay(settings, 'contentReview', minContent);
      if (maxCap !== null && w.settingsPatch?.dailyCapHours !== undefined) return capWay(maxCap);
      if (maxPractice !== null && w.settingsPatch?.weeklyHours) return practiceHoursWay(settings, maxPractice);
      return w;
    });
  }
}

/**
 * Larger versions of a way out that did not remove its shortfall when tried, smallest change
 * first: a higher cap (quarter hours, to the ceiling), a lower weekly ask (to 1 h), more practice-exam
 * hours (to 20), more forms, wider spacing (to 14 days), fewer full-length days (to 0). Empty for
 * a change that has no size.
 */
export function largerWays(settings: PlanSettings, way: WayOut): WayOut[] {
  const patch = way.settingsPatch;
  if (!patch) return [];
  const out: WayOut[] = [];
  const h = settings.weeklyHours;
  if (patch.dailyCapHours !== undefined) {
    for (let cap = patch.dailyCapHours + 0.25; cap <= DAILY_STUDY_CEILING_HOURS; cap += 0.25) out.push(capWay(cap));
  } else if (patch.weeklyHours) {
    const w = patch.weeklyHours;
    if (w.questionBank < h.questionBank)
      for (let x = w.questionBank - 1; x >= 1; x--) out.push(askWay(settings, 'questionBank', x));
    else if (w.contentReview < h.contentReview)
      for (let x = w.contentReview - 1; x >= 1; x--) out.push(askWay(settings, 'contentReview', x));
    else if (w.practiceExams > h.practiceExams)
      for (let x = w.practiceExams + 1; x <= 20; x++) out.push(practiceHoursWay(settings, x));
  } else if (patch.practiceExams) {
    const added = patch.practiceExams.length - settings.practiceExams.length;
    const all = formsToAdd(settings.practiceExams, PRACTICE_FORM_IDS.length);
    for (let k = added + 1; k <= all.length; k++) out.push(formsWay(settings, all.slice(0, k)));
  } else if (patch.practiceExamEveryDays !== undefined) {
    for (let x = patch.practiceExamEveryDays + 1; x <= 14; x++) out.push(spacingWay(x));
  } else if (patch.fullLengthDays !== undefined) {
    for (let x = patch.fullLengthDays - 1; x >= 0; x--) out.push(fullLengthWay(x));
  }
  return out;
}

/** The week's number and its first and last dates. */
function weekSpan(week: WeekLedger): Pick<Shortfall, 'week' | 'firstDate' | 'lastDate'> {
  const first = week.days[0]?.date;
  const last = week.days[week.days.length - 1]?.date;
  return first && last ? { week: week.week, firstDate: first, lastDate: last } : { week: week.week };
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
        ...weekSpan(week),
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
        ...weekSpan(week),
        kind: 'content-review',
        plannedMinutes: week.contentMinutes,
        askedMinutes: week.askedContentMinutes,
        cause,
        waysOut: weeklyWaysOut(settings, week, cause, contentMissing, 'contentReview', capMinutes),
      });
    }
  }
  unifyWeeklyWays(out, settings);
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

const monthDay = (date: LocalDate) => {
  const { month, day } = partsOf(date);
  return `${MONTHS[month - 1]!.slice(0, 3)} ${day}`;
};

/**
 * A week's dates as a student reads them: "Dec 1–7", "Nov 30–Dec 6"; the year is left out, as a
 * plan runs months, not years.
 */
export function formatWeekSpan(first: LocalDate, last: LocalDate): string {
  if (first === last) return monthDay(first);
  const a = partsOf(first);
  const b = partsOf(last);
  return a.month === b.month ? `${monthDay(first)}–${b.day}` : `${monthDay(first)}–${monthDay(last)}`;
}

/** "week 2 (Dec 1–7)", or "week 2" for a shortfall stored without its dates. */
function weekName(s: Shortfall): string {
  return s.firstDate && s.lastDate ? `week ${s.week} (${formatWeekSpan(s.firstDate, s.lastDate)})` : `week ${s.week}`;
}

/** One sentence per kind and cause, naming the weeks with their dates, the numbers and the first way out. */
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
    const named = group
      .slice(0, 3)
      .map((s) => `${weekName(s)}: ${hours(s.plannedMinutes ?? 0)} of ${hours(s.askedMinutes ?? 0)} h`);
    const rest = group.slice(3);
    const lastOfRest = rest[rest.length - 1];
    const more =
      rest.length === 0
        ? ''
        : `; and ${rest.length} more week${rest.length === 1 ? '' : 's'}${lastOfRest?.lastDate ? `, through ${monthDay(lastOfRest.lastDate)}` : ` (${rest.map((s) => s.week).join(', ')})`}`;
    lines.push(
      `${KIND_NAMES[first.kind][0]!.toUpperCase()}${KIND_NAMES[first.kind].slice(1)} hours fall short in ${named.join('; ')}${more}. Cause: ${first.cause}.${way ? ` Way out: ${way}.` : ''}`,
    );
  }
  return lines;
}
