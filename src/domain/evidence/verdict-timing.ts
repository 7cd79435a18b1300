/**
 * When the readiness rule speaks, and when its verdict puts a delay on offer. Kept beside the rule
 * (readiness.ts) so the server only asks; decision 012.
 */
import { compareDates, type LocalDate } from '../common/dates.ts';
import type { ReadinessVerdict } from './readiness.ts';

/**
 * A readiness verdict is given only before exam day. On the day itself there is nothing left to
 * decide, and after it the real score (journey stage 9) replaces every estimate.
 *
 * @example hasReadinessVerdict({ examDate: '2027-03-01', today: '2027-02-28' }) === true
 * @example hasReadinessVerdict({ examDate: '2027-03-01', today: '2027-03-01' }) === false
 */
export function hasReadinessVerdict({ examDate, today }: { examDate: LocalDate; today: LocalDate }): boolean {
  return compareDates(examDate, today) > 0;
}

/**
 * A delay is on offer only with a "delay" or "not ready" verdict: never beside on track / off track
 * (decision 012: no rescheduling fee on a trajectory alone) and never beside a proceed.
 */
export function offersDelay(verdict: ReadinessVerdict): boolean {
  return verdict === 'delay' || verdict === 'not-ready';
}
