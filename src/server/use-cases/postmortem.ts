import { fail, ok, type Result } from '#domain/common/result.ts';
import { diagnoseCauses } from '#domain/postmortem/causes.ts';
import {
  applyCountermeasures,
  NO_COUNTERMEASURE_FLAGS,
  type Countermeasures,
} from '#domain/postmortem/countermeasures.ts';
import type { PostmortemAnswers } from '#domain/postmortem/questionnaire.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import {
  confirmSupportRequestSchema,
  postmortemAnswersSchema,
  type PostmortemResponse,
  type PostmortemResult,
  type SupportPromptResponse,
} from '#shared/contracts/postmortem.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';

function resultFor(answers: PostmortemAnswers, base: PlanSettings): Result<PostmortemResult> {
  const diagnosis = diagnoseCauses(answers);
  if (!diagnosis.ok) return diagnosis;
  return ok({ answers, diagnosis: diagnosis.value, countermeasures: applyCountermeasures(base, diagnosis.value) });
}

/** Where a use-case reports what the student does not see: the request logger. */
export type WarningLog = { warn(details: object, message: string): void };

/**
 * Shown instead of the causes when stored answers cannot be read. Not an error code: the request
 * itself worked, and the page still offers the questionnaire.
 */
export const UNREADABLE_POSTMORTEM_MESSAGE =
  'We couldn’t read your saved answers. That’s a fault on our side, not anything you did. ' +
  'Your answers are kept: nothing has been deleted, and they are in “Download my data” in Settings. ' +
  'But we can’t work out your causes or plan changes from them, so please re-enter them below. ' +
  'Saving replaces the copy we couldn’t read.';

export async function getPostmortem(ctx: Context, actor: Actor, log: WarningLog): Promise<PostmortemResponse> {
  const stored = await ctx.repos.postmortems.get(actor.userId);
  if (!stored) return { postmortem: null };
  // Stored answers passed validation when saved; they are re-read through the contract all the
  // same, because the contract can tighten after they were saved (or a row can be damaged).
  const read = readStored(stored);
  if (read.ok) return { postmortem: { ...read.value, updatedAt: stored.updatedAt } };
  // The paths and codes say what broke; the answers themselves are personal and stay out of logs.
  log.warn(
    { userId: actor.userId, updatedAt: stored.updatedAt, reason: read.reason, issues: read.issues },
    'stored postmortem cannot be read; shown as unreadable',
  );
  return { postmortem: null, unreadable: { message: UNREADABLE_POSTMORTEM_MESSAGE, updatedAt: stored.updatedAt } };
}

type StoredRead =
  | { ok: true; value: PostmortemResult }
  | { ok: false; reason: 'not-json' | 'contract' | 'diagnosis'; issues: string[] };

/** Reads stored answers through today's contract and rules; an unreadable postmortem counts as not done. */
export function readStored(stored: { answers: unknown; isJson: boolean }): StoredRead {
  if (!stored.isJson) return { ok: false, reason: 'not-json', issues: [] };
  const parsed = postmortemAnswersSchema.safeParse(stored.answers);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
    return { ok: false, reason: 'contract', issues };
  }
  const result = resultFor(parsed.data, DEFAULT_PLAN_SETTINGS);
  return result.ok
    ? { ok: true, value: result.value }
    : { ok: false, reason: 'diagnosis', issues: [result.error.code] };
}

/** Validates, diagnoses and saves the postmortem; refused answers change nothing. */
export async function savePostmortem(ctx: Context, actor: Actor, body: unknown): Promise<Result<PostmortemResponse>> {
  const parsed = parseInput(postmortemAnswersSchema, body);
  if (!parsed.ok) return parsed;
  const result = resultFor(parsed.value, DEFAULT_PLAN_SETTINGS);
  if (!result.ok) return result;
  const now = ctx.now().toISOString();
  await ctx.repos.postmortems.save(actor.userId, parsed.value, now);
  return ok({ postmortem: { ...result.value, updatedAt: now } });
}

/**
 * What a new plan starts from: the seed's defaults, changed by the postmortem's countermeasures
 * (each change listed, so the student can see which cause changed which setting).
 */
export async function planDefaults(
  ctx: Context,
  actor: Actor,
  log: WarningLog,
): Promise<Countermeasures & { hasPostmortem: boolean }> {
  // Unreadable answers change no setting: the plan starts from the seed's defaults until re-entered.
  const { postmortem } = await getPostmortem(ctx, actor, log);
  if (!postmortem) {
    return {
      settings: DEFAULT_PLAN_SETTINGS,
      flags: NO_COUNTERMEASURE_FLAGS,
      changes: [],
      actions: [],
      hasPostmortem: false,
    };
  }
  const { settings, flags } = postmortem.countermeasures;
  // The flags the plan acts on become settings the student can see and change: the scheduler reads
  // fixed blocks, the readiness check reads the gate (docs/decisions/013-countermeasures-act.md).
  return {
    ...postmortem.countermeasures,
    settings: { ...settings, fixedDailyBlocks: flags.fixedDailyBlocks, readinessGate: flags.hardReadinessGate },
    hasPostmortem: true,
  };
}

const NO_SUPPORT_PROMPT: SupportPromptResponse = { isAsked: false, confirmedAt: null, actions: [] };

/**
 * The postmortem's support prompt (countermeasure `supportPromptNow`, set by the burnout cause):
 * asked on the home screen until the student confirms the support is lined up (decision 013).
 * Unreadable answers ask nothing, as they change no setting.
 */
export async function getSupportPrompt(ctx: Context, actor: Actor): Promise<SupportPromptResponse> {
  const stored = await ctx.repos.postmortems.get(actor.userId);
  if (!stored) return NO_SUPPORT_PROMPT;
  const read = readStored(stored);
  if (!read.ok || !read.value.countermeasures.flags.supportPromptNow) {
    return { ...NO_SUPPORT_PROMPT, confirmedAt: stored.supportConfirmedAt };
  }
  const actions = read.value.countermeasures.actions
    .filter((action) => action.cause === 'burnout-mental-health')
    .map(({ text, href }) => (href ? { text, href } : { text }));
  return { isAsked: stored.supportConfirmedAt === null, confirmedAt: stored.supportConfirmedAt, actions };
}

/** The student says the support is in place; the prompt stops. A second confirmation keeps the first's instant. */
export async function confirmSupport(
  ctx: Context,
  actor: Actor,
  body: unknown,
): Promise<Result<SupportPromptResponse>> {
  const parsed = parseInput(confirmSupportRequestSchema, body);
  if (!parsed.ok) return parsed;
  const confirmedAt = await ctx.repos.postmortems.confirmSupport(actor.userId, ctx.now().toISOString());
  if (confirmedAt === null) {
    return fail('NOT_FOUND', 'There is no postmortem to confirm support for. Do the postmortem first.');
  }
  return ok(await getSupportPrompt(ctx, actor));
}
