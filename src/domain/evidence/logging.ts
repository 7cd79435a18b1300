/**
 * Capability D, logging: the rules a question-bank block and a practice exam must meet before they
 * are kept, and the running statistics of the blocks. Every refusal says what to fix.
 */
import { addDays, compareDates, daysBetween, isLocalDate, type LocalDate } from '../common/dates.ts';
import { fail, ok, type Result } from '../common/result.ts';
import { isAreaId, isDisciplineId, isSystemId, type AreaId, type DisciplineId, type SystemId } from './areas.ts';
import {
  CLINICAL_MASTERY_SCORE,
  THREE_DIGIT_SCORE,
  isLoggedFormId,
  isPredictiveForm,
  nameForm,
  reportingOf,
  type LoggedFormId,
} from './practice-scores.ts';

export const QUESTION_BANKS = ['uworld', 'amboss', 'other'] as const;
export type QuestionBank = (typeof QUESTION_BANKS)[number];
export const BLOCK_MODES = ['timed', 'tutor'] as const;
export type BlockMode = (typeof BLOCK_MODES)[number];

const BANK_NAMES: Readonly<Record<QuestionBank, string>> = {
  uworld: 'UWorld',
  amboss: 'AMBOSS',
  other: 'Other bank',
};

/** @example nameBank('uworld') === 'UWorld' */
export function nameBank(bank: QuestionBank): string {
  return BANK_NAMES[bank];
}

/**
 * Limits of a believable block. Each catches a typo, not a study style:
 * - maxQuestions 120: UWorld blocks hold at most 40; 120 leaves room for long custom sessions in
 *   other banks. Longer sessions are logged as several blocks.
 * - minSecondsPerQuestion 15: nobody reads a clinical vignette in less; the real exam allows 90 s
 *   (DOMAIN.md §1, "Time per item"). 40 questions in 5 minutes is a mistyped number.
 * - maxMinutesPerQuestion 10, at least 60 for any block: tutor mode with full review rarely passes a
 *   few minutes a question; more is most likely hours typed as minutes.
 * - maxMinutes 600: a 10-hour block is not a block.
 * - maxAgeDays 730: a date more than two years back is a wrong year.
 */
export const BLOCK_LIMITS = {
  maxQuestions: 120,
  minSecondsPerQuestion: 15,
  maxMinutesPerQuestion: 10,
  minCeilingMinutes: 60,
  maxMinutes: 600,
} as const;
export const MAX_LOG_AGE_DAYS = 730;

/**
 * UWorld Step 2 CK QBank ≈ 3,900 questions (DOMAIN.md §4, practicetestgeeks.com, June 2026;
 * anecdotal). The AMBOSS bank size was not found, so it has no default: the student enters it.
 */
export const DEFAULT_BANK_SIZES: Readonly<Partial<Record<QuestionBank, number>>> = { uworld: 3900 };

export type QuestionBlockInput = {
  bank: string;
  mode: string;
  questions: number;
  correct: number;
  minutes: number;
  date: string;
  /** One entry per missed question tagged with a system; a system may repeat. */
  missedSystems?: readonly string[];
  /** One entry per missed question tagged with a discipline; a discipline may repeat. */
  missedDisciplines?: readonly string[];
};

export type QuestionBlock = {
  bank: QuestionBank;
  mode: BlockMode;
  questions: number;
  correct: number;
  minutes: number;
  date: LocalDate;
  missedSystems: SystemId[];
  missedDisciplines: DisciplineId[];
};

