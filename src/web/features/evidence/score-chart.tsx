import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Scatter, XAxis, YAxis } from 'recharts';
import type { ScorePrediction } from '#domain/evidence/predictor.ts';
import { formatLongDate, formatShortDate } from '../../components/dates.ts';
import { formatProbability } from './evidence-labels.ts';
import { buildScoreChartData, dateOfDay, dayNumber, type ScoreChartData } from './score-chart-data.ts';

/* The palette of app.css, as SVG needs literal colours. */
const COLORS = {
  accent: '#0f5c6e',
  accentStrong: '#0a4452',
  band: '#a9cdd5',
  serious: '#a12a2a',
  muted: '#4f5d67',
  grid: '#e0ddd4',
  text: '#1b2830',
} as const;

const AXIS_TICK = { fill: COLORS.muted, fontSize: 12 } as const;
/**
 * The label of a horizontal line, placed where no exam can be: halfway between today and the exam
 * date (every logged exam is on or before today). A white halo keeps it readable on the grid.
 */
function lineLabel({
  text,
  color,
  isBelow,
  atFraction,
}: {
  text: string;
  color: string;
  isBelow: boolean;
  atFraction: number;
}) {
  return function LineLabel(props: { viewBox?: unknown }) {
    const box = props.viewBox as { x?: number; y?: number; width?: number } | undefined;
    if (!box || box.x === undefined || box.y === undefined || box.width === undefined) return <g />;
    return (
      <text
        x={box.x + box.width * atFraction}
        y={isBelow ? box.y + 15 : box.y - 6}
        textAnchor="middle"
        fill={color}
        fontSize={12}
        fontWeight={600}
        stroke="#ffffff"
        strokeWidth={4}
        strokeLinejoin="round"
        paintOrder="stroke"
      >
        {text}
      </text>
    );
  };
}

/** "Nov 24": the axis keeps the year out; the table below has it. */
function formatTick(day: number): string {
  return formatShortDate(dateOfDay(day)).replace(/, \d{4}$/, '');
}

/** One sentence for screen readers: what the chart shows, before the table with every number. */
function describeChart(data: ScoreChartData): string {
  const latest = data.exams[data.exams.length - 1];
  const first = data.exams[0];
  const trend =
    data.exams.length > 1 && first && latest
      ? `from ${first.corrected} on ${formatLongDate(first.date, { withWeekday: false })} to ${latest.corrected} on ${formatLongDate(latest.date, { withWeekday: false })}`
      : latest
        ? `${latest.corrected} on ${formatLongDate(latest.date, { withWeekday: false })}`
        : 'none yet';
  return `Chart of your practice scores by date, corrected for each form's known bias: ${trend}. Predicted score at the exam on ${formatLongDate(dateOfDay(data.examDay), { withWeekday: false })}: ${data.predicted}, 80 % band ${data.low} to ${data.high}. Target line at ${data.target}, passing line at ${data.passing}. The table below lists the same numbers.`;
}

function ChartLegend({ data }: { data: ScoreChartData }) {
  const hasCorrections = data.exams.some((e) => e.isCorrected);
  return (
    <ul className="chart-legend" aria-hidden="true">
      <li>
        <span className="chart-key chart-key--score" />
        Your score{hasCorrections ? ', corrected' : ''}
      </li>
      {hasCorrections ? (
        <li>
          <span className="chart-key chart-key--reported" />
          As reported
        </li>
      ) : null}
      <li>
        <span className="chart-key chart-key--band" />
        Predicted, 80 % band
      </li>
      <li>
        <span className="chart-key chart-key--target" />
        Target {data.target}
      </li>
      <li>
        <span className="chart-key chart-key--passing" />
        Passing {data.passing}
      </li>
      <li>
        <span className="chart-key chart-key--exam" />
        Exam day
      </li>
    </ul>
  );
}

