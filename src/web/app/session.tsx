import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Role, User } from '#shared/contracts/auth.ts';
import { setUnauthenticatedHandler, toApiError, type ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { clearOfflineCopies } from '../offline/sync.ts';
import { forgetLastKnown, lastKnownUser, rememberUser } from './last-known.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | {
      status: 'ready';
      user: User | null;
      signedOutReason?: SignedOutReason;
      /**
       * The user this device last saw signed in, shown while the server has not answered yet (or
       * cannot be reached): a warm start does not wait a round trip. The server's answer replaces
       * it; a 401 sends the page to sign-in.
       */
      isUnconfirmed?: true;
    };

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

/** The page-data copies and remembered reads of everyone on this device go (the service worker's too). */
function forgetEveryone() {
  void clearOfflineCopies();
  forgetLastKnown();
}

/** The server's answer to "who is signed in?": a user, or the error (401: nobody). */
type Answer = { user: User } | { error: unknown };

/**
 * What an answer means for the page, `known` being the user this device remembered: the same user
 * confirms it; another user replaces it (the other's copies deleted first); no session (401) sends
 * the page to sign-in and deletes them too; no answer at all (offline) keeps the remembered user.
 */
function stateFor(answer: Answer, known: User | null): SessionState {
  if ('user' in answer) {
    if (known?.id !== answer.user.id) {
      // Another user than the one remembered (or none remembered): nobody else's copies stay.
      void clearOfflineCopies();
      forgetLastKnown(answer.user.id);
    }
    rememberUser(answer.user);
    return { status: 'ready', user: answer.user };
  }
  const apiError = toApiError(answer.error);
  if (apiError.code === 'UNAUTHENTICATED') {
    if (known) forgetEveryone();
    return known ? { status: 'ready', user: null, signedOutReason: 'session-ended' } : { status: 'ready', user: null };
  }
  // No answer (offline, the server away): the remembered user stays; their writes queue.
  if (known) return { status: 'ready', user: known, isUnconfirmed: true };
  return { status: 'error', error: apiError };
}

let firstCheck: { promise: Promise<User>; answer?: Answer } | null = null;

/**
 * Asks before the first render (main.tsx, on a cold start of a signed-in screen, when this device
 * remembers nobody): the answer, usually in before the main script (index.html preloads it), is
 * then the first render's, with no pass through "Loading Comeback…" first. Settles, never rejects.
 */
export function startSessionCheck(): Promise<void> {
  const check: { promise: Promise<User>; answer?: Answer } = { promise: api.me() };
  firstCheck = check;
  return check.promise.then(
    (user) => void (check.answer = { user }),
    (error: unknown) => void (check.answer = { error }),
  );
}

/**
 * Who is signed in; pages read it through useSession(). Starts from the answer main.tsx asked for,
 * if it is in, or the last user this device saw (if any); then the server's answer (stateFor).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() => {
    const known = lastKnownUser();
    if (firstCheck?.answer) return stateFor(firstCheck.answer, known);
    return known ? { status: 'ready', user: known, isUnconfirmed: true } : { status: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);
  // Bumped by a sign-in or sign-out in this page: an older session check's answer no longer counts.
  const generation = useRef(0);

  useEffect(() => {
    // The first render had the answer already.
    if (attempt === 0 && firstCheck?.answer) return;
    let isCurrent = true;
    const asked = generation.current;
    const known = lastKnownUser();
    if (!known) setState({ status: 'loading' });
    // Asked here, after the first render, when main.tsx did not ask (a warm start, sign-in) — yet not
    // a round trip late: index.html preloads /api/auth/me (`<link rel="preload" as="fetch">`), so on
    // a cold start the request left with the scripts and this fetch takes its answer. Asked before
    // the first render, the browser's time-zone lookup (Intl, ~0.1 s on a slow phone's CPU, in
    // api/client.ts) would come before the remembered screen too.
    const check = attempt === 0 && firstCheck ? firstCheck.promise : api.me();
    check.then(
      (user) => isCurrent && generation.current === asked && setState(stateFor({ user }, known)),
      (error: unknown) => isCurrent && generation.current === asked && setState(stateFor({ error }, known)),
    );
    return () => {
      isCurrent = false;
    };
    // `attempt` is the dependency: retry() asks again.
  }, [attempt]);

  const setUser = useCallback((user: User) => {
    generation.current += 1;
    if (lastKnownUser()?.id !== user.id) {
      void clearOfflineCopies();
      forgetLastKnown(user.id);
    }
    rememberUser(user);
    setState({ status: 'ready', user });
  }, []);
  const markSignedOut = useCallback((reason: SignedOutReason) => {
    generation.current += 1;
    // The page-data copies the service worker kept are this user's: the next person must not see them.
    forgetEveryone();
    setState({ status: 'ready', user: null, signedOutReason: reason });
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    // A session that ended elsewhere (sign out everywhere, expiry) sends the page to sign-in.
    setUnauthenticatedHandler(() => {
      // Ended elsewhere or expired: this device's copies of the pages go too (queued writes stay).
      generation.current += 1;
      forgetEveryone();
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
