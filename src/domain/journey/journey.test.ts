import { describe, expect, it } from 'vitest';
import { deriveJourney, STAGES, type JourneyFacts } from './journey.ts';

const facts = (f: Partial<JourneyFacts>): JourneyFacts => ({
  hasProfile: false,
  hasPostmortem: false,
  hasPlan: false,
  missedItems: 0,
  blocksLogged: 0,
  predictiveExams: 0,
  verdict: null,
  hasDelayOffer: false,
  isHelpPromptDue: false,
  isExamPast: false,
  ...f,
});
const prepared = { hasProfile: true, hasPostmortem: true, hasPlan: true };
const ALL_FACTS = [
  facts({}),
  facts({ hasProfile: true }),
  facts({ hasProfile: true, hasPostmortem: true }),
  facts({ hasProfile: true, hasPostmortem: true, hasPlan: true }),
  facts({ hasProfile: true, hasPostmortem: true, hasPlan: true, missedItems: 3 }),
];

describe('journey', () => {
  it('has the nine stages in order', () => {
    expect(STAGES.map((s) => s.id)).toEqual([
      'fail-recorded',
      'postmortem',
      'causes',
      'plan',
      'dedicated',
      'benchmarks',
      'remediate',
      'readiness',
      'exam',
    ]);
  });

  it('starts a new student at stage 1 with the profile as the one next action', () => {
    const journey = deriveJourney(facts({}));
    expect(journey.current).toBe('fail-recorded');
    expect(journey.stages[0]?.status).toBe('current');
    expect(journey.stages.slice(1).every((s) => s.status === 'upcoming')).toBe(true);
    expect(journey.nextAction.href).toBe('/profile');
  });

  it('moves to the postmortem once the profile exists, marking stage 1 done', () => {
    const journey = deriveJourney(facts({ hasProfile: true }));
    expect(journey.current).toBe('postmortem');
    expect(journey.stages[0]?.status).toBe('done');
    expect(journey.stages[1]?.status).toBe('current');
  });

  it('links every next action to a screen of the app', () => {
    for (const f of ALL_FACTS) {
      const journey = deriveJourney(f);
      const linked = journey.stages.filter((s) => s.href !== null).map((s) => s.href);
      expect(linked).toContain(journey.nextAction.href);
      expect(journey.stages.every((s) => s.isAvailable && s.href !== null)).toBe(true);
    }
  });

  it('has exactly one current stage', () => {
    for (const f of ALL_FACTS) {
      expect(deriveJourney(f).stages.filter((s) => s.status === 'current')).toHaveLength(1);
    }
  });

  it('moves through postmortem and plan to dedicated prep as the data arrives', () => {
    expect(deriveJourney(facts({ hasProfile: true, hasPostmortem: true })).current).toBe('plan');
    const prep = deriveJourney(facts({ hasProfile: true, hasPostmortem: true, hasPlan: true }));
    expect(prep.current).toBe('dedicated');
    expect(prep.stages.slice(0, 4).every((s) => s.status === 'done')).toBe(true);
    expect(prep.nextAction.href).toBe('/plan');
  });

  it('offers a re-plan as the next action when planned days were missed', () => {
    const journey = deriveJourney(facts({ hasProfile: true, hasPostmortem: true, hasPlan: true, missedItems: 3 }));
    expect(journey.nextAction.label).toMatch(/Re-plan/);
    expect(journey.nextAction.detail).toMatch(/3 planned items/);
  });

  it('keeps dedicated prep and benchmarks open on day 3, far from the exam, however much is logged', () => {
    for (const verdict of ['on-track', 'off-track', null] as const) {
      const early = deriveJourney(facts({ ...prepared, blocksLogged: 3, predictiveExams: 2, verdict }));
      expect(early.current).toBe('dedicated');
      expect(early.stages.find((s) => s.id === 'benchmarks')!.status).toBe('upcoming');
    }
  });

  it('never offers the delay decision on an on track / off track verdict', () => {
    const journey = deriveJourney(
      facts({ ...prepared, blocksLogged: 3, predictiveExams: 2, verdict: 'off-track', hasDelayOffer: true }),
    );
    expect(journey.nextAction.label).not.toMatch(/delay/i);
  });

  it('walks through benchmarks, remediation and readiness as the evidence arrives', () => {
    expect(deriveJourney(facts({ ...prepared, blocksLogged: 3, verdict: 'not-ready' })).current).toBe('benchmarks');
    const behind = deriveJourney(facts({ ...prepared, blocksLogged: 3, predictiveExams: 2, verdict: 'delay' }));
    expect(behind.current).toBe('remediate');
    expect(behind.nextAction.href).toBe('/evidence/weak-areas');
    const ready = deriveJourney(facts({ ...prepared, blocksLogged: 3, predictiveExams: 5, verdict: 'proceed' }));
    expect(ready.current).toBe('exam');
    expect(ready.stages.slice(0, 8).every((s) => s.status === 'done')).toBe(true);
  });

  it('after exam day asks for the real result (stage 9), and is done only once it is recorded', () => {
    const sat = deriveJourney(facts({ ...prepared, blocksLogged: 3, missedItems: 12, isExamPast: true }));
    expect(sat.current).toBe('exam');
    expect(sat.stages.slice(0, 8).every((s) => s.status === 'done')).toBe(true);
    expect(sat.stages[8]).toMatchObject({ status: 'current', href: '/evidence#outcome' });
    expect(sat.nextAction).toMatchObject({ label: 'Record your Step 2 CK result', href: '/evidence#outcome' });
    const recorded = deriveJourney(facts({ ...prepared, blocksLogged: 3, isExamPast: true, hasOutcome: true }));
    expect(recorded.stages.every((s) => s.status === 'done')).toBe(true);
    expect(recorded.nextAction.href).toBe('/evidence#outcome');
    expect(
      deriveJourney(facts({ ...prepared, verdict: 'proceed', predictiveExams: 2, blocksLogged: 3 })).stages[8],
    ).toMatchObject({ status: 'current', href: '/plan' });
  });

  it('asks for a decision on a proposed delay before anything else but help', () => {
    const journey = deriveJourney(
      facts({
        ...prepared,
        blocksLogged: 3,
        predictiveExams: 2,
        verdict: 'delay',
        hasDelayOffer: true,
        missedItems: 4,
      }),
    );
    expect(journey.nextAction.label).toMatch(/delay/);
  });

  it('puts reaching out for support first when check-ins stay bad', () => {
    const journey = deriveJourney(
      facts({
        ...prepared,
        isHelpPromptDue: true,
        missedItems: 2,
        hasDelayOffer: true,
        predictiveExams: 2,
        verdict: 'delay',
      }),
    );
    expect(journey.nextAction.href).toBe('/evidence/wellbeing');
  });

  it('never marks readiness done without a proceed verdict', () => {
    for (const verdict of ['delay', 'not-ready', null] as const) {
      const journey = deriveJourney(facts({ ...prepared, blocksLogged: 9, predictiveExams: 9, verdict }));
      expect(journey.stages.find((s) => s.id === 'readiness')?.status).not.toBe('done');
    }
  });
});
