import { createBrowserRouter } from 'react-router';
import { AcceptGate, AcceptInvitationPage } from '../features/advisor/accept-page.tsx';
import { AdvisorPage } from '../features/advisor/advisor-page.tsx';
import { AdvisorStudentPage } from '../features/advisor/student-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { SignUpPage } from '../features/auth/sign-up-page.tsx';
import { CrashPage, NotFoundPage } from '../features/errors/not-found-page.tsx';
import { EvidencePage } from '../features/evidence/evidence-page.tsx';
import { LogBlockPage } from '../features/evidence/log-block-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { JournalPage } from '../features/journal/journal-page.tsx';
import { ReviewPage } from '../features/journal/review-page.tsx';
import { PlanPage } from '../features/plan/plan-page.tsx';
import { PlanPrintPage } from '../features/plan/plan-print-page.tsx';
import { PlanSettingsPage } from '../features/plan/plan-settings-page.tsx';
import { PostmortemPage } from '../features/postmortem/postmortem-page.tsx';
import { ProfilePage } from '../features/profile/profile-page.tsx';
import { SettingsPage } from '../features/settings/settings-page.tsx';
import { AccessLogPage } from '../features/sharing/access-log-page.tsx';
import { SharingPage } from '../features/sharing/sharing-page.tsx';
import { StoryPage } from '../features/story/story-page.tsx';
import { AppShell } from './app-shell.tsx';
import { PublicOnly, RequireAdvisor, RequireStudent, RequireUser } from './guards.tsx';
import { PublicLayout } from './public-layout.tsx';

/**
 * Every screen, and who may see it: sign-in pages only without a session; students' screens only
 * for students (the printable week outside the app's frame); the advisor page only for advisors; settings for both. Unknown paths get a 404.
 */
export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      errorElement: <CrashPage />,
      children: [
        {
          element: <PublicOnly />,
          children: [
            {
              element: <PublicLayout />,
              children: [
                { path: 'sign-in', element: <SignInPage /> },
                { path: 'sign-up', element: <SignUpPage /> },
              ],
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
                    { index: true, element: <HomePage /> },
                    { path: 'profile', element: <ProfilePage /> },
                    { path: 'postmortem', element: <PostmortemPage /> },
                    { path: 'plan', element: <PlanPage /> },
                    { path: 'plan/settings', element: <PlanSettingsPage /> },
                    { path: 'evidence', element: <EvidencePage /> },
                    { path: 'log', element: <LogBlockPage /> },
                    { path: 'journal', element: <JournalPage /> },
                    { path: 'journal/review', element: <ReviewPage /> },
                    { path: 'sharing', element: <SharingPage /> },
                    { path: 'sharing/access-log', element: <AccessLogPage /> },
                    { path: 'story', element: <StoryPage /> },
                  ],
                },
                {
                  element: <RequireAdvisor />,
                  children: [
                    { path: 'advisor', element: <AdvisorPage /> },
                    { path: 'advisor/students/:id', element: <AdvisorStudentPage /> },
                  ],
                },
                { path: 'settings', element: <SettingsPage /> },
              ],
            },
            // The printable week stands alone: no header, no footer, nothing but the week.
            { element: <RequireStudent />, children: [{ path: 'plan/print', element: <PlanPrintPage /> }] },
          ],
        },
        {
          // An invitation link: the code waits in the tab while a signed-out advisor signs in.
          path: 'advisor/accept',
          element: <AcceptGate />,
          children: [{ element: <AppShell />, children: [{ index: true, element: <AcceptInvitationPage /> }] }],
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
  ]);
}
