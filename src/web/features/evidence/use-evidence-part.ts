import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type {
  EvidenceBankResponse,
  EvidenceContext,
  EvidenceEnduranceResponse,
  EvidenceExamsResponse,
  EvidenceOverviewResponse,
  EvidencePart,
  EvidenceWeakAreasResponse,
  EvidenceWellbeingResponse,
} from '#shared/contracts/evidence-api.ts';
import { apiRequest, toApiError, writesSentSoFar, type ApiError } from '../../api/client.ts';
import { useUser } from '../../app/session.tsx';

export type PartResponses = {
  overview: EvidenceOverviewResponse;
  exams: EvidenceExamsResponse;
  bank: EvidenceBankResponse;
  'weak-areas': EvidenceWeakAreasResponse;
  endurance: EvidenceEnduranceResponse;
  wellbeing: EvidenceWellbeingResponse;
};

/** GET /api/evidence/<part>: one part of the page, as its tab opens. */
export function loadEvidencePart<Part extends EvidencePart>(part: Part): Promise<PartResponses[Part]> {
  return apiRequest<PartResponses[Part]>('GET', `/api/evidence/${part}`);
}

/**
 * The last answer of each part, for this tab only, so that going back to a part shows its numbers
 * at once while they are read again. It belongs to one user: another sign-in starts it empty.
 * Every save empties it (see `refresh`), and so does any write sent from another screen (a block
 * on /log, a tick on the plan): a part opened after a save waits for its new numbers rather than
 * showing a verdict the save has changed.
 */
const lastSeen = { userId: '', writes: 0, parts: new Map<EvidencePart, unknown>() };

function cachedFor<Part extends EvidencePart>(userId: string, part: Part): PartResponses[Part] | null {
  // Another user, or a write sent from any screen since (writesSentSoFar): start empty.
  if (lastSeen.userId !== userId || lastSeen.writes !== writesSentSoFar()) {
    lastSeen.userId = userId;
    lastSeen.writes = writesSentSoFar();
    lastSeen.parts.clear();
  }
  return (lastSeen.parts.get(part) as PartResponses[Part] | undefined) ?? null;
}

/** Lets a part tell the page's heading the day, the exam date and the target it read. */
export const EvidenceContextSink = createContext<((context: EvidenceContext) => void) | null>(null);

/**
 * One part's data: read when the part is opened, and again after each save (`refresh`), keeping
 * what is on screen until the new numbers arrive, so the verdict and the chart change in place.
 */
export function useEvidencePart<Part extends EvidencePart>(part: Part) {
  const { id: userId } = useUser();
  const [data, setData] = useState<PartResponses[Part] | null>(() => cachedFor(userId, part));
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const tellContext = useContext(EvidenceContextSink);

  useEffect(() => {
    let isCurrent = true;
    setError(null);
    loadEvidencePart(part).then(
      (loaded) => {
        if (!isCurrent) return;
        cachedFor(userId, part);
        lastSeen.parts.set(part, loaded);
        setData(loaded);
        tellContext?.({
          today: loaded.today,
          examDate: loaded.examDate,
          targetScore: loaded.targetScore,
          passingScore: loaded.passingScore,
        });
      },
      (caught: unknown) => isCurrent && setError(toApiError(caught)),
    );
    return () => {
      isCurrent = false;
    };
  }, [part, userId, version, tellContext]);

  const refresh = useCallback(() => {
    // A save changes what other parts show (a practice exam moves the verdict): forget them.
    lastSeen.parts.clear();
    setVersion((n) => n + 1);
  }, []);
  return { data, error, refresh };
}
