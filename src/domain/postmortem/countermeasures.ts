import { BLOCK_FORMATS, minutesOf, sleepHours, timeOf, type PlanSettings } from '../plan/settings.ts';
import type { CauseId, Diagnosis } from './causes.ts';

/**
 * Plan behaviour that PlanSettings has no field for. The scheduler and the readiness check read
 * these beside the settings.
 */
export type CountermeasureFlags = {
  /** The exam date holds only when the readiness check says go. */
  hardReadinessGate: boolean;
  /** Question blocks are timed, never tutor mode. */
  timedOnly: boolean;
  /** Every study day carries the same fixed blocks, on a written weekly plan. */
  fixedDailyBlocks: boolean;
  /** The sleep window is never used for study, even to catch up. */
  protectedSleep: boolean;
  /** The student is asked to line up professional support now, and reminded until they confirm. */
  supportPromptNow: boolean;
};

export const NO_COUNTERMEASURE_FLAGS: CountermeasureFlags = {
  hardReadinessGate: false,
  timedOnly: false,
  fixedDailyBlocks: false,
  protectedSleep: false,
  supportPromptNow: false,
};

/** One setting the postmortem changed: `setting` is its path in PlanSettings, or `flags.<name>`. */
export type SettingChange = { cause: CauseId; setting: string; from: unknown; to: unknown; why: string };

/** Something the student does now, outside the settings. */
export type CountermeasureAction = { cause: CauseId; text: string; href?: string };

export type Countermeasures = {
  settings: PlanSettings;
  flags: CountermeasureFlags;
  changes: SettingChange[];
  actions: CountermeasureAction[];
};

/**
 * What each cause asks of the plan. A setting already stricter than this is kept.
 * - practiceExamEveryDays 7: a readiness number is never more than a week old (the seed treats
 *   practice exams as guardrails; a weekly one also fits the 6 forms a default plan owns).
 * - maxContentSharePercent 25: content review takes at most a quarter of question-bank plus
 *   content hours (the seed's 25 h / 10 h split gives 29 %; a content-over-questions cause tilts it further).
 * - minSleepHours 8 and minRestHours 8: the seed's 8 h of weekly rest, and a full night's sleep.
 * - maxFullLengthDays 4: one more full-length simulation per timing cause, up to 4.
 */
export const COUNTERMEASURE_TARGETS = {
  practiceExamEveryDays: 7,
  maxContentSharePercent: 25,
  minSleepHours: 8,
  minRestHours: 8,
  maxFullLengthDays: 4,
} as const;

/**
 * The weekly total (question bank + practice exams + content review + rest) is kept exactly,
 * except when rest must rise and there are no question-bank or content hours left to give: then it
 * grows by the missing rest, at most this many hours. It never shrinks.
 */
export const MAX_WEEKLY_TOTAL_CHANGE_HOURS = COUNTERMEASURE_TARGETS.minRestHours;

/**
 * The most question-bank hours a week the plan settings accept (the plan contract's limit). Hours
 * moved out of content review stop here rather than produce settings the plan would reject.
 */
export const QUESTION_BANK_HOURS_CEILING = 60;

