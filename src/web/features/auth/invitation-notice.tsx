import { Callout } from '../../components/status.tsx';

/** Where an invitation link sends a signed-out visitor back to (features/advisor/accept-page.tsx). */
export const INVITATION_PATH = '/advisor/accept';

/** True when the page after signing in is the invitation's: the visitor came from an invitation link. */
export function isInvitationNext(next: string | null): boolean {
  return next === INVITATION_PATH;
}

/**
 * Said on the sign-in and sign-up pages when an invitation link brought the visitor there: what the
 * link is, and that the student appears as soon as they are signed in (the code waits in this tab).
 */
export function InvitationNotice({ action }: { action: 'sign-in' | 'sign-up' }) {
  return (
    <Callout tone="info" title="You were invited to follow a student" role="status" testId="invitation-notice">
      <p>
        A student invited you to see their Step 2 CK preparation as their advisor.{' '}
        {action === 'sign-in'
          ? 'Sign in with your advisor account, and their page opens right after.'
          : 'Create an advisor account, and their page opens right after.'}{' '}
        The invitation is kept in this tab until then, so keep it open.
      </p>
    </Callout>
  );
}
