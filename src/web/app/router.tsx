import { Component, type ErrorInfo, type ReactNode } from 'react';
import { matchRoutes, useLocation, useRoutes, type RouteObject } from 'react-router';
import { CrashPage, NotFoundPage } from '../features/errors/not-found-page.tsx';
import { AppShell } from './app-shell.tsx';
import { PublicOnly, RequireAdvisor, RequireStudent, RequireUser } from './guards.tsx';
import { lazyPage, type LazyPage } from './lazy-page.tsx';
import { PublicLayout } from './public-layout.tsx';

// Each page is its own chunk (issue 13): the sign-in screen and home download only their own code;
// the chart library comes with the evidence page's chart (predicted-score.tsx loads it lazily).
// The error pages stay in the main script: they must show even when a chunk cannot be fetched.
const pages = {
  signIn: lazyPage(() => import('../features/auth/sign-in-page.tsx'), 'SignInPage'),
  signUp: lazyPage(() => import('../features/auth/sign-up-page.tsx'), 'SignUpPage'),
  home: lazyPage(() => import('../features/home/home-page.tsx'), 'HomePage'),
  profile: lazyPage(() => import('../features/profile/profile-page.tsx'), 'ProfilePage'),
  postmortem: lazyPage(() => import('../features/postmortem/postmortem-page.tsx'), 'PostmortemPage'),
  plan: lazyPage(() => import('../features/plan/plan-page.tsx'), 'PlanPage'),
  planSettings: lazyPage(() => import('../features/plan/plan-settings-page.tsx'), 'PlanSettingsPage'),
  planPrint: lazyPage(() => import('../features/plan/plan-print-page.tsx'), 'PlanPrintPage'),
  evidence: lazyPage(() => import('../features/evidence/evidence-page.tsx'), 'EvidencePage'),
  logBlock: lazyPage(() => import('../features/evidence/log-block-page.tsx'), 'LogBlockPage'),
  journal: lazyPage(() => import('../features/journal/journal-page.tsx'), 'JournalPage'),
  review: lazyPage(() => import('../features/journal/review-page.tsx'), 'ReviewPage'),
  sharing: lazyPage(() => import('../features/sharing/sharing-page.tsx'), 'SharingPage'),
  accessLog: lazyPage(() => import('../features/sharing/access-log-page.tsx'), 'AccessLogPage'),
  story: lazyPage(() => import('../features/story/story-page.tsx'), 'StoryPage'),
  advisor: lazyPage(() => import('../features/advisor/advisor-page.tsx'), 'AdvisorPage'),
  advisorStudent: lazyPage(() => import('../features/advisor/student-page.tsx'), 'AdvisorStudentPage'),
  acceptGate: lazyPage(() => import('../features/advisor/accept-page.tsx'), 'AcceptGate'),
  acceptInvitation: lazyPage(() => import('../features/advisor/accept-page.tsx'), 'AcceptInvitationPage'),
  settings: lazyPage(() => import('../features/settings/settings-page.tsx'), 'SettingsPage'),
} satisfies Record<string, LazyPage>;

/** A route showing a lazy page; `handle.preload` lets the first screen start its download early. */
function page(path: string | undefined, lazy: LazyPage): RouteObject {
  const handle = { preload: lazy.preload };
  return path === undefined ? { index: true, element: lazy.element, handle } : { path, element: lazy.element, handle };
}

/**
 * Every screen, and who may see it: sign-in pages only without a session; students' screens only
 * for students (the printable week outside the app's frame); the advisor page only for advisors; settings for both. Unknown paths get a 404.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    children: [
      {
        element: <PublicOnly />,
        children: [
          {
            element: <PublicLayout />,
            children: [page('sign-in', pages.signIn), page('sign-up', pages.signUp)],
          },
        ],
      },
      {
        element: <RequireUser />,
        children: [
          {
            element: <AppShell />,
            children: [
              {
                element: <RequireStudent />,
                children: [
                  page(undefined, pages.home),
                  page('profile', pages.profile),
                  page('postmortem', pages.postmortem),
                  page('plan', pages.plan),
                  page('plan/settings', pages.planSettings),
                  // The overview and its parts (/evidence/exams, …): the page routes them itself.
                  page('evidence/*', pages.evidence),
                  page('log', pages.logBlock),
                  page('journal', pages.journal),
                  page('journal/review', pages.review),
                  page('sharing', pages.sharing),
                  page('sharing/access-log', pages.accessLog),
                  page('story', pages.story),
                ],
              },
              {
                element: <RequireAdvisor />,
                children: [page('advisor', pages.advisor), page('advisor/students/:id', pages.advisorStudent)],
              },
              page('settings', pages.settings),
            ],
          },
          // The printable week stands alone: no header, no footer, nothing but the week.
          { element: <RequireStudent />, children: [page('plan/print', pages.planPrint)] },
        ],
      },
      {
        // An invitation link: the code waits in the tab while a signed-out advisor signs in.
        path: 'advisor/accept',
        element: pages.acceptGate.element,
        handle: { preload: pages.acceptGate.preload },
        children: [{ element: <AppShell />, children: [page(undefined, pages.acceptInvitation)] }],
      },
      {
        path: '*',
        element: (
          <PublicLayout>
            <NotFoundPage />
          </PublicLayout>
        ),
      },
    ],
  },
];

/**
 * The last safety net around every page: a bug (or a page chunk that cannot be fetched) shows the
 * crash page instead of a blank screen. Its own boundary rather than the data router's
 * errorElement: the declarative router (<BrowserRouter> + useRoutes) is about 55 KB (13 KB
 * compressed) lighter in the first script than createBrowserRouter's, which a slow phone downloads
 * and parses before it can show anything (issue 13). Going to another path clears the crash.
 */
type CrashState = { error: unknown; crashedAt: string | null };

class CrashBoundary extends Component<{ pathname: string; children: ReactNode }, CrashState> {
  override state: CrashState = { error: undefined, crashedAt: null };

  static getDerivedStateFromError(error: unknown): Partial<CrashState> {
    return { error, crashedAt: CRASHING };
  }

  static getDerivedStateFromProps(props: { pathname: string }, state: CrashState): Partial<CrashState> | null {
    if (state.crashedAt === CRASHING) return { crashedAt: props.pathname };
    if (state.crashedAt !== null && state.crashedAt !== props.pathname) return { error: undefined, crashedAt: null };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('The page crashed', error, info.componentStack);
  }

  override render() {
    return this.state.crashedAt !== null ? <CrashPage error={this.state.error} /> : this.props.children;
  }
}

/** Marks a crash whose path is not recorded yet (getDerivedStateFromError has no props). */
const CRASHING = '\u0000crashing';

/** The app's pages for the current address (inside <BrowserRouter>). */
export function AppRoutes() {
  const { pathname } = useLocation();
  const element = useRoutes(routes);
  return <CrashBoundary pathname={pathname}>{element}</CrashBoundary>;
}

/**
 * Starts downloading the code of the page at `pathname` (sign-in, home, the log form…) while the
 * session is checked, instead of after: one round trip fewer on a slow phone. Settles when every
 * chunk of it has arrived or failed (never rejects: a failed early download is not an error yet,
 * the page asks again when it is shown).
 */
export function preloadPage(pathname: string): Promise<void> {
  const loads = (matchRoutes(routes, pathname) ?? []).map((match) => {
    const preload = (match.route.handle as { preload?: () => Promise<unknown> } | undefined)?.preload;
    return preload?.().catch(() => undefined);
  });
  return Promise.all(loads).then(() => undefined);
}
