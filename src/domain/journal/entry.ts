/**
 * Capability F, the wrong-answer journal: what one dissected missed question holds, and the rules it
 * must meet before it is kept. Only the bank, the error type and the key point are required, so an
 * entry can be added in seconds on a phone and completed later.
 */
import { fail, ok, type Result } from '../common/result.ts';
import { isDisciplineId, isSystemId, type DisciplineId, type SystemId } from '../evidence/areas.ts';
import { QUESTION_BANKS, type QuestionBank } from '../evidence/logging.ts';

/** Why the question was missed: the categories of the error logs students keep for UWorld misses. */
export const ERROR_TYPES = ['knowledge-gap', 'misread', 'reasoning', 'timing', 'changed-right-answer'] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

const ERROR_TYPE_NAMES: Readonly<Record<ErrorType, string>> = {
  'knowledge-gap': 'Knowledge gap',
  misread: 'Misread the question',
  reasoning: 'Reasoning error',
  timing: 'Ran out of time',
  'changed-right-answer': 'Changed a right answer',
};

/** @example nameErrorType('changed-right-answer') === 'Changed a right answer' */
export function nameErrorType(type: ErrorType): string {
  return ERROR_TYPE_NAMES[type];
}

/** How sure the student was of the answer they picked; a sure wrong answer is the one to fix first. */
export const CONFIDENCE_LEVELS = ['guessed', 'unsure', 'sure'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/**
 * Lengths that catch a paste of the whole explanation, not a study style:
 * - questionId 40: UWorld ids are 4–6 digits; AMBOSS ids are short codes.
 * - keyPoint 300: one sentence a student can recall in a review; a paragraph is not a key point.
 * - wrongOptions 9 lines (options A–J minus the right one), option label 3, each reason 300.
 * - teachingPoint 1000, each part of the rule 200.
 */
export const ENTRY_LIMITS = {
  questionId: 40,
  keyPoint: 300,
  wrongOptions: 9,
  optionLabel: 3,
  optionReason: 300,
  teachingPoint: 1000,
  rulePart: 200,
} as const;

export type WrongOption = { option: string; why: string };
/** "When you see X, do Y because Z." */
export type DecisionRule = { when: string; then: string; because: string };

export type JournalEntryInput = {
  bank: string;
  questionId?: string | null | undefined;
  system?: string | null | undefined;
  discipline?: string | null | undefined;
  errorType: string;
  keyPoint: string;
  wrongOptions?: readonly WrongOption[];
  teachingPoint?: string | null | undefined;
  rule?: {
    when?: string | null | undefined;
    then?: string | null | undefined;
    because?: string | null | undefined;
  } | null;
  confidence?: string | null | undefined;
};

export type JournalEntry = {
  bank: QuestionBank;
  questionId: string | null;
  system: SystemId | null;
  discipline: DisciplineId | null;
  errorType: ErrorType;
  keyPoint: string;
  wrongOptions: WrongOption[];
  teachingPoint: string | null;
  rule: DecisionRule | null;
  confidence: Confidence | null;
};

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * Checks an entry and returns it trimmed, or one message per field to fix. Text is trimmed; empty
 * optional text is stored as null.
 *
 * Rules: a known bank and error type; a key point of 1–300 characters; the system from the 18
 * categories of the content outline and the discipline from the five of DOMAIN.md §6 (both optional);
 * at most 9 wrong options, each with a label of 1–3 characters, a reason, and no label twice; the rule
 * either empty or with all three parts (when, do, because); confidence guessed, unsure or sure.
 *
 * @example validateJournalEntry({ bank: 'uworld', errorType: 'misread', keyPoint: '' })
 *   → VALIDATION_FAILED, fields.keyPoint: "Write the key point …"
 */
export function validateJournalEntry(input: JournalEntryInput): Result<JournalEntry> {
  const problems: Record<string, string> = {};
  const bank = isOneOf(QUESTION_BANKS, input.bank) ? input.bank : null;
  if (bank === null) problems.bank = 'Choose the bank: UWorld, AMBOSS or other.';
  const errorType = isOneOf(ERROR_TYPES, input.errorType) ? input.errorType : null;
  if (errorType === null) {
    problems.errorType =
      'Choose why you missed it: knowledge gap, misread, reasoning, timing or changed a right answer.';
  }
  const questionId = blankToNull(input.questionId);
  if (questionId !== null && questionId.length > ENTRY_LIMITS.questionId) {
    problems.questionId = `A question id has at most ${ENTRY_LIMITS.questionId} characters; copy only the id.`;
  }
  const system = blankToNull(input.system);
  if (system !== null && !isSystemId(system)) {
    problems.system = `"${system}" is not one of the 18 systems of the Step 2 CK content outline. Choose from the list.`;
  }
  const discipline = blankToNull(input.discipline);
  if (discipline !== null && !isDisciplineId(discipline)) {
    problems.discipline = `"${discipline}" is not a discipline (Medicine, Surgery, Pediatrics, Obstetrics and Gynecology, Psychiatry).`;
  }
  const keyPoint = input.keyPoint.trim();
  if (keyPoint === '') problems.keyPoint = 'Write the key point: the one fact that would have got it right.';
  else if (keyPoint.length > ENTRY_LIMITS.keyPoint) {
    problems.keyPoint = `Keep the key point to ${ENTRY_LIMITS.keyPoint} characters (it has ${keyPoint.length}); put the detail in the teaching point.`;
  }
  const wrongOptions = (input.wrongOptions ?? []).map((w) => ({ option: w.option.trim(), why: w.why.trim() }));
  if (wrongOptions.length > ENTRY_LIMITS.wrongOptions) {
    problems.wrongOptions = `List at most ${ENTRY_LIMITS.wrongOptions} wrong options, one line each.`;
  }
  const seen = new Set<string>();
  wrongOptions.forEach((w, index) => {
    const label = w.option.toUpperCase();
    if (w.option === '' || w.option.length > ENTRY_LIMITS.optionLabel) {
      problems[`wrongOptions.${index}.option`] = 'Label the option as on the question (A, B, C …).';
    } else if (seen.has(label)) {
      problems[`wrongOptions.${index}.option`] = `Option ${w.option} is listed twice; keep one line per option.`;
    }
    seen.add(label);
    if (w.why === '') problems[`wrongOptions.${index}.why`] = `Say in one line why option ${w.option} is wrong.`;
    else if (w.why.length > ENTRY_LIMITS.optionReason) {
      problems[`wrongOptions.${index}.why`] = `Keep this to ${ENTRY_LIMITS.optionReason} characters: one line.`;
    }
  });
  const teachingPoint = blankToNull(input.teachingPoint);
  if (teachingPoint !== null && teachingPoint.length > ENTRY_LIMITS.teachingPoint) {
    problems.teachingPoint = `Keep the teaching point to ${ENTRY_LIMITS.teachingPoint} characters (it has ${teachingPoint.length}).`;
  }
  const ruleParts = {
    when: blankToNull(input.rule?.when),
    then: blankToNull(input.rule?.then),
    because: blankToNull(input.rule?.because),
  };
  const filled = Object.values(ruleParts).filter((p) => p !== null).length;
  if (filled > 0 && filled < 3) {
    for (const [part, value] of Object.entries(ruleParts)) {
      if (value === null) problems[`rule.${part}`] = 'Complete the rule: when you see X, do Y because Z.';
    }
  }
  for (const [part, value] of Object.entries(ruleParts)) {
    if (value !== null && value.length > ENTRY_LIMITS.rulePart) {
      problems[`rule.${part}`] = `Keep each part of the rule to ${ENTRY_LIMITS.rulePart} characters.`;
    }
  }
  const confidence = blankToNull(input.confidence);
  if (confidence !== null && !isOneOf(CONFIDENCE_LEVELS, confidence)) {
    problems.confidence = 'Choose how sure you were: guessed, unsure or sure.';
  }
  if (Object.keys(problems).length > 0 || bank === null || errorType === null) {
    return fail('VALIDATION_FAILED', 'Some details of the entry need fixing.', problems);
  }
  return ok({
    bank,
    questionId,
    system: system as SystemId | null,
    discipline: discipline as DisciplineId | null,
    errorType,
    keyPoint,
    wrongOptions,
    teachingPoint,
    rule: filled === 3 ? { when: ruleParts.when!, then: ruleParts.then!, because: ruleParts.because! } : null,
    confidence: confidence as Confidence | null,
  });
}

/**
 * Draft entries for the misses of a just-logged block: one per missed-system tag, in order, each
 * prefilled with that system and the block's bank; the discipline tags are handed out in order too.
 * The student completes the key point and the error type.
 *
 * @example draftEntriesFromBlock({ bank: 'uworld', missedSystems: ['cardiovascular'], missedDisciplines: [] })
 *   → [{ bank: 'uworld', system: 'cardiovascular', discipline: null }]
 */
export function draftEntriesFromBlock(block: {
  bank: QuestionBank;
  missedSystems: readonly SystemId[];
  missedDisciplines: readonly DisciplineId[];
}): { bank: QuestionBank; system: SystemId | null; discipline: DisciplineId | null }[] {
  const count = Math.max(block.missedSystems.length, block.missedDisciplines.length);
  return Array.from({ length: count }, (_, i) => ({
    bank: block.bank,
    system: block.missedSystems[i] ?? null,
    discipline: block.missedDisciplines[i] ?? null,
  }));
}
