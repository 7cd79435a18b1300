import {
  isConditionMet,
  readPostmortemAnswer,
  type PostmortemAnswers,
  type Question,
  type QuestionId,
  type Section,
} from '#domain/postmortem/questionnaire.ts';

/** One practice score as the form holds it; `key` keeps React rows stable while rows are removed. */
export type ScoreRow = { key: number; scale: string; value: string };

/**
 * What the form holds per question: text and numbers as typed, yes/no as 'yes' | 'no' | '',
 * a choice as its value or '', several choices as a list, practice scores as rows.
 */
export type AnswerValue = string | string[] | ScoreRow[];
export type PostmortemFormValues = Partial<Record<QuestionId, AnswerValue>>;

let nextRowKey = 1;
export function newScoreRow(scale = 'three-digit', value = ''): ScoreRow {
  return { key: nextRowKey++, scale, value };
}

/** The DOM id of a question's input (or its fieldset): `practiceExams.lastScores` → `q-practiceExams-lastScores`. */
export function questionDomId(id: string): string {
  return `q-${id.replace(/\./g, '-')}`;
}

export function allQuestions(sections: readonly Section[]): Question[] {
  return sections.flatMap((section) => section.questions);
}

function emptyValueOf(question: Question): AnswerValue {
  switch (question.answer.kind) {
    case 'multi-choice':
    case 'practice-scores':
      return [];
    default:
      return '';
  }
}

/** A blank form: nothing chosen, nothing typed. */
export function emptyValues(sections: readonly Section[]): PostmortemFormValues {
  const values: PostmortemFormValues = {};
  for (const question of allQuestions(sections)) values[question.id] = emptyValueOf(question);
  return values;
}

function toNumberOrRaw(raw: string): number | string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  // The server names the problem ("Enter … as a number") when the text is not a number.
  return Number.isFinite(value) ? value : trimmed;
}

/** A form value as the answer type the server expects; blanks become null (or an empty list). */
export function typedValue(question: Question, raw: AnswerValue | undefined): unknown {
  const value = raw ?? emptyValueOf(question);
  switch (question.answer.kind) {
    case 'yes-no':
      return value === 'yes' ? true : value === 'no' ? false : null;
    case 'single-choice':
      return typeof value === 'string' && value !== '' ? value : null;
    case 'number':
      return typeof value === 'string' ? toNumberOrRaw(value) : null;
    case 'multi-choice':
      return Array.isArray(value) ? [...value] : [];
    case 'practice-scores':
      return Array.isArray(value)
        ? (value as ScoreRow[]).map((row) => ({ scale: row.scale, value: toNumberOrRaw(row.value) }))
        : [];
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      // A required text goes as typed, so the server can say what is missing; an optional one is null.
      return text.trim() === '' && !question.isRequired ? null : text;
    }
  }
}

/**
 * Whether a question is shown, given the current answers. A question whose own condition is not
 * met reads as unanswered for the questions that depend on it, so a stale "yes" two levels up
 * never opens a follow-up.
 */
export function isQuestionShown(
  question: Question,
  values: PostmortemFormValues,
  byId: ReadonlyMap<QuestionId, Question>,
  seen: ReadonlySet<QuestionId> = new Set(),
): boolean {
  if (question.showWhen === null) return true;
  return isConditionMet(question.showWhen, (id) => {
    const other = byId.get(id);
    if (!other || seen.has(id)) return null;
    if (!isQuestionShown(other, values, byId, new Set([...seen, question.id]))) return null;
    return typedValue(other, values[id]);
  });
}

export function questionsById(sections: readonly Section[]): Map<QuestionId, Question> {
  return new Map(allQuestions(sections).map((q) => [q.id, q]));
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  const inner = (target[head] as Record<string, unknown> | undefined) ?? {};
  inner[tail] = value;
  target[head] = inner;
}

/**
 * The PUT /api/postmortem body: every question at its dot path; a hidden question goes as
 * unanswered (null, or an empty list), so an answer the student took back is not sent.
 */
export function toRequestBody(sections: readonly Section[], values: PostmortemFormValues): Record<string, unknown> {
  const byId = questionsById(sections);
  const body: Record<string, unknown> = {};
  for (const question of allQuestions(sections)) {
    const isShown = isQuestionShown(question, values, byId);
    const hidden = Array.isArray(emptyValueOf(question)) ? [] : null;
    setPath(body, question.id, isShown ? typedValue(question, values[question.id]) : hidden);
  }
  return body;
}

/** The form filled with saved answers, for "Edit answers". */
export function valuesFromAnswers(sections: readonly Section[], answers: PostmortemAnswers): PostmortemFormValues {
  const values: PostmortemFormValues = {};
  for (const question of allQuestions(sections)) {
    const answer = readPostmortemAnswer(answers, question.id);
    switch (question.answer.kind) {
      case 'yes-no':
        values[question.id] = answer === true ? 'yes' : answer === false ? 'no' : '';
        break;
      case 'multi-choice':
        values[question.id] = Array.isArray(answer) ? answer.map(String) : [];
        break;
      case 'practice-scores':
        values[question.id] = Array.isArray(answer)
          ? (answer as { scale: string; value: number }[]).map((s) => newScoreRow(s.scale, String(s.value)))
          : [];
        break;
      default:
        values[question.id] = answer === null || answer === undefined ? '' : String(answer);
    }
  }
  return values;
}

/** The question a server error path belongs to: `practiceExams.lastScores.0.value` → `practiceExams.lastScores`. */
export function questionForField(field: string, questions: readonly Question[]): Question | undefined {
  return questions.find((q) => field === q.id || field.startsWith(`${q.id}.`));
}

/** The section a server error path belongs to, by question, or by the answer group it names. */
export function sectionForField(field: string, sections: readonly Section[]): Section | undefined {
  const question = questionForField(field, allQuestions(sections));
  if (question) return sections.find((s) => s.questions.includes(question));
  const head = field.split('.')[0];
  return sections.find((s) => s.questions.some((q) => q.id.split('.')[0] === head));
}

/** Whether the student has given an answer a required question needs before moving on. */
export function isAnswered(question: Question, raw: AnswerValue | undefined): boolean {
  const value = raw ?? emptyValueOf(question);
  switch (question.answer.kind) {
    case 'multi-choice':
      return Array.isArray(value) && value.length >= Math.max(1, question.answer.minSelected);
    case 'practice-scores':
      return Array.isArray(value) && value.length > 0 && (value as ScoreRow[]).every((row) => row.value.trim() !== '');
    default:
      return typeof value === 'string' && value.trim() !== '';
  }
}

/** The message shown when Next is pressed with a required question left open. */
export function missingAnswerMessage(question: Question): string {
  switch (question.answer.kind) {
    case 'single-choice':
    case 'yes-no':
      return 'Choose an answer to go on.';
    case 'number':
      return `Enter a number${question.answer.unit === '%' ? ' from 0 to 100' : ''} to go on.`;
    case 'multi-choice':
      return 'Choose at least one to go on.';
    case 'practice-scores':
      return 'Enter at least your last score, as the report gave it.';
    case 'text':
      return 'Write a sentence or two to go on.';
  }
}
