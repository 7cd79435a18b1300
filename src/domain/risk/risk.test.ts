import { describe, expect, it } from 'vitest';
import { checkExamDate, checkProfileRules, type StudentProfile } from './profile.ts';
import { computeRiskSummary } from './risk.ts';
import { tierFor } from './specialties.ts';

const TODAY = '2026-11-24';

function profile(overrides: Partial<StudentProfile> = {}): StudentProfile {
  return {
    failCount: '1',
    specialty: 'internal-medicine',
    otherSpecialtyName: null,
    otherTier: null,
    backupSpecialty: null,
    schoolType: 'us-md',
    timeZone: 'America/Chicago',
    examDate: '2027-03-01',
    reviewStartDate: '2027-09-22',
    bufferPoints: 10,
    ...overrides,
  };
}

describe('specialty tiers (seed table)', () => {
  it.each([
    ['dermatology', 'highly-competitive', 'very high', 250],
    ['neurosurgery', 'highly-competitive', 'very high', 250],
    ['radiology', 'moderately-competitive', 'medium-high', 240],
    ['emergency-medicine-strong', 'moderately-competitive', 'medium-high', 240],
    ['pediatrics', 'primary-care', 'moderate', 230],
    ['internal-medicine', 'primary-care', 'moderate', 230],
    ['psychiatry', 'community', 'lower', 225],
    ['family-medicine', 'community', 'lower', 225],
  ] as const)('places %s in the %s tier with %s risk and a %i target', (specialty, tier, risk, target) => {
    const summary = computeRiskSummary(profile({ specialty }), TODAY);
    expect(summary.tier).toMatchObject({ id: tier, risk, targetScore: target });
  });

  it('plans an undecided student against the moderately competitive target of 240', () => {
    expect(tierFor('undecided', null).targetScore).toBe(240);
  });

  it('uses the tier the student chose for another specialty', () => {
    const summary = computeRiskSummary(
      profile({ specialty: 'other', otherSpecialtyName: 'Urology', otherTier: 'highly-competitive' }),
      TODAY,
    );
    expect(summary.specialtyName).toBe('Urology');
    expect(summary.tier.targetScore).toBe(250);
  });
});

describe('planning target', () => {
  it('adds the buffer to the tier target: internal medicine 230 + 10 = 240', () => {
    const summary = computeRiskSummary(profile({ bufferPoints: 10 }), TODAY);
    expect(summary.planningTarget.score).toBe(240);
    expect(summary.buffer.isRecommended).toBe(true);
  });

  it('flags a buffer outside the recommended 10–15 points', () => {
    expect(computeRiskSummary(profile({ bufferPoints: 5 }), TODAY).buffer.isRecommended).toBe(false);
    expect(computeRiskSummary(profile({ bufferPoints: 15 }), TODAY).buffer.isRecommended).toBe(true);
    expect(computeRiskSummary(profile({ bufferPoints: 20 }), TODAY).buffer.isRecommended).toBe(false);
  });

  it('gives dermatology with a 15-point buffer a planning target of 265', () => {
    expect(
      computeRiskSummary(profile({ specialty: 'dermatology', bufferPoints: 15 }), TODAY).planningTarget.score,
    ).toBe(265);
  });
});

describe('match signal by fail count', () => {
  it.each([
    ['0', 90],
    ['1', 70],
    ['2+', 45],
  ] as const)('is about %s fails → ≈%i %%, labelled approximate', (failCount, percent) => {
    const summary = computeRiskSummary(profile({ failCount }), TODAY);
    expect(summary.matchSignal.percent).toBe(percent);
    expect(summary.matchSignal.label).toBe(`≈${percent} %`);
    expect(summary.matchSignal.source).toMatch(/approximate/i);
  });
});

describe('passing score and format', () => {
  it('shows 218 and the 16-block format for a 2027 exam, and the distance from target', () => {
    const summary = computeRiskSummary(profile(), TODAY);
    expect(summary.passing.score).toBe(218);
    expect(summary.passing.explanation).toContain('12 points above');
    expect(summary.format.blocks).toBe(16);
  });
});

