import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { toApiError } from '../../api/client.ts';
import { useSession, useUser } from '../../app/session.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, Loading } from '../../components/status.tsx';
import { advisorApi } from './advisor-api.ts';

/** Where the code from an invitation link waits while the advisor signs in (the tab's own storage). */
const PENDING_CODE_KEY = 'comeback:pending-invitation';

/**
 * The invitation link, /advisor/accept#code=…: the code rides in the fragment, which a browser never
 * sends to a server. Signed out, the code is kept in this tab while the advisor signs in.
 */
export function AcceptGate() {
  const { state } = useSession();
  const location = useLocation();
  const code = new URLSearchParams(location.hash.replace(/^#/, '')).get('code');
  if (code) sessionStorage.setItem(PENDING_CODE_KEY, code);
  if (state.status !== 'ready') return <Loading label="Loading Comeback…" lines={1} />;
  if (!state.user) return <Navigate to="/sign-in?next=%2Fadvisor%2Faccept" replace />;
  return <Outlet />;
}

export function AcceptInvitationPage() {
  usePageTitle('Accept an invitation');
  const user = useUser();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (user.role !== 'advisor') return;
    const code = sessionStorage.getItem(PENDING_CODE_KEY);
    sessionStorage.removeItem(PENDING_CODE_KEY);
    if (!code) {
      navigate('/advisor', { replace: true });
      return;
    }
    advisorApi.accept(code).then(
      (accepted) => navigate(`/advisor/students/${encodeURIComponent(accepted.studentId)}`, { replace: true }),
      (caught: unknown) => setError(toApiError(caught).message),
    );
  }, [navigate, user.role]);

  if (user.role !== 'advisor') {
    return (
      <AcceptHeading>
        <Callout tone="warning" title="This link is for an advisor account" role="alert">
          <p>
            You are signed in as a student. Sign out, then sign in with the advisor account the invitation is for. To
            share your own progress, open Advisors in the menu.
          </p>
        </Callout>
      </AcceptHeading>
    );
  }
  if (error) {
    return (
      <AcceptHeading>
        <Callout tone="serious" title="We could not add this student" role="alert">
          <p>{error}</p>
          <p>
            <a href="/advisor">Back to your students</a>
          </p>
        </Callout>
      </AcceptHeading>
    );
  }
  return (
    <AcceptHeading>
      <Loading label="Adding the student…" lines={1} />
    </AcceptHeading>
  );
}

/** The page's level-one heading, so a screen reader lands on what this page is (axe: page-has-heading-one). */
function AcceptHeading({ children }: { children: ReactNode }) {
  return (
    <>
      <div className="page-heading">
        <h1>Accept an invitation</h1>
      </div>
      {children}
    </>
  );
}
