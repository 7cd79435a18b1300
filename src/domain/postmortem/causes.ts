import { fail, ok, type Result } from '../common/result.ts';
import {
  nameContentCategory,
  STEP1_PASSING_SCORE,
  type ContentCategory,
  type ContentCategoryId,
  type DistanceFromPassing,
  type KeptDateReason,
  type PostmortemAnswers,
  type PracticeScore,
} from './questionnaire.ts';
import { checkPostmortemRules, classifyPracticeScore } from './rules.ts';
import { checkOwnWords } from './text-checks.ts';

/** The named causes of PRODUCT.md B, in the seed's order. */
export const CAUSE_IDS = [
  'poor-structure',
  'denial-practice-scores',
  'content-over-questions',
  'burnout-mental-health',
  'exam-day-timing-anxiety',
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

export type CauseStrength = 'strong' | 'moderate';

export type Cause = {
  id: CauseId;
  name: string;
  /** What the cause is and why it matters for Step 2 CK, in two sentences at most. */
  explanation: string;
  /** Facts from the student's own answers, each with their numbers. */
  evidence: string[];
  /** Sum of the weights of the signals found: 1 a hint, 2 a clear sign, 3 a sign on its own. */
  weight: number;
  strength: CauseStrength;
  /** 1 is fixed first. */
  priority: number;
};

export type Diagnosis = {
  /** Most urgent first. Never empty: a postmortem without a cause is refused. */
  causes: Cause[];
  distance: DistanceFromPassing;
  weakestAreas: ContentCategory[];
  /** Carried so the countermeasures can word the support prompt. */
  isSupportInPlace: boolean | null;
  hadPanic: boolean;
  blocksOutOfTime: number;
  summary: string;
};

/** A weight of 3 or more makes a cause strong. */
export const STRONG_CAUSE_WEIGHT = 3;

/** Fewer hours than this a night in the final two weeks counts as short sleep; under 6 as very short. */
export const SHORT_SLEEP_HOURS = 7;
export const VERY_SHORT_SLEEP_HOURS = 6;

/** A bank finished to less than this share is a clear sign; anything under 100 % is a hint. */
export const LOW_BANK_PERCENT = 60;

/** More than this share of hours on reading, videos or flashcards tilts prep away from questions. */
export const CONTENT_HEAVY_PERCENT = 50;

const CAUSE_TEXT: Readonly<Record<CauseId, { name: string; explanation: string }>> = {
  'poor-structure': {
    name: 'No real structure',
    explanation:
      'Dedicated ran without a written, dated plan, or started with whole subjects missing. Without structure, the gaps stay invisible until the exam finds them.',
  },
  'denial-practice-scores': {
    name: 'Practice scores said “not ready”, and the date held',
    explanation:
      'The numbers before Step 1 were a warning, or there were too few of them to give one. This time a practice score decides the date, not the calendar.',
  },
  'content-over-questions': {
    name: 'Studying content instead of practising exam questions',
    explanation:
      'Hours went to reading and watching, or questions were answered without taking each one apart. The exam rewards answering questions under time, so that is what the hours go to now.',
  },
  'burnout-mental-health': {
    name: 'Burnout and mental health pushed aside',
    explanation:
      'Something heavy was going on, or sleep had run short, and the plan carried on as if it was not. A tired or struggling brain cannot show what it knows.',
  },
  'exam-day-timing-anxiety': {
    name: 'Exam-day timing or anxiety',
    explanation:
      'Time ran out, or panic took over, on the day itself. Both respond to practice under real conditions and to help started early.',
  },
};

/** Order among causes of equal weight: safety first, then what the readiness gate protects. */
const TIE_ORDER: readonly CauseId[] = [
  'burnout-mental-health',
  'denial-practice-scores',
  'exam-day-timing-anxiety',
  'content-over-questions',
  'poor-structure',
];

type Signal = { cause: CauseId; weight: number; evidence: string };

const REASON_WORDS: Readonly<Record<Exclude<KeptDateReason, 'other'>, string>> = {
  'booked-date': 'the date was booked',
  peers: 'classmates were sitting it then',
  finances: 'a new date or more time off cost too much',
  'school-deadline': 'your school required it by a deadline',
};

function quote(text: string, maxChars = 160): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const cut = trimmed.length > maxChars ? `${trimmed.slice(0, maxChars - 1).trimEnd()}…` : trimmed;
  return `“${cut}”`;
}

