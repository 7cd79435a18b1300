import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role, User } from '#shared/contracts/auth.ts';
import { setUnauthenticatedHandler, toApiError, type ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { clearOfflineCopies } from '../offline/sync.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; user: User | null; signedOutReason?: SignedOutReason };

/** Why the page no longer has a user; the sign-in page says so in words. */
export type SignedOutReason = 'signed-out' | 'signed-out-everywhere' | 'account-deleted' | 'session-ended';

type SessionValue = {
  state: SessionState;
  /** Called after sign-in or sign-up. */
  setUser: (user: User) => void;
  /** Called after the server ended the session; the guards send the page to sign-in. */
  markSignedOut: (reason: SignedOutReason) => void;
  retry: () => void;
};

const SessionContext = createContext<SessionValue | null>(null);

/** Asks the server once who is signed in; pages read the answer through useSession(). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setState({ status: 'loading' });
    api.me().then(
      (user) => isCurrent && setState({ status: 'ready', user }),
      (error: unknown) => {
        if (!isCurrent) return;
        const apiError = toApiError(error);
        setState(
          apiError.code === 'UNAUTHENTICATED' ? { status: 'ready', user: null } : { status: 'error', error: apiError },
        );
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [attempt]);

  const setUser = useCallback((user: User) => setState({ status: 'ready', user }), []);
  const markSignedOut = useCallback((reason: SignedOutReason) => {
    // The page-data copies the service worker kept are this user's: the next person must not see them.
    void clearOfflineCopies();
    setState({ status: 'ready', user: null, signedOutReason: reason });
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    // A session that ended elsewhere (sign out everywhere, expiry) sends the page to sign-in.
    setUnauthenticatedHandler(() => {
      // Ended elsewhere or expired: this device's copies of the pages go too (queued writes stay).
      void clearOfflineCopies();
      setState((current) =>
        current.status === 'ready' && current.user
          ? { status: 'ready', user: null, signedOutReason: 'session-ended' }
          : current,
      );
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const value = useMemo(() => ({ state, setUser, markSignedOut, retry }), [state, setUser, markSignedOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for pages behind <RequireUser>. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'ready' || !state.user) throw new Error('useUser needs a signed-in user');
  return state.user;
}

export function homePathFor(role: Role): string {
  return role === 'advisor' ? '/advisor' : '/';
}