function isWhole(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Adds a message for a date that is not real, in the future or implausibly old. */
function checkLoggedDate(
  problems: Record<string, string>,
  { date, today, what }: { date: string; today: LocalDate | undefined; what: string },
): void {
  if (!isLocalDate(date)) {
    problems.date = `Enter the date you took ${what} as YYYY-MM-DD, like 2027-01-10.`;
  } else if (today !== undefined && compareDates(date, today) > 0) {
    problems.date = `${date} is after today (${today}). Log ${what} once you have taken it.`;
  } else if (today !== undefined && daysBetween(date, today) > MAX_LOG_AGE_DAYS) {
    problems.date = `${date} is more than two years ago. Check the year.`;
  }
}

function checkTags<T extends string>(
  problems: Record<string, string>,
  {
    field,
    tags,
    isValid,
    missed,
    list,
  }: {
    field: string;
    tags: readonly string[];
    isValid: (v: string) => v is T;
    /** Questions missed; null when the counts are themselves wrong, so tags cannot be checked against them. */
    missed: number | null;
    list: string;
  },
): void {
  const unknown = tags.find((t) => !isValid(t));
  if (unknown !== undefined) {
    problems[field] = `"${unknown}" is not one of the ${list}. Choose from the list.`;
  } else if (missed !== null && tags.length > missed) {
    problems[field] =
      `You tagged ${tags.length} missed questions but missed ${missed}. Tag each missed question at most once.`;
  }
}

/**
 * Checks a question-bank block before it is kept. `today` is the student's local date.
 *
 * Rules: a known bank and mode; 1–120 whole questions; correct between 0 and questions; whole
 * minutes, at least 15 s and at most 10 minutes a question (at most 600); a real date, not after
 * today and not more than two years back; missed systems and disciplines from the official lists,
 * no more tags of each kind than questions missed.
 *
 * @example validateQuestionBlock({ bank: 'uworld', mode: 'timed', questions: 40, correct: 45,
 *   minutes: 60, date: '2027-01-10' }, '2027-01-10') → VALIDATION_FAILED,
 *   fields.correct: "You answered 45 correctly out of 40 questions. …"
 */
export function validateQuestionBlock(input: QuestionBlockInput, today: LocalDate): Result<QuestionBlock> {
  const problems: Record<string, string> = {};
  const bank = isOneOf(QUESTION_BANKS, input.bank) ? input.bank : null;
  const mode = isOneOf(BLOCK_MODES, input.mode) ? input.mode : null;
  if (bank === null) problems.bank = 'Choose the bank: UWorld, AMBOSS or other.';
  if (mode === null) problems.mode = 'Choose timed or tutor mode.';
  const hasQuestions = isWhole(input.questions, 1, BLOCK_LIMITS.maxQuestions);
  if (!hasQuestions) {
    problems.questions = `Enter the number of questions as a whole number from 1 to ${BLOCK_LIMITS.maxQuestions}. Log a longer session as several blocks.`;
  }
  if (!isWhole(input.correct, 0, Number.MAX_SAFE_INTEGER)) {
    problems.correct = 'Enter how many you got right as a whole number, 0 or more.';
  } else if (hasQuestions && input.correct > input.questions) {
    problems.correct = `You answered ${input.correct} correctly out of ${input.questions} questions. Correct answers cannot exceed the questions in the block.`;
  }
  if (!isWhole(input.minutes, 1, BLOCK_LIMITS.maxMinutes)) {
    problems.minutes = `Enter the minutes the block took as a whole number from 1 to ${BLOCK_LIMITS.maxMinutes}.`;
  } else if (hasQuestions) {
    const floor = Math.ceil((input.questions * BLOCK_LIMITS.minSecondsPerQuestion) / 60);
    const ceiling = Math.min(
      BLOCK_LIMITS.maxMinutes,
      Math.max(BLOCK_LIMITS.minCeilingMinutes, input.questions * BLOCK_LIMITS.maxMinutesPerQuestion),
    );
    if (input.minutes < floor) {
      problems.minutes = `${input.questions} questions in ${input.minutes} minutes is under ${BLOCK_LIMITS.minSecondsPerQuestion} seconds a question. Check the minutes (the real exam allows 90 seconds a question).`;
    } else if (input.minutes > ceiling) {
      problems.minutes = `${input.minutes} minutes for ${input.questions} questions is more than ${BLOCK_LIMITS.maxMinutesPerQuestion} minutes a question. Check the minutes (hours typed as minutes?).`;
    }
  }
  checkLoggedDate(problems, { date: input.date, today, what: 'this block' });
  const missed = hasQuestions && isWhole(input.correct, 0, input.questions) ? input.questions - input.correct : null;
  const missedSystems = input.missedSystems ?? [];
  const missedDisciplines = input.missedDisciplines ?? [];
  checkTags(problems, {
    field: 'missedSystems',
    tags: missedSystems,
    isValid: isSystemId,
    missed,
    list: '18 systems of the Step 2 CK content outline',
  });
  checkTags(problems, {
    field: 'missedDisciplines',
    tags: missedDisciplines,
    isValid: isDisciplineId,
    missed,
    list: 'disciplines (Medicine, Surgery, Pediatrics, Obstetrics and Gynecology, Psychiatry)',
  });
  if (Object.keys(problems).length > 0 || bank === null || mode === null) {
    return fail('VALIDATION_FAILED', 'Some details of the block need fixing.', problems);
  }
  return ok({
    bank,
    mode,
    questions: input.questions,
    correct: input.correct,
    minutes: input.minutes,
    date: input.date,
    missedSystems: missedSystems.filter(isSystemId),
    missedDisciplines: missedDisciplines.filter(isDisciplineId),
  });
}

export type AreaScore = { area: AreaId; percentCorrect: number };

export type PracticeExamInput = {
  form: string;
  date: string;
  score?: number | null;
  percentCorrect?: number | null;
  /** Optional, from the score report: percent correct by system or discipline. */
  breakdown?: readonly { area: string; percentCorrect: number }[];
};

export type PracticeExamLog = {
  form: LoggedFormId;
  date: LocalDate;
  score: number | null;
  percentCorrect: number | null;
  /** False for the Clinical Mastery Series: logged, never used for the prediction. */
  isPredictive: boolean;
  breakdown: AreaScore[];
};

const FORM_LIST =
  'NBME9 … NBME16, UWSA1, UWSA2, FREE120, AMBOSS_SA, or a Clinical Mastery Series form (CMS_MEDICINE …)';

function isPercent(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 100;
}

function checkResult(problems: Record<string, string>, form: LoggedFormId, input: PracticeExamInput): void {
  const name = nameForm(form);
  const score = input.score ?? null;
  const percent = input.percentCorrect ?? null;
  const reporting = reportingOf(form);
  if (reporting === 'percent') {
    if (score !== null) {
      problems.score = `The ${name} reports a percent correct, not a 3-digit score. Enter percentCorrect (0–100) instead.`;
    } else if (percent === null) {
      problems.percentCorrect = `Enter the percent correct the ${name} showed, from 0 to 100.`;
    } else if (!isPercent(percent)) {
      problems.percentCorrect = `A percent correct runs from 0 to 100; ${percent} is outside it. Check the report.`;
    }
    return;
  }
  if (percent !== null) {
    problems.percentCorrect = `${name} reports a score, not a percent correct. Enter the score instead.`;
    return;
  }
  const range = reporting === 'score' ? THREE_DIGIT_SCORE : CLINICAL_MASTERY_SCORE;
  if (score === null) {
    problems.score =
      reporting === 'score'
        ? `Enter the 3-digit score ${name} gave you (1–300).`
        : `Enter the scaled score from your ${name} report (mean 20, from ${range.min} to ${range.max}).`;
  } else if (!isWhole(score, range.min, range.max)) {
    problems.score =
      reporting === 'score'
        ? `Scores on ${name} run from ${range.min} to ${range.max}; ${score} is off the scale. Check the report and enter the whole 3-digit score.`
        : `${name} scaled scores run from ${range.min} to ${range.max} (mean 20); ${score} is off the scale. Enter the scaled score, not a converted one.`;
  }
}

function checkBreakdown(
  problems: Record<string, string>,
  breakdown: readonly { area: string; percentCorrect: number }[],
) {
  const seen = new Set<string>();
  breakdown.forEach((entry, index) => {
    if (!isAreaId(entry.area)) {
      problems[`breakdown.${index}.area`] =
        `"${entry.area}" is not a system or discipline of the content outline. Choose from the list.`;
    } else if (seen.has(entry.area)) {
      problems[`breakdown.${index}.area`] = 'This area is listed twice. Keep one line per area.';
    } else if (!isPercent(entry.percentCorrect)) {
      problems[`breakdown.${index}.percentCorrect`] = 'Enter the percent correct for this area, from 0 to 100.';
    }
    seen.add(entry.area);
  });
}

/**
 * Checks a practice exam before it is kept or used. `today` (the student's local date) is optional
 * only for callers that have no clock, such as a prediction for a hypothetical set of scores.
 *
 * Rules: a known form; a real date not after today; a whole 3-digit score 1–300 for the NBME forms,
 * the UWSAs and the AMBOSS self-assessment; a percent correct 0–100 for the Free 120; a scaled score
 * 1–40 for the Clinical Mastery Series (kept, flagged not predictive); an optional breakdown of
 * percent correct by system or discipline, each area once.
 *
 * @example validatePracticeExam({ form: 'NBME13', date: '2027-01-10', score: 400 }, '2027-01-20')
 *   → VALIDATION_FAILED, fields.score: "Scores on NBME CCSSA Form 13 run from 1 to 300; 400 is off the scale. …"
 */
export function validatePracticeExam(input: PracticeExamInput, today?: LocalDate): Result<PracticeExamLog> {
  const problems: Record<string, string> = {};
  if (!isLoggedFormId(input.form)) {
    problems.form = `"${input.form}" is not a practice exam we know. Use one of ${FORM_LIST}.`;
  } else {
    checkResult(problems, input.form, input);
  }
  checkLoggedDate(problems, { date: input.date, today, what: 'this practice exam' });
  checkBreakdown(problems, input.breakdown ?? []);
  if (Object.keys(problems).length > 0 || !isLoggedFormId(input.form)) {
    return fail('VALIDATION_FAILED', 'Some details of the practice exam need fixing.', problems);
  }
  return ok({
    form: input.form,
    date: input.date,
    score: input.score ?? null,
    percentCorrect: input.percentCorrect ?? null,
    isPredictive: isPredictiveForm(input.form),
    breakdown: (input.breakdown ?? []).flatMap((e) =>
      isAreaId(e.area) ? [{ area: e.area, percentCorrect: e.percentCorrect }] : [],
    ),
  });
}

export type CorrectRate = {
  questions: number;
  correct: number;
  /** 0–100, one decimal; null when no question was answered in the period. */
  percentCorrect: number | null;
};

export type BankStats = {
  bank: QuestionBank;
  name: string;
  questionsDone: number;
  bankSize: number | null;
  /** questionsDone ÷ bankSize, 0–1, capped at 1 (second passes count toward the cap); null with no size. */
  completion: number | null;
  overall: CorrectRate;
  last7Days: CorrectRate;
  last30Days: CorrectRate;
};

export type BlockStats = {
  banks: BankStats[];
  overall: CorrectRate;
  last7Days: CorrectRate;
  last30Days: CorrectRate;
  timedBlocks: number;
  tutorBlocks: number;
};

function rateOf(blocks: readonly QuestionBlock[]): CorrectRate {
  const questions = blocks.reduce((sum, b) => sum + b.questions, 0);
  const correct = blocks.reduce((sum, b) => sum + b.correct, 0);
  return { questions, correct, percentCorrect: questions > 0 ? Math.round((correct / questions) * 1000) / 10 : null };
}

function withinDays(blocks: readonly QuestionBlock[], today: LocalDate, days: number): QuestionBlock[] {
  const from = addDays(today, -(days - 1));
  return blocks.filter((b) => compareDates(b.date, from) >= 0 && compareDates(b.date, today) <= 0);
}

/**
 * Running completion and % correct, overall and per bank, over all time and the last 7 and 30 days
 * (today included: the last 7 days of 2027-01-10 are 2027-01-04 to 2027-01-10). Bank sizes come from
 * the student's settings; DEFAULT_BANK_SIZES holds the one published figure.
 *
 * @example 2 UWorld blocks, 40 questions each, 30 and 26 correct, 3,900-question bank →
 *   completion 80 / 3900 = 0.0205, overall 56 / 80 = 70 % correct
 */
export function summarizeQuestionBlocks({
  blocks,
  today,
  bankSizes = DEFAULT_BANK_SIZES,
}: {
  blocks: readonly QuestionBlock[];
  today: LocalDate;
  bankSizes?: Readonly<Partial<Record<QuestionBank, number>>>;
}): BlockStats {
  const banks = QUESTION_BANKS.filter((bank) => blocks.some((b) => b.bank === bank)).map((bank): BankStats => {
    const own = blocks.filter((b) => b.bank === bank);
    const overall = rateOf(own);
    const size = bankSizes[bank];
    const bankSize = size !== undefined && size > 0 ? size : null;
    return {
      bank,
      name: nameBank(bank),
      questionsDone: overall.questions,
      bankSize,
      completion: bankSize === null ? null : Math.min(1, overall.questions / bankSize),
      overall,
      last7Days: rateOf(withinDays(own, today, 7)),
      last30Days: rateOf(withinDays(own, today, 30)),
    };
  });
  return {
    banks,
    overall: rateOf(blocks),
    last7Days: rateOf(withinDays(blocks, today, 7)),
    last30Days: rateOf(withinDays(blocks, today, 30)),
    timedBlocks: blocks.filter((b) => b.mode === 'timed').length,
    tutorBlocks: blocks.filter((b) => b.mode === 'tutor').length,
  };
}

/**
 * A full-length simulation day can be logged once it has been sat: not for a later date.
 * @example checkFullLengthDate('2027-02-21', '2027-02-20') → a message; the same day → null
 */
export function checkFullLengthDate(date: LocalDate, today: LocalDate): string | null {
  return compareDates(date, today) > 0
    ? `${date} is after today (${today}). Log the full-length day once you have sat it.`
    : null;
}