function listNames(ids: readonly ContentCategoryId[]): string {
  const names = ids.map((id) => nameContentCategory(id).toLowerCase());
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** " because the date was booked and …" for the listed reasons; "Something else" is quoted apart. */
function describeReasons(
  reasons: readonly KeptDateReason[],
  detail: string | null,
): { because: string; other: string } {
  const parts = reasons.filter((r): r is Exclude<KeptDateReason, 'other'> => r !== 'other').map((r) => REASON_WORDS[r]);
  const joined = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return {
    because: joined ? ` because ${joined}` : '',
    other: reasons.includes('other') && detail ? ` Your reason, in your words: ${quote(detail, 120)}` : '',
  };
}

function describeScore(score: PracticeScore): string {
  if (score.scale === 'percent') return `${score.value} % correct`;
  const gap = score.value - STEP1_PASSING_SCORE;
  if (gap < 0) return `${score.value}, ${-gap} points under the Step 1 passing standard of ${STEP1_PASSING_SCORE}`;
  if (gap === 0) return `${score.value}, exactly on the Step 1 passing standard`;
  return `${score.value}, ${gap} point${gap === 1 ? '' : 's'} above the Step 1 passing standard of ${STEP1_PASSING_SCORE}`;
}

function findStructureSignals(answers: PostmortemAnswers): Signal[] {
  const signals: Signal[] = [];
  const { schedule, startedBehind, behindAreas, detail } = answers.dedicated;
  if (schedule === 'none') {
    signals.push({
      cause: 'poor-structure',
      weight: 2,
      evidence: 'You studied for Step 1 without a written, dated schedule.',
    });
  } else if (schedule === 'dropped') {
    signals.push({
      cause: 'poor-structure',
      weight: 1,
      evidence: 'You wrote a schedule for dedicated, then stopped following it.',
    });
  }
  if (startedBehind) {
    const more = detail ? ` In your words: ${quote(detail)}` : '';
    signals.push({
      cause: 'poor-structure',
      weight: 2,
      evidence: `You started dedicated already behind in ${behindAreas.length} area${behindAreas.length === 1 ? '' : 's'}: ${listNames(behindAreas)}.${more}`,
    });
  }
  return signals;
}

function findPracticeScoreSignals(answers: PostmortemAnswers): Signal[] {
  const exams = answers.practiceExams;
  const cause = 'denial-practice-scores';
  if (exams.examsTaken === 0) {
    return [
      {
        cause,
        weight: 3,
        evidence: 'You took no practice exam before Step 1, so nothing measured whether you were ready.',
      },
    ];
  }
  const signals: Signal[] = [];
  if (exams.examsTaken === 1) {
    signals.push({
      cause,
      weight: 1,
      evidence: 'You took 1 practice exam before Step 1: a single score cannot show a trend.',
    });
  }
  const latest = exams.lastScores[0];
  const verdict = (latest ? classifyPracticeScore(latest) : null) ?? exams.verdict;
  const scoreText = latest ? `Your last practice exam was ${describeScore(latest)}` : 'Your last practice exams';
  const { because, other } = describeReasons(exams.satAnyway ? exams.reasons : [], exams.detail);
  const satAnyway = `, and you sat anyway${because}.${other}`;
  if (verdict === 'under') {
    const tail = exams.satAnyway ? satAnyway : latest?.scale === 'percent' ? ', which you read as under passing.' : '.';
    signals.push({ cause, weight: exams.satAnyway ? 3 : 2, evidence: `${scoreText}${tail}` });
  } else if (verdict === 'at-the-line') {
    const tail = exams.satAnyway ? satAnyway : ': no margin for a bad day.';
    signals.push({
      cause,
      weight: 2,
      evidence: `${scoreText}${latest?.scale === 'percent' ? ', which you read as right at the line' : ''}${tail}`,
    });
  } else if (exams.satAnyway) {
    signals.push({
      cause,
      weight: 2,
      evidence: `You kept your date although the scores said you were not ready${because}.${other}`,
    });
  }
  const [newest, previous] = exams.lastScores;
  if (newest && previous && newest.scale === previous.scale && newest.value < previous.value) {
    const unit = newest.scale === 'percent' ? ' %' : '';
    signals.push({
      cause,
      weight: 1,
      evidence: `Your practice scores fell from ${previous.value}${unit} to ${newest.value}${unit} in the last two exams before Step 1.`,
    });
  }
  return signals;
}

function findQuestionSignals(answers: PostmortemAnswers): Signal[] {
  const bank = answers.questionBank;
  const cause = 'content-over-questions';
  const signals: Signal[] = [];
  if (bank.reviewHabit === 'rarely') {
    signals.push({
      cause,
      weight: 3,
      evidence: 'You rarely read the explanations after a block, wrong options included.',
    });
  } else if (bank.reviewHabit === 'sometimes') {
    signals.push({
      cause,
      weight: 2,
      evidence: 'You read the explanations only sometimes, not for every question and every wrong option.',
    });
  }
  if (bank.percentDone < 100) {
    signals.push({
      cause,
      weight: bank.percentDone < LOW_BANK_PERCENT ? 2 : 1,
      evidence: `You finished ${bank.percentDone} % of your question bank before exam day.`,
    });
  }
  if (bank.contentSharePercent > CONTENT_HEAVY_PERCENT) {
    signals.push({
      cause,
      weight: 2,
      evidence: `About ${bank.contentSharePercent} % of your dedicated hours went to reading, videos or flashcards rather than questions.`,
    });
  }
  if (signals.length > 0 && bank.detail) {
    signals.push({ cause, weight: 0, evidence: `How review went, in your words: ${quote(bank.detail)}` });
  }
  return signals;
}

function findWellbeingSignals(answers: PostmortemAnswers): Signal[] {
  const wellbeing = answers.wellbeing;
  const cause = 'burnout-mental-health';
  const signals: Signal[] = [];
  if (wellbeing.hadProblems) {
    const what = wellbeing.detail ? quote(wellbeing.detail) : 'something you have not named yet';
    signals.push(
      wellbeing.isSupportInPlace
        ? {
            cause,
            weight: 2,
            evidence: `During dedicated you were dealing with ${what}, unaddressed at the time. Support is in place now.`,
          }
        : {
            cause,
            weight: 3,
            evidence: `During dedicated you were dealing with ${what}, and no support is in place for it yet.`,
          },
    );
  }
  const sleep = wellbeing.sleepHoursPerNight;
  if (sleep < SHORT_SLEEP_HOURS) {
    signals.push({
      cause,
      weight: sleep < VERY_SHORT_SLEEP_HOURS ? 2 : 1,
      evidence: `You slept about ${sleep} hours a night in the last two weeks before the exam.`,
    });
  }
  return signals;
}

function findExamDaySignals(answers: PostmortemAnswers): Signal[] {
  const day = answers.examDay;
  const cause = 'exam-day-timing-anxiety';
  const signals: Signal[] = [];
  if (day.blocksOutOfTime > 0) {
    signals.push({
      cause,
      weight: day.blocksOutOfTime >= 2 ? 3 : 2,
      evidence: `You ran out of time in ${day.blocksOutOfTime} of ${day.blockCount} blocks.`,
    });
  }
  if (day.hadPanic) {
    const more = day.detail ? ` In your words: ${quote(day.detail)}` : '';
    signals.push({ cause, weight: 3, evidence: `You panicked or blanked during the exam.${more}` });
  }
  if (answers.questionBank.blockMode === 'tutor') {
    signals.push({
      cause,
      weight: 1,
      evidence: 'You did your question blocks mostly in tutor mode, so the clock was rarely part of practice.',
    });
  }
  return signals;
}

/** Context from the score report that sharpens a cause already found, never one on its own. */
function findReportContext(answers: PostmortemAnswers): Signal[] {
  const distance = answers.scoreReport.distance;
  if (distance === 'far') {
    const text =
      'Your score report placed you far under passing: that points to gaps in knowledge and practice, not one bad day.';
    return [
      { cause: 'content-over-questions', weight: 0, evidence: text },
      { cause: 'poor-structure', weight: 0, evidence: text },
    ];
  }
  if (distance === 'borderline') {
    return [
      {
        cause: 'exam-day-timing-anxiety',
        weight: 0,
        evidence:
          'Your score report placed you just under passing: the questions lost to the clock or to panic may have been the difference.',
      },
    ];
  }
  return [];
}

function rankCauses(signals: readonly Signal[]): Cause[] {
  const byCause = new Map<CauseId, { weight: number; evidence: string[] }>();
  for (const signal of signals) {
    const entry = byCause.get(signal.cause) ?? { weight: 0, evidence: [] };
    entry.weight += signal.weight;
    entry.evidence.push(signal.evidence);
    byCause.set(signal.cause, entry);
  }
  const found = TIE_ORDER.flatMap((id) => {
    const entry = byCause.get(id);
    return entry && entry.weight > 0 ? [{ id, ...entry }] : [];
  });
  // Stable sort: equal weights keep TIE_ORDER.
  found.sort((a, b) => b.weight - a.weight);
  return found.map((entry, index) => ({
    id: entry.id,
    name: CAUSE_TEXT[entry.id].name,
    explanation: CAUSE_TEXT[entry.id].explanation,
    evidence: entry.evidence,
    weight: entry.weight,
    strength: entry.weight >= STRONG_CAUSE_WEIGHT ? 'strong' : 'moderate',
    priority: index + 1,
  }));
}

const NO_CAUSE_MESSAGE =
  'Your answers do not point to a cause yet: a finished bank with full review, a plan you kept, practice scores clear of passing, no strain at home or in your health, and no trouble on the day. Step 1 still went wrong for a reason, and a plan cannot fix a reason it cannot see. Go through each section once more and answer for how things really were in the last month, with your bank’s progress page, your practice reports and your score report open.';

/**
 * Names the causes of the Step 1 fail from the postmortem answers (PRODUCT.md B), each with the
 * evidence from the student's own answers, a weight, a strength and a priority.
 *
 * Refuses, as VALIDATION_FAILED: answers that do not hold together (`fields` says where), an
 * own-words explanation that is only "I'm bad at tests", and answers that show no cause at all —
 * the exam was failed for a reason, so an empty diagnosis would be false comfort.
 *
 * @example
 * diagnoseCauses({ ...answers, questionBank: { ...answers.questionBank, percentDone: 45, reviewHabit: 'rarely' } })
 * // → ok: causes[0] = { id: 'content-over-questions', strength: 'strong',
 * //        evidence: ['You rarely read the explanations…', 'You finished 45 % of your question bank before exam day.'] }
 */
export function diagnoseCauses(answers: PostmortemAnswers): Result<Diagnosis> {
  const problems = checkPostmortemRules(answers);
  if (Object.keys(problems).length > 0) {
    return fail('VALIDATION_FAILED', 'Some answers need fixing before we can name the causes.', problems);
  }
  const ownWords = checkOwnWords(answers.ownWords);
  if (!ownWords.ok) return ownWords;

  const causes = rankCauses([
    ...findWellbeingSignals(answers),
    ...findPracticeScoreSignals(answers),
    ...findExamDaySignals(answers),
    ...findQuestionSignals(answers),
    ...findStructureSignals(answers),
    ...findReportContext(answers),
  ]);
  const first = causes[0];
  if (!first) return fail('VALIDATION_FAILED', NO_CAUSE_MESSAGE);

  const count = causes.length;
  // Support for health is always dealt with first (the results put it above the causes), so when it
  // ranks lower by weight the summary must not name a different cause as "the first to fix".
  const isSupportFirst = causes.some((c) => c.id === 'burnout-mental-health') && first.id !== 'burnout-mental-health';
  const summary =
    count === 1
      ? `One cause stands out: ${first.name.toLowerCase()}. The plan changes below answer it directly.`
      : isSupportFirst
        ? `${count} causes worked together. Support for your health comes first, before the studying: it is one of the causes, and the section just below says what to do this week. In your studying, start with ${first.name.toLowerCase()}. Each cause changes something in your plan below.`
        : `${count} causes worked together; the first to fix is ${first.name.toLowerCase()}. Each one changes something in your plan below.`;

  return ok({
    causes,
    distance: answers.scoreReport.distance,
    weakestAreas: answers.weakestAreas.map((id) => ({ id, name: nameContentCategory(id) })),
    isSupportInPlace: answers.wellbeing.hadProblems ? answers.wellbeing.isSupportInPlace : null,
    hadPanic: answers.examDay.hadPanic,
    blocksOutOfTime: answers.examDay.blocksOutOfTime,
    summary,
  });
}
