import {
  AT_THE_LINE_MARGIN_POINTS,
  POSTMORTEM_LIMITS,
  STEP1_PASSING_SCORE,
  type PostmortemAnswers,
  type PracticeScore,
  type PracticeVerdict,
} from './questionnaire.ts';

/**
 * Where a 3-digit Step 1 practice score sits against the passing line: under 196, within
 * AT_THE_LINE_MARGIN_POINTS above it, or clear of it. Percent scores have no public conversion for
 * Step 1, so they return null and the student's own verdict is used.
 *
 * @example classifyPracticeScore({ scale: 'three-digit', value: 201 }) === 'at-the-line'
 */
export function classifyPracticeScore(score: PracticeScore): PracticeVerdict | null {
  if (score.scale === 'percent') return null;
  if (score.value < STEP1_PASSING_SCORE) return 'under';
  if (score.value < STEP1_PASSING_SCORE + AT_THE_LINE_MARGIN_POINTS) return 'at-the-line';
  return 'above';
}

const VERDICT_WORDS: Readonly<Record<PracticeVerdict, string>> = {
  under: '“Under passing”',
  'at-the-line': '“Right at the line”',
  above: '“Comfortably above passing”',
};

function isWhole(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function isBlank(text: string | null): boolean {
  return text === null || text.trim().length === 0;
}

function checkText(problems: Record<string, string>, field: string, text: string | null, maxChars: number): void {
  if (text !== null && text.length > maxChars) {
    problems[field] = `Keep this under ${maxChars} characters; the essentials are enough.`;
  }
}

function checkScores(problems: Record<string, string>, answers: PostmortemAnswers): void {
  const exams = answers.practiceExams;
  exams.lastScores.forEach((score, index) => {
    const field = `practiceExams.lastScores.${index}.value`;
    if (score.scale === 'three-digit' && !isWhole(score.value, 1, POSTMORTEM_LIMITS.maxThreeDigitScore)) {
      problems[field] =
        `A 3-digit score is a whole number from 1 to ${POSTMORTEM_LIMITS.maxThreeDigitScore}. Check the report and enter it as shown.`;
    } else if (score.scale === 'percent' && !(Number.isFinite(score.value) && score.value >= 0 && score.value <= 100)) {
      problems[field] = 'A percent correct is between 0 and 100.';
    }
  });
  if (exams.lastScores.length > POSTMORTEM_LIMITS.maxLastScores) {
    problems['practiceExams.lastScores'] =
      `Enter your last ${POSTMORTEM_LIMITS.maxLastScores} scores at most, most recent first.`;
  } else if (exams.lastScores.length > exams.examsTaken) {
    problems['practiceExams.lastScores'] =
      `You entered ${exams.lastScores.length} scores but ${exams.examsTaken} practice exams taken. Make the two agree.`;
  }
}

function checkPracticeExams(problems: Record<string, string>, answers: PostmortemAnswers): void {
  const exams = answers.practiceExams;
  if (!isWhole(exams.examsTaken, 0, POSTMORTEM_LIMITS.maxPracticeExams)) {
    problems['practiceExams.examsTaken'] =
      `Enter the number of practice exams you finished, a whole number from 0 to ${POSTMORTEM_LIMITS.maxPracticeExams}.`;
    return;
  }
  checkScores(problems, answers);
  checkText(problems, 'practiceExams.detail', exams.detail, POSTMORTEM_LIMITS.detailMaxChars);
  if (exams.examsTaken === 0) {
    if (exams.satAnyway === true || exams.reasons.length > 0) {
      problems['practiceExams.satAnyway'] =
        'With no practice exams taken there were no scores to overrule. Clear this answer, or enter the exams you took.';
    }
    return;
  }
  if (exams.lastScores.length === 0 && !problems['practiceExams.lastScores']) {
    problems['practiceExams.lastScores'] = 'Enter at least your last practice score, as the report gave it.';
  }
  const latest = exams.lastScores[0];
  const derived = latest ? classifyPracticeScore(latest) : null;
  if (exams.verdict === null) {
    problems['practiceExams.verdict'] = 'Choose where your last practice scores put you against the passing line.';
  } else if (derived !== null && latest && derived !== exams.verdict) {
    problems['practiceExams.verdict'] =
      `Your last score, ${latest.value}, reads as ${VERDICT_WORDS[derived]} against the Step 1 passing standard of ${STEP1_PASSING_SCORE}. Choose that, or correct the score.`;
  }
  if (exams.satAnyway === null) {
    problems['practiceExams.satAnyway'] =
      'Answer yes or no: did the date stay although the scores said you were not ready?';
  } else if (exams.satAnyway && exams.reasons.length === 0) {
    problems['practiceExams.reasons'] = 'Pick at least one reason the date stayed.';
  } else if (!exams.satAnyway && exams.reasons.length > 0) {
    problems['practiceExams.reasons'] =
      'You answered that the date did not stay against the scores. Clear the reasons, or change that answer to yes.';
  }
  if (new Set(exams.reasons).size !== exams.reasons.length) {
    problems['practiceExams.reasons'] = 'Each reason can be picked once.';
  }
  if (exams.reasons.includes('other') && isBlank(exams.detail)) {
    problems['practiceExams.detail'] = 'You picked “Something else”. Say what it was, in a sentence.';
  }
}

/**
 * The rules on a postmortem that a schema cannot see: ranges, and answers that depend on each
 * other (a "yes" needs its detail; scores cannot outnumber the exams taken; a 3-digit score and the
 * verdict must agree). Returns one message per field path, empty when the answers hold together.
 * Kept in the domain so the server, the contract and `diagnoseCauses` apply the same rules.
 *
 * @example checkPostmortemRules({ ...answers, wellbeing: { ...answers.wellbeing, hadProblems: true, detail: null } })
 *   // → { 'wellbeing.detail': 'You answered yes. Say what was going on…', … }
 */
export function checkPostmortemRules(answers: PostmortemAnswers): Record<string, string> {
  const problems: Record<string, string> = {};

  const weakest = answers.weakestAreas;
  if (weakest.length === 0) {
    problems.weakestAreas =
      'Choose at least one area: your score report’s performance profile shows where you were lowest.';
  } else if (weakest.length > POSTMORTEM_LIMITS.maxWeakestAreas) {
    problems.weakestAreas = `Choose at most ${POSTMORTEM_LIMITS.maxWeakestAreas} areas, the lowest first. Ticking everything hides the real gaps.`;
  } else if (new Set(weakest).size !== weakest.length) {
    problems.weakestAreas = 'Each area can be picked once.';
  }
  checkText(problems, 'scoreReport.wording', answers.scoreReport.wording, POSTMORTEM_LIMITS.wordingMaxChars);

  const dedicated = answers.dedicated;
  if (dedicated.startedBehind && dedicated.behindAreas.length === 0) {
    problems['dedicated.behindAreas'] = 'You answered yes. Pick the subjects or systems you were behind on.';
  } else if (!dedicated.startedBehind && dedicated.behindAreas.length > 0) {
    problems['dedicated.behindAreas'] =
      'You answered that you were not behind. Clear these subjects, or change that answer to yes.';
  } else if (new Set(dedicated.behindAreas).size !== dedicated.behindAreas.length) {
    problems['dedicated.behindAreas'] = 'Each subject can be picked once.';
  }
  checkText(problems, 'dedicated.detail', dedicated.detail, POSTMORTEM_LIMITS.detailMaxChars);

  const bank = answers.questionBank;
  if (!isWhole(bank.percentDone, 0, 100)) {
    problems['questionBank.percentDone'] = 'Enter the share of the bank you completed as a whole number from 0 to 100.';
  }
  if (!isWhole(bank.contentSharePercent, 0, 100)) {
    problems['questionBank.contentSharePercent'] = 'Enter the share of your hours as a whole number from 0 to 100.';
  }
  checkText(problems, 'questionBank.detail', bank.detail, POSTMORTEM_LIMITS.detailMaxChars);

  checkPracticeExams(problems, answers);

  const wellbeing = answers.wellbeing;
  if (wellbeing.hadProblems) {
    if (isBlank(wellbeing.detail)) {
      problems['wellbeing.detail'] =
        'You answered yes. Say what was going on, in a sentence or two: it decides what support the plan asks for.';
    }
    if (wellbeing.isSupportInPlace === null) {
      problems['wellbeing.isSupportInPlace'] = 'Answer yes or no: is support in place for it now?';
    }
  }
  checkText(problems, 'wellbeing.detail', wellbeing.detail, POSTMORTEM_LIMITS.detailMaxChars);
  const sleep = wellbeing.sleepHoursPerNight;
  if (!(
    Number.isFinite(sleep) &&
    sleep >= 0 &&
    sleep <= POSTMORTEM_LIMITS.maxSleepHours &&
    Number.isInteger(sleep * 2)
  )) {
    problems['wellbeing.sleepHoursPerNight'] =
      `Enter hours of sleep from 0 to ${POSTMORTEM_LIMITS.maxSleepHours}, in whole or half hours (6.5).`;
  }

  const examDay = answers.examDay;
  if (!isWhole(examDay.blockCount, 1, POSTMORTEM_LIMITS.maxBlocks)) {
    problems['examDay.blockCount'] = `Enter how many blocks your exam had, from 1 to ${POSTMORTEM_LIMITS.maxBlocks}.`;
  } else if (!isWhole(examDay.blocksOutOfTime, 0, examDay.blockCount)) {
    problems['examDay.blocksOutOfTime'] =
      `Enter a whole number from 0 to ${examDay.blockCount}: your exam had ${examDay.blockCount} blocks.`;
  }
  if (examDay.hadPanic && isBlank(examDay.detail)) {
    problems['examDay.detail'] =
      'You answered yes. Say in which block it happened and what it was like: it decides what help to line up.';
  }
  checkText(problems, 'examDay.detail', examDay.detail, POSTMORTEM_LIMITS.detailMaxChars);

  const ownWords = answers.ownWords.trim();
  if (ownWords.length < POSTMORTEM_LIMITS.ownWordsMinChars) {
    problems.ownWords = 'Write at least a sentence: what happened, in your own words.';
  } else if (answers.ownWords.length > POSTMORTEM_LIMITS.ownWordsMaxChars) {
    problems.ownWords = `Keep this under ${POSTMORTEM_LIMITS.ownWordsMaxChars} characters.`;
  }

  return problems;
}
