import { useEffect, useMemo, useRef } from 'react';
import { Callout } from '../../components/status.tsx';
import { describeOutcome, tickLabel } from '../../offline/describe.ts';
import type { QueuedWrite } from '../../offline/queue.ts';
import { useSyncQueue } from '../../offline/sync.ts';

/**
 * The plan page's view of its ticks in the offline queue (issue 13): which items have a tick
 * waiting on this phone, and what happened to ticks the plan changed under (a re-plan removed the
 * item, a push-back moved it). When a waiting tick is sent or refused, `onSettled` reloads the plan,
 * so the page shows what the server holds rather than the tap it kept.
 */
export function usePlanTickSync(userId: string, onSettled: () => void) {
  const { writes, dismiss } = useSyncQueue(userId);
  const ticks = useMemo(() => writes.filter((w) => w.context?.kind === 'plan-tick'), [writes]);
  const waitingIds = useMemo(
    () => new Set(ticks.filter((w) => w.state === 'waiting').map((w) => w.context!.itemId)),
    [ticks],
  );
  const outcomes = useMemo(() => ticks.filter((w) => w.state !== 'waiting'), [ticks]);

  const waitingCount = waitingIds.size;
  const previous = useRef(waitingCount);
  const settle = useRef(onSettled);
  settle.current = onSettled;
  useEffect(() => {
    if (waitingCount < previous.current) settle.current();
    previous.current = waitingCount;
  }, [waitingCount]);

  return { waitingIds, outcomes, dismiss };
}

function OutcomeList({ writes, onDismiss }: { writes: readonly QueuedWrite[]; onDismiss: (seq: number) => void }) {
  return (
    <ul className="tick-outcomes">
      {writes.map((write) => (
        <li key={write.seq} className="tick-outcome" data-state={write.state}>
          <span className="tick-outcome-name">{write.context ? tickLabel(write.context) : write.label}</span>
          <span>{describeOutcome(write)}</span>
          <button
            type="button"
            className="button button--quiet button--small sync-dismiss"
            onClick={() => onDismiss(write.seq)}
          >
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Ticks made offline that the plan changed under, each named with what became of it: the refused
 * ones (not recorded) apart from the ones recorded on an item that had moved.
 */
export function TickOutcomes({
  outcomes,
  onDismiss,
}: {
  outcomes: readonly QueuedWrite[];
  onDismiss: (seq: number) => void;
}) {
  const refused = outcomes.filter((w) => w.state === 'conflict');
  const noted = outcomes.filter((w) => w.state === 'notice');
  if (outcomes.length === 0) return null;
  return (
    <div className="tick-outcome-group" data-testid="tick-outcomes">
      {refused.length > 0 ? (
        <Callout
          tone="serious"
          role="status"
          title={
            refused.length === 1
              ? 'A tick made offline was not recorded'
              : `${refused.length} ticks made offline were not recorded`
          }
        >
          <OutcomeList writes={refused} onDismiss={onDismiss} />
        </Callout>
      ) : null}
      {noted.length > 0 ? (
        <Callout
          tone="info"
          role="status"
          title={
            noted.length === 1
              ? 'A tick made offline was recorded on an item that had moved'
              : `${noted.length} ticks made offline were recorded on items that had moved`
          }
        >
          <OutcomeList writes={noted} onDismiss={onDismiss} />
        </Callout>
      ) : null}
    </div>
  );
}
