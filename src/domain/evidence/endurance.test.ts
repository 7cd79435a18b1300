import { describe, expect, it } from 'vitest';
import { countEndurance, describeBlockCounting } from './endurance.ts';
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

describe('describeBlockCounting', () => {
  it('says nothing for a timed block: it counts for everything', () => {
    expect(describeBlockCounting({ mode: 'timed', isPlanBlockTicked: true })).toBeNull();
  });

  it('tells a tutor block what it counts for and that it is not a timed block, as countEndurance does', () => {
    // Given one tutor block logged that ticked the plan's block for today
    const note = describeBlockCounting({ mode: 'tutor', isPlanBlockTicked: true });
    const counts = countEndurance({
      blocks: [{ mode: 'tutor' }],
      planItems: [{ kind: 'qbank-block', date: '2027-02-10' }],
      fullLengthDone: [],
      fullLengthPlanned: [],
      today: '2027-02-10',
    });
    // Then the timed count stays at 0 of 1 planned, and the note says so in words
    expect(counts).toMatchObject({ timedBlocksDone: 0, timedBlocksPlanned: 1 });
    expect(note).toBe(
      'Tutor mode counts toward your bank progress, your % correct and your weak areas, and it ticked off your plan’s block. It does not add to your timed blocks on the evidence page: only timed blocks build the pace and stamina of exam day.',
    );
  });

  it('does not claim a tick that did not happen', () => {
    const note = describeBlockCounting({ mode: 'tutor', isPlanBlockTicked: false })!;
    expect(note).not.toMatch(/ticked/);
    expect(note).toMatch(/does not add to your timed blocks/);
  });
});
