import { useEffect, useRef, useState } from 'react';
import { Link, matchPath, NavLink, Outlet, useLocation } from 'react-router';
import { toApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { startSync, unsyncedCount } from '../offline/sync.ts';
import { OfflineMarker, SyncIndicator } from '../offline/sync-status.tsx';
import { useSession, useUser } from './session.tsx';
import './app-shell.css';

/**
 * A nav entry. `tier` says where it shows: 1 always in the bar; 2 in the bar from 720 px wide and
 * under "More" on a phone; 3 (the default, so a new entry cannot push the bar off a phone) always
 * under "More".
 */
type NavEntry = { to: string; label: string; end: boolean; tier?: 1 | 2 | 3 };

const STUDENT_NAV: NavEntry[] = [
  { to: '/', label: 'Home', end: true, tier: 1 },
  { to: '/plan', label: 'Plan', end: false, tier: 1 },
  { to: '/log', label: 'Log', end: false, tier: 1 },
  { to: '/evidence', label: 'Scores', end: false, tier: 1 },
  { to: '/journal', label: 'Journal', end: false, tier: 2 },
  { to: '/postmortem', label: 'Postmortem', end: false },
  { to: '/story', label: 'Your story', end: false },
  { to: '/profile', label: 'Profile', end: false },
  { to: '/sharing', label: 'Advisors', end: false },
  { to: '/settings', label: 'Settings', end: false },
];

const ADVISOR_NAV: NavEntry[] = [
  { to: '/advisor', label: 'Students', end: true, tier: 1 },
  { to: '/settings', label: 'Settings', end: false, tier: 1 },
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
  const { markSignedOut, state } = useSession();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unsynced, setUnsynced] = useState(0);
  const userId = state.status === 'ready' ? (state.user?.id ?? null) : null;

  /** First tap: with writes not yet on the server, warn instead of signing out. */
  async function onSignOut() {
    const count = userId ? await unsyncedCount(userId) : 0;
    if (count > 0 && unsynced === 0) {
      setUnsynced(count);
      return;
    }
    await signOut();
  }

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
      <button type="button" className={className} onClick={onSignOut} disabled={isBusy}>
        {isBusy ? 'Signing out…' : unsynced > 0 ? 'Sign out anyway' : 'Sign out'}
      </button>
      {unsynced > 0 ? (
        <div className="sign-out-warning" role="alert">
          <p>
            {unsynced === 1 ? 'One thing you logged has' : `${unsynced} things you logged have`} not reached the server
            yet. If you sign out now, {unsynced === 1 ? 'it stays' : 'they stay'} on this phone and{' '}
            {unsynced === 1 ? 'is' : 'are'} sent only when you sign in here again.
          </p>
          <button type="button" className="button button--secondary" onClick={() => setUnsynced(0)}>
            Stay signed in
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="header-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** "More": the entries that do not fit the bar, in a disclosure that closes on navigation. */
function MoreMenu({ entries }: { entries: NavEntry[] }) {
  const { pathname } = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (event: MouseEvent | KeyboardEvent) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  if (entries.length === 0) return null;
  const isCurrent = (entry: NavEntry) => matchPath({ path: entry.to, end: entry.end }, pathname) !== null;
  const isTier2 = (entry: NavEntry) => (entry.tier ?? 3) === 2;
  const onlyTier2 = entries.every(isTier2);
  // A tier-2 entry sits under "More" only on a phone (the bar shows it from 720 px), so "More" is
  // marked as holding the current page at every width only for a tier-3 entry.
  const current = entries.find(isCurrent);
  const currentClass = !current ? '' : isTier2(current) ? ' is-current-inside-on-phone' : ' is-current-inside';
  return (
    <li className={`nav-more${onlyTier2 ? ' nav-more--phone-only' : ''}`}>
      <details ref={ref}>
        <summary className={`site-nav-link nav-more-summary${currentClass}`} aria-label="More pages">
          More
        </summary>
        <ul className="nav-more-list">
          {entries.map((entry) => (
            <li key={entry.to} className={(entry.tier ?? 3) === 2 ? 'nav-tier-2-in-more' : undefined}>
              <NavLink to={entry.to} end={entry.end} className="nav-more-link">
                {entry.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

/** Header with the product name, the role's nav and sign-out, then the page. */
export function AppShell() {
  const user = useUser();
  const nav = user.role === 'advisor' ? ADVISOR_NAV : STUDENT_NAV;
  useFocusMainOnNavigate();
  // The offline queue sends this user's waiting writes now and whenever the network comes back.
  useEffect(() => startSync(user.id), [user.id]);
  const inBar = nav.filter((entry) => (entry.tier ?? 3) <= 2);
  const inMore = nav.filter((entry) => (entry.tier ?? 3) >= 2);

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
              {inBar.map((item) => (
                <li key={item.to} className={item.tier === 2 ? 'nav-tier-2' : undefined}>
                  <NavLink to={item.to} end={item.end} className="site-nav-link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
              <MoreMenu entries={inMore} />
            </ul>
          </nav>
          <div className="site-header-account">
            <SyncIndicator userId={user.id} />
            <span className="account-email" title={user.email}>
              {user.email}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <OfflineMarker />
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
