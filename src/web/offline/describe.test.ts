import { describe, expect, it } from 'vitest';
import { describeOutcome, formatItemDay, noteOnApplied, tickLabel } from './describe.ts';
import type { QueuedWrite, WriteContext } from './queue.ts';

const context: WriteContext = {
  kind: 'plan-tick',
  itemId: 'item-1',
  date: '2028-04-04',
  start: '08:00',
  title: 'Block review',
  status: 'done',
};
const refusal = (problem: QueuedWrite['problem'], ctx: WriteContext | null = context) =>
  ({ state: 'conflict', problem, context: ctx }) as const;

describe('what happened to a queued write, in words', () => {
  it('names a tick by its item, day and time as the student saw it', () => {
    expect(formatItemDay('2028-04-04')).toBe('Tue, Apr 4');
    expect(tickLabel(context)).toBe('“Block review”, Tue, Apr 4 at 08:00: marked done');
    expect(tickLabel({ ...context, status: null, start: null })).toBe('“Block review”, Tue, Apr 4: unticked');
  });

  it('says a tick on an item a re-plan took out was not recorded, and what to do', () => {
    const text = describeOutcome(
      refusal({
        status: 409,
        code: 'PLAN_CHANGED',
        message: 'Your plan was just re-made.',
        details: { removed: true },
      }),
    );
    expect(text).toMatch(/^Not recorded\. Your plan was re-made .* no longer in it, so nothing was marked\./);
    expect(text).toContain('find it in your plan as it is now and tick it there');
  });

  it('says where a push-back moved an item whose done tick could not be recorded ahead of its day', () => {
    const text = describeOutcome(
      refusal({
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'That day has not come yet. Mark it done once you have done it.',
        details: { item: { id: 'item-1', date: '2028-04-05', start: '08:00' } },
      }),
    );
    expect(text).toContain('moved this item to Wed, Apr 5 at 08:00');
    expect(text).toContain('If you did it, mark it done on Wed, Apr 5.');
  });

  it('falls back to the server’s message when the item did not move, and for other writes', () => {
    const same = { item: { id: 'item-1', date: '2028-04-04', start: '08:00' } };
    expect(
      describeOutcome(refusal({ status: 422, code: 'ITEM_NOT_TICKABLE', message: 'Rest is rest.', details: same })),
    ).toBe('Not recorded. The server said: Rest is rest.');
    expect(describeOutcome(refusal({ status: 400, code: 'VALIDATION_FAILED', message: 'Too many.' }, null))).toBe(
      'Not applied, nothing was saved. The server said: Too many. Enter it again if you still want it.',
    );
  });

  it('notes a tick applied to its item after the item moved, and nothing when it stayed', () => {
    expect(noteOnApplied({ context }, { item: { id: 'item-1', date: '2028-04-05', start: '08:00' } })).toBe(
      'Recorded as done. While it waited to sync, your plan was changed elsewhere (a push-back or a re-plan) and moved this item to Wed, Apr 5 at 08:00; it is marked there, on the same item.',
    );
    expect(noteOnApplied({ context }, { item: { id: 'item-1', date: '2028-04-04', start: '08:00' } })).toBeNull();
    expect(noteOnApplied({ context: null }, { id: 'block-1' })).toBeNull();
    expect(noteOnApplied({ context }, null)).toBeNull();
  });
});
