import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  createWriteQueue,
  openOfflineDb,
  type NewWrite,
  type QueuedWrite,
  type SendOutcome,
} from './queue.ts';

let dbCounter = 0;

/** A queue on a fresh fake IndexedDB, a scripted server and a hand-driven timer. */
function setUp(script: (write: QueuedWrite, attempt: number) => SendOutcome) {
  const sent: QueuedWrite[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const attempts = new Map<string, number>();
  const db = openOfflineDb(`test-offline-${++dbCounter}`);
  const queue = createWriteQueue({
    db,
    now: () => new Date('2026-12-01T09:00:00.000Z'),
    send: async (write) => {
      const attempt = (attempts.get(write.key) ?? 0) + 1;
      attempts.set(write.key, attempt);
      const outcome = script(write, attempt);
      if (outcome.kind === 'sent') sent.push(write);
      return outcome;
    },
    setTimer: (run, ms) => {
      const timer = { run, ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      const index = timers.indexOf(handle as (typeof timers)[number]);
      if (index >= 0) timers.splice(index, 1);
    },
  });
  return { queue, sent, timers, db };
}

const write = (n: number, overrides: Partial<NewWrite> = {}): NewWrite => ({
  key: `0193a5e2-7c1d-7f3a-9b2e-${String(n).padStart(12, '0')}`,
  userId: 'student-1',
  method: 'POST',
  path: '/api/evidence/blocks',
  body: { questions: 40, correct: 20 + n },
  label: `Block ${n}`,
  ...overrides,
});

describe('offline write queue', () => {
  it('keeps writes in IndexedDB with their key and sends them in the order they were made', async () => {
    let online = false;
    const { queue, sent, db } = setUp(() => (online ? { kind: 'sent' } : { kind: 'retry' }));
    for (const n of [1, 2, 3]) await queue.add(write(n));
    await queue.flush('student-1');
    expect(sent).toEqual([]);
    // Still there after the page is gone: a new queue over the same database sees them.
    const stored = await (await db).getAll('writes');
    expect(stored.map((w) => w.key)).toEqual([write(1).key, write(2).key, write(3).key]);
    online = true;
    await queue.retryNow('student-1');
    expect(sent.map((w) => w.label)).toEqual(['Block 1', 'Block 2', 'Block 3']);
    expect(await queue.list('student-1')).toEqual([]);
  });

  it('sends the same key on every retry of one write', async () => {
    const { queue, sent, timers } = setUp((_w, attempt) => (attempt < 3 ? { kind: 'retry' } : { kind: 'sent' }));
    await queue.add(write(1));
    await queue.flush('student-1');
    expect(timers).toHaveLength(1);
    timers.shift()!.run();
    await queue.flush('student-1');
    expect(sent).toHaveLength(0);
    timers.shift()!.run();
    await queue.flush('student-1');
    expect(sent.map((w) => w.key)).toEqual([write(1).key]);
  });

  it('stops at a write that must wait, so later writes never overtake it', async () => {
    const { queue, sent } = setUp((w) => (w.label === 'Block 1' ? { kind: 'retry' } : { kind: 'sent' }));
    await queue.add(write(1));
    await queue.add(write(2));
    await queue.flush('student-1');
    expect(sent).toEqual([]);
    expect((await queue.list('student-1')).map((w) => w.attempts)).toEqual([1, 0]);
  });

  it('keeps a refused write as a conflict with the server’s message, and goes on with the next', async () => {
    const { queue, sent } = setUp((w) =>
      w.label === 'Tick'
        ? { kind: 'refused', status: 409, code: 'PLAN_CHANGED', message: 'Your plan was just re-made.' }
        : { kind: 'sent' },
    );
    await queue.add(write(1, { label: 'Tick', path: '/api/plan/items/x' }));
    await queue.add(write(2));
    await queue.flush('student-1');
    expect(sent.map((w) => w.label)).toEqual(['Block 2']);
    const [conflict] = await queue.list('student-1');
    expect(conflict).toMatchObject({
      state: 'conflict',
      problem: { status: 409, code: 'PLAN_CHANGED', message: 'Your plan was just re-made.' },
    });
    // Never sent again by itself, and gone only when the student dismisses it.
    await queue.retryNow('student-1');
    expect(sent).toHaveLength(1);
    await queue.dismiss(conflict!.seq);
    expect(await queue.list('student-1')).toEqual([]);
  });

  it('keeps a write applied with a note as a notice, with its context, never sent again, until dismissed', async () => {
    const { queue, sent } = setUp((w) =>
      w.label === 'Tick' ? { kind: 'sent', note: 'Recorded as done; it had moved.' } : { kind: 'sent' },
    );
    const context = {
      kind: 'plan-tick' as const,
      itemId: 'x',
      date: '2028-04-04',
      start: '07:30',
      title: 'New questions · 20 q',
      status: 'done' as const,
    };
    await queue.add(write(1, { label: 'Tick', path: '/api/plan/items/x', context }));
    await queue.add(write(2));
    await queue.flush('student-1');
    expect(sent.map((w) => w.label)).toEqual(['Tick', 'Block 2']);
    const [notice] = await queue.list('student-1');
    expect(notice).toMatchObject({
      state: 'notice',
      context,
      problem: { status: 200, code: 'APPLIED', message: 'Recorded as done; it had moved.' },
    });
    await queue.retryNow('student-1');
    expect(sent).toHaveLength(2);
    await queue.dismiss(notice!.seq);
    expect(await queue.list('student-1')).toEqual([]);
  });

  it('keeps writes after a 401 without retrying, until the user signs in again', async () => {
    let signedIn = false;
    const { queue, sent, timers } = setUp(() => (signedIn ? { kind: 'sent' } : { kind: 'signed-out' }));
    await queue.add(write(1));
    await queue.flush('student-1');
    expect(timers).toHaveLength(0);
    expect(await queue.list('student-1')).toHaveLength(1);
    signedIn = true;
    await queue.retryNow('student-1');
    expect(sent).toHaveLength(1);
  });

  it('sends only the signed-in user’s writes', async () => {
    const { queue, sent } = setUp(() => ({ kind: 'sent' }));
    await queue.add(write(1, { userId: 'student-2' }));
    await queue.add(write(2));
    await queue.flush('student-1');
    expect(sent.map((w) => w.userId)).toEqual(['student-1']);
    expect(await queue.list('student-2')).toHaveLength(1);
  });

  it('does not queue a second identical write while the first waits (dedupe)', async () => {
    const { queue } = setUp(() => ({ kind: 'retry' }));
    const first = await queue.add(write(1, { dedupe: 'review:e1' }));
    const second = await queue.add(write(2, { dedupe: 'review:e1' }));
    expect(second.seq).toBe(first.seq);
    expect(await queue.list('student-1')).toHaveLength(1);
  });

  it('treats a send that throws as a network failure (retry later)', async () => {
    const { queue, timers } = setUp(() => {
      throw new TypeError('Failed to fetch');
    });
    await queue.add(write(1));
    await queue.flush('student-1');
    expect(timers).toHaveLength(1);
    expect(await queue.list('student-1')).toHaveLength(1);
  });

  it('backs off 2 s, 4 s, 8 s … up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map(backoffMs)).toEqual([
      2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('shares one run between concurrent flushes and picks up a write added meanwhile', async () => {
    const { queue, sent } = setUp(() => ({ kind: 'sent' }));
    await queue.add(write(1));
    const a = queue.flush('student-1');
    await queue.add(write(2));
    const b = queue.flush('student-1');
    await Promise.all([a, b]);
    expect(sent.map((w) => w.label)).toEqual(['Block 1', 'Block 2']);
  });

  it('never sends a user’s writes after another user signs in mid-run (the run stops, theirs starts)', async () => {
    const sent: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => {};
    const firstSendStarted = new Promise<void>((resolve) => (started = resolve));
    const queue = createWriteQueue({
      db: openOfflineDb(`test-offline-${++dbCounter}`),
      now: () => new Date('2026-12-01T09:00:00.000Z'),
      send: async (w) => {
        if (w.label === 'Block 1') {
          started();
          await gate; // slow network: the first send is still out
        }
        sent.push(`${w.userId}: ${w.label}`);
        return { kind: 'sent' };
      },
      setTimer: () => 0,
      clearTimer: () => {},
    });
    await queue.add(write(1));
    await queue.add(write(2));
    await queue.add(write(3, { userId: 'student-2' }));
    const first = queue.flush('student-1');
    await firstSendStarted;
    queue.stop(); // student-1 signs out…
    const second = queue.retryNow('student-2'); // …and student-2 signs in on this device
    release();
    await Promise.all([first, second]);
    expect(sent).toEqual(['student-1: Block 1', 'student-2: Block 3']);
    expect((await queue.list('student-1')).map((w) => w.label)).toEqual(['Block 2']);
  });
});
