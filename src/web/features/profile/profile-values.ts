import type { ProfileResponse } from '#shared/contracts/profile.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import { UNDECIDED_TIER, type TierId } from '#domain/risk/specialties.ts';

/** What the form holds: strings, exactly as typed or chosen, so nothing is lost before the server checks it. */
export type ProfileFormValues = {
  failCount: string;
  specialty: string;
  otherSpecialtyName: string;
  otherTier: string;
  backupSpecialty: string;
  schoolType: string;
  timeZone: string;
  examDate: string;
  reviewStartDate: string;
  bufferPoints: string;
};

/** The form's fields in the order they appear, by the name the API uses, and the element to focus for each. */
export const PROFILE_FIELD_IDS: Record<keyof ProfileFormValues, string> = {
  failCount: 'failCount-1',
  schoolType: 'schoolType',
  specialty: 'specialty',
  otherSpecialtyName: 'otherSpecialtyName',
  otherTier: 'otherTier',
  backupSpecialty: 'backupSpecialty',
  bufferPoints: 'bufferPoints',
  examDate: 'examDate',
  reviewStartDate: 'reviewStartDate',
  timeZone: 'timeZone',
};

const FIELD_ORDER = Object.keys(PROFILE_FIELD_IDS);

/** Sorts field names into the order the form shows them, so the error summary reads top to bottom. */
export function inFormOrder(fieldNames: string[]): string[] {
  const rank = (name: string) => (FIELD_ORDER.includes(name) ? FIELD_ORDER.indexOf(name) : FIELD_ORDER.length);
  return [...fieldNames].sort((a, b) => rank(a) - rank(b));
}

export function initialValues(response: ProfileResponse, browserZone: string): ProfileFormValues {
  const { profile, defaults } = response;
  if (profile) {
    return {
      failCount: profile.failCount,
      specialty: profile.specialty,
      otherSpecialtyName: profile.otherSpecialtyName ?? '',
      otherTier: profile.otherTier ?? '',
      backupSpecialty: profile.backupSpecialty ?? '',
      schoolType: profile.schoolType,
      timeZone: profile.timeZone,
      examDate: profile.examDate,
      reviewStartDate: profile.reviewStartDate,
      bufferPoints: String(profile.bufferPoints),
    };
  }
  return {
    // Comeback is for students who failed Step 1, so one fail is the usual answer; it stays a choice.
    failCount: '1',
    specialty: '',
    otherSpecialtyName: '',
    otherTier: '',
    backupSpecialty: '',
    schoolType: '',
    timeZone: browserZone,
    examDate: '',
    reviewStartDate: defaults.reviewStartDate,
    bufferPoints: String(defaults.bufferPoints),
  };
}

/** The tier the chosen specialty plans against, as the server will compute it (null: none chosen yet). */
export function effectiveTier(values: ProfileFormValues, reference: ReferenceResponse): TierId | null {
  const specialty = reference.specialties.find((s) => s.id === values.specialty);
  if (!specialty) return null;
  if (specialty.tier) return specialty.tier;
  if (specialty.id === 'other') return (values.otherTier || null) as TierId | null;
  return UNDECIDED_TIER;
}

export function needsBackupSpecialty(values: ProfileFormValues, reference: ReferenceResponse): boolean {
  return (
    values.failCount !== '' && values.failCount !== '0' && effectiveTier(values, reference) === 'highly-competitive'
  );
}

/** The request body. Empty choices are left out so the server names what is missing. */
export function toRequestBody(values: ProfileFormValues, reference: ReferenceResponse): Record<string, unknown> {
  const isOther = values.specialty === 'other';
  const buffer = values.bufferPoints.trim();
  return {
    failCount: values.failCount || undefined,
    specialty: values.specialty || undefined,
    otherSpecialtyName: isOther ? values.otherSpecialtyName.trim() || null : null,
    otherTier: isOther ? values.otherTier || null : null,
    backupSpecialty: needsBackupSpecialty(values, reference) ? values.backupSpecialty.trim() || null : null,
    schoolType: values.schoolType || undefined,
    timeZone: values.timeZone,
    examDate: values.examDate,
    reviewStartDate: values.reviewStartDate,
    bufferPoints: buffer === '' || Number.isNaN(Number(buffer)) ? null : Number(buffer),
  };
}

/** Every IANA time zone the browser knows, with the given one included even if the list lacks it. */
export function timeZoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set(zones);
  if (current) all.add(current);
  all.add('UTC');
  return [...all].sort((a, b) => a.localeCompare(b));
}

export function timeZoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ').replaceAll('/', ' / ');
}
