import { z } from 'zod';
import type { EnduranceCounts } from '#domain/evidence/endurance.ts';
import type { BlockStats, PracticeExamLog, QuestionBlock } from '#domain/evidence/logging.ts';
import type { NoPrediction, ScorePrediction } from '#domain/evidence/predictor.ts';
import type { DelayProposal, ReadinessAssessment } from '#domain/evidence/readiness.ts';
import type { WeakAreaRanking } from '#domain/evidence/weak-areas.ts';
import type { WellbeingAssessment, WellbeingCheckIn } from '#domain/evidence/wellbeing.ts';
import { localDateSchema } from './common.ts';

/** Logging a full-length simulation day done outside the plan's own full-length item. */
export const fullLengthDayInputSchema = z.strictObject({
  date: localDateSchema('the day you sat the full-length simulation'),
});

/** Accepting the delay the readiness check proposed: the date is the one shown, as a safeguard. */
export const acceptDelayInputSchema = z.strictObject({ proposedExamDate: localDateSchema('the proposed exam date') });

/** POST /api/evidence/blocks: the new block and the plan item it ticked off, if any. */
export type LoggedBlock = { id: string; planItemId: string | null };

/** POST /api/evidence/practice-exams, /full-length-days, /wellbeing: the new row's id. */
export type LoggedEvidence = { id: string };

/** PUT /api/evidence/counselling (body) and GET /api/evidence (`counselling`): the school's service. */
export type CounsellingService = { name: string; contact: string };

export type EvidenceResponse = {
  today: string;
  examDate: string | null;
  targetScore: number | null;
  passingScore: number;
  blocks: { recent: (QuestionBlock & { id: string; planItemId: string | null })[]; stats: BlockStats };
  practiceExams: (PracticeExamLog & { id: string })[];
  prediction: ScorePrediction | NoPrediction | null;
  /** `isGated`: the plan's readiness gate is on, so a delay proposal goes on the home screen (decision 013). */
  readiness: (ReadinessAssessment & { delayProposal: DelayProposal | null; isGated: boolean }) | null;
  weakAreas: WeakAreaRanking;
  endurance: EnduranceCounts;
  wellbeing: { recent: WellbeingCheckIn[]; assessment: WellbeingAssessment };
  counselling: CounsellingService | null;
};
