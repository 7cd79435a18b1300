import { addDays, compareDates } from '#domain/common/dates.ts';
import { countEndurance } from '#domain/evidence/endurance.ts';
import { summarizeQuestionBlocks } from '#domain/evidence/logging.ts';
import { predictScore } from '#domain/evidence/predictor.ts';
import { assessReadiness, proposeDelay } from '#domain/evidence/readiness.ts';
import { hasReadinessVerdict, offersDelay } from '#domain/evidence/verdict-timing.ts';
import { orderWeakAreasForDelay, rankWeakAreas } from '#domain/evidence/weak-areas.ts';
import { assessWellbeing } from '#domain/evidence/wellbeing.ts';
import { passingStandardOn } from '#domain/exam/exam-facts.ts';
import { computeRiskSummary } from '#domain/risk/risk.ts';
import type {
  EvidenceBankResponse,
  EvidenceContext,
  EvidenceEnduranceResponse,
  EvidenceExamsResponse,
  EvidenceOverviewResponse,
  EvidencePart,
  EvidenceResponse,
  EvidenceWeakAreasResponse,
  EvidenceWellbeingResponse,
  NextPracticeExam,
} from '#shared/contracts/evidence-api.ts';
import type { Actor, Context } from '../context.ts';
import { localDateIn } from '../time.ts';

/** The blocks the bank part lists (every block still counts in its numbers). */
const RECENT_BLOCKS = 20;
/** The check-ins the wellbeing part and its assessment read. */
const CHECK_IN_DAYS = 30;

/**
 * The student's logs, each read from the database at most once and only when a part asks for it:
 * the overview never reads the check-ins' table twice, the bank part never reads the plan.
 */
function sourcesOf(ctx: Context, userId: string) {
  const once = <T>(read: () => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => (pending ??= read());
  };
  const profile = once(() => ctx.repos.profiles.get(userId));
  const today = once(async () => localDateIn(ctx.now(), (await profile())?.timeZone ?? 'UTC'));
  const plan = once(() => ctx.repos.plans.get(userId));
  return {
    profile,
    today,
    plan,
    blocks: once(() => ctx.repos.evidence.listBlocks(userId)),
    exams: once(() => ctx.repos.evidence.listPracticeExams(userId)),
    checkIns: once(async () =>
      ctx.repos.evidence.listCheckIns(userId, { from: addDays(await today(), -CHECK_IN_DAYS) }),
    ),
    fullLengthDone: once(() => ctx.repos.evidence.listFullLengthDates(userId)),
    counselling: once(() => ctx.repos.evidence.getCounselling(userId)),
    wellbeingSharedWith: once(async () =>
      (await ctx.repos.advisors.listLinksOfStudent(userId))
        .filter((link) => link.revokedAt === null && link.scopes.wellbeing)
        .map((link) => link.advisorEmail),
    ),
    journal: once(() => ctx.repos.journal.listMissSignals(userId)),
    planItemsToToday: once(async () =>
      (await plan()) ? ctx.repos.plans.listItems(userId, { to: await today() }) : Promise.resolve([]),
    ),
  };
}
type Sources = ReturnType<typeof sourcesOf>;

async function contextOf(sources: Sources): Promise<EvidenceContext> {
  const [profile, today] = await Promise.all([sources.profile(), sources.today()]);
  return {
    today,
    examDate: profile?.examDate ?? null,
    targetScore: profile ? computeRiskSummary(profile, today).planningTarget.score : null,
    passingScore: passingStandardOn(profile?.examDate ?? today).score,
  };
}

async function weakAreasOf(sources: Sources) {
  const [blocks, exams, journal, today] = await Promise.all([
    sources.blocks(),
    sources.exams(),
    sources.journal(),
    sources.today(),
  ]);
  return rankWeakAreas({ blocks, practiceExams: exams, journal, today });
}

/** The prediction for exam day and, before exam day, the readiness verdict with its delay proposal. */
async function judgementOf(
  sources: Sources,
  context: EvidenceContext,
): Promise<Pick<EvidenceResponse, 'prediction' | 'readiness'>> {
  const [profile, exams, plan] = await Promise.all([sources.profile(), sources.exams(), sources.plan()]);
  const { today, targetScore } = context;
  if (!profile || targetScore === null) return { prediction: null, readiness: null };
  const examInputs = exams.map((e) => ({
    form: e.form,
    date: e.date,
    score: e.score,
    percentCorrect: e.percentCorrect,
  }));
  const predicted = predictScore({
    exams: examInputs,
    examDate: profile.examDate,
    targetScore,
    today,
    formsOwned: plan?.settings.practiceExams,
  });
  const prediction = predicted.ok ? predicted.value : null;
  if (!hasReadinessVerdict({ examDate: profile.examDate, today })) return { prediction, readiness: null };
  const assessed = assessReadiness({
    exams: examInputs,
    targetScore,
    fullLengthDaysCompleted: (await sources.fullLengthDone()).length,
    examDate: profile.examDate,
    today,
  });
  if (!assessed.ok) return { prediction, readiness: null };
  // The weak areas (every block and journal entry) are read only when a delay is on offer.
  const delayProposal = !offersDelay(assessed.value.verdict)
    ? null
    : proposeDelay({
        today,
        examDate: profile.examDate,
        weakAreas: orderWeakAreasForDelay(await weakAreasOf(sources)),
        reviewStartDate: profile.reviewStartDate,
        pointsShort: assessed.value.pointsShort,
      });
  // The readiness gate (decision 013): on, the proposal is put on the home screen to accept.
  return {
    prediction,
    readiness: { ...assessed.value, delayProposal, isGated: plan?.settings.readinessGate === true },
  };
}