describe('warnings after fails', () => {
  it('says nothing about a further fail when there is none yet', () => {
    expect(computeRiskSummary(profile({ failCount: '0' }), TODAY).furtherFailWarning).toBeNull();
  });

  it('warns plainly about a second fail after one fail', () => {
    expect(computeRiskSummary(profile({ failCount: '1' }), TODAY).furtherFailWarning).toMatch(/second USMLE fail/);
  });

  it('states what a further fail means after two or more fails', () => {
    const warning = computeRiskSummary(profile({ failCount: '2+' }), TODAY).furtherFailWarning;
    expect(warning).toMatch(/two or more USMLE fails/);
    expect(warning).toMatch(/4 attempts/);
  });

  it('asks for a backup specialty for a highly competitive choice after a fail', () => {
    const summary = computeRiskSummary(profile({ specialty: 'plastic-surgery' }), TODAY);
    expect(summary.backupSpecialty).toMatchObject({ isNeeded: true, name: null });
    const named = computeRiskSummary(
      profile({ specialty: 'plastic-surgery', backupSpecialty: 'General surgery' }),
      TODAY,
    );
    expect(named.backupSpecialty?.name).toBe('General surgery');
  });

  it('does not ask for a backup without a fail or for a less competitive tier', () => {
    expect(computeRiskSummary(profile({ specialty: 'dermatology', failCount: '0' }), TODAY).backupSpecialty).toBeNull();
    expect(computeRiskSummary(profile({ specialty: 'psychiatry' }), TODAY).backupSpecialty).toBeNull();
  });
});

describe('time to the exam and score release', () => {
  it('counts days to the exam from today', () => {
    // 2026-11-24 → 2027-03-01: 6 days of November, 31 + 31 + 28 + 1.
    expect(computeRiskSummary(profile(), TODAY).exam.daysToExam).toBe(97);
  });

  it('says the score arrives before review starts when it does', () => {
    const summary = computeRiskSummary(profile({ examDate: '2027-03-01', reviewStartDate: '2027-09-22' }), TODAY);
    expect(summary.scoreRelease).toMatchObject({ isBeforeReview: true, daysLate: 0, latest: '2027-03-31' });
  });

  it('says by how many days the score comes after review starts', () => {
    // Exam 2027-09-01: release 2027-09-22 to 2027-09-29; review starts 2027-09-22 → up to 7 days late.
    const summary = computeRiskSummary(profile({ examDate: '2027-09-01', reviewStartDate: '2027-09-22' }), TODAY);
    expect(summary.scoreRelease).toMatchObject({ isBeforeReview: false, daysLate: 7 });
    expect(summary.scoreRelease.explanation).toContain('7 days');
  });

  it('explains that programs reading early will not see the score when it lands well after review starts', () => {
    const summary = computeRiskSummary(profile({ examDate: '2027-09-15', reviewStartDate: '2027-09-22' }), TODAY);
    expect(summary.scoreRelease.isBeforeReview).toBe(false);
    expect(summary.scoreRelease.explanation).toMatch(/without it/);
  });
});

describe('profile rules', () => {
  it('refuses an exam date in the past and names the field', () => {
    expect(checkProfileRules(profile({ examDate: '2026-11-23' }), TODAY)).toHaveProperty('examDate');
  });

  it('accepts an exam today or ahead', () => {
    expect(checkProfileRules(profile({ examDate: TODAY }), TODAY)).toEqual({});
  });

  it('refuses an exam date more than three years ahead', () => {
    expect(checkProfileRules(profile({ examDate: '2030-01-01' }), TODAY)).toHaveProperty('examDate');
  });

  it('needs a name and a tier for another specialty', () => {
    const problems = checkProfileRules(profile({ specialty: 'other' }), TODAY);
    expect(Object.keys(problems).sort()).toEqual(['otherSpecialtyName', 'otherTier']);
  });

  it('refuses a review start date more than a year in the past', () => {
    expect(checkProfileRules(profile({ reviewStartDate: '2025-09-24' }), TODAY)).toHaveProperty('reviewStartDate');
  });
});

describe('exam date', () => {
  it('is fine from today to three years ahead, and says what is wrong otherwise', () => {
    expect(checkExamDate('2026-11-24', TODAY)).toBeNull();
    expect(checkExamDate('2029-11-22', TODAY)).toBeNull();
    expect(checkExamDate('2026-11-23', TODAY)).toMatch(/already passed/);
    expect(checkExamDate('2030-01-01', TODAY)).toMatch(/within the next 3 years/);
  });
});
