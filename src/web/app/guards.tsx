import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../components/status.tsx';
import { safeReturnPath } from './return-path.ts';
import { homePathFor, useSession } from './session.tsx';

function SessionPending() {
  const { state, retry } = useSession();
  return (
    <main className="page page--centered" id="main" tabIndex={-1}>
      {state.status === 'error' ? (
        <LoadError error={state.error} onRetry={retry} what="your session" />
      ) : (
        <Loading label="Loading Comeback…" lines={2} />
      )}
    </main>
  );
}

/** Pages behind sign-in. A visitor without a session goes to /sign-in and comes back after. */
export function RequireUser() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== 'ready') return <SessionPending />;
  if (!state.user) {
    // A deliberate sign-out does not ask to come back to the page it left.
    if (state.signedOutReason && state.signedOutReason !== 'session-ended') return <Navigate to="/sign-in" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Student screens: an advisor never sees them. */
export function RequireStudent() {
  const { state } = useSession();
  if (state.status === 'ready' && state.user?.role !== 'student') return <Navigate to="/advisor" replace />;
  return <Outlet />;
}

export function RequireAdvisor() {
  const { state } = useSession();
  if (state.status === 'ready' && state.user?.role !== 'advisor') return <Navigate to="/" replace />;
  return <Outlet />;
}

/**
 * Sign-in and sign-up: a signed-in user goes where they were heading, or home. The form shows at
 * once, without waiting for the session check (issue 13: one round trip fewer on a slow phone):
 * most who open it have no session, and one who has is sent on as soon as the server says so. A
 * user this device only remembers (not confirmed yet) sees the form too: their session may be the
 * one that ended.
 */
export function PublicOnly() {
  const { state } = useSession();
  const [params] = useSearchParams();
  if (state.status === 'ready' && state.user && !state.isUnconfirmed) {
    return <Navigate to={safeReturnPath(params.get('next')) ?? homePathFor(state.user.role)} replace />;
  }
  return <Outlet />;
}
