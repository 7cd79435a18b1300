import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../api/client.ts';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/**
 * Loads data for a page and keeps the three states apart: loading, failed (with retry) and ready.
 * `setData` replaces the loaded value after a save answered with fresh data. Pass a stable `load`
 * (a module-level function), or it reloads on every render.
 */
export function useLoad<T>(load: () => Promise<T>) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    load().then(
      (data) => isCurrent && setState({ status: 'ready', data }),
      (error: unknown) => isCurrent && setState({ status: 'error', error: toApiError(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [attempt, load]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { state, retry, setData };
}
