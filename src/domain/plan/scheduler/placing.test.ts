import { describe, expect, it } from 'vitest';
import { LONG_BREAK_MINUTES, placeStudy, SHORT_BREAK_MINUTES, type Part } from './placing.ts';
import { freeStudyDay } from './test-days.ts';

const freeDay = (capMinutes = 600) => freeStudyDay(capMinutes);

const session: Part[] = [
  { kind: 'qbank-block', title: 'Block', minutes: 30, questions: 20 },
  { kind: 'qbank-review', title: 'Review', minutes: 30 },
];

describe('placing with a human rhythm', () => {
  it('puts a block and its review back to back, 15 minutes between pairs, 45 after 3½ hours', () => {
    const day = freeDay();
    for (let k = 0; k < 5; k++) expect(placeStudy(day, session)).not.toBeNull();
    const starts = day.items.filter((i) => i.kind === 'qbank-block').map((i) => i.start);
    // 08:00, 09:15, 10:30 (a run of 210 minutes to 11:30), then 45 minutes off: 12:15, 13:30.
    expect(starts).toEqual(['08:00', '09:15', '10:30', '12:15', '13:30']);
    expect(day.items.find((i) => i.kind === 'qbank-review')).toMatchObject({ start: '08:30', end: '09:00' });
    expect(SHORT_BREAK_MINUTES).toBe(15);
    expect(LONG_BREAK_MINUTES).toBe(45);
  });

  it('stops at the day cap', () => {
    const day = freeDay(150);
    expect(placeStudy(day, session)).not.toBeNull();
    expect(placeStudy(day, session)).not.toBeNull();
    expect(placeStudy(day, session)).toBeNull();
    expect(day.studyMinutes).toBe(120);
  });

  it('places an exam at its clock when the day allows, whatever the cap', () => {
    const day = freeDay(120);
    const [exam] = placeStudy(day, [{ kind: 'practice-exam', title: 'NBME', minutes: 270 }], {
      at: 8 * 60,
      ignoreCap: true,
    })!;
    expect(exam).toMatchObject({ start: '08:00', end: '12:30' });
  });
});
