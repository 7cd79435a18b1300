import type { ProfileInput } from '#shared/contracts/profile.ts';

/** A valid profile; the test clock's today is 2026-11-24. Override what a test is about. */
export function buildProfileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    failCount: '1',
    specialty: 'internal-medicine',
    otherSpecialtyName: null,
    otherTier: null,
    backupSpecialty: null,
    schoolType: 'us-md',
    timeZone: 'America/Chicago',
    examDate: '2027-03-24',
    reviewStartDate: '2027-09-22',
    bufferPoints: 10,
    ...overrides,
  };
}
