import { useState } from 'react';
import { toApiError } from '../api/client.ts';
import { useFocusOnMount } from './use-focus-on-mount.ts';

/**
 * Deleting a log takes two taps: "Delete", then "Yes, delete". A slip of the thumb on a phone
 * costs nothing, and nothing asks twice in a dialog. `what` names the thing for screen readers.
 */
export function DeleteButton({ what, onDelete }: { what: string; onDelete: () => Promise<void> }) {
  const [state, setState] = useState<'idle' | 'confirming' | 'busy'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setState('busy');
    setError(null);
    try {
      await onDelete();
    } catch (caught) {
      setError(toApiError(caught).message);
      setState('idle');
    }
  }

  if (state === 'idle') {
    return (
      <span className="delete-control">
        <button type="button" className="button button--quiet button--small" onClick={() => setState('confirming')}>
          Delete<span className="visually-hidden"> {what}</span>
        </button>
        {error ? (
          <span className="field-error delete-error" role="alert">
            {error}
          </span>
        ) : null}
      </span>
    );
  }
  return <ConfirmDelete what={what} isBusy={state === 'busy'} onConfirm={confirm} onKeep={() => setState('idle')} />;
}

function ConfirmDelete({
  what,
  isBusy,
  onConfirm,
  onKeep,
}: {
  what: string;
  isBusy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const confirmRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <span className="delete-control delete-control--confirm" role="group" aria-label={`Delete ${what}?`}>
      <button
        ref={confirmRef}
        type="button"
        className="button button--danger button--small"
        onClick={onConfirm}
        disabled={isBusy}
      >
        {isBusy ? 'Deleting…' : 'Yes, delete'}
        <span className="visually-hidden"> {what}</span>
      </button>
      <button type="button" className="button button--quiet button--small" onClick={onKeep} disabled={isBusy}>
        Keep
      </button>
    </span>
  );
}
