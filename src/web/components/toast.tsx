import { useEffect, type ReactNode } from 'react';

/**
 * A short confirmation at the bottom of the screen, within thumb reach on a phone. The live region is
 * always in the page so screen readers announce each new message; a message closes itself after
 * `hideAfterMs`, or with its close button.
 */
export function Toast({
  message,
  onClose,
  hideAfterMs = 12_000,
}: {
  message: { id: number; tone: 'success' | 'info'; content: ReactNode } | null;
  onClose: () => void;
  hideAfterMs?: number;
}) {
  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(onClose, hideAfterMs);
    return () => window.clearTimeout(timer);
  }, [message, onClose, hideAfterMs]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message ? (
        <div className={`toast toast--${message.tone}`} key={message.id} data-testid="toast">
          <div className="toast-body">{message.content}</div>
          <button type="button" className="toast-close" onClick={onClose} aria-label="Close this message">
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
