import { describe, expect, it } from 'vitest';
import { predictScore, type ScorePrediction } from '#domain/evidence/predictor.ts';
import { buildScoreChartData, dateOfDay, dayNumber } from './score-chart-data.ts';

function predict(exams: { form: string; date: string; score?: number; percentCorrect?: number }[]): ScorePrediction {
  const result = predictScore({ exams, examDate: '2027-03-01', targetScore: 245, today: '2027-02-20' });
  if (!result.ok || result.value.status !== 'predicted') throw new Error('expected a prediction');
  return result.value;
}

describe('the score chart’s data', () => {
  it('places dates on a day axis that no time zone shifts', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dateOfDay(dayNumber('2027-03-01'))).toBe('2027-03-01');
  });

  it('plots each exam at its date with the reported and the corrected score, and the band at the exam date', () => {
    const prediction = predict([
      { form: 'NBME13', date: '2027-01-10', score: 236 },
      { form: 'UWSA2', date: '2027-02-01', score: 251 },
      { form: 'FREE120', date: '2027-02-20', percentCorrect: 74 },
    ]);
    const data = buildScoreChartData({ prediction, examDate: '2027-03-01', today: '2027-02-20' });
    expect(data.exams.map((e) => e.date)).toEqual(['2027-01-10', '2027-02-01', '2027-02-20']);
    // UWSA 2 runs 3 points high: 251 reported, 248 corrected.
    expect(data.exams[1]).toMatchObject({ reported: 251, corrected: 248, isCorrected: true });
    expect(data.exams[0]).toMatchObject({ reported: 236, corrected: 236, isCorrected: false, shortName: 'NBME 13' });
    expect(data.exams[2]!.reportedText).toBe('74 % correct ≈ 251');
    expect(data.examDay).toBe(dayNumber('2027-03-01'));
    expect(data.xDomain[0]).toBeLessThan(dayNumber('2027-01-10'));
    expect(data.xDomain[1]).toBeGreaterThan(data.examDay + data.bandHalfWidthDays);
    // The y axis holds the band, the target and the passing line, on round tens.
    expect(data.yDomain[0]).toBeLessThanOrEqual(Math.min(data.low, data.passing));
    expect(data.yDomain[1]).toBeGreaterThanOrEqual(Math.max(data.high, data.target));
    expect(data.yTicks.every((y) => y % 10 === 0)).toBe(true);
    // Seven weeks: a tick each Monday.
    expect(data.xTicks.map(dateOfDay)).toContain('2027-02-01');
    expect(data.xTicks.every((day) => new Date(`${dateOfDay(day)}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
  });

  it('marks today only when it is far enough from the exam date for its own label', () => {
    const prediction = predict([{ form: 'NBME13', date: '2027-01-10', score: 236 }]);
    expect(buildScoreChartData({ prediction, examDate: '2027-03-01', today: '2027-01-20' }).todayDay).toBe(
      dayNumber('2027-01-20'),
    );
    expect(buildScoreChartData({ prediction, examDate: '2027-03-01', today: '2027-02-27' }).todayDay).toBeNull();
  });
});
