import type { QueuedWrite, WriteContext } from './queue.ts';

/**
 * What happened to a write that did not simply go through, in words for the student (issue 13:
 * "a conflict is shown with what happened to the write, never silently dropped"). A plan tick is
 * described from what the page knew when it was made (`WriteContext`) and what the server says
 * about the item now: removed by a re-plan, moved by a push-back, or still where it was.
 */

/** "Tue, Apr 4": a local date (YYYY-MM-DD) without shifting it across zones. */
export function formatItemDay(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number);
  if (!year || !month || !day) return localDate;
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** "“New questions · 20 q”, Tue, Apr 4 at 07:30": the item as the student saw it. */
export function tickedItemName(context: WriteContext): string {
  return `“${context.title}”, ${formatItemDay(context.date)}${context.start ? ` at ${context.start}` : ''}`;
}

/** The queue's label for a tick: which item, which day, what the tap did. */
export function tickLabel(context: WriteContext): string {
  const what = context.status === null ? 'unticked' : `marked ${context.status}`;
  return `${tickedItemName(context)}: ${what}`;
}

/** The item as the server holds it now, from a tick's answer (`{item}`) or its refusal's details. */
function currentItem(value: unknown): { date: string; start: string | null } | null {
  if (value === null || typeof value !== 'object') return null;
  const item = (value as { item?: unknown }).item;
  if (item === null || typeof item !== 'object') return null;
  const { date, start } = item as { date?: unknown; start?: unknown };
  if (typeof date !== 'string') return null;
  return { date, start: typeof start === 'string' ? start : null };
}

function isTick(write: Pick<QueuedWrite, 'context'>): write is { context: WriteContext } {
  return write.context?.kind === 'plan-tick';
}

/**
 * The note for a write the server applied, or null when nothing worth saying changed: a tick that
 * landed on its item after the plan moved that item to another day says where it is now.
 */
export function noteOnApplied(write: Pick<QueuedWrite, 'context'>, answer: unknown): string | null {
  if (!isTick(write)) return null;
  const now = currentItem(answer);
  if (!now || now.date === write.context.date) return null;
  const what = write.context.status === null ? 'The tick was cleared' : `Recorded as ${write.context.status}`;
  return `${what}. While it waited to sync, your plan was changed elsewhere (a push-back or a re-plan) and moved this item to ${formatItemDay(now.date)}${now.start ? ` at ${now.start}` : ''}; it is marked there, on the same item.`;
}

/** The text for a write the server refused (a conflict) or applied with a note (a notice). */
export function describeOutcome(write: Pick<QueuedWrite, 'state' | 'problem' | 'context'>): string {
  const problem = write.problem;
  if (!problem) return '';
  if (write.state === 'notice') return problem.message;
  if (isTick(write)) {
    const context = write.context;
    if (problem.code === 'PLAN_CHANGED') {
      return 'Not recorded. Your plan was re-made on another device or in another tab, and this item is no longer in it, so nothing was marked. If you did this work, find it in your plan as it is now and tick it there.';
    }
    if (problem.code === 'NOT_FOUND') {
      return 'Not recorded. This item is no longer in your plan, so nothing was marked. Open the plan to see what is there now.';
    }
    const now = currentItem(problem.details);
    if (now && now.date !== context.date) {
      const day = `${formatItemDay(now.date)}${now.start ? ` at ${now.start}` : ''}`;
      if (problem.code === 'VALIDATION_FAILED' && context.status === 'done') {
        return `Not recorded. While it waited to sync, your plan was changed elsewhere (a push-back or a re-plan) and moved this item to ${day}, and a day that has not come yet cannot be marked done. If you did it, mark it done on ${formatItemDay(now.date)}.`;
      }
      return `Not recorded. Your plan moved this item to ${day} meanwhile. The server said: ${problem.message}`;
    }
    return `Not recorded. The server said: ${problem.message}`;
  }
  if (problem.code === 'PLAN_CHANGED') return `Not applied: ${problem.message}`;
  return `Not applied, nothing was saved. The server said: ${problem.message} Enter it again if you still want it.`;
}
