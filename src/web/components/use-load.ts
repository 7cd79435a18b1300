import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../api/client.ts';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/**
 * Loads data for a page and keeps the three states apart: loading, failed (with retry) and ready.
 * `setData` replaces the loaded value after a save answered with fresh data. Pass a stable `load`
 * (a module-level function), or it reloads on every render.
 *
 * `retry` starts over from "loading". `reload` fetches again behind what is shown: a ready page
 * stays ready, so nothing on it unmounts (a form the student is typing in keeps its text), and the
 * new data replaces the old when it comes. A reload that fails leaves the shown data in place and
 * sets `reloadError`, which the next load that succeeds clears.
 */
export function useLoad<T>(load: () => Promise<T>) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [reloadError, setReloadError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Whether the next attempt keeps the shown data (set by `reload`), and whether data is shown.
  const keepsData = useRef(false);
  const isReady = useRef(false);
  const show = useCallback((next: LoadState<T>) => {
    isReady.current = next.status === 'ready';
    setState(next);
  }, []);

  useEffect(() => {
    let isCurrent = true;
    const keeps = keepsData.current && isReady.current;
    keepsData.current = false;
    if (!keeps) show({ status: 'loading' });
    load().then(
      (data) => {
        if (!isCurrent) return;
        setReloadError(null);
        show({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!isCurrent) return;
        if (keeps && isReady.current) setReloadError(toApiError(error));
        else show({ status: 'error', error: toApiError(error) });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [attempt, load, show]);

  const retry = useCallback(() => {
    keepsData.current = false;
    setAttempt((n) => n + 1);
  }, []);
  const reload = useCallback(() => {
    keepsData.current = true;
    setAttempt((n) => n + 1);
  }, []);
  const setData = useCallback((data: T) => show({ status: 'ready', data }), [show]);
  return { state, retry, reload, reloadError, setData };
}