/** Where to turn in a crisis (US): the 988 Suicide & Crisis Lifeline, call or text 988. */
export const CRISIS_LINE_HREF = 'https://988lifeline.org';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function formatHours(hours: number): string {
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

type Draft = {
  settings: PlanSettings;
  flags: CountermeasureFlags;
  changes: SettingChange[];
  actions: CountermeasureAction[];
};

function copySettings(base: PlanSettings): PlanSettings {
  return {
    ...base,
    weeklyHours: { ...base.weeklyHours },
    sleep: { ...base.sleep },
    protectedTime: [...base.protectedTime],
    exceptions: [...base.exceptions],
    questionBank: { ...base.questionBank },
    practiceExams: [...base.practiceExams],
  };
}

function setFlag(draft: Draft, cause: CauseId, flag: keyof CountermeasureFlags, why: string): void {
  if (draft.flags[flag]) return;
  draft.flags[flag] = true;
  draft.changes.push({ cause, setting: `flags.${flag}`, from: false, to: true, why });
}

/** Raises weekly rest to `target`, taking the hours from content review first, then the question bank. */
function raiseRest(draft: Draft, cause: CauseId, target: number): void {
  const hours = draft.settings.weeklyHours;
  const missing = target - hours.rest;
  if (missing <= 0) return;
  const fromContent = Math.min(missing, hours.contentReview);
  const fromBank = Math.min(missing - fromContent, hours.questionBank);
  const added = missing - fromContent - fromBank;
  const sources: string[] = [];
  if (fromContent > 0) {
    draft.changes.push({
      cause,
      setting: 'weeklyHours.contentReview',
      from: hours.contentReview,
      to: hours.contentReview - fromContent,
      why: `${formatHours(fromContent)} of content review a week become rest, so the week gets no longer.`,
    });
    hours.contentReview -= fromContent;
    sources.push(`${formatHours(fromContent)} from content review`);
  }
  if (fromBank > 0) {
    draft.changes.push({
      cause,
      setting: 'weeklyHours.questionBank',
      from: hours.questionBank,
      to: hours.questionBank - fromBank,
      why: `${formatHours(fromBank)} of question-bank time a week become rest: a rested hour of questions is worth more than a tired one.`,
    });
    hours.questionBank -= fromBank;
    sources.push(`${formatHours(fromBank)} from the question bank`);
  }
  if (added > 0) sources.push(`${formatHours(added)} added to the week`);
  draft.changes.push({
    cause,
    setting: 'weeklyHours.rest',
    from: hours.rest,
    to: target,
    why: `Rest rises to ${formatHours(target)} a week (${sources.join(', ')}). Recovery is part of the plan, not time taken from it.`,
  });
  hours.rest = target;
}

function applyBurnout(draft: Draft, diagnosis: Diagnosis): void {
  const cause = 'burnout-mental-health';
  const { sleep } = draft.settings;
  const currentSleep = sleepHours(sleep);
  if (currentSleep < COUNTERMEASURE_TARGETS.minSleepHours) {
    // Keep the wake time (rotations fix it) and move bedtime earlier.
    const start = timeOf((minutesOf(sleep.end) - COUNTERMEASURE_TARGETS.minSleepHours * 60 + 2880) % 1440);
    draft.changes.push({
      cause,
      setting: 'sleep.start',
      from: sleep.start,
      to: start,
      why: `Bedtime moves from ${sleep.start} to ${start}, so the night holds ${COUNTERMEASURE_TARGETS.minSleepHours} hours before your ${sleep.end} alarm instead of ${currentSleep}. Memory is consolidated in sleep; it is not spare time.`,
    });
    sleep.start = start;
  }
  raiseRest(draft, cause, COUNTERMEASURE_TARGETS.minRestHours);
  setFlag(
    draft,
    cause,
    'protectedSleep',
    'The sleep window is fixed: the plan never schedules study in it, and missed work is moved to another day, not into the night.',
  );
  setFlag(
    draft,
    cause,
    'supportPromptNow',
    'The plan asks you to line up support before the heavy weeks, and keeps asking until you confirm it is in place.',
  );
  draft.actions.push(
    diagnosis.isSupportInPlace
      ? {
          cause,
          text: 'Keep the support you have through dedicated: book the next appointments now and enter them in the plan as protected time, so study never crowds them out.',
        }
      : {
          cause,
          text: 'Line up professional support this week, before the heavy weeks begin: your school’s counselling or student wellness service, or your own doctor. When you call, say you are preparing for a high-stakes exam after a hard result; it helps them see what you need.',
        },
    {
      cause,
      text: 'If you ever feel unsafe, or have thoughts of harming yourself, you do not have to wait for an appointment. In the US, call or text 988 (the 988 Suicide & Crisis Lifeline) at any hour, or go to the nearest emergency department.',
      href: CRISIS_LINE_HREF,
    },
  );
}

function applyQuestionHeavySplit(draft: Draft): void {
  const cause = 'content-over-questions';
  const hours = draft.settings.weeklyHours;
  const pool = hours.questionBank + hours.contentReview;
  const cap = Math.floor((pool * COUNTERMEASURE_TARGETS.maxContentSharePercent) / 100);
  const moved = Math.min(hours.contentReview - cap, QUESTION_BANK_HOURS_CEILING - hours.questionBank);
  if (moved > 0) {
    const to = hours.contentReview - moved;
    draft.changes.push(
      {
        cause,
        setting: 'weeklyHours.contentReview',
        from: hours.contentReview,
        to,
        why: `Content review drops to ${formatHours(to)} a week (the aim is at most a quarter of your question and content time): content is looked up when a question exposes a gap, not read cover to cover.`,
      },
      {
        cause,
        setting: 'weeklyHours.questionBank',
        from: hours.questionBank,
        to: hours.questionBank + moved,
        why: `The ${formatHours(moved)} go to the question bank, which rises to ${formatHours(hours.questionBank + moved)} a week. The week is no longer; it is spent on what the exam asks for.`,
      },
    );
    hours.contentReview = to;
    hours.questionBank += moved;
  }
  const bank = draft.settings.questionBank;
  const blockMinutes = BLOCK_FORMATS[bank.blockFormat].minutes;
  if (bank.reviewMinutesPerBlock < blockMinutes) {
    draft.changes.push({
      cause,
      setting: 'questionBank.reviewMinutesPerBlock',
      from: bank.reviewMinutesPerBlock,
      to: blockMinutes,
      why: `Review after each block rises from ${bank.reviewMinutesPerBlock} to ${blockMinutes} minutes, as long as the block itself: every explanation, every wrong option.`,
    });
    bank.reviewMinutesPerBlock = blockMinutes;
  }
  draft.actions.push({
    cause,
    text: 'After every block, write one line for each question you missed or guessed: why the right answer is right, and why the option you picked is wrong. Those lines become your review deck.',
  });
}

function applyPracticeExamGate(draft: Draft): void {
  const cause = 'denial-practice-scores';
  const target = COUNTERMEASURE_TARGETS.practiceExamEveryDays;
  const current = draft.settings.practiceExamEveryDays;
  if (current > target) {
    draft.changes.push({
      cause,
      setting: 'practiceExamEveryDays',
      from: current,
      to: target,
      why: `A practice exam at least every ${target} days instead of every ${current}: in the final weeks, when the decision is made, the score you decide on is never more than a week old.`,
    });
    draft.settings.practiceExamEveryDays = target;
  }
  setFlag(
    draft,
    cause,
    'hardReadinessGate',
    'Your exam date holds only when the readiness check says go. If your practice scores say delay, the plan says so plainly and puts the new date in front of you; it moves when you accept it.',
  );
  draft.actions.push({
    cause,
    text: 'Decide now, in writing, which result makes you move the date, before any score comes in. The readiness check will hold you to it.',
  });
}

function applyTimedPractice(draft: Draft, diagnosis: Diagnosis): void {
  const cause = 'exam-day-timing-anxiety';
  const bank = draft.settings.questionBank;
  if (bank.mode !== 'timed') {
    draft.changes.push({
      cause,
      setting: 'questionBank.mode',
      from: bank.mode,
      to: 'timed',
      why: 'Every block is timed, at exam length and without pausing, so the clock is familiar long before exam day.',
    });
    bank.mode = 'timed';
  }
  setFlag(
    draft,
    cause,
    'timedOnly',
    'Tutor mode is off for the whole plan; learning happens in the review after the block, not during it.',
  );
  const days = draft.settings.fullLengthDays;
  if (days < COUNTERMEASURE_TARGETS.maxFullLengthDays) {
    draft.changes.push({
      cause,
      setting: 'fullLengthDays',
      from: days,
      to: days + 1,
      why: `One more full-length simulation day (${days + 1} instead of ${days}): a whole exam day, timed, breaks included, so endurance is trained rather than hoped for.`,
    });
    draft.settings.fullLengthDays = days + 1;
  }
  if (diagnosis.hadPanic) {
    draft.actions.push({
      cause,
      text: 'Get help for exam anxiety now, not in the week before the exam: your school’s learning specialist or counselling service, a therapist, or your doctor, who can also talk through medication. Panic responds to treatment and practice, and both take weeks to work.',
    });
  }
  if (diagnosis.blocksOutOfTime > 0) {
    // DOMAIN.md §1 and §4: 90 s an item in both block formats; unanswered items count as wrong.
    const format = BLOCK_FORMATS[bank.blockFormat];
    draft.actions.push({
      cause,
      text: `Train the pace of 90 seconds a question: in a ${format.questions}-question block, be past question ${format.questions / 2} at the ${format.minutes / 2}-minute mark. Never leave a question blank; unanswered questions score as wrong.`,
    });
  }
}

function applyStructure(draft: Draft): void {
  const cause = 'poor-structure';
  const weekday = draft.settings.restWeekday;
  if (!(Number.isInteger(weekday) && weekday >= 0 && weekday <= 6)) {
    draft.changes.push({
      cause,
      setting: 'restWeekday',
      from: weekday,
      to: 0,
      why: 'Rest gets a fixed day, Sunday, so it is planned rather than taken when things fall apart. Change the day in settings if another suits you.',
    });
    draft.settings.restWeekday = 0;
  }
  setFlag(
    draft,
    cause,
    'fixedDailyBlocks',
    `Every study day gets the same fixed blocks at the same times, written into the weekly plan, with ${WEEKDAYS[draft.settings.restWeekday] ?? 'Sunday'} as the rest day.`,
  );
  draft.actions.push({
    cause,
    text: 'Fill in the next four weeks of your plan now, day by day: every practice exam, timed block and review session gets a date. A task without a date is a wish.',
    href: '/plan',
  });
}

/** Fixed order of application: rest and sleep first, so later splits see the hours that are left. */
const APPLICATION_ORDER: readonly CauseId[] = [
  'burnout-mental-health',
  'content-over-questions',
  'denial-practice-scores',
  'exam-day-timing-anxiety',
  'poor-structure',
];

/**
 * Turns each diagnosed cause into settings the plan runs on, so the postmortem visibly changes the
 * plan (PRODUCT.md B and "Beyond existing tools"). Every change is listed with from, to and why;
 * a setting the student already set stricter is kept (the stricter of the two wins).
 *
 * Guarantees: practiceExamEveryDays never grows; rest, sleep, fullLengthDays and review minutes
 * never shrink; the weekly total is unchanged except as MAX_WEEKLY_TOTAL_CHANGE_HOURS describes.
 *
 * @example
 * applyCountermeasures(DEFAULT_PLAN_SETTINGS, diagnosisWith('exam-day-timing-anxiety'))
 * // → settings.fullLengthDays 3 (was 2); flags.timedOnly true;
 * //   changes: [{ setting: 'flags.timedOnly', from: false, to: true, … }, { setting: 'fullLengthDays', from: 2, to: 3, … }]
 */
export function applyCountermeasures(base: PlanSettings, diagnosis: Diagnosis): Countermeasures {
  const draft: Draft = {
    settings: copySettings(base),
    flags: { ...NO_COUNTERMEASURE_FLAGS },
    changes: [],
    actions: [],
  };
  const present = new Set(diagnosis.causes.map((c) => c.id));
  for (const cause of APPLICATION_ORDER) {
    if (!present.has(cause)) continue;
    if (cause === 'burnout-mental-health') applyBurnout(draft, diagnosis);
    else if (cause === 'content-over-questions') applyQuestionHeavySplit(draft);
    else if (cause === 'denial-practice-scores') applyPracticeExamGate(draft);
    else if (cause === 'exam-day-timing-anxiety') applyTimedPractice(draft, diagnosis);
    else applyStructure(draft);
  }
  return draft;
}
