/**
 * `npx comeback <command>`: the domain rules outside the web app, JSON in on stdin, JSON out on
 * stdout. Bad input: a message on stderr and exit code 2. Documented in docs/cli.md.
 */
import { z } from 'zod';
import { predictScore } from '#domain/evidence/predictor.ts';
import { assessReadiness } from '#domain/evidence/readiness.ts';
import { evaluatePredictor } from '#domain/evidence/evaluation.ts';
import { daysBetween } from '#domain/common/dates.ts';
import { checkWaysOut, generatePlan } from '#domain/plan/scheduler.ts';
import { MAX_YEARS_AHEAD } from '#domain/risk/profile.ts';
import { DEFAULT_PLAN_SETTINGS } from '#domain/plan/settings.ts';
import { localDateSchema, timeZoneSchema } from '#shared/contracts/common.ts';
import { fieldErrorsFrom } from '#shared/contracts/errors.ts';
import { predictInputSchema, readinessInputSchema, type PredictOutput } from '#shared/contracts/evidence.ts';
import { planSettingsSchema } from '#shared/contracts/plan.ts';
import { parsePairsCsv } from './evaluate-csv.ts';
import { runReview } from './review.ts';
import { runStoryCheck } from './story-check.ts';

export type CliResult = { code: number; stdout: string; stderr: string };

const planInputSchema = z.strictObject({
  startDate: localDateSchema('the start date').optional(),
  timeZone: timeZoneSchema.optional(),
  examDate: localDateSchema('the exam date'),
  settings: z.record(z.string(), z.unknown()).optional(),
});

function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function badInput(message: string, fields?: Record<string, string>): CliResult {
  const lines = [message, ...Object.entries(fields ?? {}).map(([path, text]) => `  ${path}: ${text}`)];
  return { code: 2, stdout: '', stderr: `${lines.join('\n')}\n` };
}

function runPlan(input: unknown, now: Date): CliResult {
  const parsed = planInputSchema.safeParse(input);
  if (!parsed.success) return badInput('The input is not a valid plan request.', fieldErrorsFrom(parsed.error));
  const settings = planSettingsSchema.safeParse({ ...DEFAULT_PLAN_SETTINGS, ...parsed.data.settings });
  if (!settings.success) {
    const fields = Object.fromEntries(
      Object.entries(fieldErrorsFrom(settings.error)).map(([k, v]) => [`settings.${k}`, v]),
    );
    return badInput('Some plan settings need fixing.', fields);
  }
  const startDate = parsed.data.startDate ?? todayIn(parsed.data.timeZone ?? 'UTC', now);
  if (daysBetween(startDate, parsed.data.examDate) > 365 * MAX_YEARS_AHEAD) {
    return badInput(`The exam date is more than ${MAX_YEARS_AHEAD} years after the start date.`, {
      examDate: `Choose an exam date within ${MAX_YEARS_AHEAD} years.`,
    });
  }
  const planInput = { startDate, examDate: parsed.data.examDate, settings: settings.data };
  const plan = generatePlan(planInput);
  if (!plan.ok) return badInput(`${plan.error.code}: ${plan.error.message}`, plan.error.fields);
  // The same checked ways out the web app stores: each one offered removes its shortfall.
  return { code: 0, stdout: `${JSON.stringify(checkWaysOut(planInput, plan.value), null, 2)}\n`, stderr: '' };
}

function printJson(value: unknown): CliResult {
  return { code: 0, stdout: `${JSON.stringify(value, null, 2)}\n`, stderr: '' };
}

