/**
 * Capability D, endurance: how many timed blocks and full-length simulation days the student has
 * done, beside what the plan asked for so far. Counted here, not in the server, so the evidence page,
 * the journey and the export read one definition.
 */
import { compareDates, type LocalDate } from '../common/dates.ts';
import type { PlanItemKind } from '../plan/scheduler/types.ts';
import type { QuestionBlock } from './logging.ts';

/** The plan items that ask for a question-bank block: first pass and second pass. */
export const BLOCK_ITEM_KINDS: readonly PlanItemKind[] = ['qbank-block', 'second-pass-block'];

export type EnduranceCounts = {
  /** Logged blocks taken in timed mode, all time (tutor blocks build knowledge, not stamina). */
  timedBlocksDone: number;
  /** Block items of the plan dated today or earlier: what the plan asked for so far. */
  timedBlocksPlanned: number;
  /** Dates of the full-length days done, as logged. */
  fullLengthDone: LocalDate[];
  /** Dates of every full-length day in the plan, past and future. */
  fullLengthPlanned: LocalDate[];
};

/**
 * Counts the endurance evidence. Only plan items dated on or before `today` count as planned, so a
 * plan made yesterday does not show 300 blocks "planned" on its first day.
 *
 * @example two timed and one tutor block logged; plan items: qbank-block yesterday, second-pass-block
 *   today, qbank-block tomorrow, practice-exam today → { timedBlocksDone: 2, timedBlocksPlanned: 2, … }
 */
export function countEndurance({
  blocks,
  planItems,
  fullLengthDone,
  fullLengthPlanned,
  today,
}: {
  blocks: readonly Pick<QuestionBlock, 'mode'>[];
  planItems: readonly { kind: PlanItemKind; date: LocalDate }[];
  fullLengthDone: readonly LocalDate[];
  fullLengthPlanned: readonly LocalDate[];
  today: LocalDate;
}): EnduranceCounts {
  return {
    timedBlocksDone: blocks.filter((b) => b.mode === 'timed').length,
    timedBlocksPlanned: planItems.filter((i) => BLOCK_ITEM_KINDS.includes(i.kind) && compareDates(i.date, today) <= 0)
      .length,
    fullLengthDone: [...fullLengthDone],
    fullLengthPlanned: [...fullLengthPlanned],
  };
}

/**
 * What a logged block counts for, said when it is logged; for a tutor-mode block only. Its questions
 * count toward bank progress, % correct and weak areas, and it ticks off the plan's block like any
 * other, but `countEndurance` leaves it out of the timed blocks done (tutor mode builds knowledge,
 * not exam pace), while the plan's block still counts as planned. A timed block counts for all of
 * it and needs no note: null.
 *
 * @example describeBlockCounting({ mode: 'tutor', isPlanBlockTicked: true })
 *   → 'Tutor mode counts toward your bank progress, … It does not add to your timed blocks …'
 */
export function describeBlockCounting({
  mode,
  isPlanBlockTicked,
}: {
  mode: QuestionBlock['mode'];
  isPlanBlockTicked: boolean;
}): string | null {
  if (mode === 'timed') return null;
  const counts = isPlanBlockTicked
    ? 'Tutor mode counts toward your bank progress, your % correct and your weak areas, and it ticked off your plan’s block.'
    : 'Tutor mode counts toward your bank progress, your % correct and your weak areas.';
  return `${counts} It does not add to your timed blocks on the evidence page: only timed blocks build the pace and stamina of exam day.`;
}
