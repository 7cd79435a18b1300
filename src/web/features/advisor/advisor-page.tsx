import { Link } from 'react-router';
import { SignOutButton } from '../../app/app-shell.tsx';
import { useUser } from '../../app/session.tsx';
import { usePageTitle } from '../../components/page-title.ts';

/** The advisor's landing page. Invitations are not built yet, so the list is honestly empty. */
export function AdvisorPage() {
  usePageTitle('Your students');
  const user = useUser();
  return (
    <div className="advisor">
      <div className="page-heading">
        <h1>Your students</h1>
        <p className="lead">
          You are signed in as an advisor (<span className="break-anywhere">{user.email}</span>).
        </p>
      </div>
      <section className="card empty-state" aria-labelledby="no-students-title" data-testid="advisor-empty">
        <h2 id="no-students-title">No students yet</h2>
        <p>
          Students appear here only after they invite you, and you will see only what each of them chooses to share.
          That is deliberate: their scores and wellbeing notes are sensitive.
        </p>
        <p>
          Inviting an advisor is not available in Comeback yet, so this list stays empty for now. When it arrives, you
          will see each student’s stage, days to exam, latest practice score against their target, and whether they are
          on track.
        </p>
      </section>
      <section className="card" aria-labelledby="advisor-account-title">
        <h2 id="advisor-account-title">Your account</h2>
        <p>Change your password, download your data or delete your account in settings.</p>
        <div className="button-row">
          <Link to="/settings" className="button button--secondary">
            Open settings
          </Link>
          <SignOutButton className="button button--quiet" />
        </div>
      </section>
    </div>
  );
}
