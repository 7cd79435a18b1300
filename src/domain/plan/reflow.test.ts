import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, daysBetween } from '../common/dates.ts';
import { reflow, type Reflow } from './reflow.ts';
import { type TrackedItem } from './replan.ts';
import { generatePlan } from './scheduler.ts';
import { DEFAULT_PLAN_SETTINGS, dailyCapMinutesOf, minutesOf, type PlanSettings } from './settings.ts';

const START = '2026-12-07'; // a Monday
const EXAM = '2027-02-15';
// A weekday rotation 07:00–17:00 and a Thursday night shift that crosses midnight.
const settings: PlanSettings = {
  ...DEFAULT_PLAN_SETTINGS,
  questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 1500 },
  protectedTime: [
    ...[1, 2, 3, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00', label: 'Rotation' })),
    { weekday: 4, start: '19:00', end: '07:00', label: 'Night shift' },
  ],
};

/** No rotation and a 9-hour cap over the default 40 weekly hours: days with room to take missed work. */
const roomy: PlanSettings = {
  ...DEFAULT_PLAN_SETTINGS,
  questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 1500 },
  dailyCapHours: 9,
};

function trackedPlan(s: PlanSettings = settings): TrackedItem[] {
  const plan = generatePlan({ startDate: START, examDate: EXAM, settings: s });
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value.days.flatMap((d) => d.items.map((i) => ({ ...i, status: null })));
}

function apply(items: readonly TrackedItem[], result: Reflow): TrackedItem[] {
  const at = new Map(result.moved.map((m) => [m.id, m]));
  const removed = new Set(result.removed.map((i) => i.id));
  return items.filter((i) => !removed.has(i.id)).map((i) => ({ ...i, ...at.get(i.id) }));
}

/** The rules every re-flowed plan keeps: no overlaps, nothing in sleep or shifts, the cap on ordinary days. */
function expectRulesKept(items: readonly TrackedItem[], s: PlanSettings = settings) {
  const byDate = new Map<string, TrackedItem[]>();
  for (const i of items) byDate.set(i.date, [...(byDate.get(i.date) ?? []), i]);
  const cap = dailyCapMinutesOf(s);
  for (const [date, list] of byDate) {
    const sorted = [...list].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (let k = 1; k < sorted.length; k++)
      expect(minutesOf(sorted[k]!.start), `${date} overlap`).toBeGreaterThanOrEqual(minutesOf(sorted[k - 1]!.end));
    const study = list.filter((i) => i.kind !== 'rest' && i.kind !== 'exam');
    const heavy = study.some((i) => i.kind === 'practice-exam' || i.kind === 'full-length');
    if (!heavy)
      expect(
        study.reduce((s, i) => s + i.minutes, 0),
        `${date} over the cap`,
      ).toBeLessThanOrEqual(cap);
    for (const i of study) {
      // Sleep 23:00–07:30 (with the half hour after waking) and weekday rotation 07:00–17:30 (with the way home).
      expect(minutesOf(i.start), `${date} ${i.kind} in sleep`).toBeGreaterThanOrEqual(7 * 60 + 30);
      expect(minutesOf(i.end), `${date} ${i.kind} in sleep`).toBeLessThanOrEqual(23 * 60);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (s.protectedTime.length === 0) continue;
      if ([1, 2, 3, 5].includes(weekday)) expect(minutesOf(i.start)).toBeGreaterThanOrEqual(17 * 60 + 30);
      if (weekday === 4) expect(minutesOf(i.end)).toBeLessThanOrEqual(19 * 60);
    }
  }
}

