/**
 * The question bank: new questions paced to finish QBANK_FINISH_DAYS_BEFORE the exam, within the
 * weekly question-bank hours, the weekly study total, each day's cap and rhythm; then second-pass
 * blocks of missed and marked questions with the hours the pace does not need, once misses exist.
 */
import type { LocalDate } from '../../common/dates.ts';
import { fail, ok, type Result } from '../../common/result.ts';
import { BLOCK_FORMATS, type PlanSettings } from '../settings.ts';
import { countUnitsThatFit, placeStudy, type Part } from './placing.ts';
import type { WeekLedger, WorkDay } from './types.ts';

/** The final days kept for consolidation: the bank's new questions end this many days before the exam. */
export const QBANK_FINISH_DAYS_BEFORE = 7;
/**
 * Second-pass blocks redo missed and marked questions, so they wait for misses: none in a week
 * until new questions were done in earlier weeks (none in the plan's first week unless questions
 * were done before it), and never more second-pass questions than this share of the new questions
 * done before that week. A planning bound, not a published figure: the student's own % correct is
 * not known to the plan.
 */
export const SECOND_PASS_SHARE = 0.5;

export type QbankOutcome = { blocksNeeded: number; questionsScheduled: number; finishDate: LocalDate | null };

function sessionParts(settings: PlanSettings, isNew: boolean, questions: number): Part[] {
  const qb = settings.questionBank;
  const format = BLOCK_FORMATS[qb.blockFormat];
  const isTimed = qb.mode === 'timed';
  const parts: Part[] = [
    {
      kind: isNew ? 'qbank-block' : 'second-pass-block',
      title: isNew
        ? `${isTimed ? 'Timed' : 'Tutor-mode'} block: ${questions} new questions, ${format.minutes} minutes`
        : `Second-pass block: ${questions} of your missed and marked questions, timed`,
      minutes: format.minutes,
      questions,
    },
  ];
  if (qb.reviewMinutesPerBlock > 0)
    parts.push({
      kind: 'qbank-review',
      title: 'Review the block: why each wrong option is wrong, and the teaching point',
      minutes: qb.reviewMinutesPerBlock,
    });
  return parts;
}

export function sessionMinutes(settings: PlanSettings): number {
  return BLOCK_FORMATS[settings.questionBank.blockFormat].minutes + settings.questionBank.reviewMinutesPerBlock;
}

function studyDays(week: WeekLedger, cutoff: number): WorkDay[] {
  return week.days.filter((d) => !d.special && d.index < cutoff);
}

function usedMinutes(week: WeekLedger): number {
  return week.days.reduce((sum, d) => sum + d.studyMinutes, 0);
}

/**
 * How many of `count` sessions each day gets: most room first, in proportion to each day's room,
 * or the same number each day with a fixed routine. `room` is what each day takes on its own
 * (`countUnitsThatFit`). Fewer than `count` when the days are full, or when a fixed routine stops
 * because the day with the fewest blocks can take no more.
 */
