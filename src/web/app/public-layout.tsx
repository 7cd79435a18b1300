import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { BrandMark, SiteFooter } from './app-shell.tsx';

/** The frame around pages seen without a session: the name, a centred column, the footer. */
export function PublicLayout({ children }: { children?: ReactNode }) {
  return (
    <div className="shell shell--public">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="public-header">
        <Link to="/" className="brand brand--large" aria-label="Comeback, home">
          <BrandMark />
          <span className="brand-name">Comeback</span>
        </Link>
        <p className="public-tagline">Honest numbers, a target score and a plan for Step 2 CK.</p>
      </header>
      <main className="page page--narrow" id="main" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
      <SiteFooter />
    </div>
  );
}
