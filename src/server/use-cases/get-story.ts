import { ok, type Result } from '#domain/common/result.ts';
import { checkStory, LENGTH_TARGETS, WORDS_PER_MINUTE } from '#domain/story/check.ts';
import { draftInterview, draftStatement, type StoryInput } from '#domain/story/drafts.ts';
import { ANSWER_SECONDS, INTERVIEW_PROMPTS, MAX_ATTEMPTS_PER_PROMPT } from '#domain/story/interview.ts';
import { PLACEMENT_CAVEAT, PLACEMENT_OPTIONS } from '#domain/story/placement.ts';
import { STORY_SOURCES } from '#domain/story/sources.ts';
import { storyQuerySchema, type SavedStoryText, type StoryResponse } from '#shared/contracts/story.ts';
import type { Actor, Context } from '../context.ts';
import { parseInput } from './parse-input.ts';
import { readStored } from './postmortem.ts';

/** What the drafts are built from: the postmortem, the logs and the recorded Step 2 CK result. */
async function loadStoryInput(ctx: Context, actor: Actor, wording: number): Promise<StoryInput> {
  const { userId } = actor;
  const [stored, blocks, exams, fullLength, outcome] = await Promise.all([
    ctx.repos.postmortems.get(userId),
    ctx.repos.evidence.listBlocks(userId),
    ctx.repos.evidence.listPracticeExams(userId),
    ctx.repos.evidence.listFullLengthDates(userId),
    ctx.repos.outcomes.get(userId),
  ]);
  // An unreadable postmortem counts as none: the draft then asks for the cause rather than guessing.
  const read = stored ? readStored(stored) : null;
  const timed = blocks.filter((b) => b.mode === 'timed');
  return {
    seed: wording === 0 ? userId : `${userId}#${wording}`,
    postmortem: read?.ok ? read.value : null,
    practiceExams: exams.map((e) => ({ form: e.form, date: e.date, score: e.score, percentCorrect: e.percentCorrect })),
    timedBlocksDone: timed.length,
    questionsDone: timed.reduce((sum, b) => sum + b.questions, 0),
    fullLengthDaysDone: fullLength.length,
    step2ck: outcome ? { score: outcome.score, date: outcome.examDate } : null,
  };
}

/** The story page: both drafts, the student's saved edits with their checks, attempts and the placement choice. */
export async function getStory(ctx: Context, actor: Actor, query: unknown): Promise<Result<StoryResponse>> {
  const parsed = parseInput(storyQuerySchema, query);
  if (!parsed.ok) return parsed;
  const wording = Number(parsed.value.wording ?? '0');
  const [input, texts, placement, attempts] = await Promise.all([
    loadStoryInput(ctx, actor, wording),
    ctx.repos.story.listTexts(actor.userId),
    ctx.repos.story.getPlacement(actor.userId),
    ctx.repos.story.listAttempts(actor.userId),
  ]);
  const savedOf = (kind: 'statement' | 'interview'): SavedStoryText | null => {
    const row = texts.find((t) => t.kind === kind);
    return row ? { text: row.text, updatedAt: row.updatedAt, check: checkStory({ kind, text: row.text }) } : null;
  };
  const targetOf = (kind: 'statement' | 'interview') => {
    const { minWords, maxWords, minSentences, maxSentences, basis } = LENGTH_TARGETS[kind];
    return { minWords, maxWords, minSentences, maxSentences, basis };
  };
  return ok({
    wording,
    hasPostmortem: input.postmortem !== null,
    drafts: { statement: draftStatement(input), interview: draftInterview(input) },
    saved: { statement: savedOf('statement'), interview: savedOf('interview') },
    placement: placement
      ? { choice: placement.choice, advisorNote: placement.advisorNote, updatedAt: placement.updatedAt }
      : null,
    attempts: attempts.map((a) => ({ ...a, check: checkStory({ kind: 'interview', text: a.text }) })),
    prompts: INTERVIEW_PROMPTS,
    placementOptions: PLACEMENT_OPTIONS,
    placementCaveat: PLACEMENT_CAVEAT,
    sources: STORY_SOURCES,
    targets: {
      statement: targetOf('statement'),
      interview: targetOf('interview'),
      wordsPerMinute: WORDS_PER_MINUTE,
      wordsPerMinuteBasis:
        'Our assumption: 150 words a minute, the rate implied by 60–90 seconds ≈ 150–220 words. Your own pace may differ; the timer measures it.',
      answerSeconds: ANSWER_SECONDS,
      attemptsKeptPerPrompt: MAX_ATTEMPTS_PER_PROMPT,
    },
  });
}
