import { describe, expect, it } from 'vitest';
import { carryIdentities, type IdentifiedItem } from './identity.ts';
import type { PlanItem } from './scheduler.ts';

function block(id: string, date: string, start: string, end: string, extra: Partial<PlanItem> = {}): PlanItem {
  return { id, date, kind: 'qbank-block', title: 'UWorld block: 40 questions', start, end, minutes: 60, ...extra };
}

function stored(item: PlanItem, sequence = 0): IdentifiedItem {
  return { ...item, sequence, changedAt: '2026-12-01T10:00:00.000Z' };
}

function counter() {
  let n = 0;
  return () => `new-${++n}`;
}

describe('carryIdentities', () => {
  it('keeps the id of work that keeps its place, and its sequence when nothing about it changed', () => {
    // Given a stored block on 19 December at 16:00 and the same block in the new plan
    const previous = [stored(block('a', '2026-12-19', '16:00', '17:00'), 2)];
    const items = [block('tmp-1', '2026-12-19', '16:00', '17:00')];
    // When identities are carried over
    const result = carryIdentities({ items, kept: new Map(), previous, newId: counter(), now: 'now' });
    // Then it is the same item, unchanged
    expect(result.items).toEqual([{ ...items[0], id: 'a', sequence: 2, changedAt: '2026-12-01T10:00:00.000Z' }]);
    expect(result.removedIds).toEqual([]);
  });

  it('matches a moved block to its predecessor, raises its sequence, and gives new work a new id', () => {
    // Given blocks A at 16:00 and B at 18:00; the new plan has blocks at 15:00, 17:00 and 19:00
    const previous = [
      stored(block('B', '2026-12-19', '18:00', '19:00')),
      stored(block('A', '2026-12-19', '16:00', '17:00')),
    ];
    const items = [
      block('t3', '2026-12-19', '19:00', '20:00'),
      block('t1', '2026-12-19', '15:00', '16:00'),
      block('t2', '2026-12-19', '17:00', '18:00'),
    ];
    const result = carryIdentities({ items, kept: new Map(), previous, newId: counter(), now: 'now' });
    // Then order of the plan is kept, 15:00 is A, 17:00 is B, 19:00 is new
    expect(result.items.map((i) => [i.start, i.id, i.sequence, i.changedAt])).toEqual([
      ['19:00', 'new-1', 0, 'now'],
      ['15:00', 'A', 1, 'now'],
      ['17:00', 'B', 1, 'now'],
    ]);
  });

  it('never gives an id to work of another kind, day or practice form', () => {
    const previous = [
      stored(block('a', '2026-12-19', '16:00', '17:00')),
      stored({
        id: 'nbme13',
        date: '2026-12-20',
        kind: 'practice-exam',
        title: 'NBME 13',
        start: '08:00',
        end: '12:30',
        minutes: 270,
        form: 'NBME13',
      }),
    ];
    const items: PlanItem[] = [
      block('t1', '2026-12-20', '16:00', '17:00'),
      { ...block('t2', '2026-12-19', '16:00', '17:00'), kind: 'second-pass-block' },
      {
        id: 't3',
        date: '2026-12-20',
        kind: 'practice-exam',
        title: 'NBME 14',
        start: '08:00',
        end: '12:30',
        minutes: 270,
        form: 'NBME14',
      },
    ];
    const result = carryIdentities({ items, kept: new Map(), previous, newId: counter(), now: 'now' });
    // New ids go out in time order: the 19 December block first
    expect(result.items.map((i) => i.id)).toEqual(['new-3', 'new-1', 'new-2']);
    expect(result.removedIds.sort()).toEqual(['a', 'nbme13']);
  });

  it('leaves kept (done) items exactly as stored and never hands their ids to new work', () => {
    const done = stored(block('done-1', '2026-12-19', '16:00', '17:00'), 3);
    const previousOpen = stored(block('open-1', '2026-12-19', '18:00', '19:00'));
    const items = [block('done-1', '2026-12-19', '16:00', '17:00'), block('t2', '2026-12-19', '17:00', '18:00')];
    const result = carryIdentities({
      items,
      kept: new Map([['done-1', done]]),
      previous: [done, previousOpen],
      newId: counter(),
      now: 'now',
    });
    expect(result.items).toEqual([done, { ...items[1], id: 'open-1', sequence: 1, changedAt: 'now' }]);
    expect(result.removedIds).toEqual([]);
  });

  it('gives every item a distinct id whatever the plans (many days, shuffled)', () => {
    const previous: IdentifiedItem[] = [];
    const items: PlanItem[] = [];
    for (let d = 10; d < 28; d++) {
      const at = (h: number, m: string) => `${String(h).padStart(2, '0')}:${m}`;
      for (let h = 8; h < 8 + (d % 5); h++)
        previous.push(stored(block(`p${d}-${h}`, `2026-12-${d}`, at(h, '00'), at(h, '50'))));
      for (let h = 9; h < 9 + (d % 4); h++) items.push(block(`t${d}-${h}`, `2026-12-${d}`, at(h, '00'), at(h, '50')));
    }
    const result = carryIdentities({ items, kept: new Map(), previous, newId: counter(), now: 'now' });
    const ids = result.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every previous id is either carried or removed, never both
    const carried = new Set(ids.filter((id) => id.startsWith('p')));
    expect(result.removedIds.every((id) => !carried.has(id))).toBe(true);
    expect(carried.size + result.removedIds.length).toBe(previous.length);
  });
});
