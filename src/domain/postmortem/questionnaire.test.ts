import { describe, expect, it } from 'vitest';
import {
  CONTENT_CATEGORIES,
  CONTENT_CATEGORY_IDS,
  isConditionMet,
  nameContentCategory,
  POSTMORTEM_SECTIONS,
  readPostmortemAnswer,
  type QuestionId,
} from './questionnaire.ts';
import { answersWith, makeCleanAnswers } from './test-fixtures.ts';

const questions = POSTMORTEM_SECTIONS.flatMap((s) => s.questions);

describe('the questionnaire as data', () => {
  it('lists the 18 Step 2 CK content categories once each, with names', () => {
    expect(CONTENT_CATEGORIES).toHaveLength(18);
    expect(new Set(CONTENT_CATEGORY_IDS).size).toBe(18);
    expect(CONTENT_CATEGORIES.map((c) => c.id)).toEqual([...CONTENT_CATEGORY_IDS]);
    expect(nameContentCategory('renal-urinary')).toBe('Renal and urinary system');
  });

  it('covers the five probes plus the score report and the student’s own words', () => {
    expect(POSTMORTEM_SECTIONS.map((s) => s.id)).toEqual([
      'score-report',
      'dedicated',
      'question-bank',
      'practice-exams',
      'wellbeing',
      'exam-day',
      'own-words',
    ]);
  });

  it('gives every question a unique id that is the path of a real answer', () => {
    const ids = questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    const answers = makeCleanAnswers();
    for (const id of ids) {
      const [head, tail] = id.split('.');
      const section = (answers as Record<string, unknown>)[head!];
      expect(section, id).not.toBeUndefined();
      if (tail) expect(Object.keys(section as object), id).toContain(tail);
    }
  });

  it('makes every condition depend on a question asked earlier', () => {
    const seen = new Set<QuestionId>();
    for (const q of questions) {
      if (q.showWhen) expect(seen.has(q.showWhen.question), q.id).toBe(true);
      seen.add(q.id);
    }
  });

  it('writes a prompt and help text for every question, never a mood scale', () => {
    for (const q of questions) {
      expect(q.prompt.length, q.id).toBeGreaterThan(10);
      expect(q.help.length, q.id).toBeGreaterThan(10);
    }
  });
});

describe('conditions', () => {
  it('shows the reasons only when the date stayed against the scores', () => {
    // Given the "why did the date stay" question
    const reasons = questions.find((q) => q.id === 'practiceExams.reasons')!;
    // When the student said yes / no
    const yes = answersWith({ practiceExams: { satAnyway: true, reasons: ['peers'] } });
    const no = answersWith({ practiceExams: { satAnyway: false } });
    // Then it is shown for yes only
    expect(isConditionMet(reasons.showWhen, (id) => readPostmortemAnswer(yes, id))).toBe(true);
    expect(isConditionMet(reasons.showWhen, (id) => readPostmortemAnswer(no, id))).toBe(false);
  });

  it('asks for practice scores only when at least one practice exam was taken', () => {
    const scores = questions.find((q) => q.id === 'practiceExams.lastScores')!;
    expect(isConditionMet(scores.showWhen, () => 0)).toBe(false);
    expect(isConditionMet(scores.showWhen, () => 2)).toBe(true);
    expect(isConditionMet(scores.showWhen, () => 'two')).toBe(false);
  });

  it('treats a multi-choice answer as met when any chosen value matches, and no condition as always met', () => {
    const condition = { question: 'weakestAreas', isOneOf: ['renal-urinary'] } as const;
    expect(isConditionMet(condition, () => ['cardiovascular', 'renal-urinary'])).toBe(true);
    expect(isConditionMet(condition, () => ['cardiovascular'])).toBe(false);
    expect(isConditionMet(null, () => undefined)).toBe(true);
  });

  it('reads top-level and nested answers by id', () => {
    const answers = makeCleanAnswers();
    expect(readPostmortemAnswer(answers, 'ownWords')).toBe(answers.ownWords);
    expect(readPostmortemAnswer(answers, 'examDay.blockCount')).toBe(7);
  });
});