describe('push everything back a day', () => {
  it('moves today’s open work and later one day on, keeping ids, the rules and each deep review after its exam', () => {
    const items = trackedPlan();
    const today = addDays(START, 5); // a Saturday
    const result = reflow({ today, examDate: EXAM, settings, items, mode: { kind: 'push-back' } });
    if (!result.ok) throw new Error(result.error.message);
    const after = apply(items, result.value);
    // Nothing is on today any more but what does not move (rest, journal slots)
    expect(after.filter((i) => i.date === today && i.kind !== 'rest')).toEqual([]);
    // Every moved item keeps its id and moves later, never earlier
    const before = new Map(items.map((i) => [i.id, i]));
    for (const m of result.value.moved) expect(compareDates(m.date, before.get(m.id)!.date)).toBeGreaterThan(0);
    expect(result.value.moved.length).toBeGreaterThan(20);
    expectRulesKept(after);
    for (const exam of after.filter((i) => i.kind === 'practice-exam'))
      for (const review of after.filter((i) => i.kind === 'deep-review' && i.form === exam.form))
        expect(compareDates(review.date, exam.date)).toBeGreaterThan(0);
    // The past is untouched
    for (const i of after.filter((x) => compareDates(x.date, today) < 0)) expect(i).toEqual(before.get(i.id));
  });

  it('starts from yesterday when yesterday was missed: its work lands today', () => {
    const items = trackedPlan();
    const today = addDays(START, 6); // Sunday; Saturday's work was not ticked
    const saturday = items.filter((i) => i.date === addDays(today, -1) && i.kind !== 'rest');
    expect(saturday.length).toBeGreaterThan(0);
    const result = reflow({ today, examDate: EXAM, settings, items, mode: { kind: 'push-back' } });
    if (!result.ok) throw new Error(result.error.message);
    const moved = new Map(result.value.moved.map((m) => [m.id, m]));
    for (const i of saturday) expect(compareDates(moved.get(i.id)!.date, today)).toBeGreaterThanOrEqual(0);
  });
});

describe('spread what I missed over the next N days', () => {
  it('puts the missed work into the least-loaded of the next 3 days, within the rules; nothing else moves', () => {
    const items = trackedPlan(roomy);
    const today = addDays(START, 3);
    // Monday was done; Tuesday and Wednesday were missed
    const marked = items.map((i) =>
      compareDates(i.date, addDays(today, -2)) < 0 && i.kind !== 'rest' ? { ...i, status: 'done' as const } : i,
    );
    const missed = marked.filter((i) => compareDates(i.date, today) < 0 && i.status === null && i.kind !== 'rest');
    expect(missed.length).toBeGreaterThan(0);
    const mode = { kind: 'spread' as const, days: 3 };
    const result = reflow({ today, examDate: EXAM, settings: roomy, items: marked, mode });
    if (!result.ok) throw new Error(result.error.message);
    const movedIds = new Set(result.value.moved.map((m) => m.id));
    expect(movedIds.size).toBeGreaterThan(0);
    for (const m of result.value.moved) {
      expect(daysBetween(today, m.date)).toBeGreaterThanOrEqual(0);
      expect(daysBetween(today, m.date)).toBeLessThan(3);
    }
    // Exactly the missed work moved (what found no room stays missed, and is said)
    expect([...movedIds].sort()).toEqual(
      missed
        .filter((i) => !result.value.notPlaced.includes(i))
        .map((i) => i.id)
        .sort(),
    );
    expect(result.value.moved.length + result.value.notPlaced.length).toBe(missed.length);
    const after = apply(marked, result.value);
    expectRulesKept(after, roomy);
    // Spread, not dumped: more than one of the three days took some
    expect(new Set(result.value.moved.map((m) => m.date)).size).toBeGreaterThan(1);
  });

  it('a tight rotation week says what it could not place: it stays missed where it was', () => {
    const items = trackedPlan();
    const today = addDays(START, 3);
    // Thursday (night shift: 4 h cap, full), Friday (blocked), Saturday (post-call: 2 h, full)
    const result = reflow({ today, examDate: EXAM, settings, items, mode: { kind: 'spread', days: 3 } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.moved).toEqual([]);
    expect(result.value.notPlaced.length).toBeGreaterThan(0);
  });

  it('refuses a window outside 1 to 7 days with a field message', () => {
    const result = reflow({ today: START, examDate: EXAM, settings, items: [], mode: { kind: 'spread', days: 8 } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fields).toEqual({ days: 'Choose between 1 and 7 days.' });
  });

  it('keeps the rules for any missed days and any window (property)', () => {
    const items = trackedPlan();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), (offset, n, push) => {
        const today = addDays(START, offset);
        const result = reflow({
          today,
          examDate: EXAM,
          settings,
          items,
          mode: push ? { kind: 'push-back' } : { kind: 'spread', days: n },
        });
        if (!result.ok) throw new Error(result.error.message);
        const after = apply(items, result.value);
        expectRulesKept(after);
        for (const m of result.value.moved) expect(compareDates(m.date, today)).toBeGreaterThanOrEqual(0);
        expect(new Set(after.map((i) => i.id)).size).toBe(after.length);
      }),
      { numRuns: 25 },
    );
  });
});
