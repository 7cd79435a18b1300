import { useSyncExternalStore } from 'react';

/**
 * Whether the page is working from the service worker's copies (offline) and when it last heard
 * from the server: the "Offline — last synced …" marker reads this. The time is kept in
 * localStorage so that a reload while offline still knows it.
 */
export type ConnectionState = { isOffline: boolean; lastSyncedAt: string | null };

const LAST_SYNCED_KEY = 'comeback:last-synced';

function readLastSynced(): string | null {
  try {
    return globalThis.localStorage?.getItem(LAST_SYNCED_KEY) ?? null;
  } catch {
    return null;
  }
}

let state: ConnectionState = {
  isOffline: typeof navigator !== 'undefined' && navigator.onLine === false,
  lastSyncedAt: readLastSynced(),
};
const listeners = new Set<() => void>();

function set(next: Partial<ConnectionState>) {
  const merged = { ...state, ...next };
  if (merged.isOffline === state.isOffline && merged.lastSyncedAt === state.lastSyncedAt) return;
  state = merged;
  listeners.forEach((listener) => listener());
}

/** The server answered (now): online, synced now. */
export function noteServerAnswered(): void {
  const at = new Date().toISOString();
  try {
    globalThis.localStorage?.setItem(LAST_SYNCED_KEY, at);
  } catch {
    // Private mode without storage: the marker then shows the time for this page load only.
  }
  // An answer that left before the device went offline can land after it did: it proves the last
  // sync, not that the device is online again (the 'online' event says that).
  set({ isOffline: typeof navigator !== 'undefined' && navigator.onLine === false, lastSyncedAt: at });
}

/** A read was answered by the server, or (`fromCache`) by the service worker's copy. */
export function noteReadAnswered(fromCache: boolean): void {
  if (fromCache) set({ isOffline: true });
  else noteServerAnswered();
}

/** A read could not reach the server and had no copy. */
export function noteReadFailed(): void {
  set({ isOffline: true });
}

/** Signing out forgets when this device last synced. */
export function forgetLastSynced(): void {
  try {
    globalThis.localStorage?.removeItem(LAST_SYNCED_KEY);
  } catch {
    // nothing stored
  }
  set({ lastSyncedAt: null });
}

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => set({ isOffline: true }));
  // Back online: the marker goes at the next answer from the server (the queue's flush, a read).
  window.addEventListener('online', () => set({ isOffline: false }));
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function getConnectionState(): ConnectionState {
  return state;
}

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribe, getConnectionState, getConnectionState);
}
