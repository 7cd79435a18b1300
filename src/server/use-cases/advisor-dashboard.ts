/**
 * The advisor's dashboard rows, for any number of linked students in a fixed number of queries: each
 * table is read once for all of them (advisors.repo.ts), then each student's figures come from the
 * same domain rules the student's own pages use (predictScore, assessReadiness, deriveJourney,
 * describeShortfalls, assessWellbeing). Only what a scope shares is read at all. Each student's
 * readiness (sittings, prediction, verdict) is kept in memory under their evidence revision and
 * what else it is computed from (advisor-readiness-cache.ts): practice exams and full-length days
 * are read only for the students whose figures are not there.
 */
import { computeFlags, adherenceOf, windowOf, type Sitting } from '#domain/advisor/flags.ts';
import type { Scopes } from '#domain/advisor/scopes.ts';
import { addDays, compareDates, daysBetween, type LocalDate } from '#domain/common/dates.ts';
import { nameForm, selectEvidence, type LoggedFormId } from '#domain/evidence/practice-scores.ts';
import type { PracticeExamInput } from '#domain/evidence/logging.ts';
import { assessReadiness, type ReadinessAssessment } from '#domain/evidence/readiness.ts';
import { hasReadinessVerdict } from '#domain/evidence/verdict-timing.ts';
import { assessWellbeing, CHECK_IN_LOOKBACK_DAYS, type WellbeingCheckIn } from '#domain/evidence/wellbeing.ts';
import { deriveJourney } from '#domain/journey/journey.ts';
import type { Plan } from '#domain/plan/scheduler.ts';
import { describeShortfalls } from '#domain/plan/scheduler/shortfalls.ts';
import { computeRiskSummary } from '#domain/risk/risk.ts';
import type { DashboardRow } from '#shared/contracts/advisor.ts';
import type { Context } from '../context.ts';
import type { LiveLink } from '../repositories/advisors.repo.ts';
import { toProfile } from '../repositories/profiles.repo.ts';
import { localDateIn } from '../time.ts';
import { rowCacheFor } from './advisor-row-cache.ts';
import {
  profileFingerprint,
  readinessCacheFor,
  type ReadinessFigures,
  type ReadinessKeyParts,
} from './advisor-readiness-cache.ts';

/** What a row was made from, kept for the student page so it reads nothing twice. */
export type RowDetail = {
  row: DashboardRow;
  today: LocalDate;
  /** The practice exams as logged (scores scope only), for the student page's prediction. */
  exams: readonly PracticeExamInput[];
  readiness: ReadinessAssessment | null;
  sittings: readonly (Sitting & { reported: string })[];
  planDays: { date: LocalDate; plannedMinutes: number; doneMinutes: number }[];
  shortfallWarnings: string[];
  checkIns: WellbeingCheckIn[];
};

function groupBy<T extends { user_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.user_id);
    if (list) list.push(row);
    else out.set(row.user_id, [row]);
  }
  return out;
}

const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

