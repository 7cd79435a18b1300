import { addDays, daysBetween } from '#domain/common/dates.ts';
import type { ScorePrediction } from '#domain/evidence/predictor.ts';
import { shortFormName } from './evidence-labels.ts';

/** Days since 1970-01-01 for a local date: a plain number axis that no time zone can shift. */
export function dayNumber(localDate: string): number {
  return daysBetween('1970-01-01', localDate);
}

export function dateOfDay(day: number): string {
  return addDays('1970-01-01', Math.round(day));
}

export type ChartExam = {
  day: number;
  date: string;
  name: string;
  /** "NBME 14", "UWSA 2": for the table on a phone. */
  shortName: string;
  /** What the report said, on the 3-digit scale (a Free 120 percent after conversion). */
  reported: number;
  reportedText: string;
  corrected: number;
  isCorrected: boolean;
  weightShare: number;
};

export type ScoreChartData = {
  exams: ChartExam[];
  examDay: number;
  /** Today's day, when it is far enough from the exam for its own line and label; else null. */
  todayDay: number | null;
  predicted: number;
  low: number;
  high: number;
  target: number;
  passing: number;
  xDomain: [number, number];
  xTicks: number[];
  yDomain: [number, number];
  yTicks: number[];
  /** The band is drawn as a narrow column centred on the exam date, this many days each side. */
  bandHalfWidthDays: number;
};

/** Month starts when the chart spans more than ten weeks, Mondays otherwise; both ends kept. */
function dateTicks(from: number, to: number): number[] {
  const ticks: number[] = [];
  const isLong = to - from > 70;
  for (let day = Math.ceil(from); day <= to; day += 1) {
    const date = dateOfDay(day);
    const isTick = isLong ? date.endsWith('-01') : new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
    if (isTick) ticks.push(day);
  }
  return ticks;
}

/**
 * The chart of practice scores over time: each exam at its date with its reported and corrected
 * score, the predicted score with its 80 % band at the exam date, the planning target and the
 * passing line, on axes wide enough to hold them all with a little air.
 */
export function buildScoreChartData({
  prediction,
  examDate,
  today,
}: {
  prediction: ScorePrediction;
  examDate: string;
  today: string;
}): ScoreChartData {
  const exams: ChartExam[] = prediction.exams.map((exam) => ({
    day: dayNumber(exam.date),
    date: exam.date,
    name: exam.name,
    shortName: shortFormName(exam.form),
    reported: Math.round(exam.scaledScore),
    reportedText: exam.form === 'FREE120' ? `${exam.reported} ≈ ${Math.round(exam.scaledScore)}` : exam.reported,
    corrected: Math.round(exam.correctedScore),
    isCorrected: Math.round(exam.correctedScore) !== Math.round(exam.scaledScore),
    weightShare: exam.weightShare,
  }));
  const examDay = dayNumber(examDate);
  const firstDay = Math.min(dayNumber(today), ...exams.map((e) => e.day));
  const span = Math.max(14, examDay - firstDay);
  const padding = Math.max(3, Math.round(span * 0.06));
  const xDomain: [number, number] = [firstDay - padding, examDay + padding];

  const { predicted, low, high, targetScore: target, passingScore: passing } = prediction;
  const values = [low, high, target, passing, ...exams.flatMap((e) => [e.reported, e.corrected])];
  const yMin = Math.max(1, Math.floor((Math.min(...values) - 5) / 10) * 10);
  const yMax = Math.min(300, Math.ceil((Math.max(...values) + 5) / 10) * 10);
  const yTicks: number[] = [];
  for (let y = yMin; y <= yMax; y += 10) yTicks.push(y);

  const todayDay = dayNumber(today);
  return {
    exams,
    examDay,
    todayDay: examDay - todayDay > span * 0.2 ? todayDay : null,
    predicted,
    low,
    high,
    target,
    passing,
    xDomain,
    xTicks: dateTicks(xDomain[0], xDomain[1]),
    yDomain: [yMin, yMax],
    yTicks,
    bandHalfWidthDays: Math.max(1, span * 0.035),
  };
}
