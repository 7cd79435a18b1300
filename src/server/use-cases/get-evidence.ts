import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import type { Actor, Context } from '../context.ts';
import { getAllEvidence } from './evidence-parts.ts';

/**
 * Everything the evidence page shows, computed from all the student's logs (GET /api/evidence).
 * The page itself reads its parts one at a time (getEvidencePart, GET /api/evidence/<part>); the
 * log page and the settings page still read this.
 */
export function getEvidence(ctx: Context, actor: Actor): Promise<EvidenceResponse> {
  return getAllEvidence(ctx, actor);
}
