import { describe, expect, it } from 'vitest';
import { deriveJourney, STAGES } from './journey.ts';

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
    const journey = deriveJourney({ hasProfile: false });
    expect(journey.current).toBe('fail-recorded');
    expect(journey.stages[0]?.status).toBe('current');
    expect(journey.stages.slice(1).every((s) => s.status === 'upcoming')).toBe(true);
    expect(journey.nextAction.href).toBe('/profile');
  });

  it('moves to the postmortem once the profile exists, marking stage 1 done', () => {
    const journey = deriveJourney({ hasProfile: true });
    expect(journey.current).toBe('postmortem');
    expect(journey.stages[0]?.status).toBe('done');
    expect(journey.stages[1]?.status).toBe('current');
  });

  it('never links a next action to a screen that does not exist', () => {
    for (const facts of [{ hasProfile: false }, { hasProfile: true }]) {
      const journey = deriveJourney(facts);
      const linked = journey.stages.filter((s) => s.href !== null).map((s) => s.href);
      expect(linked).toContain(journey.nextAction.href);
      expect(journey.stages.filter((s) => !s.isAvailable).every((s) => s.href === null)).toBe(true);
    }
  });

  it('has exactly one current stage', () => {
    for (const facts of [{ hasProfile: false }, { hasProfile: true }]) {
      expect(deriveJourney(facts).stages.filter((s) => s.status === 'current')).toHaveLength(1);
    }
  });
});
