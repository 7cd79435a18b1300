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

  describe('reminders (RFC 5545 VALARM)', () => {
    const build = (reminder: Parameters<typeof buildCalendar>[0]['reminder'], items = [item({})]) =>
      new ICAL.Component(
        ICAL.parse(
          buildCalendar({
            items,
            timeZone: 'America/Chicago',
            uidDomain: 'u1.comeback.test',
            stamp: new Date('2026-11-24T15:00:00Z'),
            ...(reminder ? { reminder } : {}),
          }),
        ),
      );
    const alarmsOf = (calendar: ICAL.Component) =>
      calendar.getAllSubcomponents('vevent').map((event) => event.getAllSubcomponents('valarm'));
    const triggerOf = (alarm: ICAL.Component) => alarm.getFirstPropertyValue('trigger') as ICAL.Duration;

    it('carries none unless one is chosen', () => {
      expect(alarmsOf(build(undefined)).flat()).toEqual([]);
      expect(alarmsOf(build('none')).flat()).toEqual([]);
    });

    it('puts a display alarm with a negative TRIGGER duration and the event title on every event', () => {
      const [[alarm]] = alarmsOf(build('15-minutes')) as [[ICAL.Component]];
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(alarm.getFirstPropertyValue('description')).toBe('Timed block: 40 new questions, 60 minutes');
      expect(triggerOf(alarm).isNegative).toBe(true);
      expect(triggerOf(alarm).toSeconds()).toBe(-15 * 60);
      expect(triggerOf(alarmsOf(build('1-hour'))[0]![0]!).toSeconds()).toBe(-3600);
    });

    it('rings the evening before at 19:00 on the student’s clock, across a DST change', () => {
      // 17:00 on 2026-12-05 in Chicago: 19:00 the evening before is 22 hours earlier.
      const [[alarm]] = alarmsOf(build('evening-before')) as [[ICAL.Component]];
      expect(triggerOf(alarm).toSeconds()).toBe(-22 * 3600);
      expect(triggerOf(alarm).toString()).toBe('-PT22H');
      // Clocks go back on 2026-11-01 in Chicago: 19:00 on Oct 31 to 08:30 on Nov 1 is 14½ hours.
      const sunday = item({ id: 'dst', date: '2026-11-01', start: '08:30', end: '09:30' });
      const [[dst]] = alarmsOf(build('evening-before', [sunday])) as [[ICAL.Component]];
      expect(triggerOf(dst).toSeconds()).toBe(-(14 * 3600 + 30 * 60));
      expect(triggerOf(dst).toString()).toBe('-PT14H30M');
    });

    it('leaves rest without a reminder', () => {
      const alarms = alarmsOf(build('1-hour', [item({}), item({ id: 'r', kind: 'rest', title: 'Rest' })]));
      expect(alarms.map((a) => a.length)).toEqual([1, 0]);
    });
  });
});
