import { describe, expect, it } from 'vitest';
import { diagnoseCauses, type Cause, type CauseId, type Diagnosis } from './causes.ts';
import type { PostmortemAnswers } from './questionnaire.ts';
import { answersWith, makeCleanAnswers } from './test-fixtures.ts';

function diagnose(answers: PostmortemAnswers): Diagnosis {
  const result = diagnoseCauses(answers);
  if (!result.ok) throw new Error(`Expected a diagnosis, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function causeOf(diagnosis: Diagnosis, id: CauseId): Cause {
  const cause = diagnosis.causes.find((c) => c.id === id);
  if (!cause) throw new Error(`No ${id} in ${diagnosis.causes.map((c) => c.id).join(', ')}`);
  return cause;
}

describe('probe (a): the question bank without real review → studying content instead of questions', () => {
  it('names a strong cause from 45 % of the bank and rarely reading explanations', () => {
    // Given 45 % of the bank done, explanations rarely read
    const diagnosis = diagnose(answersWith({ questionBank: { percentDone: 45, reviewHabit: 'rarely' } }));
    // Then the cause is strong (3 + 2) and the evidence carries the student's number
    const cause = causeOf(diagnosis, 'content-over-questions');
    expect(cause).toMatchObject({ weight: 5, strength: 'strong', priority: 1 });
    expect(cause.evidence).toContain('You finished 45 % of your question bank before exam day.');
    expect(cause.evidence.join(' ')).toMatch(/rarely read the explanations/);
    expect(diagnosis.causes).toHaveLength(1);
  });

  it('counts reading explanations only sometimes as a clear sign, and an unfinished bank over 60 % as a hint', () => {
    const cause = causeOf(
      diagnose(answersWith({ questionBank: { percentDone: 80, reviewHabit: 'sometimes' } })),
      'content-over-questions',
    );
    expect(cause.weight).toBe(3);
    expect(cause.evidence[1]).toBe('You finished 80 % of your question bank before exam day.');
  });

  it('names hours spent mostly on content, with the share, and quotes the review detail', () => {
    const cause = causeOf(
      diagnose(
        answersWith({
          questionBank: { contentSharePercent: 70, detail: 'I watched videos all morning and did one block at night.' },
        }),
      ),
      'content-over-questions',
    );
    expect(cause).toMatchObject({ weight: 2, strength: 'moderate' });
    expect(cause.evidence[0]).toBe(
      'About 70 % of your dedicated hours went to reading, videos or flashcards rather than questions.',
    );
    expect(cause.evidence[1]).toContain('“I watched videos all morning and did one block at night.”');
  });
});

describe('probe (b): dedicated started behind → poor structure', () => {
  it('names the subjects the student was behind on and the missing schedule', () => {
    // Given no written schedule and dedicated begun behind in cardiovascular and renal
    const diagnosis = diagnose(
      answersWith({
        dedicated: { schedule: 'none', startedBehind: true, behindAreas: ['cardiovascular', 'renal-urinary'] },
      }),
    );
    // Then poor structure is strong (2 + 2), with both facts as evidence
    const cause = causeOf(diagnosis, 'poor-structure');
    expect(cause).toMatchObject({ weight: 4, strength: 'strong' });
    expect(cause.evidence).toEqual([
      'You studied for Step 1 without a written, dated schedule.',
      'You started dedicated already behind in 2 areas: cardiovascular system and renal and urinary system.',
    ]);
  });

  it('counts a schedule written and then dropped as a hint, and quotes the detail', () => {
    const dropped = causeOf(diagnose(answersWith({ dedicated: { schedule: 'dropped' } })), 'poor-structure');
    expect(dropped).toMatchObject({ weight: 1, strength: 'moderate' });
    const behind = causeOf(
      diagnose(
        answersWith({
          dedicated: { startedBehind: true, behindAreas: ['endocrine'], detail: 'Skipped endo in second year.' },
        }),
      ),
      'poor-structure',
    );
    expect(behind.evidence[0]).toBe(
      'You started dedicated already behind in 1 area: endocrine system. In your words: “Skipped endo in second year.”',
    );
  });
});

describe('probe (c): practice scores said "not ready" → denial about practice scores', () => {
  it('says how far under passing the last score was and why the date held', () => {
    // Given a last NBME of 188 and the date kept because it was booked
    const diagnosis = diagnose(
      answersWith({
        practiceExams: {
          examsTaken: 3,
          lastScores: [{ scale: 'three-digit', value: 188 }],
          verdict: 'under',
          satAnyway: true,
          reasons: ['booked-date'],
        },
      }),
    );
    // Then the evidence quotes the 8-point gap and the reason
    const cause = causeOf(diagnosis, 'denial-practice-scores');
    expect(cause).toMatchObject({ weight: 3, strength: 'strong' });
    expect(cause.evidence).toEqual([
      'Your last practice exam was 188, 8 points under the Step 1 passing standard of 196, and you sat anyway because the date was booked.',
    ]);
  });

  it('joins several reasons and quotes “something else” in the student’s words', () => {
    const cause = causeOf(
      diagnose(
        answersWith({
          practiceExams: {
            lastScores: [{ scale: 'percent', value: 58 }],
            verdict: 'under',
            satAnyway: true,
            reasons: ['peers', 'finances', 'other'],
            detail: 'My visa timeline.',
          },
        }),
      ),
      'denial-practice-scores',
    );
    expect(cause.evidence[0]).toBe(
      'Your last practice exam was 58 % correct, and you sat anyway because classmates were sitting it then and a new date or more time off cost too much. Your reason, in your words: “My visa timeline.”',
    );
  });

  it('reads a percent score the student called under passing, even when the date did not knowingly stay', () => {
    const cause = causeOf(
      diagnose(
        answersWith({
          practiceExams: { lastScores: [{ scale: 'percent', value: 55 }], verdict: 'under', satAnyway: false },
        }),
      ),
      'denial-practice-scores',
    );
    expect(cause).toMatchObject({ weight: 2 });
    expect(cause.evidence[0]).toBe('Your last practice exam was 55 % correct, which you read as under passing.');
  });

  it('reads a 3-digit score under passing without a reason when the student did not admit keeping the date', () => {
    const cause = causeOf(
      diagnose(
        answersWith({
          practiceExams: { lastScores: [{ scale: 'three-digit', value: 190 }], verdict: 'under', satAnyway: false },
        }),
      ),
      'denial-practice-scores',
    );
    expect(cause.evidence[0]).toBe(
      'Your last practice exam was 190, 6 points under the Step 1 passing standard of 196.',
    );
  });

  it('calls a score a few points above passing "at the line"', () => {
    const kept = causeOf(
      diagnose(
        answersWith({
          practiceExams: {
            lastScores: [{ scale: 'three-digit', value: 199 }],
            verdict: 'at-the-line',
            satAnyway: true,
            reasons: ['school-deadline'],
          },
        }),
      ),
      'denial-practice-scores',
    );
    expect(kept.evidence[0]).toBe(
      'Your last practice exam was 199, 3 points above the Step 1 passing standard of 196, and you sat anyway because your school required it by a deadline.',
    );
    const exact = causeOf(
      diagnose(
        answersWith({
          practiceExams: {
            lastScores: [{ scale: 'three-digit', value: 196 }],
            verdict: 'at-the-line',
            satAnyway: false,
          },
        }),
      ),
      'denial-practice-scores',
    );
    expect(exact.evidence[0]).toBe(
      'Your last practice exam was 196, exactly on the Step 1 passing standard: no margin for a bad day.',
    );
    const percent = causeOf(
      diagnose(
        answersWith({
          practiceExams: { lastScores: [{ scale: 'percent', value: 63 }], verdict: 'at-the-line', satAnyway: false },
        }),
      ),
      'denial-practice-scores',
    );
    expect(percent.evidence[0]).toBe(
      'Your last practice exam was 63 % correct, which you read as right at the line: no margin for a bad day.',
    );
  });

  it('takes the student’s word that the scores said "not ready" even above passing', () => {
    const cause = causeOf(
      diagnose(
        answersWith({
          practiceExams: {
            lastScores: [{ scale: 'three-digit', value: 207 }],
            verdict: 'above',
            satAnyway: true,
            reasons: ['peers'],
          },
        }),
      ),
      'denial-practice-scores',
    );
    expect(cause.evidence).toEqual([
      'You kept your date although the scores said you were not ready because classmates were sitting it then.',
    ]);
    const otherOnly = causeOf(
      diagnose(
        answersWith({
          practiceExams: { verdict: 'above', satAnyway: true, reasons: ['other'], detail: 'I wanted it over with.' },
        }),
      ),
      'denial-practice-scores',
    );
    expect(otherOnly.evidence).toEqual([
      'You kept your date although the scores said you were not ready. Your reason, in your words: “I wanted it over with.”',
    ]);
    expect(
      causeOf(
        diagnose(
          answersWith({
            practiceExams: {
              lastScores: [{ scale: 'three-digit', value: 201 }],
              verdict: 'at-the-line',
              satAnyway: false,
            },
          }),
        ),
        'denial-practice-scores',
      ).evidence[0],
    ).toMatch(/201, 5 points above/);
    expect(
      causeOf(
        diagnose(
          answersWith({
            practiceExams: {
              lastScores: [{ scale: 'three-digit', value: 197 }],
              verdict: 'at-the-line',
              satAnyway: false,
            },
          }),
        ),
        'denial-practice-scores',
      ).evidence[0],
    ).toMatch(/197, 1 point above/);
  });

  it('names sitting Step 1 without any practice exam as a strong cause', () => {
    const cause = causeOf(
      diagnose(answersWith({ practiceExams: { examsTaken: 0, lastScores: [], verdict: null, satAnyway: null } })),
      'denial-practice-scores',
    );
    expect(cause).toMatchObject({ weight: 3, strength: 'strong' });
  });

  it('notes a single practice exam and falling scores as hints', () => {
    const single = causeOf(diagnose(answersWith({ practiceExams: { examsTaken: 1 } })), 'denial-practice-scores');
    expect(single.evidence).toEqual(['You took 1 practice exam before Step 1: a single score cannot show a trend.']);
    const falling = causeOf(
      diagnose(
        answersWith({
          practiceExams: {
            examsTaken: 3,
            lastScores: [
              { scale: 'percent', value: 66 },
              { scale: 'percent', value: 71 },
            ],
            verdict: 'above',
          },
        }),
      ),
      'denial-practice-scores',
    );
    expect(falling.evidence).toEqual([
      'Your practice scores fell from 71 % to 66 % in the last two exams before Step 1.',
    ]);
  });
});

describe('probe (d): unaddressed mental health, family or health problems → burnout and mental health', () => {
  it('quotes what was going on and says that no support is in place yet', () => {
    const diagnosis = diagnose(
      answersWith({
        wellbeing: {
          hadProblems: true,
          detail: 'My father was in hospital for most of dedicated.',
          isSupportInPlace: false,
        },
      }),
    );
    const cause = causeOf(diagnosis, 'burnout-mental-health');
    expect(cause).toMatchObject({ weight: 3, strength: 'strong', priority: 1 });
    expect(cause.evidence[0]).toBe(
      'During dedicated you were dealing with “My father was in hospital for most of dedicated.”, and no support is in place for it yet.',
    );
    expect(diagnosis.isSupportInPlace).toBe(false);
  });

  it('weighs it less when support is in place, and cuts a long detail short', () => {
    const cause = causeOf(
      diagnose(answersWith({ wellbeing: { hadProblems: true, detail: 'a'.repeat(300), isSupportInPlace: true } })),
      'burnout-mental-health',
    );
    expect(cause.weight).toBe(2);
    expect(cause.evidence[0]).toMatch(/a…”, unaddressed at the time\. Support is in place now\.$/);
  });

  it('names short sleep with the hours', () => {
    const short = causeOf(diagnose(answersWith({ wellbeing: { sleepHoursPerNight: 5.5 } })), 'burnout-mental-health');
    expect(short).toMatchObject({ weight: 2 });
    expect(short.evidence).toEqual(['You slept about 5.5 hours a night in the last two weeks before the exam.']);
    expect(
      causeOf(diagnose(answersWith({ wellbeing: { sleepHoursPerNight: 6.5 } })), 'burnout-mental-health').weight,
    ).toBe(1);
  });
});

describe('probe (e): exam-day timing, panic or blanking → exam-day timing or anxiety', () => {
  it('counts the blocks where time ran out', () => {
    const diagnosis = diagnose(answersWith({ examDay: { blocksOutOfTime: 3 } }));
    const cause = causeOf(diagnosis, 'exam-day-timing-anxiety');
    expect(cause).toMatchObject({ weight: 3, strength: 'strong' });
    expect(cause.evidence).toEqual(['You ran out of time in 3 of 7 blocks.']);
    expect(diagnosis.blocksOutOfTime).toBe(3);
    expect(causeOf(diagnose(answersWith({ examDay: { blocksOutOfTime: 1 } })), 'exam-day-timing-anxiety').weight).toBe(
      2,
    );
  });

  it('quotes the panic in the student’s words', () => {
    const diagnosis = diagnose(
      answersWith({ examDay: { hadPanic: true, detail: 'Block 4: my mind went blank for ten minutes.' } }),
    );
    expect(causeOf(diagnosis, 'exam-day-timing-anxiety').evidence).toEqual([
      'You panicked or blanked during the exam. In your words: “Block 4: my mind went blank for ten minutes.”',
    ]);
    expect(diagnosis.hadPanic).toBe(true);
  });

  it('counts blocks done in tutor mode as a hint', () => {
    const cause = causeOf(diagnose(answersWith({ questionBank: { blockMode: 'tutor' } })), 'exam-day-timing-anxiety');
    expect(cause).toMatchObject({ weight: 1, strength: 'moderate' });
  });
});

describe('the score report as context', () => {
  it('adds "far under passing" to knowledge causes that are already found, never on its own', () => {
    const far = diagnose(
      answersWith({
        scoreReport: { distance: 'far' },
        questionBank: { reviewHabit: 'rarely' },
        dedicated: { schedule: 'none' },
      }),
    );
    expect(causeOf(far, 'content-over-questions').evidence.at(-1)).toMatch(/far under passing/);
    expect(causeOf(far, 'poor-structure').evidence.at(-1)).toMatch(/far under passing/);
    expect(diagnoseCauses(answersWith({ scoreReport: { distance: 'far' } })).ok).toBe(false);
  });

  it('adds "just under passing" to a timing cause', () => {
    const borderline = diagnose(
      answersWith({ scoreReport: { distance: 'borderline' }, examDay: { blocksOutOfTime: 2 } }),
    );
    expect(causeOf(borderline, 'exam-day-timing-anxiety').evidence.at(-1)).toMatch(/just under passing/);
  });
});

describe('ranking', () => {
  it('orders causes by weight, then puts wellbeing first among equals, and sums them up', () => {
    // Given: panic (3), unaddressed problem (3), a dropped schedule (1)
    const diagnosis = diagnose(
      answersWith({
        examDay: { hadPanic: true, detail: 'Blanked in block 2.' },
        wellbeing: { hadProblems: true, detail: 'Untreated anxiety.', isSupportInPlace: false },
        dedicated: { schedule: 'dropped' },
      }),
    );
    expect(diagnosis.causes.map((c) => [c.id, c.priority])).toEqual([
      ['burnout-mental-health', 1],
      ['exam-day-timing-anxiety', 2],
      ['poor-structure', 3],
    ]);
    expect(diagnosis.summary).toMatch(
      /^3 causes worked together; the first to fix is burnout and mental health pushed aside\./,
    );
  });

  it('names one thing first: support for health, when it is a cause that ranks below another', () => {
    // Given: panic and blocks run out of time (exam day outweighs the rest), and a health problem
    // with support already in place
    const diagnosis = diagnose(
      answersWith({
        examDay: { hadPanic: true, blocksOutOfTime: 2, detail: 'Blanked in block 2.' },
        wellbeing: { hadProblems: true, detail: 'Depression, treated since spring.', isSupportInPlace: true },
      }),
    );
    const ids = diagnosis.causes.map((c) => c.id);
    expect(ids[0]).toBe('exam-day-timing-anxiety');
    expect(ids).toContain('burnout-mental-health');
    // Then the summary puts support first, as the results page does, and calls no study cause "first to fix"
    expect(diagnosis.summary).not.toMatch(/first to fix/);
    expect(diagnosis.summary).toMatch(/Support for your health comes first, before the studying/);
    expect(diagnosis.summary).toMatch(/In your studying, start with exam-day timing or anxiety\./);
  });

  it('says so when one cause stands out, and carries the weakest areas with names', () => {
    const diagnosis = diagnose(
      answersWith({ examDay: { blocksOutOfTime: 2 }, weakestAreas: ['renal-urinary', 'endocrine'] }),
    );
    expect(diagnosis.summary).toMatch(/^One cause stands out: exam-day timing or anxiety\./);
    expect(diagnosis.weakestAreas).toEqual([
      { id: 'renal-urinary', name: 'Renal and urinary system' },
      { id: 'endocrine', name: 'Endocrine system' },
    ]);
  });
});

describe('refusals', () => {
  it('refuses answers that show no cause, asking the student to look again', () => {
    // Given answers where everything "went fine"
    const result = diagnoseCauses(makeCleanAnswers());
    // Then there is no empty success: the message says the exam was failed for a reason
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.message).toMatch(/went wrong for a reason/);
  });

  it('refuses inconsistent answers with a message per field', () => {
    const result = diagnoseCauses(
      answersWith({ examDay: { hadPanic: true, detail: null }, questionBank: { percentDone: 140 } }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error.fields ?? {}).sort()).toEqual(['examDay.detail', 'questionBank.percentDone']);
  });

  it('refuses "I’m just bad at tests" as the student’s own words even when other answers show causes', () => {
    const result = diagnoseCauses(
      answersWith({ examDay: { blocksOutOfTime: 3 }, ownWords: 'I’m just not a good test-taker, honestly.' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(result.error.fields ?? {})).toEqual(['ownWords']);
  });
});
