import { forwardRef } from 'react';
import { Link } from 'react-router';
import type { Undone } from './countermeasure-guard.ts';
import type { WayOutOffer } from './ways-out.ts';

/** The plan does not fit: the server's numbers, and each way out it found, one tap to apply. */
export const InfeasibleCallout = forwardRef<
  HTMLDivElement,
  { message: string; waysOut: readonly WayOutOffer[]; isBusy: boolean; onApply: (way: WayOutOffer) => void }
>(function InfeasibleCallout({ message, waysOut, isBusy, onApply }, ref) {
  return (
    <div
      className="callout callout--serious infeasible"
      role="alert"
      tabIndex={-1}
      ref={ref}
      data-testid="plan-infeasible"
    >
      <p className="callout-title">This plan does not fit before your exam</p>
      <p className="infeasible-message">{message}</p>
      {waysOut.length > 0 ? (
        <>
          <p className="small">
            Each of these fits; we checked by building the plan with it. Apply one and we save again:
          </p>
          <ul className="ways-out" data-testid="ways-out">
            {waysOut.map((way) => (
              <li key={way.label} className="way-out">
                <span className="way-out-label">{way.label}</span>
                <button
                  type="button"
                  className="button button--primary button--small"
                  disabled={isBusy}
                  onClick={() => onApply(way)}
                  aria-label={`Apply: ${way.label}`}
                >
                  Apply
                </button>
              </li>
            ))}
          </ul>
          <p className="small">Or change a setting below and try again. Nothing was saved.</p>
        </>
      ) : (
        <p className="small">Change one of the settings below and try again. Nothing was saved.</p>
      )}
    </div>
  );
});

/** "A cause" → "A cause.", leaving an ending stop, question or exclamation mark as it is. */
function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Settings the postmortem set, changed back: named with the cause each answered, to confirm or undo. */
export const ConfirmUndoneCallout = forwardRef<
  HTMLDivElement,
  {
    undone: readonly Undone[];
    causeName: (cause: string) => string;
    onConfirm: () => void;
    onPutBack: () => void;
  }
>(function ConfirmUndoneCallout({ undone, causeName, onConfirm, onPutBack }, ref) {
  return (
    <div className="callout callout--warning" role="alert" tabIndex={-1} ref={ref} data-testid="countermeasure-confirm">
      <p className="callout-title">
        {undone.length === 1 ? 'This setting answers' : 'These settings answer'} a reason Step 1 went wrong
      </p>
      <ul className="changes changes--compact">
        {undone.map((item) => (
          <li key={item.field}>
            <strong>{item.name}</strong>: now {item.now}; your postmortem set {item.set}.
            <br />
            <span className="small">
              Cause: {withStop(causeName(item.change.cause))} {item.change.why}
            </span>
          </li>
        ))}
      </ul>
      <p className="small">Nothing is saved until you choose.</p>
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={onPutBack}>
          Put back what the postmortem set
        </button>
        <button type="button" className="button button--secondary" onClick={onConfirm}>
          Save with my changes
        </button>
      </div>
    </div>
  );
});

export const ProfileCallout = forwardRef<HTMLDivElement, { message: string }>(function ProfileCallout(
  { message },
  ref,
) {
  return (
    <div className="callout callout--warning" role="alert" tabIndex={-1} ref={ref}>
      <p className="callout-title">Your profile comes first</p>
      <p>
        {message} <Link to="/profile">Set up your profile</Link>
      </p>
    </div>
  );
});
