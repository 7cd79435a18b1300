import { describe, expect, it } from 'vitest';
import { deriveJourney, STAGES, type JourneyFacts } from './journey.ts';

const facts = (f: Partial<JourneyFacts>): JourneyFacts => ({
  hasProfile: false,
  hasPostmortem: false,
  hasPlan: false,
  missedItems: 0,
  ...f,
});
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

  it('never links a next action to a screen that does not exist', () => {
    for (const f of ALL_FACTS) {
      const journey = deriveJourney(f);
      const linked = journey.stages.filter((s) => s.href !== null).map((s) => s.href);
      expect(linked).toContain(journey.nextAction.href);
      expect(journey.stages.filter((s) => !s.isAvailable).every((s) => s.href === null)).toBe(true);
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
});