/** Dashboard rows for these live links (already read from the database on this request). */
export async function buildDashboardRows(
  ctx: Context,
  links: readonly LiveLink[],
  options: { withPlanDays?: boolean } = {},
): Promise<RowDetail[]> {
  if (links.length === 0) return [];
  const repo = ctx.repos.advisors;
  const now = ctx.now();
  const all = links.map((l) => l.studentId);
  const withScope = (scope: keyof Scopes) => links.filter((l) => l.scopes[scope]).map((l) => l.studentId);
  const scoreIds = withScope('scores');
  const planIds = withScope('plan');
  const wellbeingIds = withScope('wellbeing');

  // Every student's "today" is in their own zone, read with the links (the profile's zone).
  const todayByZone = new Map<string, LocalDate>();
  const todayIn = (zone: string) => {
    let today = todayByZone.get(zone);
    if (today === undefined) {
      today = localDateIn(now, zone);
      todayByZone.set(zone, today);
    }
    return today;
  };
  const zoneOf = new Map(links.map((l) => [l.studentId, l.timeZone ?? 'UTC']));
  const todays = new Map(all.map((id) => [id, todayIn(zoneOf.get(id)!)]));
  const sortedTodays = [...new Set(todays.values())].sort(compareDates);
  const earliest = sortedTodays[0]!;
  const latest = sortedTodays.at(-1)!;
  const planRange = { from: windowOf(earliest).from, to: windowOf(latest).to };

  // Hours over each student's own 14 days: one query per distinct "today" (students' zones span at
  // most three dates at any instant), summed per student in the database.
  const planIdsByToday = new Map<LocalDate, string[]>();
  for (const id of planIds) {
    const today = todays.get(id)!;
    const ids = planIdsByToday.get(today);
    if (ids) ids.push(id);
    else planIdsByToday.set(today, [id]);
  }
  // What does not depend on the readiness cache, all at once beside each other.
  const [bases, planTotals, planDays, openExams, checkIns] = await Promise.all([
    repo.studentBasesOf(all),
    Promise.all([...planIdsByToday].map(([today, ids]) => repo.planTotalsOf(ids, windowOf(today)))).then((r) =>
      r.flat(),
    ),
    options.withPlanDays ? repo.planDaysOf(planIds, planRange) : Promise.resolve([]),
    repo.openPracticeExamItemsOf(planIds, planRange),
    repo.checkInsOf(wellbeingIds, addDays(earliest, -(CHECK_IN_LOOKBACK_DAYS - 1))),
  ]);
  const baseOf = new Map(bases.map((b) => [b.studentId, b]));

  // The readiness figures of every student who shares scores and has a target: from the cache,
  // or computed below from their practice exams (read for those students only).
  const profileOf = new Map(bases.flatMap((b) => (b.profile ? [[b.studentId, toProfile(b.profile)] as const] : [])));
  const revisions = new Map(links.map((l) => [l.studentId, l.evidenceRevision]));
  const cache = readinessCacheFor(ctx.database);
  const figureKeys = new Map<string, ReadinessKeyParts>();
  const figures = new Map<string, ReadinessFigures>();
  for (const id of scoreIds) {
    const row = baseOf.get(id)?.profile;
    if (!row) continue;
    const key: ReadinessKeyParts = {
      evidenceRevision: revisions.get(id)!,
      today: todays.get(id)!,
      profile: profileFingerprint(row),
    };
    figureKeys.set(id, key);
    const cached = cache.get(id, key);
    if (cached) figures.set(id, cached);
  }
  const toCompute = [...figureKeys.keys()].filter((id) => !figures.has(id));
  const [exams, fullLengths] = await Promise.all([repo.practiceExamsOf(toCompute), repo.fullLengthCountsOf(toCompute)]);
  const examsBy = groupBy(exams);
  const fullLengthBy = new Map(fullLengths.map((r) => [r.user_id, Number(r.n)]));
  const planDaysBy = groupBy(planDays);
  const planTotalsBy = new Map(planTotals.map((r) => [r.user_id, r]));
  const openExamsBy = groupBy(openExams);
  const checkInsBy = groupBy(checkIns);

  // One domain call a student whose figures are not cached: the readiness rule carries the
  // prediction (its trajectory), and the sittings are the ones it reads (selectEvidence: first
  // sittings of predictive forms).
  for (const id of toCompute) {
    const key = figureKeys.get(id)!;
    const profile = profileOf.get(id)!;
    const targetScore = computeRiskSummary(profile, key.today).planningTarget.score;
    const inputs: PracticeExamInput[] = (examsBy.get(id) ?? []).map((e) => ({
      form: e.form,
      date: e.date,
      score: e.score === null ? null : Number(e.score),
      percentCorrect: e.percent_correct === null ? null : Number(e.percent_correct),
    }));
    const sittings = selectEvidence(inputs as { form: LoggedFormId; date: LocalDate }[]).used.map((e) => ({
      date: e.date,
      name: e.name,
      score: e.ruleScore,
      reported: e.reported,
    }));
    let readiness: ReadinessAssessment | null = null;
    if (hasReadinessVerdict({ examDate: profile.examDate, today: key.today })) {
      const assessed = assessReadiness({
        exams: inputs,
        targetScore,
        fullLengthDaysCompleted: fullLengthBy.get(id) ?? 0,
        examDate: profile.examDate,
        today: key.today,
      });
      readiness = assessed.ok ? assessed.value : null;
    }
    const computed: ReadinessFigures = { targetScore, exams: inputs, sittings, readiness };
    cache.set(id, key, computed);
    figures.set(id, computed);
  }

  return links.map((link): RowDetail => {
    const id = link.studentId;
    const today = todays.get(id)!;
    const profile = profileOf.get(id) ?? null;
    const window = windowOf(today);
    const inWindow = (date: LocalDate) => compareDates(date, window.from) >= 0 && compareDates(date, window.to) <= 0;
    const base = baseOf.get(id);
    const hasPlan = base?.hasPlan ?? false;

    const scored = link.scopes.scores ? figures.get(id) : undefined;
    const targetScore = scored?.targetScore ?? null;
    const readiness = scored?.readiness ?? null;
    const sittings = scored?.sittings ?? [];
    const inputs = scored?.exams ?? [];
    const trajectory = readiness?.trajectory ?? null;

    const days = link.scopes.plan
      ? (planDaysBy.get(id) ?? [])
          .filter((d) => inWindow(d.date))
          .map((d) => ({ date: d.date, plannedMinutes: Number(d.planned), doneMinutes: Number(d.done) }))
          .sort((a, b) => compareDates(a.date, b.date))
      : [];
    const totals = planTotalsBy.get(id);
    const planWindow = link.scopes.plan
      ? { plannedMinutes: Number(totals?.planned ?? 0), doneMinutes: Number(totals?.done ?? 0) }
      : null;
    const shortfallWarnings =
      link.scopes.plan && hasPlan
        ? describeShortfalls(
            base?.shortfallsJson == null ? [] : (JSON.parse(base.shortfallsJson) as Plan['summary']['shortfalls']),
          )
        : [];
    const missedPracticeExams = link.scopes.plan
      ? (openExamsBy.get(id) ?? [])
          .filter((item) => inWindow(item.date))
          .map((item) => ({ date: item.date, name: item.form ? nameForm(item.form as LoggedFormId) : item.title }))
      : [];

    const checkInsFrom = addDays(today, -(CHECK_IN_LOOKBACK_DAYS - 1));
    const studentCheckIns: WellbeingCheckIn[] = link.scopes.wellbeing
      ? (checkInsBy.get(id) ?? [])
          // The days assessWellbeing weighs: the student's own last CHECK_IN_LOOKBACK_DAYS.
          .filter((c) => compareDates(c.date, checkInsFrom) >= 0 && compareDates(c.date, today) <= 0)
          .map((c) => ({
            date: c.date,
            sleepHours: Number(c.sleep_hours),
            stress: Number(c.stress),
            mood: Number(c.mood),
            note: null,
          }))
      : [];
    const wellbeing = link.scopes.wellbeing
      ? assessWellbeing({ checkIns: studentCheckIns, today, counselling: null })
      : null;

    // The stage from what is shared: with scores off, the verdict and exam count stay out of it.
    const journey = profile
      ? deriveJourney({
          hasProfile: true,
          hasPostmortem: base?.hasPostmortem ?? false,
          hasPlan,
          missedItems: 0,
          blocksLogged: base?.blocksLogged ?? 0,
          predictiveExams: sittings.length,
          verdict: readiness?.verdict ?? null,
          hasDelayOffer: false,
          isHelpPromptDue: false,
          isExamPast: compareDates(profile.examDate, today) < 0,
        })
      : null;
    const stage = journey ? journey.stages.find((s) => s.id === journey.current)! : null;

    const flags = computeFlags({
      today,
      scopes: link.scopes,
      sittings,
      trendPointsPerWeek: trajectory?.pointsPerWeek ?? null,
      plan: planWindow,
      missedPracticeExams,
      shortfallWarnings,
      wellbeing,
    });
    const latestSitting = sittings.at(-1);
    const row: DashboardRow = {
      studentId: id,
      email: link.studentEmail,
      linkedSince: link.createdAt,
      scopes: link.scopes,
      stage: stage ? { id: stage.id, number: stage.number, title: stage.title } : null,
      examDate: profile?.examDate ?? null,
      daysToExam: profile ? daysBetween(today, profile.examDate) : null,
      scores: link.scopes.scores
        ? {
            latest: latestSitting
              ? {
                  name: latestSitting.name,
                  date: latestSitting.date,
                  reported: latestSitting.reported,
                  score: latestSitting.score,
                }
              : null,
            targetScore,
            predicted: trajectory
              ? {
                  score: trajectory.predicted,
                  low: trajectory.low,
                  high: trajectory.high,
                  passProbability: trajectory.passProbability,
                }
              : null,
            pointsPerWeek: trajectory ? Math.round(trajectory.pointsPerWeek * 10) / 10 : null,
            verdict: readiness?.verdict ?? null,
          }
        : null,
      plan:
        planWindow === null
          ? null
          : {
              hasPlan,
              plannedHours: hoursOf(planWindow.plannedMinutes),
              doneHours: hoursOf(planWindow.doneMinutes),
              adherence: adherenceOf(planWindow),
            },
      wellbeing: wellbeing
        ? {
            badDays: wellbeing.badDays,
            daysConsidered: wellbeing.daysConsidered,
            isHelpPromptDue: wellbeing.isHelpPromptDue,
          }
        : null,
      flags,
    };
    return {
      row,
      today,
      exams: inputs,
      readiness,
      sittings,
      planDays: days,
      shortfallWarnings,
      checkIns: studentCheckIns,
    };
  });
}

/**
 * The dashboard's rows for these live links: each student's from the row cache when it still holds
 * (advisor-row-cache.ts), the others built by buildDashboardRows in one go and kept.
 */
export async function dashboardRowsOf(ctx: Context, links: readonly LiveLink[]): Promise<DashboardRow[]> {
  const cache = rowCacheFor(ctx.database);
  const now = ctx.now();
  const rows = new Map<string, DashboardRow>();
  const misses: LiveLink[] = [];
  for (const link of links) {
    const row = cache.get(link, now);
    if (row) rows.set(link.studentId, row);
    else misses.push(link);
  }
  const built = await buildDashboardRows(ctx, misses);
  misses.forEach((link, i) => {
    const detail = built[i]!;
    cache.set(link, { row: detail.row, today: detail.today });
    rows.set(link.studentId, detail.row);
  });
  return links.map((link) => rows.get(link.studentId)!);
}
