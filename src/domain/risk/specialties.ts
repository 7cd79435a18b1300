/**
 * Specialty tiers after a USMLE fail, from the seed article's table (PRODUCT.md capability A).
 * The examples that name a tier come from the seed; a specialty the seed does not place is entered
 * as "another specialty" and the student chooses its tier, so that we never invent a placement.
 */
export type TierId = 'highly-competitive' | 'moderately-competitive' | 'primary-care' | 'community';
export type RiskLevel = 'very high' | 'medium-high' | 'moderate' | 'lower';

export type Tier = {
  id: TierId;
  name: string;
  risk: RiskLevel;
  /** Target Step 2 CK score for the tier after a fail (seed table, "Target Step 2 CK (Approx)"). */
  targetScore: number;
  /** One plain sentence on what the target means. */
  explanation: string;
};

export const TIERS: Readonly<Record<TierId, Tier>> = {
  'highly-competitive': {
    id: 'highly-competitive',
    name: 'Highly competitive',
    risk: 'very high',
    targetScore: 250,
    explanation:
      'These programs fill with applicants who have never failed, so a fail has to be outweighed by an outstanding Step 2 CK.',
  },
  'moderately-competitive': {
    id: 'moderately-competitive',
    name: 'Moderately competitive',
    risk: 'medium-high',
    // Seed table: 240+; the seed FAQ pushes this group toward the mid/high 240s.
    targetScore: 240,
    explanation:
      'A fail is a real hurdle here; a score in the 240s, toward the middle or top of them, is what changes how programs read it.',
  },
  'primary-care': {
    id: 'primary-care',
    name: 'Primary care, internal medicine, pediatrics',
    risk: 'moderate',
    targetScore: 230,
    explanation: 'Many programs here will still interview after one fail when Step 2 CK shows the problem is fixed.',
  },
  community: {
    id: 'community',
    name: 'Family medicine, psychiatry, community internal medicine',
    risk: 'lower',
    targetScore: 225,
    explanation: 'The least exposed group after a fail, but a score that only just passes still reads as risk.',
  },
};

export type SpecialtyId =
  | 'dermatology'
  | 'orthopaedic-surgery'
  | 'otolaryngology'
  | 'plastic-surgery'
  | 'neurosurgery'
  | 'radiology'
  | 'emergency-medicine-strong'
  | 'internal-medicine-academic'
  | 'internal-medicine'
  | 'pediatrics'
  | 'primary-care'
  | 'family-medicine'
  | 'psychiatry'
  | 'internal-medicine-community'
  | 'other'
  | 'undecided';

export type Specialty = { id: SpecialtyId; name: string; tier: TierId | null };

/**
 * The picker's list, in the order it is shown. `tier: null` means the tier comes from elsewhere:
 * chosen by the student for "other", or the conservative default for "undecided".
 */
export const SPECIALTIES: readonly Specialty[] = [
  { id: 'dermatology', name: 'Dermatology', tier: 'highly-competitive' },
  { id: 'orthopaedic-surgery', name: 'Orthopaedic surgery', tier: 'highly-competitive' },
  { id: 'otolaryngology', name: 'Otolaryngology (ENT)', tier: 'highly-competitive' },
  { id: 'plastic-surgery', name: 'Plastic surgery', tier: 'highly-competitive' },
  { id: 'neurosurgery', name: 'Neurosurgery', tier: 'highly-competitive' },
  { id: 'radiology', name: 'Radiology', tier: 'moderately-competitive' },
  { id: 'emergency-medicine-strong', name: 'Emergency medicine at strong programs', tier: 'moderately-competitive' },
  { id: 'internal-medicine-academic', name: 'Internal medicine, academic programs', tier: 'moderately-competitive' },
  { id: 'internal-medicine', name: 'Internal medicine', tier: 'primary-care' },
  { id: 'pediatrics', name: 'Pediatrics', tier: 'primary-care' },
  { id: 'primary-care', name: 'Primary care', tier: 'primary-care' },
  { id: 'family-medicine', name: 'Family medicine', tier: 'community' },
  { id: 'psychiatry', name: 'Psychiatry', tier: 'community' },
  { id: 'internal-medicine-community', name: 'Internal medicine, community programs', tier: 'community' },
  { id: 'other', name: 'Another specialty (I will choose its tier)', tier: null },
  { id: 'undecided', name: 'Undecided', tier: null },
];

export const SPECIALTY_IDS = SPECIALTIES.map((s) => s.id) as [SpecialtyId, ...SpecialtyId[]];
export const TIER_IDS = Object.keys(TIERS) as [TierId, ...TierId[]];

/**
 * An undecided student plans against the moderately competitive target: it keeps most doors open,
 * and the seed's FAQ asks every student with a fail to aim at the low 230s–240s at least.
 */
export const UNDECIDED_TIER: TierId = 'moderately-competitive';

export function findSpecialty(id: SpecialtyId): Specialty {
  const specialty = SPECIALTIES.find((s) => s.id === id);
  if (!specialty) throw new Error(`Unknown specialty ${id}`);
  return specialty;
}

/** The tier a specialty plans against; `chosenTier` is used only for "other". */
export function tierFor(specialtyId: SpecialtyId, chosenTier: TierId | null): Tier {
  const specialty = findSpecialty(specialtyId);
  if (specialty.tier) return TIERS[specialty.tier];
  if (specialtyId === 'other' && chosenTier) return TIERS[chosenTier];
  return TIERS[UNDECIDED_TIER];
}
