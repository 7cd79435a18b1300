import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';

/** A calm placeholder while a page's data loads; screen readers hear the label once. */
export function Loading({ label = 'Loading…', lines = 3 }: { label?: string; lines?: number }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <p className="loading-label">{label}</p>
      <div className="skeleton" aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className="skeleton-block" />
        ))}
      </div>
    </div>
  );
}

/** What a page shows when its data could not be loaded, with a way to try again. */
export function LoadError({
  error,
  onRetry,
  what = 'this page',
}: {
  error: ApiError;
  onRetry: () => void;
  what?: string;
}) {
  return (
    <div className="card load-error" role="alert">
      <h2>We could not load {what}</h2>
      <p>{error.message}</p>
      {error.requestId ? <p className="small muted">Reference: {error.requestId}</p> : null}
      <button type="button" className="button button--primary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

type CalloutTone = 'info' | 'warning' | 'serious' | 'success';

export function Callout({
  tone = 'info',
  title,
  children,
  role,
  testId,
}: {
  tone?: CalloutTone;
  title?: ReactNode;
  children: ReactNode;
  role?: 'status' | 'alert' | 'note';
  testId?: string;
}) {
  return (
    <div className={`callout callout--${tone}`} role={role} data-testid={testId}>
      {title ? <p className="callout-title">{title}</p> : null}
      <div className="callout-body">{children}</div>
    </div>
  );
}

/**
 * A later read failed while earlier numbers are still on screen: say so, keep them, offer a retry.
 * `what` completes "We could not load the latest …" (the plan, the numbers).
 */
export function StaleNotice({ what, error, onRetry }: { what: string; error: ApiError; onRetry: () => void }) {
  return (
    <Callout tone="serious" role="alert" title={`We could not load the latest ${what}`}>
      <p>
        {error.message} What you see may be out of date.{' '}
        <button type="button" className="button button--link" onClick={onRetry}>
          Try again
        </button>
      </p>
    </Callout>
  );
}