function allotSessions(
  days: WorkDay[],
  count: number,
  settings: PlanSettings,
  room: ReadonlyMap<WorkDay, number>,
): Map<WorkDay, number> {
  const perDay = new Map<WorkDay, number>();
  const before = new Map(
    days.map((d) => [d, d.items.filter((i) => i.kind === 'qbank-block' || i.kind === 'second-pass-block').length]),
  );
  const blocksOn = (d: WorkDay) => (before.get(d) ?? 0) + (perDay.get(d) ?? 0);
  for (let s = 0; s < count; s++) {
    let candidates = days.filter((d) => (room.get(d) ?? 0) > (perDay.get(d) ?? 0));
    if (settings.fixedDailyBlocks) {
      // A fixed routine: no study day more than one block above the day with the fewest, among
      // the days that have room for one (a 24-hour call leaves none, and must not hold the
      // rest of the week to a single block).
      const fewest = Math.min(...days.filter((d) => (room.get(d) ?? 0) > 0).map(blocksOn));
      candidates = candidates.filter((d) => blocksOn(d) <= fewest);
    }
    const load = settings.fixedDailyBlocks ? blocksOn : (d: WorkDay) => ((perDay.get(d) ?? 0) + 1) / (room.get(d) ?? 1);
    candidates.sort((a, b) => load(a) - load(b) || b.freeMinutes - a.freeMinutes);
    const day = candidates[0];
    if (!day) break;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}

/**
 * The sessions the days have room for, each day on its own (`room`), and how many of them the
 * spread places (`placeable`): with a fixed routine that can be fewer (a roomy Saturday takes one
 * block more than the fullest weekday, not all it has room for), so the bank's fit is counted the
 * way it is placed.
 */
function sessionRoomOf(days: WorkDay[], settings: PlanSettings): { room: number; placeable: number } {
  const session = sessionMinutes(settings);
  const byDay = new Map(days.map((d) => [d, countUnitsThatFit(d, session, 24)]));
  const room = [...byDay.values()].reduce((sum, n) => sum + n, 0);
  const placeable = [...allotSessions(days, room, settings, byDay).values()].reduce((sum, n) => sum + n, 0);
  return { room, placeable };
}

/** Spreads `count` sessions over the days (`allotSessions`) and places them; returns how many were placed. */
function spreadSessions(
  days: WorkDay[],
  count: number,
  settings: PlanSettings,
  makeParts: () => Part[] | null,
): number {
  if (count <= 0) return 0;
  const session = sessionMinutes(settings);
  const room = new Map(days.map((d) => [d, countUnitsThatFit(d, session, count)]));
  const perDay = allotSessions(days, count, settings, room);
  let placed = 0;
  for (const day of days) {
    for (let s = 0; s < (perDay.get(day) ?? 0); s++) {
      const parts = makeParts();
      if (!parts || !placeStudy(day, parts)) break;
      placed += 1;
      day.kind = settings.questionBank.mode === 'timed' ? 'timed-blocks' : 'tutor-blocks';
    }
  }
  return placed;
}

/** PLAN_INFEASIBLE: the bank's new blocks do not fit before the cutoff (`generatePlan` adds the ways out). */
function bankDoesNotFit(settings: PlanSettings, blocksNeeded: number, blocksThatFit: number, finishBy: LocalDate) {
  const qb = settings.questionBank;
  const format = BLOCK_FORMATS[qb.blockFormat];
  return fail(
    'PLAN_INFEASIBLE',
    `${qb.questionsLeft.toLocaleString('en-US')} questions left need ${blocksNeeded} blocks of ${format.questions}; only ${blocksThatFit} fit by ${finishBy} (a week before the exam) at ${settings.weeklyHours.questionBank} question-bank hours a week, within your free time and daily cap.`,
    {
      'questionBank.questionsLeft': `Only ${(blocksThatFit * format.questions).toLocaleString('en-US')} of these questions fit before the exam.`,
    },
  );
}

export function placeNewBlocks(
  days: WorkDay[],
  weeks: WeekLedger[],
  settings: PlanSettings,
  questionsDoneBefore = 0,
): Result<QbankOutcome & { newQuestionsByWeek: number[] }> {
  const qb = settings.questionBank;
  const format = BLOCK_FORMATS[qb.blockFormat];
  const session = sessionMinutes(settings);
  const blocksNeeded = Math.ceil(qb.questionsLeft / format.questions);
  const cutoff = Math.max(1, days.length - QBANK_FINISH_DAYS_BEFORE);
  const limits = weeks.map((week) => {
    const open = studyDays(week, cutoff);
    // What fits is what the spread places; a fixed routine leaves a roomy day's extra room to content.
    const { room, placeable: fit } = sessionRoomOf(open, settings);
    // Deep reviews of practice exams are question review: they count toward the question-bank hours.
    const allowed = Math.floor((week.askedQbankMinutes - week.qbankMinutes) / session);
    const budget = Math.floor((week.totalMinutes - usedMinutes(week)) / session);
    const contentSessions = Math.ceil(week.askedContentMinutes / session);
    return {
      cap: Math.max(0, Math.min(fit, allowed, budget)),
      // What the question bank may take while leaving content review its room.
      besideContent: Math.max(0, Math.min(fit, room - contentSessions, allowed, budget - contentSessions)),
    };
  });
  const caps = limits.map((l) => l.cap);
  const fitting = caps.reduce((sum, c) => sum + c, 0);
  const finishBy = days[cutoff - 1]?.date ?? days[0]?.date ?? '';
  if (blocksNeeded > fitting) return bankDoesNotFit(settings, blocksNeeded, fitting, finishBy);
  let remaining = blocksNeeded;
  let questionsLeft = qb.questionsLeft;
  let finishDate: LocalDate | null = null;
  const newQuestionsByWeek: number[] = [];
  const laterCap = caps.map((_, w) => caps.slice(w + 1).reduce((sum, c) => sum + c, 0));
  let newDone = questionsDoneBefore;
  let secondPlanned = 0;
  weeks.forEach((week, w) => {
    const weeksLeft = caps.slice(w).filter((c) => c > 0).length || 1;
    const pace = Math.min(caps[w]!, Math.max(Math.ceil(remaining / weeksLeft), remaining - laterCap[w]!));
    // Hours the pace leaves and second-pass blocks cannot use yet (too few misses so far) go to
    // new questions, so the bank finishes earlier and later weeks have misses to redo.
    const secondPossible = Math.max(0, Math.floor((SECOND_PASS_SHARE * newDone - secondPlanned) / format.questions));
    const besideContent = limits[w]!.besideContent;
    const count = Math.max(0, Math.min(caps[w]!, remaining, Math.max(pace, besideContent - secondPossible)));
    secondPlanned += Math.max(0, Math.min(secondPossible, besideContent - count)) * format.questions;
    newDone += count * format.questions;
    let questionsThisWeek = 0;
    const placed = spreadSessions(studyDays(week, cutoff), count, settings, () => {
      if (questionsLeft <= 0) return null;
      const questions = Math.min(format.questions, questionsLeft);
      questionsLeft -= questions;
      questionsThisWeek += questions;
      return sessionParts(settings, true, questions);
    });
    remaining -= placed;
    if (placed > 0 && remaining === 0 && finishDate === null) {
      const lastBlock = week.days
        .flatMap((d) => d.items)
        .filter((i) => i.kind === 'qbank-block')
        .at(-1);
      finishDate = lastBlock?.date ?? null;
    }
    week.qbankMinutes += placed * session;
    newQuestionsByWeek.push(questionsThisWeek);
  });
  // A plan schedules every question it accepts: blocks that were counted but did not go in are a
  // refusal with the real numbers, never a plan that leaves them out with no finish date.
  if (remaining > 0) return bankDoesNotFit(settings, blocksNeeded, blocksNeeded - remaining, finishBy);
  return ok({
    blocksNeeded,
    questionsScheduled: qb.questionsLeft - Math.max(0, questionsLeft),
    finishDate,
    newQuestionsByWeek,
  });
}

export function placeSecondPass(
  days: WorkDay[],
  weeks: WeekLedger[],
  settings: PlanSettings,
  newQuestionsByWeek: readonly number[],
  questionsDoneBefore: number,
): void {
  const format = BLOCK_FORMATS[settings.questionBank.blockFormat];
  const session = sessionMinutes(settings);
  const cutoff = Math.max(1, days.length - QBANK_FINISH_DAYS_BEFORE);
  let newDone = questionsDoneBefore;
  let secondDone = 0;
  weeks.forEach((week, w) => {
    const open = studyDays(week, cutoff);
    const byHours = Math.floor((week.askedQbankMinutes - week.qbankMinutes) / session);
    const byTotal = Math.floor((week.totalMinutes - usedMinutes(week)) / session);
    const byMisses = Math.floor((SECOND_PASS_SHARE * newDone - secondDone) / format.questions);
    const wanted = Math.max(0, Math.min(byHours, byTotal, byMisses));
    const placed = spreadSessions(open, wanted, settings, () => sessionParts(settings, false, format.questions));
    secondDone += placed * format.questions;
    week.qbankMinutes += placed * session;
    if (week.askedQbankMinutes - week.qbankMinutes >= session) {
      week.qbankLimit = placed < wanted ? 'room' : byMisses < Math.min(byHours, byTotal) ? 'misses' : 'total';
    }
    newDone += newQuestionsByWeek[w] ?? 0;
  });
}
