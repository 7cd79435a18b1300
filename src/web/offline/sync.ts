import { useCallback, useEffect, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import { ApiError, apiRequest, toApiError } from '../api/client.ts';
import { API_CACHE } from './cache-names.ts';
import { forgetLastSynced, noteServerAnswered } from './connection.ts';
import { noteOnApplied } from './describe.ts';
import {
  createWriteQueue,
  openOfflineDb,
  type QueuedWrite,
  type SendOutcome,
  type WriteContext,
  type WriteQueue,
} from './queue.ts';

/**
 * The page's one write queue and the signed-in user it syncs for. `replayableWrite` is what the
 * API client's replayable writes go through: online it sends the write with a fresh
 * Idempotency-Key; offline, on a network error, or while earlier writes still wait, it stores the
 * write (key included) and resolves with `whenQueued`, and the queue sends it later.
 */
let queue: WriteQueue | null = null;
let currentUserId: string | null = null;

function getQueue(): WriteQueue | null {
  if (queue) return queue;
  if (typeof indexedDB === 'undefined') return null;
  queue = createWriteQueue({ db: openOfflineDb(), send: sendQueued });
  return queue;
}

/** Whether an error means "try again later" rather than "the server refused this write". */
function isRetryable(error: ApiError): boolean {
  return error.code === 'NETWORK_ERROR' || error.status >= 500 || error.status === 429;
}

async function sendQueued(write: QueuedWrite): Promise<SendOutcome> {
  try {
    const answer = await apiRequest<unknown>(write.method, write.path, write.body, { idempotencyKey: write.key });
    noteServerAnswered();
    const note = noteOnApplied(write, answer);
    return note ? { kind: 'sent', note } : { kind: 'sent' };
  } catch (caught) {
    const error = toApiError(caught);
    if (isRetryable(error)) return { kind: 'retry' };
    if (error.status === 401) return { kind: 'signed-out' };
    // The field messages say what was wrong ("Correct cannot exceed the 40 questions"), not just that something was.
    // A field message that repeats the message is said once.
    const details = [...new Set(Object.values(error.fields))].filter(
      (text) => text.length > 0 && !error.message.includes(text),
    );
    const message = details.length > 0 ? `${error.message} ${details.join(' ')}` : error.message;
    return { kind: 'refused', status: error.status, code: error.code, message, details: error.details };
  }
}

function onOnline() {
  if (currentUserId) void getQueue()?.retryNow(currentUserId);
}

/** Starts syncing for the signed-in user: now, and whenever the network comes back. */
export function startSync(userId: string): void {
  currentUserId = userId;
  window.addEventListener('online', onOnline);
  void getQueue()?.retryNow(userId);
}

export function stopSync(): void {
  currentUserId = null;
  window.removeEventListener('online', onOnline);
  queue?.stop();
}

/** The error a queued write that has no stand-in answer rejects with (a rating, say). */
export const QUEUED_OFFLINE = 'QUEUED_OFFLINE';

/**
 * One replayable write. `label` is what the waiting list shows; `dedupe` keeps a second identical
 * tap from queueing the write twice; `whenQueued` is the answer the page gets for a queued write
 * (null: the call rejects with QUEUED_OFFLINE and a message saying the write is kept).
 */
export async function replayableWrite<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  options: { label: string; dedupe?: string; context?: WriteContext; whenQueued: (() => T) | null },
): Promise<T> {
  const userId = currentUserId;
  const writes = getQueue();
  if (!userId || !writes) return apiRequest<T>(method, path, body);
  const key = uuidv7();
  const isWaiting = (await writes.list(userId)).some((w) => w.state === 'waiting');
  if (!isWaiting && navigator.onLine !== false) {
    try {
      return await apiRequest<T>(method, path, body, { idempotencyKey: key });
    } catch (caught) {
      if (!(caught instanceof ApiError) || !isRetryable(caught)) throw caught;
    }
  }
  // The key goes into the queue with the write: a retry of a write whose answer was lost replays it.
  await writes.add({
    key,
    userId,
    method,
    path,
    body,
    label: options.label,
    dedupe: options.dedupe ?? null,
    context: options.context ?? null,
  });
  void writes.flush(userId);
  if (options.whenQueued) return options.whenQueued();
  throw new ApiError({
    status: 0,
    code: QUEUED_OFFLINE,
    message: `No connection. “${options.label}” is saved on this phone and will be sent when you are back online (see “waiting to sync” at the top).`,
  });
}

/** The signed-in user's queued writes, live. */
export function useSyncQueue(userId: string) {
  const [writes, setWrites] = useState<QueuedWrite[]>([]);
  useEffect(() => {
    const q = getQueue();
    if (!q) return;
    let isCurrent = true;
    const reload = () => {
      void q.list(userId).then((list) => isCurrent && setWrites(list));
    };
    reload();
    const unsubscribe = q.subscribe(reload);
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [userId]);
  const dismiss = useCallback((seq: number) => getQueue()?.dismiss(seq), []);
  const retry = useCallback(() => getQueue()?.retryNow(userId), [userId]);
  return {
    writes,
    waiting: writes.filter((w) => w.state === 'waiting').length,
    conflicts: writes.filter((w) => w.state === 'conflict').length,
    /** Applied, with something the student should know (a tick landed on an item that had moved). */
    notices: writes.filter((w) => w.state === 'notice').length,
    dismiss,
    retry,
  };
}

/** How many of the user's writes have not reached the server (waiting or refused; a notice has). */
export async function unsyncedCount(userId: string): Promise<number> {
  const q = getQueue();
  return q ? (await q.list(userId)).filter((w) => w.state !== 'notice').length : 0;
}

/**
 * Signing out: the page-data copies go (the next person on this device must not see them). The
 * user's queued writes stay, to be sent the next time they sign in here (the sign-out warns first).
 */
export async function clearOfflineCopies(): Promise<void> {
  stopSync();
  forgetLastSynced();
  if (typeof caches !== 'undefined') await caches.delete(API_CACHE).catch(() => false);
}