function runPredict(input: unknown): CliResult {
  const parsed = predictInputSchema.safeParse(input);
  if (!parsed.success) return badInput('The input is not a valid prediction request.', fieldErrorsFrom(parsed.error));
  const prediction = predictScore(parsed.data);
  if (!prediction.ok) return badInput(`${prediction.error.code}: ${prediction.error.message}`, prediction.error.fields);
  const value = prediction.value;
  // No practice exam: no number to print. Say what to take first, as a refusal (exit 2).
  if (value.status === 'no-evidence') return { code: 2, stdout: '', stderr: `${value.explanation.join('\n')}\n` };
  // The documented keys (PredictOutput), the trajectory last (added by issue 10).
  const output: PredictOutput = {
    predicted: value.predicted,
    low: value.low,
    high: value.high,
    level: value.level,
    passProbability: value.passProbability,
    targetProbability: value.targetProbability,
    explanation: value.explanation,
    currentLevel: value.currentLevel,
    trend: value.trend,
    neededPointsPerWeek: value.neededPointsPerWeek,
    warning: value.warning,
  };
  return printJson(output);
}

function runReadiness(input: unknown, now: Date): CliResult {
  const parsed = readinessInputSchema.safeParse(input);
  if (!parsed.success) return badInput('The input is not a valid readiness request.', fieldErrorsFrom(parsed.error));
  const today = parsed.data.today ?? todayIn('UTC', now);
  const assessed = assessReadiness({ ...parsed.data, today });
  if (!assessed.ok) return badInput(`${assessed.error.code}: ${assessed.error.message}`, assessed.error.fields);
  const a = assessed.value;
  return printJson({
    verdict: a.verdict,
    headline: a.headline,
    reasons: a.reasons,
    passingScore: a.passingScore,
    targetScore: a.targetScore,
    pointsShort: a.pointsShort,
    recentExams: a.recentExams.map(({ form, date, reported, score, isFirstSitting }) => ({
      form,
      date,
      reported,
      score,
      isFirstSitting,
    })),
    notes: a.skipped.map((s) => s.reason),
    phase: a.phase,
    daysToExam: a.daysToExam,
    decisionOpensOn: a.decisionOpensOn,
    holdsUntil: a.holdsUntil,
    trajectory: a.trajectory,
  });
}

function runEvaluate(stdin: string): CliResult {
  const { pairs, problems } = parsePairsCsv(stdin);
  if (problems.length > 0)
    return badInput(
      'The input is not a valid evaluation file (docs/cli.md).',
      Object.fromEntries(problems.map((p, i) => [`${i + 1}`, p])),
    );
  const result = evaluatePredictor(pairs);
  if (result.n === 0) return badInput('No row has a predictive practice exam to evaluate.');
  return printJson(result);
}

const USAGE = `Usage: comeback <command> < input.json

Commands:
  plan       a dated study plan from a start date to the exam (see docs/cli.md)
  predict    a predicted Step 2 CK score with its 80 % band and pass probability
  readiness  on track / off track, or inside the last 21 days proceed / delay / not ready
  evaluate   the predictor's bias, MAE, RMSE and 80 % band coverage on a CSV of real outcomes
  review     each journal card's next due instant and the day-by-day due counts to the exam
  export-outcomes  (reads the app's database, no stdin) the evaluate CSV of consented real results
  story-check  the story checker on one text: counts, excuse and hedge findings, the frame's criteria
`;

/** Runs a command on the text of stdin. Pure apart from `now`, so tests call it directly. */
export function runCli(args: readonly string[], stdin: string, now: Date): CliResult {
  const [command] = args;
  if (!command || command === '--help' || command === '-h')
    return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE };
  if (command === 'evaluate') return runEvaluate(stdin);
  let input: unknown;
  try {
    input = JSON.parse(stdin);
  } catch {
    return badInput('The input is not valid JSON. Send one JSON object on stdin.');
  }
  switch (command) {
    case 'plan':
      return runPlan(input, now);
    case 'predict':
      return runPredict(input);
    case 'readiness':
      return runReadiness(input, now);
    case 'review':
      return runReview(input);
    case 'story-check':
      return runStoryCheck(input);
    default:
      return { code: 2, stdout: '', stderr: `Unknown command "${command}".\n${USAGE}` };
  }
}
