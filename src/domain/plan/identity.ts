/**
 * Plan item identity across re-plans (PRODUCT.md C; issue "trust"). The scheduler numbers items by
 * date, kind and position, which is only a provisional name: after a re-plan the same name would
 * point at different work. A stored item keeps its id (and so its calendar UID) for as long as the
 * work it stands for keeps its place in the plan; new work gets a new id; work that leaves the plan
 * takes its id with it. A kept item that moved or changed gets a higher sequence number, which tells
 * a calendar app to update the event rather than add a second one (RFC 5545 §3.8.7.4).
 */
import type { PlanItem } from './scheduler.ts';

export type IdentifiedItem = PlanItem & {
  /** RFC 5545 SEQUENCE: 0 when new, one more each time a re-plan changes the item. */
  sequence: number;
  /** When the item was created or last changed by a re-plan (UTC ISO); null when unknown. */
  changedAt: string | null;
};

/**
 * Which previous item a new one continues: same day, same kind of work, same practice form. Within
 * that, the n-th new item continues the n-th previous one in time order, so a day's second block
 * stays the second block even when the day's times shift.
 */
function slotOf(item: Pick<PlanItem, 'date' | 'kind' | 'form'>): string {
  return `${item.date}|${item.kind}|${item.form ?? ''}`;
}

/** Chronological order; new ids are handed out in it, so they sort like the work they name. */
function byStart(a: Pick<PlanItem, 'date' | 'start' | 'end'>, b: Pick<PlanItem, 'date' | 'start' | 'end'>): number {
  const keyA = `${a.date}T${a.start}-${a.end}`;
  const keyB = `${b.date}T${b.start}-${b.end}`;
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

function isSameWork(a: PlanItem, b: PlanItem): boolean {
  return (
    a.date === b.date &&
    a.start === b.start &&
    a.end === b.end &&
    a.title === b.title &&
    a.minutes === b.minutes &&
    (a.questions ?? null) === (b.questions ?? null)
  );
}

/**
 * Gives the items of a new plan their lasting ids.
 *
 * - `kept`: ids of stored items the new plan carries over as they are (done work); they keep id,
 *   sequence and changedAt.
 * - `previous`: the stored items the new plan replaces (open work from its first day on).
 *
 * Example: the stored plan has two UWorld blocks on 19 December, A at 16:00 and B at 18:00; after a
 * missed day the new plan has blocks at 15:00 and 17:00 that day and a third at 19:00. The 15:00
 * block is A (sequence +1, it moved), the 17:00 block is B (sequence +1), the 19:00 block is new.
 * Returns the items and the ids of previous items that left the plan.
 */
export function carryIdentities(input: {
  items: readonly PlanItem[];
  kept: ReadonlyMap<string, IdentifiedItem>;
  previous: readonly IdentifiedItem[];
  newId: () => string;
  now: string;
}): { items: IdentifiedItem[]; removedIds: string[] } {
  const open = new Map<string, IdentifiedItem[]>();
  for (const item of [...input.previous].sort(byStart)) {
    if (input.kept.has(item.id)) continue;
    const slot = slotOf(item);
    const list = open.get(slot);
    if (list) list.push(item);
    else open.set(slot, [item]);
  }
  const fresh = input.items.filter((item) => !input.kept.has(item.id));
  const freshSorted = [...fresh].sort(byStart);
  const assigned = new Map<PlanItem, IdentifiedItem>();
  for (const item of freshSorted) {
    const predecessor = open.get(slotOf(item))?.shift();
    if (!predecessor) {
      assigned.set(item, { ...item, id: input.newId(), sequence: 0, changedAt: input.now });
    } else if (isSameWork(predecessor, item)) {
      assigned.set(item, {
        ...item,
        id: predecessor.id,
        sequence: predecessor.sequence,
        changedAt: predecessor.changedAt,
      });
    } else {
      assigned.set(item, { ...item, id: predecessor.id, sequence: predecessor.sequence + 1, changedAt: input.now });
    }
  }
  const items = input.items.map((item) => input.kept.get(item.id) ?? assigned.get(item)!);
  const removedIds = [...open.values()].flat().map((item) => item.id);
  return { items, removedIds };
}
