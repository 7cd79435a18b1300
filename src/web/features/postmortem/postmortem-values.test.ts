import { describe, expect, it } from 'vitest';
import { POSTMORTEM_SECTIONS, type PostmortemAnswers } from '#domain/postmortem/questionnaire.ts';
import { makeCleanAnswers } from '#domain/postmortem/test-fixtures.ts';
import {
  emptyValues,
  isAnswered,
  isQuestionShown,
  questionsById,
  questionForField,
  sectionForField,
  toRequestBody,
  valuesFromAnswers,
} from './postmortem-values.ts';

const sections = POSTMORTEM_SECTIONS;
const byId = questionsById(sections);
const question = (id: string) => byId.get(id as never)!;

const answers: PostmortemAnswers = {
  ...makeCleanAnswers(),
  dedicated: { schedule: 'dropped', startedBehind: true, behindAreas: ['renal-urinary'], detail: 'Six weeks.' },
  practiceExams: {
    examsTaken: 2,
    lastScores: [
      { scale: 'three-digit', value: 192 },
      { scale: 'percent', value: 61 },
    ],
    verdict: 'under',
    satAnyway: true,
    reasons: ['booked-date', 'other'],
    detail: 'My visa ran out.',
  },
  wellbeing: { hadProblems: true, detail: 'Insomnia.', isSupportInPlace: false, sleepHoursPerNight: 5.5 },
};

describe('postmortem form values', () => {
  it('sends back exactly the answers it was filled with', () => {
    expect(toRequestBody(sections, valuesFromAnswers(sections, answers))).toEqual(answers);
  });

  it('starts blank: nothing chosen, lists empty, and the required own words sent as typed', () => {
    const body = toRequestBody(sections, emptyValues(sections)) as Record<string, Record<string, unknown>>;
    expect(body.scoreReport).toEqual({ distance: null, wording: null });
    expect(body.weakestAreas).toEqual([]);
    expect(body.ownWords).toBe('');
    expect(body.questionBank!.percentDone).toBeNull();
  });

  it('drops a follow-up whose question was answered the other way, two levels down too', () => {
    const values = valuesFromAnswers(sections, answers);
    values['practiceExams.examsTaken'] = '0';
    // satAnyway is hidden now, so its stale "yes" must not keep "reasons" open.
    expect(isQuestionShown(question('practiceExams.satAnyway'), values, byId)).toBe(false);
    expect(isQuestionShown(question('practiceExams.reasons'), values, byId)).toBe(false);
    const body = toRequestBody(sections, values) as { practiceExams: Record<string, unknown> };
    expect(body.practiceExams).toEqual({
      examsTaken: 0,
      lastScores: [],
      verdict: null,
      satAnyway: null,
      reasons: [],
      detail: null,
    });
  });

  it('keeps text that is not a number, so the server can say so', () => {
    const values = { ...emptyValues(sections), 'questionBank.percentDone': 'about half' };
    const body = toRequestBody(sections, values) as { questionBank: { percentDone: unknown } };
    expect(body.questionBank.percentDone).toBe('about half');
  });

  it('places server errors on their question and section', () => {
    const questions = [...byId.values()];
    expect(questionForField('practiceExams.lastScores.0.value', questions)?.id).toBe('practiceExams.lastScores');
    expect(sectionForField('practiceExams.lastScores.0.value', sections)?.id).toBe('practice-exams');
    expect(sectionForField('wellbeing', sections)?.id).toBe('wellbeing');
    expect(sectionForField('ownWords', sections)?.id).toBe('own-words');
    expect(sectionForField('nothing.here', sections)).toBeUndefined();
  });

  it('asks for every score in a row before moving on', () => {
    const scores = question('practiceExams.lastScores');
    expect(isAnswered(scores, [])).toBe(false);
    expect(isAnswered(scores, [{ key: 1, scale: 'three-digit', value: '' }])).toBe(false);
    expect(isAnswered(scores, [{ key: 1, scale: 'three-digit', value: '201' }])).toBe(true);
  });
});
