import { describe, expect, it } from 'vitest';
import { describeForecastDays } from './journal-labels.ts';

describe('the review forecast in words', () => {
  it('names each day as the calendar does, never as a raw date ("12-08")', () => {
    // Given reviews due on Tuesday 8 and Wednesday 9 December 2026
    const text = describeForecastDays([
      { date: '2026-12-08', count: 12 },
      { date: '2026-12-09', count: 7 },
    ]);
    // Then the days read "Tue, Dec 8", like the plan's week
    expect(text).toBe('Tue, Dec 8: 12 · Wed, Dec 9: 7');
    expect(text).not.toMatch(/\d{2}-\d{2}/);
  });

  it('is empty with nothing due, so the page can say "nothing scheduled"', () => {
    expect(describeForecastDays([])).toBe('');
  });
});
