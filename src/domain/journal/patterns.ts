/**
 * Capability F feeding the plan (issue 11): error types that keep coming back show as a pattern with
 * a concrete countermeasure. Two patterns have a change the plan can make in one tap:
 *
 * - Timing ("ran out of time"): more timed blocks. Blocks in tutor mode switch to timed, so exam
 *   pace (90 s an item, DOMAIN.md: 40 in 60 min or 20 in 30 min) becomes the habit. Already timed:
 *   a pacing rule, no plan change (the blocks already train the pace).
 * - Changed a right answer: a rule about answer changes, and review time after each block long
 *   enough to go through every changed answer (the block's own minutes, as DOMAIN.md §4 advises,
 *   plus CHANGED_ANSWER_REVIEW_MINUTES).
 *
 * Each change is a target, not a step: once the plan holds it, the pattern still shows (the entries
 * are there) but offers nothing more to apply, so a second tap never stacks a second change.
 */
import { addDays, compareDates, type LocalDate } from '../common/dates.ts';
import { BLOCK_FORMATS, type PlanSettings } from '../plan/settings.ts';
import type { ErrorType } from './entry.ts';

/** Patterns read the entries of the last four weeks: the same window as the final-weeks rules. */
export const PATTERN_WINDOW_DAYS = 28;
/**
 * At least 5 entries of one type: fewer is what a couple of bad blocks leave behind. One 40-question
 * block at 60 % correct leaves 16 misses; 5 of one kind across several blocks is a habit.
 */
export const PATTERN_MIN_ENTRIES = 5;
/**
 * And at least a fifth of the window's entries: with five error types, an even spread gives each a
 * fifth, so a type at or above that share is no longer one among many.
 */
export const PATTERN_MIN_SHARE = 0.2;
/** Minutes added to each block's review, beyond the block's own minutes, to go through every changed answer. */
export const CHANGED_ANSWER_REVIEW_MINUTES = 10;

export type PatternKind = 'timing' | 'changed-right-answer';

export type ErrorPattern = {
  kind: PatternKind;
  /** Entries of this type in the window, and all entries in the window. */
  count: number;
  total: number;
  title: string;
  /** What the numbers are. */
  finding: string;
  /** The rule to keep beside the question bank. */
  rule: string;
  /** The plan change, or null when the plan already holds it (or there is no plan). */
  change: { description: string; patch: Partial<PlanSettings> } | null;
  /** Why there is no change to apply, when there is none. */
  noChangeReason: string | null;
};

const PATTERN_TYPES: readonly PatternKind[] = ['timing', 'changed-right-answer'];

function timingChange(ahead: PlanSettings): Pick<ErrorPattern, 'change' | 'noChangeReason'> {
  if (ahead.questionBank.mode === 'timed') {
    return { change: null, noChangeReason: 'Your blocks are already timed: keep the pacing rule inside them.' };
  }
  return {
    change: {
      description: 'Switch your question-bank blocks from tutor to timed mode.',
      patch: { questionBank: { ...ahead.questionBank, mode: 'timed' } },
    },
    noChangeReason: null,
  };
}

function changedAnswerChange(ahead: PlanSettings): Pick<ErrorPattern, 'change' | 'noChangeReason'> {
  const target = Math.min(240, BLOCK_FORMATS[ahead.questionBank.blockFormat].minutes + CHANGED_ANSWER_REVIEW_MINUTES);
  if (ahead.questionBank.reviewMinutesPerBlock >= target) {
    return {
      change: null,
      noChangeReason: `Your plan already gives each block ${ahead.questionBank.reviewMinutesPerBlock} minutes of review: use them on every answer you changed.`,
    };
  }
  return {
    change: {
      description: `Give each block ${target} minutes of review instead of ${ahead.questionBank.reviewMinutesPerBlock}, to go through every answer you changed.`,
      patch: { questionBank: { ...ahead.questionBank, reviewMinutesPerBlock: target } },
    },
    noChangeReason: null,
  };
}

/**
 * The patterns in the entries added in the last PATTERN_WINDOW_DAYS days (today included).
 * `ahead`: the plan's settings for the work still ahead (null without a plan).
 *
 * @example 6 timing entries of 20 in the window, blocks in tutor mode → one 'timing' pattern whose
 *   change switches the blocks to timed.
 */
export function detectPatterns({
  entries,
  today,
  ahead,
}: {
  entries: readonly { errorType: ErrorType; date: LocalDate }[];
  today: LocalDate;
  ahead: PlanSettings | null;
}): ErrorPattern[] {
  const from = addDays(today, -(PATTERN_WINDOW_DAYS - 1));
  const recent = entries.filter((e) => compareDates(e.date, from) >= 0 && compareDates(e.date, today) <= 0);
  const total = recent.length;
  return PATTERN_TYPES.flatMap((kind): ErrorPattern[] => {
    const count = recent.filter((e) => e.errorType === kind).length;
    if (count < PATTERN_MIN_ENTRIES || count < PATTERN_MIN_SHARE * total) return [];
    const percent = Math.round((count / total) * 100);
    const planPart = ahead
      ? kind === 'timing'
        ? timingChange(ahead)
        : changedAnswerChange(ahead)
      : { change: null, noChangeReason: 'Build your plan first; then this change can go into it.' };
    if (kind === 'timing') {
      return [
        {
          kind,
          count,
          total,
          title: 'Running out of time',
          finding: `${count} of your ${total} journal entries from the last ${PATTERN_WINDOW_DAYS} days (${percent} %) were missed for lack of time.`,
          rule: 'When a question passes 90 seconds, pick your best answer, mark it and move on: come back only if time is left at the end.',
          ...planPart,
        },
      ];
    }
    return [
      {
        kind,
        count,
        total,
        title: 'Changing right answers',
        finding: `${count} of your ${total} journal entries from the last ${PATTERN_WINDOW_DAYS} days (${percent} %) were right before you changed them.`,
        rule: 'Change an answer only when you can name a fact in the question that you missed the first time; a new doubt is not a fact.',
        ...planPart,
      },
    ];
  });
}
