import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { PlanItem } from '#domain/plan/scheduler.ts';
import { buildCalendar } from './ics.ts';

const item = (overrides: Partial<PlanItem>): PlanItem => ({
  id: '2026-12-05-qbank-block-1',
  date: '2026-12-05',
  kind: 'qbank-block',
  title: 'Timed block: 40 new questions, 60 minutes',
  start: '17:00',
  end: '18:00',
  minutes: 60,
  ...overrides,
});

describe('iCalendar file', () => {
  it('is read back by an independent parser with the same events, times and text', () => {
    const text = buildCalendar({
      items: [
        item({}),
        item({
          id: 'x-2',
          title: 'Review; commas, backslashes \\ and “quotes” — with accents: é, ü, 日本',
          kind: 'rest',
        }),
        item({ id: 'x-3', title: 'A'.repeat(200) }),
      ],
      timeZone: 'America/Chicago',
      uidDomain: 'u1.comeback.test',
      stamp: new Date('2026-11-24T15:00:00Z'),
    });
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.uid)).toEqual([
      '2026-12-05-qbank-block-1@u1.comeback.test',
      'x-2@u1.comeback.test',
      'x-3@u1.comeback.test',
    ]);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-12-05T23:00:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(events[1]!.summary).toBe('Review; commas, backslashes \\ and “quotes” — with accents: é, ü, 日本');
    expect(events[1]!.description).toMatch(/Rest is part of the plan/);
    expect(events[2]!.summary).toBe('A'.repeat(200));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  });
});