/** The same numbers as the chart, as a table (and the only way to read them exactly). */
function ChartTable({ data, prediction }: { data: ScoreChartData; prediction: ScorePrediction }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="score-table">
        <caption className="visually-hidden">Practice scores by date, and the prediction</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Exam</th>
            <th scope="col">Reported</th>
            <th scope="col">Corrected</th>
            <th scope="col">Weight</th>
          </tr>
        </thead>
        <tbody>
          {data.exams.map((exam) => (
            <tr key={`${exam.date}-${exam.name}`}>
              <td className="num">{formatShortDate(exam.date)}</td>
              <td>{exam.shortName}</td>
              <td className="num">{exam.reportedText}</td>
              <td className="num">{exam.corrected}</td>
              <td className="num">{Math.round(exam.weightShare * 100)} %</td>
            </tr>
          ))}
          <tr className="data-table-prediction">
            <td className="num">{formatShortDate(dateOfDay(data.examDay))}</td>
            <td>Predicted</td>
            <td colSpan={3}>
              {data.predicted}, 80 % band {data.low}–{data.high}; chance of passing{' '}
              {formatProbability(prediction.passProbability)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/**
 * Practice scores over time, by date: each exam's corrected score (and its reported one when the
 * correction changed it), the predicted band at the exam date, the planning target and the passing
 * line. Recharts draws SVG through React, so nothing here needs an inline style sheet (strict CSP).
 */
export function ScoreChart({
  prediction,
  examDate,
  today,
}: {
  prediction: ScorePrediction;
  examDate: string;
  today: string;
}) {
  const data = buildScoreChartData({ prediction, examDate, today });
  const reported = data.exams.filter((e) => e.isCorrected);
  const predictedPoint = [{ day: data.examDay, value: data.predicted }];
  const lastDay = Math.max(dayNumber(today), ...data.exams.map((e) => e.day));
  const labelAt = ((lastDay + data.examDay) / 2 - data.xDomain[0]) / (data.xDomain[1] - data.xDomain[0]);
  return (
    <figure className="score-chart" data-testid="score-chart">
      <div className="score-chart-plot" role="img" aria-label={describeChart(data)}>
        <ComposedChart
          responsive
          className="score-chart-svg"
          style={{ width: '100%', height: '100%' }}
          margin={{ top: 22, right: 22, bottom: 4, left: 0 }}
          accessibilityLayer={false}
          data={data.exams}
        >
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis
            dataKey="day"
            type="number"
            domain={data.xDomain}
            ticks={data.xTicks}
            tickFormatter={formatTick}
            tick={AXIS_TICK}
            interval="preserveStartEnd"
            minTickGap={18}
            stroke={COLORS.grid}
            allowDataOverflow
          />
          <YAxis
            type="number"
            domain={data.yDomain}
            ticks={data.yTicks}
            tick={AXIS_TICK}
            width={36}
            stroke={COLORS.grid}
            allowDataOverflow
          />
          <ReferenceArea
            className="chart-band"
            x1={data.examDay - data.bandHalfWidthDays}
            x2={data.examDay + data.bandHalfWidthDays}
            y1={data.low}
            y2={data.high}
            fill={COLORS.band}
            fillOpacity={0.55}
            stroke={COLORS.accent}
            strokeOpacity={0.5}
            ifOverflow="hidden"
          />
          <ReferenceLine
            className="chart-target"
            y={data.target}
            stroke={COLORS.accent}
            strokeDasharray="6 4"
            strokeWidth={1.5}
            label={lineLabel({
              text: `Target ${data.target}`,
              color: COLORS.accentStrong,
              isBelow: false,
              atFraction: labelAt,
            })}
          />
          <ReferenceLine
            className="chart-passing"
            y={data.passing}
            stroke={COLORS.serious}
            strokeWidth={1.5}
            label={lineLabel({
              text: `Passing ${data.passing}`,
              color: COLORS.serious,
              isBelow: true,
              atFraction: labelAt,
            })}
          />
          <ReferenceLine
            className="chart-exam-day"
            x={data.examDay}
            stroke={COLORS.text}
            strokeDasharray="2 3"
            label={{ value: 'Exam', position: 'top', fill: COLORS.text, fontSize: 12, fontWeight: 600 }}
          />
          {data.todayDay !== null ? (
            <ReferenceLine
              className="chart-today"
              x={data.todayDay}
              stroke={COLORS.muted}
              strokeOpacity={0.6}
              label={{ value: 'Today', position: 'top', fill: COLORS.muted, fontSize: 12 }}
            />
          ) : null}
          {reported.length > 0 ? (
            <Scatter
              className="chart-reported"
              name="As reported"
              data={reported}
              dataKey="reported"
              fill="#ffffff"
              stroke={COLORS.muted}
              strokeWidth={1.5}
              isAnimationActive={false}
            />
          ) : null}
          <Line
            className="chart-scores"
            name="Your score"
            type="linear"
            dataKey="corrected"
            stroke={COLORS.accent}
            strokeWidth={2.5}
            dot={{ r: 4.5, fill: COLORS.accent, stroke: '#ffffff', strokeWidth: 1.5 }}
            isAnimationActive={false}
          />
          <Scatter
            className="chart-predicted"
            name="Predicted"
            data={predictedPoint}
            dataKey="value"
            shape="diamond"
            fill={COLORS.accentStrong}
            isAnimationActive={false}
          />
        </ComposedChart>
      </div>
      <ChartLegend data={data} />
      <figcaption className="small muted chart-caption">
        Scores by the date you took them. The shaded column at your exam date is the 80 % band: the real score should
        land inside it four times out of five.
      </figcaption>
      <details className="chart-details">
        <summary>The numbers behind the chart</summary>
        <ChartTable data={data} prediction={prediction} />
      </details>
    </figure>
  );
}
