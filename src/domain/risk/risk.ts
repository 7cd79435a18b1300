import { compareDates, daysBetween, type LocalDate } from '../common/dates.ts';
import { examFormatOn, passingStandardOn, scoreReleaseWindow, type ExamFormat } from '../exam/exam-facts.ts';
import { RECOMMENDED_BUFFER, type FailCount, type StudentProfile } from './profile.ts';
import { findSpecialty, tierFor, type RiskLevel, type TierId } from './specialties.ts';

/**
 * Approximate match rate by number of USMLE fails: no fails ≈ 90 %, one ≈ 70 %, two or more ≈ 45 %.
 * Source: the seed article's table, which calls them "in the ballpark of what NRMP data trends
 * show" (PRODUCT.md A). Always shown as approximate.
 */
export const MATCH_SIGNAL_PERCENT: Readonly<Record<FailCount, number>> = { '0': 90, '1': 70, '2+': 45 };
export const MATCH_SIGNAL_SOURCE =
  'Approximate figures from the article this tool is built on, which puts them "in the ballpark" of NRMP match trends. They are not an official NRMP statistic.';

export type RiskSummary = {
  specialtyName: string;
  tier: { id: TierId; name: string; risk: RiskLevel; targetScore: number; explanation: string };
  buffer: { points: number; isRecommended: boolean; explanation: string };
  planningTarget: { score: number; explanation: string };
  matchSignal: { percent: number; label: string; explanation: string; source: string };
  passing: { score: number; source: string; explanation: string };
  format: ExamFormat & { explanation: string };
  furtherFailWarning: string | null;
  backupSpecialty: { isNeeded: boolean; name: string | null; message: string } | null;
  exam: { date: LocalDate; daysToExam: number; explanation: string };
  scoreRelease: {
    earliest: LocalDate;
    latest: LocalDate;
    reviewStart: LocalDate;
    isBeforeReview: boolean;
    /** Days after review start that the latest likely release falls; 0 when it is before. */
    daysLate: number;
    explanation: string;
  };
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeFurtherFail(failCount: FailCount): string | null {
  if (failCount === '0') return null;
  if (failCount === '1') {
    return 'A second USMLE fail is the outcome to avoid above all: many programs screen it out automatically, and for the most competitive specialties it is close to a closed door. This is why Comeback only says "go" when your practice numbers clear the bar.';
  }
  return 'You already have two or more USMLE fails. A further fail would put most programs out of reach: many screen such applications out automatically, and for competitive specialties it is effectively a closed door. USMLE allows 4 attempts per Step in total. Sit Step 2 CK only when several practice exams clear your target, never on hope.';
}

/**
 * Everything capability A shows about a student's position, from their profile and today's date.
 *
 * planning target = tier target + buffer. Example: internal medicine (tier target 230) with the
 * default 10-point buffer plans against 240; the passing score of 218 (exams from 2025-07-01)
 * sits 22 points under the tier target.
 */
export function computeRiskSummary(profile: StudentProfile, today: LocalDate): RiskSummary {
  const specialty = findSpecialty(profile.specialty);
  const tier = tierFor(profile.specialty, profile.otherTier);
  const specialtyName =
    profile.specialty === 'other' && profile.otherSpecialtyName ? profile.otherSpecialtyName : specialty.name;
  const planningTarget = tier.targetScore + profile.bufferPoints;
  const passing = passingStandardOn(profile.examDate);
  const format = examFormatOn(profile.examDate);
  const daysToExam = daysBetween(today, profile.examDate);
  const release = scoreReleaseWindow(profile.examDate);
  const isBeforeReview = compareDates(release.latest, profile.reviewStartDate) <= 0;
  const daysLate = isBeforeReview ? 0 : daysBetween(profile.reviewStartDate, release.latest);
  const isRecommendedBuffer =
    profile.bufferPoints >= RECOMMENDED_BUFFER.min && profile.bufferPoints <= RECOMMENDED_BUFFER.max;
  const hasFailed = profile.failCount !== '0';
  const isHighlyCompetitive = tier.id === 'highly-competitive';

  const tierNote =
    profile.specialty === 'undecided'
      ? 'Until you choose, you plan against the moderately competitive target: it keeps most doors open.'
      : tier.explanation;

  let releaseExplanation: string;
  if (isBeforeReview) {
    releaseExplanation = `Scores usually come out 3–4 weeks after the test, so yours should arrive between ${release.earliest} and ${release.latest}: ${plural(daysBetween(release.latest, profile.reviewStartDate), 'day')} or more before programs start reviewing on ${profile.reviewStartDate}.`;
  } else if (compareDates(release.earliest, profile.reviewStartDate) > 0) {
    releaseExplanation = `Scores usually come out 3–4 weeks after the test, so yours will likely arrive between ${release.earliest} and ${release.latest}: up to ${plural(daysLate, 'day')} after programs start reviewing on ${profile.reviewStartDate}. Programs that read early will see your application without it. A later, strong score is still worth more than an early, weak one.`;
  } else {
    releaseExplanation = `Scores usually come out 3–4 weeks after the test (between ${release.earliest} and ${release.latest}). Programs start reviewing on ${profile.reviewStartDate}, so your score may arrive up to ${plural(daysLate, 'day')} after that.`;
  }

  return {
    specialtyName,
    tier: { id: tier.id, name: tier.name, risk: tier.risk, targetScore: tier.targetScore, explanation: tierNote },
    buffer: {
      points: profile.bufferPoints,
      isRecommended: isRecommendedBuffer,
      explanation: isRecommendedBuffer
        ? `A ${profile.bufferPoints}-point cushion on top of the target, because practice scores wobble and exam day can come in lower.`
        : `${profile.bufferPoints} points is outside the ${RECOMMENDED_BUFFER.min}–${RECOMMENDED_BUFFER.max} we recommend: practice scores wobble and exam day can come in lower, so a cushion protects you.`,
    },
    planningTarget: {
      score: planningTarget,
      explanation: `Tier target ${tier.targetScore} plus your ${profile.bufferPoints}-point buffer. This is the number your practice exams need to reach, repeatedly.`,
    },
    matchSignal: {
      percent: MATCH_SIGNAL_PERCENT[profile.failCount],
      label: `≈${MATCH_SIGNAL_PERCENT[profile.failCount]} %`,
      explanation:
        profile.failCount === '0'
          ? 'Roughly how often applicants with no USMLE fail match.'
          : `Roughly how often applicants with ${profile.failCount === '1' ? 'one USMLE fail' : 'two or more USMLE fails'} match. A strong Step 2 CK is the main thing that moves you above it.`,
      source: MATCH_SIGNAL_SOURCE,
    },
    passing: {
      score: passing.score,
      source: passing.source,
      explanation: hasFailed
        ? `The pass line is ${passing.score}. With a fail on record, passing is not the goal: your tier target is ${tier.targetScore - passing.score} points above it.`
        : `The pass line is ${passing.score}; your tier target is ${tier.targetScore - passing.score} points above it.`,
    },
    format: {
      ...format,
      explanation: `One ${format.dayHours}-hour day: ${format.blocks} blocks of ${format.blockMinutes} minutes with ${format.itemsPerBlock} questions each (${format.totalItems} in all), about 90 seconds a question. Unanswered questions count as wrong.`,
    },
    furtherFailWarning: describeFurtherFail(profile.failCount),
    backupSpecialty:
      hasFailed && isHighlyCompetitive
        ? {
            isNeeded: true,
            name: profile.backupSpecialty,
            message: profile.backupSpecialty
              ? `Your backup: ${profile.backupSpecialty}. Keep it real: know its programs and who would write for you.`
              : 'After a fail, this specialty is an uphill climb even with a very high score. Name a backup specialty now, so that a plan B exists before you need it.',
          }
        : null,
    exam: {
      date: profile.examDate,
      daysToExam,
      explanation:
        daysToExam === 0
          ? 'Your exam is today.'
          : `${plural(daysToExam, 'day')} until your exam on ${profile.examDate} (about ${plural(Math.floor(daysToExam / 7), 'week')}).`,
    },
    scoreRelease: {
      earliest: release.earliest,
      latest: release.latest,
      reviewStart: profile.reviewStartDate,
      isBeforeReview,
      daysLate,
      explanation: releaseExplanation,
    },
  };
}
