import { describe, expect, it } from 'vitest';
import { countEndurance } from './endurance.ts';
import { hasReadinessVerdict, offersDelay } from './verdict-timing.ts';

describe('countEndurance', () => {
  it('counts timed blocks only, and plan block items up to today only', () => {
    const counts = countEndurance({
      blocks: [{ mode: 'timed' }, { mode: 'tutor' }, { mode: 'timed' }],
      planItems: [
        { kind: 'qbank-block', date: '2027-02-09' },
        { kind: 'second-pass-block', date: '2027-02-10' },
        { kind: 'qbank-block', date: '2027-02-11' },
        { kind: 'practice-exam', date: '2027-02-10' },
        { kind: 'full-length', date: '2027-02-08' },
      ],
      fullLengthDone: ['2027-02-08'],
      fullLengthPlanned: ['2027-02-08', '2027-02-22'],
      today: '2027-02-10',
    });
    expect(counts).toEqual({
      timedBlocksDone: 2,
      timedBlocksPlanned: 2,
      fullLengthDone: ['2027-02-08'],
      fullLengthPlanned: ['2027-02-08', '2027-02-22'],
    });
  });

  it('counts nothing planned on a plan that starts tomorrow', () => {
    const counts = countEndurance({
      blocks: [],
      planItems: [{ kind: 'qbank-block', date: '2027-02-11' }],
      fullLengthDone: [],
      fullLengthPlanned: [],
      today: '2027-02-10',
    });
    expect(counts.timedBlocksPlanned).toBe(0);
    expect(counts.timedBlocksDone).toBe(0);
  });
});

describe('hasReadinessVerdict', () => {
  it('gives a verdict up to the day before the exam, not on exam day or after it', () => {
    expect(hasReadinessVerdict({ examDate: '2027-03-01', today: '2027-02-28' })).toBe(true);
    expect(hasReadinessVerdict({ examDate: '2027-03-01', today: '2027-03-01' })).toBe(false);
    expect(hasReadinessVerdict({ examDate: '2027-03-01', today: '2027-03-15' })).toBe(false);
  });
});

describe('offersDelay', () => {
  it('offers the delay with a delay or not-ready verdict only', () => {
    expect(offersDelay('delay')).toBe(true);
    expect(offersDelay('not-ready')).toBe(true);
    expect(offersDelay('proceed')).toBe(false);
    expect(offersDelay('on-track')).toBe(false);
    expect(offersDelay('off-track')).toBe(false);
  });
});
