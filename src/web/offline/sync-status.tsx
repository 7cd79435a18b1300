import { useEffect, useRef, useState } from 'react';
import { useConnection } from './connection.ts';
import { describeOutcome } from './describe.ts';
import { useSyncQueue } from './sync.ts';
import './offline.css';

/** "Dec 1, 9:41 AM": when this device last heard from the server. */
export function formatSyncTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The band under the header while the page works from this device's copies. */
export function OfflineMarker() {
  const { isOffline, lastSyncedAt } = useConnection();
  if (!isOffline) return null;
  return (
    <div className="offline-marker" role="status">
      <strong>Offline</strong> — {lastSyncedAt ? `last synced ${formatSyncTime(lastSyncedAt)}` : 'not synced yet'}.{' '}
      <span className="offline-marker-note">
        What you see is what this phone had then; what you log now is kept here.
      </span>
    </div>
  );
}

/**
 * The app-wide "waiting to sync" indicator: a count in the header, and the list of writes not yet
 * on the server with what happened to each. A refused write (a conflict) stays until dismissed, and
 * so does a note on a write applied to something that changed meanwhile (a notice).
 */
export function SyncIndicator({ userId }: { userId: string }) {
  const { writes, waiting, conflicts, notices, dismiss, retry } = useSyncQueue(userId);
  const [isOpen, setIsOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const { isOffline } = useConnection();

  useEffect(() => {
    if (writes.length === 0) setIsOpen(false);
  }, [writes.length]);

  if (writes.length === 0) return null;
  // On a phone the button reads "3 to sync"; the hidden word stays in its accessible name.
  const text =
    conflicts > 0 ? (
      `${conflicts} not synced${waiting > 0 ? `, ${waiting} waiting` : ''}`
    ) : waiting > 0 ? (
      <>
        {waiting} <span className="sync-long">waiting </span>to sync
      </>
    ) : (
      `Synced, ${notices} ${notices === 1 ? 'note' : 'notes'}`
    );
  const hasUnsynced = conflicts + waiting > 0;
  return (
    <div className="sync-indicator">
      <button
        type="button"
        className={`sync-button${conflicts > 0 ? ' sync-button--conflict' : ''}${!hasUnsynced ? ' sync-button--notice' : ''}`}
        aria-expanded={isOpen}
        aria-controls="sync-panel"
        onClick={() => setIsOpen((open) => !open)}
      >
        <span className="sync-dot" aria-hidden="true" />
        {text}
      </button>
      {isOpen ? (
        <div className="sync-panel" id="sync-panel" ref={panelRef}>
          <p className="sync-panel-title">
            {hasUnsynced ? 'Saved on this phone, not on the server yet' : 'Synced, with something you should know'}
          </p>
          <ol className="sync-list">
            {writes.map((write) => (
              <li
                key={write.seq}
                className={write.state === 'waiting' ? 'sync-item' : `sync-item sync-item--${write.state}`}
              >
                <span className="sync-item-label">{write.label}</span>
                <span className="sync-item-state">
                  {write.state !== 'waiting'
                    ? describeOutcome(write)
                    : write.attempts > 0
                      ? `Waiting to sync (tried ${write.attempts} ${write.attempts === 1 ? 'time' : 'times'})`
                      : 'Waiting to sync'}
                </span>
                {write.state !== 'waiting' ? (
                  <button
                    type="button"
                    className="button button--quiet sync-dismiss"
                    onClick={() => dismiss(write.seq)}
                  >
                    Dismiss
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
          {waiting > 0 ? (
            <p className="sync-panel-note">
              {isOffline
                ? 'They are sent by themselves, in this order, once you are back online; each one counts once.'
                : 'Sending… if the connection is weak this retries by itself.'}{' '}
              {!isOffline ? (
                <button type="button" className="link-button" onClick={() => void retry()}>
                  Try now
                </button>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
