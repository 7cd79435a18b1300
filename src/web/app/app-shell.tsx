import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { toApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { useSession, useUser } from './session.tsx';

const STUDENT_NAV = [
  { to: '/', label: 'Home', end: true },
  { to: '/plan', label: 'Plan', end: false },
  { to: '/evidence', label: 'Scores', end: false },
  { to: '/journal', label: 'Journal', end: false },
  { to: '/postmortem', label: 'Postmortem', end: false },
  { to: '/story', label: 'Your story', end: false },
  { to: '/profile', label: 'Profile', end: false },
  { to: '/sharing', label: 'Advisors', end: false },
  { to: '/settings', label: 'Settings', end: false },
];

const ADVISOR_NAV = [
  { to: '/advisor', label: 'Students', end: true },
  { to: '/settings', label: 'Settings', end: false },
];

/** Moves focus to the main region after a client-side navigation, like a page load would. */
function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);
}

export function SignOutButton({ className = 'button button--quiet' }: { className?: string }) {
  const { markSignedOut } = useSession();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setIsBusy(true);
    setError(null);
    try {
      await api.signOut();
      markSignedOut('signed-out');
    } catch (caught) {
      setError(toApiError(caught).message);
      setIsBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={signOut} disabled={isBusy}>
        {isBusy ? 'Signing out…' : 'Sign out'}
      </button>
      {error ? (
        <p className="header-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** Header with the product name, the role's nav and sign-out, then the page. */
export function AppShell() {
  const user = useUser();
  const nav = user.role === 'advisor' ? ADVISOR_NAV : STUDENT_NAV;
  useFocusMainOnNavigate();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={user.role === 'advisor' ? '/advisor' : '/'} className="brand" aria-label="Comeback, home">
            <BrandMark />
            <span className="brand-name">Comeback</span>
          </Link>
          <nav className="site-nav" aria-label="Main">
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="site-nav-link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="site-header-account">
            <span className="account-email" title={user.email}>
              {user.email}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="page" id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>Comeback keeps your data private: no ads, no trackers, no third-party scripts.</p>
    </footer>
  );
}

export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" />
      <path d="M9 17.5l4.5 4.5L23 11" />
    </svg>
  );
}