/**
 * The next practice exam: the plan's first one from today on whose form is not logged yet; else the
 * form the prediction says to take first. Null when neither says (no plan and exams already logged).
 */
async function nextExamOf(
  sources: Sources,
  context: EvidenceContext,
  prediction: EvidenceResponse['prediction'],
): Promise<NextPracticeExam | null> {
  const [plan, exams] = await Promise.all([sources.plan(), sources.exams()]);
  const logged = new Set(exams.map((e) => e.form));
  const planned = (plan?.summary.practiceExamDates ?? [])
    .filter((p) => compareDates(p.date, context.today) >= 0 && !logged.has(p.form))
    .sort((a, b) => compareDates(a.date, b.date))[0];
  if (planned) return { form: planned.form, date: planned.date };
  if (prediction?.status === 'no-evidence' && prediction.suggestedForm)
    return { form: prediction.suggestedForm, date: null };
  return null;
}

async function wellbeingOf(sources: Sources): Promise<EvidenceWellbeingResponse['wellbeing']> {
  const [checkIns, today, counselling, sharedWith] = await Promise.all([
    sources.checkIns(),
    sources.today(),
    sources.counselling(),
    sources.wellbeingSharedWith(),
  ]);
  return { recent: checkIns, assessment: assessWellbeing({ checkIns, today, counselling }), sharedWith };
}

async function blocksOf(sources: Sources): Promise<EvidenceBankResponse['blocks']> {
  const [blocks, today] = await Promise.all([sources.blocks(), sources.today()]);
  return { recent: blocks.slice(-RECENT_BLOCKS).reverse(), stats: summarizeQuestionBlocks({ blocks, today }) };
}

async function enduranceOf(sources: Sources): Promise<EvidenceEnduranceResponse['endurance']> {
  const [blocks, planItems, fullLengthDone, plan, today] = await Promise.all([
    sources.blocks(),
    sources.planItemsToToday(),
    sources.fullLengthDone(),
    sources.plan(),
    sources.today(),
  ]);
  return countEndurance({
    blocks,
    planItems,
    fullLengthDone,
    fullLengthPlanned: plan?.summary.fullLengthDates ?? [],
    today,
  });
}

async function overview(sources: Sources): Promise<EvidenceOverviewResponse> {
  const context = await contextOf(sources);
  const [judgement, wellbeing] = await Promise.all([judgementOf(sources, context), wellbeingOf(sources)]);
  return {
    ...context,
    ...judgement,
    nextExam: await nextExamOf(sources, context, judgement.prediction),
    help: { prompt: wellbeing.assessment.prompt, reasons: wellbeing.assessment.reasons },
  };
}

async function exams(sources: Sources): Promise<EvidenceExamsResponse> {
  const context = await contextOf(sources);
  const [{ prediction, readiness }, practiceExams] = await Promise.all([
    judgementOf(sources, context),
    sources.exams(),
  ]);
  return {
    ...context,
    practiceExams,
    prediction,
    verdict: readiness ? { verdict: readiness.verdict, headline: readiness.headline } : null,
  };
}

type PartResponses = {
  overview: EvidenceOverviewResponse;
  exams: EvidenceExamsResponse;
  bank: EvidenceBankResponse;
  'weak-areas': EvidenceWeakAreasResponse;
  endurance: EvidenceEnduranceResponse;
  wellbeing: EvidenceWellbeingResponse;
};

const PARTS: { [Part in EvidencePart]: (sources: Sources) => Promise<PartResponses[Part]> } = {
  overview,
  exams,
  bank: async (sources) => ({ ...(await contextOf(sources)), blocks: await blocksOf(sources) }),
  'weak-areas': async (sources) => ({ ...(await contextOf(sources)), weakAreas: await weakAreasOf(sources) }),
  endurance: async (sources) => ({ ...(await contextOf(sources)), endurance: await enduranceOf(sources) }),
  wellbeing: async (sources) => {
    const [context, wellbeing, counselling] = await Promise.all([
      contextOf(sources),
      wellbeingOf(sources),
      sources.counselling(),
    ]);
    return { ...context, wellbeing, counselling };
  },
};

/** One part of the evidence page (GET /api/evidence/<part>), read from the signed-in student's logs only. */
export function getEvidencePart<Part extends EvidencePart>(
  ctx: Context,
  actor: Actor,
  part: Part,
): Promise<PartResponses[Part]> {
  return PARTS[part](sourcesOf(ctx, actor.userId));
}

/** Everything the evidence page shows at once (GET /api/evidence), each log read once. */
export async function getAllEvidence(ctx: Context, actor: Actor): Promise<EvidenceResponse> {
  const sources = sourcesOf(ctx, actor.userId);
  const context = await contextOf(sources);
  const [judgement, blocks, practiceExams, weakAreas, endurance, wellbeing, counselling] = await Promise.all([
    judgementOf(sources, context),
    blocksOf(sources),
    sources.exams(),
    weakAreasOf(sources),
    enduranceOf(sources),
    wellbeingOf(sources),
    sources.counselling(),
  ]);
  return { ...context, blocks, practiceExams, ...judgement, weakAreas, endurance, wellbeing, counselling };
}
