import type { Specialty, Tier, TierId } from '#domain/risk/specialties.ts';

/** Lists the profile form needs: specialties with their tiers, and the tiers. */
export type ReferenceResponse = {
  specialties: Specialty[];
  tiers: Record<TierId, Tier>;
  schoolTypes: { id: string; name: string }[];
};
