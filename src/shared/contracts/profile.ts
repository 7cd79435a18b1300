import { z } from 'zod';
import { FAIL_COUNTS, MAX_BUFFER_POINTS, MIN_BUFFER_POINTS, SCHOOL_TYPES } from '#domain/risk/profile.ts';
import type { RiskSummary } from '#domain/risk/risk.ts';
import { SPECIALTY_IDS, TIER_IDS } from '#domain/risk/specialties.ts';
import { localDateSchema, text, timeZoneSchema } from './common.ts';

const optionalName = (what: string) =>
  text({ error: `Enter ${what} as text, or leave it empty.` })
    .max(80, `Keep ${what} under 80 characters.`)
    .nullish()
    .transform((value) => (value ? value : null));

/** The profile as the student submits it (capability A). */
export const profileInputSchema = z.strictObject({
  failCount: z.enum(FAIL_COUNTS, { error: 'Choose how many USMLE exams you have failed so far: 0, 1 or 2+.' }),
  specialty: z.enum(SPECIALTY_IDS, { error: 'Choose the specialty you are aiming for, or “Undecided”.' }),
  otherSpecialtyName: optionalName('the specialty name'),
  otherTier: z
    .enum(TIER_IDS, { error: 'Choose how competitive that specialty is.' })
    .nullish()
    .transform((v) => v ?? null),
  backupSpecialty: optionalName('the backup specialty'),
  schoolType: z.enum(SCHOOL_TYPES, { error: 'Choose your school type: US MD, US DO or international (IMG).' }),
  timeZone: timeZoneSchema,
  examDate: localDateSchema('your planned exam date'),
  reviewStartDate: localDateSchema('the date programs start reviewing'),
  bufferPoints: z
    .number({ error: 'Enter the buffer as a whole number of points.' })
    .int('Enter the buffer as a whole number of points.')
    .min(MIN_BUFFER_POINTS, `The buffer cannot be below ${MIN_BUFFER_POINTS}.`)
    .max(MAX_BUFFER_POINTS, `Keep the buffer at ${MAX_BUFFER_POINTS} points or less.`),
});
export type ProfileInput = z.input<typeof profileInputSchema>;
export type Profile = z.output<typeof profileInputSchema>;

export type ProfileDefaults = {
  bufferPoints: number;
  recommendedBuffer: { min: number; max: number };
  reviewStartDate: string;
  reviewStartIsEstimate: boolean;
  reviewStartSource: string;
  today: string;
};

export type ProfileResponse = {
  profile: (Profile & { updatedAt: string }) | null;
  summary: RiskSummary | null;
  defaults: ProfileDefaults;
};
