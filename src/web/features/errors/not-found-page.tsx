import { Link } from 'react-router';
import { usePageTitle } from '../../components/page-title.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="card empty-state" data-testid="not-found">
      <h1>We cannot find that page</h1>
      <p>The link may be old, or the address mistyped. Nothing you saved is affected.</p>
      <Link to="/" className="button button--primary">
        Go to your home page
      </Link>
    </div>
  );
}

/** The last safety net: a bug in a page shows this instead of a blank screen. */
export function CrashPage({ error }: { error?: unknown }) {
  usePageTitle('Something went wrong');
  return (
    <main className="page page--narrow" id="main" tabIndex={-1}>
      <div className="card empty-state" role="alert">
        <h1>Something went wrong on this page</h1>
        <p>Your saved data is safe. Reloading usually fixes this; if it keeps happening, let us know.</p>
        {error instanceof Error ? <p className="fine-print">{error.message}</p> : null}
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    </main>
  );
}
