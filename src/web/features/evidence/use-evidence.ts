import { useCallback, useEffect, useState } from 'react';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';

/**
 * The evidence for a page. A refresh after a save keeps what is on screen until the new numbers
 * arrive, so the verdict and the chart change in place instead of flashing a skeleton.
 */
export function useEvidence() {
  const [data, setData] = useState<EvidenceResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setError(null);
    api.evidence().then(
      (loaded) => isCurrent && setData(loaded),
      (caught: unknown) => isCurrent && setError(toApiError(caught)),
    );
    return () => {
      isCurrent = false;
    };
  }, [version]);

  const refresh = useCallback(() => setVersion((n) => n + 1), []);
  return { data, error, refresh };
}
