/**
 * `npx comeback <command>`: the domain rules outside the web app, JSON in on stdin, JSON out on
 * stdout. Bad input: a message on stderr and exit code 2. Documented in docs/cli.md.
 */
import { z } from 'zod';
import { generatePlan } from '#domain/plan/scheduler.ts';
import { DEFAULT_PLAN_SETTINGS } from '#domain/plan/settings.ts';
import { localDateSchema, timeZoneSchema } from '#shared/contracts/common.ts';
import { fieldErrorsFrom } from '#shared/contracts/errors.ts';
import { planSettingsSchema } from '#shared/contracts/plan.ts';

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
  const plan = generatePlan({ startDate, examDate: parsed.data.examDate, settings: settings.data });
  if (!plan.ok) return badInput(`${plan.error.code}: ${plan.error.message}`, plan.error.fields);
  return { code: 0, stdout: `${JSON.stringify(plan.value, null, 2)}\n`, stderr: '' };
}

const USAGE = `Usage: comeback <command> < input.json

Commands:
  plan      a dated study plan from a start date to the exam (see docs/cli.md)
`;

/** Runs a command on the text of stdin. Pure apart from `now`, so tests call it directly. */
export function runCli(args: readonly string[], stdin: string, now: Date): CliResult {
  const [command] = args;
  if (!command || command === '--help' || command === '-h')
    return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE };
  let input: unknown;
  try {
    input = JSON.parse(stdin);
  } catch {
    return badInput('The input is not valid JSON. Send one JSON object on stdin.');
  }
  switch (command) {
    case 'plan':
      return runPlan(input, now);
    default:
      return { code: 2, stdout: '', stderr: `Unknown command "${command}".\n${USAGE}` };
  }
}
