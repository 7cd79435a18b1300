import { describe, expect, it } from 'vitest';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import { SPECIALTIES, TIERS } from '#domain/risk/specialties.ts';
import {
  effectiveTier,
  inFormOrder,
  initialValues,
  needsBackupSpecialty,
  toRequestBody,
  type ProfileFormValues,
} from './profile-values.ts';

const reference: ReferenceResponse = {
  specialties: [...SPECIALTIES],
  tiers: TIERS,
  schoolTypes: [{ id: 'us-md', name: 'US MD school' }],
};

const emptyResponse: ProfileResponse = {
  profile: null,
  summary: null,
  defaults: {
    bufferPoints: 10,
    recommendedBuffer: { min: 10, max: 15 },
    reviewStartDate: '2027-09-22',
    reviewStartIsEstimate: true,
    reviewStartSource: 'AAMC ERAS timeline',
    today: '2026-11-25',
  },
};

function values(overrides: Partial<ProfileFormValues>): ProfileFormValues {
  return { ...initialValues(emptyResponse, 'America/Chicago'), ...overrides };
}

describe('initialValues', () => {
  it('starts a new profile from the defaults and the browser time zone', () => {
    // Given no saved profile, when the form opens, then the defaults fill what they can.
    expect(initialValues(emptyResponse, 'Europe/Paris')).toMatchObject({
      failCount: '1',
      specialty: '',
      timeZone: 'Europe/Paris',
      reviewStartDate: '2027-09-22',
      bufferPoints: '10',
      examDate: '',
    });
  });
});

describe('effectiveTier and needsBackupSpecialty', () => {
  it('asks for a backup only for a highly competitive tier after a fail', () => {
    expect(needsBackupSpecialty(values({ specialty: 'dermatology', failCount: '1' }), reference)).toBe(true);
    expect(needsBackupSpecialty(values({ specialty: 'dermatology', failCount: '2+' }), reference)).toBe(true);
    expect(needsBackupSpecialty(values({ specialty: 'dermatology', failCount: '0' }), reference)).toBe(false);
    expect(needsBackupSpecialty(values({ specialty: 'psychiatry', failCount: '1' }), reference)).toBe(false);
  });

  it('uses the chosen tier for another specialty, and the moderately competitive one when undecided', () => {
    expect(effectiveTier(values({ specialty: 'other', otherTier: 'highly-competitive' }), reference)).toBe(
      'highly-competitive',
    );
    expect(effectiveTier(values({ specialty: 'other', otherTier: '' }), reference)).toBeNull();
    expect(effectiveTier(values({ specialty: 'undecided' }), reference)).toBe('moderately-competitive');
    expect(effectiveTier(values({ specialty: '' }), reference)).toBeNull();
  });
});

describe('toRequestBody', () => {
  it('sends numbers as numbers and clears fields that do not apply', () => {
    const body = toRequestBody(
      values({
        specialty: 'pediatrics',
        schoolType: 'us-md',
        otherSpecialtyName: 'left over',
        backupSpecialty: 'left over',
        examDate: '2027-03-01',
        bufferPoints: '12',
      }),
      reference,
    );
    expect(body).toMatchObject({
      specialty: 'pediatrics',
      otherSpecialtyName: null,
      otherTier: null,
      backupSpecialty: null,
      bufferPoints: 12,
      examDate: '2027-03-01',
    });
  });

  it('leaves unanswered choices out so that the server names them', () => {
    const body = toRequestBody(values({ specialty: '', schoolType: '', bufferPoints: '' }), reference);
    expect(body.specialty).toBeUndefined();
    expect(body.schoolType).toBeUndefined();
    expect(body.bufferPoints).toBeNull();
  });
});

describe('inFormOrder', () => {
  it('lists field errors top to bottom as the form shows them, unknown fields last', () => {
    expect(inFormOrder(['examDate', 'mystery', 'otherTier', 'failCount'])).toEqual([
      'failCount',
      'otherTier',
      'examDate',
      'mystery',
    ]);
  });
});
