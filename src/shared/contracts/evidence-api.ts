import { z } from 'zod';
import type { EnduranceCounts } from '#domain/evidence/endurance.ts';
import type { BlockStats, PracticeExamLog, QuestionBlock } from '#domain/evidence/logging.ts';
import type { NoPrediction, ScorePrediction } from '#domain/evidence/predictor.ts';
import type { DelayProposal, ReadinessAssessment, ReadinessVerdict } from '#domain/evidence/readiness.ts';
import type { WeakAreaRanking } from '#domain/evidence/weak-areas.ts';
import type { HelpPrompt, WellbeingAssessment, WellbeingCheckIn } from '#domain/evidence/wellbeing.ts';
import type { PracticeFormId } from '#domain/exam/practice-forms.ts';
import { localDateSchema } from './common.ts';

/** Logging a full-length simulation day done outside the plan's own full-length item. */
export const fullLengthDayInputSchema = z.strictObject({
  date: localDateSchema('the day you sat the full-length simulation'),
});

/** Accepting the delay the readiness check proposed: the date is the one shown, as a safeguard. */
export const acceptDelayInputSchema = z.strictObject({ proposedExamDate: localDateSchema('the proposed exam date') });

/** POST /api/evidence/blocks: the new block and the plan item it ticked off, if any. */
export type LoggedBlock = {
  id: string;
  /** The plan item the block stands for, if the day's plan had one to give. */
  planItemId: string | null;
  /** True when that item was already ticked by hand (the block is joined to it, nothing more is ticked). */
  wasTickedBefore?: boolean;
};

/** POST /api/evidence/practice-exams, /full-length-days, /wellbeing: the new row's id. */
export type LoggedEvidence = { id: string };

/** PUT /api/evidence/counselling (body) and GET /api/evidence (`counselling`): the school's service. */
export type CounsellingService = { name: string; contact: string };

/**
 * The parts of the evidence page (issue 13, "the evidence page in parts"): each is read on its own
 * from GET /api/evidence/<part> when its tab is opened, so the overview never waits for the bank's
 * twenty blocks or the check-ins. GET /api/evidence still answers everything at once (the log page,
 * the settings page and older clients read it).
 */
export const EVIDENCE_PARTS = ['overview', 'exams', 'bank', 'weak-areas', 'endurance', 'wellbeing'] as const;
export type EvidencePart = (typeof EVIDENCE_PARTS)[number];

/** What every part starts with: the student's day and the exam the numbers are read against. */
export type EvidenceContext = {
  today: string;
  examDate: string | null;
  targetScore: number | null;
  passingScore: number;
};

type Prediction = ScorePrediction | NoPrediction | null;
/** `isGated`: the plan's readiness gate is on, so a delay proposal goes on the home screen (decision 013). */
type Readiness = (ReadinessAssessment & { delayProposal: DelayProposal | null; isGated: boolean }) | null;

/**
 * The practice exam to take next: the plan's next one not yet logged (`date` set), or, with no plan
 * holding one, the form the prediction says to take first (`date` null).
 */
export type NextPracticeExam = { form: PracticeFormId; date: string | null };

/** GET /api/evidence/overview: the verdict, the prediction with its band, the next exam, the help prompt. */
export type EvidenceOverviewResponse = EvidenceContext & {
  prediction: Prediction;
  readiness: Readiness;
  nextExam: NextPracticeExam | null;
  /** The wellbeing prompt when check-ins have stayed hard (null otherwise), and what it rests on. */
  help: { prompt: HelpPrompt | null; reasons: string[] };
};

/** GET /api/evidence/exams: every practice exam, the prediction (the chart's data) and the verdict in a word. */
export type EvidenceExamsResponse = EvidenceContext & {
  practiceExams: (PracticeExamLog & { id: string })[];
  prediction: Prediction;
  verdict: { verdict: ReadinessVerdict; headline: string } | null;
};

/** GET /api/evidence/bank: completion and % correct by bank, and the latest 20 blocks. */
export type EvidenceBankResponse = EvidenceContext & {
  blocks: { recent: (QuestionBlock & { id: string; planItemId: string | null })[]; stats: BlockStats };
};

/** GET /api/evidence/weak-areas. */
export type EvidenceWeakAreasResponse = EvidenceContext & { weakAreas: WeakAreaRanking };

/** GET /api/evidence/endurance. */
export type EvidenceEnduranceResponse = EvidenceContext & { endurance: EnduranceCounts };

/** GET /api/evidence/wellbeing: the last 30 days of check-ins, their assessment, the school's service. */
export type EvidenceWellbeingResponse = EvidenceContext & {
  wellbeing: {
    recent: WellbeingCheckIn[];
    assessment: WellbeingAssessment;
    /** The advisors who see these check-ins now (a live link with the wellbeing scope on), by email. */
    sharedWith: string[];
  };
  counselling: CounsellingService | null;
};

/** GET /api/evidence: every part at once. */
export type EvidenceResponse = EvidenceContext & {
  blocks: EvidenceBankResponse['blocks'];
  practiceExams: EvidenceExamsResponse['practiceExams'];
  prediction: Prediction;
  readiness: Readiness;
  weakAreas: WeakAreaRanking;
  endurance: EnduranceCounts;
  wellbeing: EvidenceWellbeingResponse['wellbeing'];
  counselling: CounsellingService | null;
};
