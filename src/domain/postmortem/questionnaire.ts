/**
 * The Step 1 postmortem as data (capability B): the web renders these sections and the server
 * validates against the same ids and limits. Every question asks for something checkable — a
 * number, a date-bound fact, a yes or no with the detail behind it — never a mood on a scale.
 *
 * Question ids are the dot paths of the answer in `PostmortemAnswers`, so a field error from
 * validation ("practiceExams.reasons") lands on the question that caused it.
 */

/**
 * Step 2 CK content categories, for tagging weak areas. DOMAIN.md §6: the 18 major categories of
 * the USMLE integrated content outline (usmle.org, "Step 2 CK Content Outline & Specifications").
 * Percentage ranges are not carried here: DOMAIN.md asks for them from that page, not from copies.
 */
export const CONTENT_CATEGORY_IDS = [
  'general-principles',
  'immune',
  'blood-lymphoreticular',
  'behavioral-health',
  'nervous-system-special-senses',
  'skin',
  'musculoskeletal',
  'cardiovascular',
  'respiratory',
  'gastrointestinal',
  'renal-urinary',
  'pregnancy-childbirth',
  'female-reproductive-breast',
  'male-reproductive',
  'endocrine',
  'multisystem',
  'biostatistics-epidemiology',
  'social-sciences',
] as const;
export type ContentCategoryId = (typeof CONTENT_CATEGORY_IDS)[number];

const CONTENT_CATEGORY_NAMES: Readonly<Record<ContentCategoryId, string>> = {
  'general-principles': 'General principles',
  immune: 'Immune system',
  'blood-lymphoreticular': 'Blood and lymphoreticular system',
  'behavioral-health': 'Behavioral health',
  'nervous-system-special-senses': 'Nervous system and special senses',
  skin: 'Skin and subcutaneous tissue',
  musculoskeletal: 'Musculoskeletal system',
  cardiovascular: 'Cardiovascular system',
  respiratory: 'Respiratory system',
  gastrointestinal: 'Gastrointestinal system',
  'renal-urinary': 'Renal and urinary system',
  'pregnancy-childbirth': 'Pregnancy, childbirth and the puerperium',
  'female-reproductive-breast': 'Female reproductive system and breast',
  'male-reproductive': 'Male reproductive system',
  endocrine: 'Endocrine system',
  multisystem: 'Multisystem processes and disorders',
  'biostatistics-epidemiology': 'Biostatistics and epidemiology',
  'social-sciences': 'Social sciences: ethics, law, professionalism and patient safety',
};

export type ContentCategory = { id: ContentCategoryId; name: string };

/** The 18 categories in outline order, with display names. Reused by weak-area tagging elsewhere. */
export const CONTENT_CATEGORIES: readonly ContentCategory[] = CONTENT_CATEGORY_IDS.map((id) => ({
  id,
  name: CONTENT_CATEGORY_NAMES[id],
}));

/**
 * The display name of a category, for evidence and labels.
 *
 * @example nameContentCategory('renal-urinary') === 'Renal and urinary system'
 */
export function nameContentCategory(id: ContentCategoryId): string {
  return CONTENT_CATEGORY_NAMES[id];
}

/**
 * Step 1 passing standard, 196: DOMAIN.md §1 "Step 1" row (imgprep.com and iatrox; widely
 * reported). Used only to say how far a 3-digit practice score sat from passing.
 */
export const STEP1_PASSING_SCORE = 196;

/**
 * A 3-digit practice score less than this many points above passing is "at the line", not a pass.
 * Why 10: a single practice score carries an error of about 7 points (DOMAIN.md §1, "Measurement
 * error", anecdotal), so a smaller margin does not show that the real exam would clear 196.
 */
export const AT_THE_LINE_MARGIN_POINTS = 10;

/** Step 1 block count before the May 2026 software change (7 one-hour blocks); the default hint. */
export const STEP1_USUAL_BLOCKS = 7;

/** Limits shared by the contract, the rules and the form. */
export const POSTMORTEM_LIMITS = {
  detailMaxChars: 1000,
  wordingMaxChars: 300,
  ownWordsMinChars: 20,
  ownWordsMaxChars: 3000,
  maxPracticeExams: 30,
  maxLastScores: 3,
  maxBlocks: 16,
  maxWeakestAreas: 6,
  maxSleepHours: 14,
  maxThreeDigitScore: 300,
} as const;

export const DISTANCES = ['borderline', 'moderate', 'far'] as const;
/** How far under passing the Step 1 score report placed the student. */
export type DistanceFromPassing = (typeof DISTANCES)[number];

export const SCHEDULE_HABITS = ['followed', 'dropped', 'none'] as const;
/** Whether dedicated ran on a written, dated schedule. */
export type ScheduleHabit = (typeof SCHEDULE_HABITS)[number];

export const REVIEW_HABITS = ['always', 'sometimes', 'rarely'] as const;
/** How often every explanation, wrong options included, was read after a block. */
export type ReviewHabit = (typeof REVIEW_HABITS)[number];

export const BLOCK_MODES = ['timed', 'mixed', 'tutor'] as const;
/** How question-bank blocks were done. */
export type BlockModeHabit = (typeof BLOCK_MODES)[number];

export const SCORE_SCALES = ['three-digit', 'percent'] as const;
export type ScoreScale = (typeof SCORE_SCALES)[number];
/** One practice result as the report gave it: a 3-digit score (NBME, UWSA) or a percent (Free 120). */
export type PracticeScore = { scale: ScoreScale; value: number };

export const PRACTICE_VERDICTS = ['under', 'at-the-line', 'above'] as const;
/** Where the last practice exams put the student against the passing line, in their own reading. */
export type PracticeVerdict = (typeof PRACTICE_VERDICTS)[number];

export const KEPT_DATE_REASONS = ['booked-date', 'peers', 'finances', 'school-deadline', 'other'] as const;
/** Why the test date held although practice scores said "not ready". */
export type KeptDateReason = (typeof KEPT_DATE_REASONS)[number];

/** Everything the postmortem asks. Optional free text is `null` when left empty. */
export type PostmortemAnswers = {
  scoreReport: { distance: DistanceFromPassing; wording: string | null };
  weakestAreas: ContentCategoryId[];
  dedicated: {
    schedule: ScheduleHabit;
    startedBehind: boolean;
    behindAreas: ContentCategoryId[];
    detail: string | null;
  };
  questionBank: {
    percentDone: number;
    reviewHabit: ReviewHabit;
    blockMode: BlockModeHabit;
    /** Share of dedicated study time spent reading, watching or on flashcards instead of questions. */
    contentSharePercent: number;
    detail: string | null;
  };
  practiceExams: {
    examsTaken: number;
    /** Most recent first. */
    lastScores: PracticeScore[];
    verdict: PracticeVerdict | null;
    satAnyway: boolean | null;
    reasons: KeptDateReason[];
    detail: string | null;
  };
  wellbeing: {
    hadProblems: boolean;
    detail: string | null;
    isSupportInPlace: boolean | null;
    /** Typical night in the last two weeks before the exam. */
    sleepHoursPerNight: number;
  };
  examDay: {
    blockCount: number;
    blocksOutOfTime: number;
    hadPanic: boolean;
    detail: string | null;
  };
  ownWords: string;
};

export type QuestionId =
  | 'scoreReport.distance'
  | 'scoreReport.wording'
  | 'weakestAreas'
  | 'dedicated.schedule'
  | 'dedicated.startedBehind'
  | 'dedicated.behindAreas'
  | 'dedicated.detail'
  | 'questionBank.percentDone'
  | 'questionBank.reviewHabit'
  | 'questionBank.blockMode'
  | 'questionBank.contentSharePercent'
  | 'questionBank.detail'
  | 'practiceExams.examsTaken'
  | 'practiceExams.lastScores'
  | 'practiceExams.verdict'
  | 'practiceExams.satAnyway'
  | 'practiceExams.reasons'
  | 'practiceExams.detail'
  | 'wellbeing.hadProblems'
  | 'wellbeing.detail'
  | 'wellbeing.isSupportInPlace'
  | 'wellbeing.sleepHoursPerNight'
  | 'examDay.blockCount'
  | 'examDay.blocksOutOfTime'
  | 'examDay.hadPanic'
  | 'examDay.detail'
  | 'ownWords';

export type AnswerOption = { value: string; label: string };

export type AnswerType =
  | { kind: 'single-choice'; options: readonly AnswerOption[] }
  | { kind: 'multi-choice'; options: readonly AnswerOption[]; minSelected: number; maxSelected: number }
  | { kind: 'yes-no' }
  | { kind: 'number'; min: number; max: number; step: number; unit: string }
  | { kind: 'practice-scores'; maxEntries: number; scales: readonly AnswerOption[] }
  | { kind: 'text'; minLength: number; maxLength: number; isMultiline: boolean };

/**
 * When a question is shown. `isOneOf`: the other answer is one of these values (for a
 * multi-choice, any chosen value is); `isAtLeast`: a number answer is at least this.
 */
export type Condition =
  { question: QuestionId; isOneOf: readonly (string | boolean)[] } | { question: QuestionId; isAtLeast: number };

export type Question = {
  id: QuestionId;
  prompt: string;
  help: string;
  answer: AnswerType;
  /** Required whenever the question is shown. */
  isRequired: boolean;
  showWhen: Condition | null;
};

export type SectionId =
  'score-report' | 'dedicated' | 'question-bank' | 'practice-exams' | 'wellbeing' | 'exam-day' | 'own-words';

export type Section = { id: SectionId; title: string; intro: string; questions: readonly Question[] };

const categoryOptions: readonly AnswerOption[] = CONTENT_CATEGORIES.map((c) => ({ value: c.id, label: c.name }));

const yesNo = { kind: 'yes-no' } as const;

const detailText = (isMultiline = true): AnswerType => ({
  kind: 'text',
  minLength: 0,
  maxLength: POSTMORTEM_LIMITS.detailMaxChars,
  isMultiline,
});

export const SCHEDULE_LABELS: Readonly<Record<ScheduleHabit, string>> = {
  followed: 'Yes, written and dated, and I kept to it',
  dropped: 'I wrote one but stopped following it',
  none: 'No written schedule',
};

export const REVIEW_LABELS: Readonly<Record<ReviewHabit, string>> = {
  always: 'Always, every option of every question',
  sometimes: 'Sometimes: the ones I got wrong, or when I had time',
  rarely: 'Rarely: I checked the answer and moved on',
};

export const BLOCK_MODE_LABELS: Readonly<Record<BlockModeHabit, string>> = {
  timed: 'Timed, exam-length blocks',
  mixed: 'A mix of timed and tutor mode',
  tutor: 'Mostly tutor mode or untimed',
};

export const DISTANCE_LABELS: Readonly<Record<DistanceFromPassing, string>> = {
  borderline: 'Just under the passing line',
  moderate: 'Clearly under, but not by a wide margin',
  far: 'Far under passing',
};

export const VERDICT_LABELS: Readonly<Record<PracticeVerdict, string>> = {
  under: 'Under passing',
  'at-the-line': 'Right at the line: passing by a few points or not at all',
  above: 'Comfortably above passing',
};

export const KEPT_DATE_LABELS: Readonly<Record<KeptDateReason, string>> = {
  'booked-date': 'The date was booked and moving it felt impossible',
  peers: 'My classmates were sitting it around then',
  finances: 'Money: a new date or more time off cost too much',
  'school-deadline': 'My school required it by a deadline',
  other: 'Something else',
};

const optionsOf = <T extends string>(labels: Readonly<Record<T, string>>): readonly AnswerOption[] =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

/** The questionnaire, in the order the student answers it. */
export const POSTMORTEM_SECTIONS: readonly Section[] = [
  {
    id: 'score-report',
    title: 'What the score report said',
    intro: 'Start with the one document that is not a matter of memory. Have your Step 1 score report open.',
    questions: [
      {
        id: 'scoreReport.distance',
        prompt: 'How far from passing did the report place you?',
        help: 'Failing Step 1 reports show where you landed against the passing line. Pick what the chart showed, not what you hoped.',
        answer: { kind: 'single-choice', options: optionsOf(DISTANCE_LABELS) },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'scoreReport.wording',
        prompt: 'If the report put it in words, copy them here.',
        help: 'Optional. The exact phrasing helps you and an advisor read it the same way later.',
        answer: { kind: 'text', minLength: 0, maxLength: POSTMORTEM_LIMITS.wordingMaxChars, isMultiline: false },
        isRequired: false,
        showWhen: null,
      },
      {
        id: 'weakestAreas',
        prompt: 'Which areas were your lowest on the performance profile?',
        help: `Choose 1 to ${POSTMORTEM_LIMITS.maxWeakestAreas} Step 2 CK categories that match the weakest bands on your report. They become the first targets for remediation.`,
        answer: {
          kind: 'multi-choice',
          options: categoryOptions,
          minSelected: 1,
          maxSelected: POSTMORTEM_LIMITS.maxWeakestAreas,
        },
        isRequired: true,
        showWhen: null,
      },
    ],
  },
  {
    id: 'dedicated',
    title: 'How dedicated was organised',
    intro: 'Whether there was a plan on paper, and where you stood on content when the clock started.',
    questions: [
      {
        id: 'dedicated.schedule',
        prompt: 'Did you study from a written, dated schedule?',
        help: 'A list of resources is not a schedule. A schedule says what you do on which day.',
        answer: { kind: 'single-choice', options: optionsOf(SCHEDULE_LABELS) },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'dedicated.startedBehind',
        prompt: 'When dedicated began, were you already behind on content from the preclinical years?',
        help: 'Behind means whole subjects or systems you had not learned well enough to answer questions on.',
        answer: yesNo,
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'dedicated.behindAreas',
        prompt: 'Which subjects or systems were you behind on?',
        help: 'Pick every one that applies.',
        answer: {
          kind: 'multi-choice',
          options: categoryOptions,
          minSelected: 1,
          maxSelected: CONTENT_CATEGORY_IDS.length,
        },
        isRequired: true,
        showWhen: { question: 'dedicated.startedBehind', isOneOf: [true] },
      },
      {
        id: 'dedicated.detail',
        prompt: 'Anything else about how dedicated was set up?',
        help: 'Optional. For example: how many weeks it lasted, what you planned to cover and what you actually covered.',
        answer: detailText(),
        isRequired: false,
        showWhen: null,
      },
    ],
  },
  {
    id: 'question-bank',
    title: 'The question bank',
    intro: 'How much of the bank you did, and what you did with each question after answering it.',
    questions: [
      {
        id: 'questionBank.percentDone',
        prompt: 'What percentage of your main question bank had you completed by exam day?',
        help: 'Your bank shows this on its progress page. First pass only; resets do not count twice.',
        answer: { kind: 'number', min: 0, max: 100, step: 1, unit: '%' },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'questionBank.reviewHabit',
        prompt:
          'After each block, did you read the explanation for every question, including why each wrong option was wrong?',
        help: 'Be exact about the habit you actually had in the last month, not the one you meant to have.',
        answer: { kind: 'single-choice', options: optionsOf(REVIEW_LABELS) },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'questionBank.blockMode',
        prompt: 'How did you do your blocks?',
        help: 'Timed means the full block length with the clock running and no pausing.',
        answer: { kind: 'single-choice', options: optionsOf(BLOCK_MODE_LABELS) },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'questionBank.contentSharePercent',
        prompt: 'What share of your dedicated study hours went to reading, videos or flashcards rather than questions?',
        help: 'A rough percentage is fine: 30 means about a third of the hours went to content and the rest to questions and their review.',
        answer: { kind: 'number', min: 0, max: 100, step: 5, unit: '%' },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'questionBank.detail',
        prompt: 'What did review look like on a typical day?',
        help: 'Optional. For example: how long a 40-question block took to review, or what you skipped when short of time.',
        answer: detailText(),
        isRequired: false,
        showWhen: null,
      },
    ],
  },
  {
    id: 'practice-exams',
    title: 'Practice exams before Step 1',
    intro: 'What the practice exams said, and what you did with what they said.',
    questions: [
      {
        id: 'practiceExams.examsTaken',
        prompt: 'How many full practice exams (NBME, UWSA, Free 120) did you take before Step 1?',
        help: 'Count the ones you finished. 0 is an answer too.',
        answer: { kind: 'number', min: 0, max: POSTMORTEM_LIMITS.maxPracticeExams, step: 1, unit: 'exams' },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'practiceExams.lastScores',
        prompt: 'Your last practice scores, most recent first.',
        help: `Up to ${POSTMORTEM_LIMITS.maxLastScores}. Enter a 3-digit score as reported (NBME, UWSA) or a percent correct (Free 120).`,
        answer: {
          kind: 'practice-scores',
          maxEntries: POSTMORTEM_LIMITS.maxLastScores,
          scales: [
            { value: 'three-digit', label: '3-digit score' },
            { value: 'percent', label: 'Percent correct' },
          ],
        },
        isRequired: true,
        showWhen: { question: 'practiceExams.examsTaken', isAtLeast: 1 },
      },
      {
        id: 'practiceExams.verdict',
        prompt: 'Against the passing line, where did those last scores put you?',
        help: `Step 1 passes at ${STEP1_PASSING_SCORE}. A score less than ${AT_THE_LINE_MARGIN_POINTS} points above it is at the line: one practice score can be off by about 7 points.`,
        answer: { kind: 'single-choice', options: optionsOf(VERDICT_LABELS) },
        isRequired: true,
        showWhen: { question: 'practiceExams.examsTaken', isAtLeast: 1 },
      },
      {
        id: 'practiceExams.satAnyway',
        prompt: 'Did you keep your test date even though those scores said you were not ready?',
        help: 'Answer yes if the scores were under or near passing, or under the target you had set yourself, and the date stayed.',
        answer: yesNo,
        isRequired: true,
        showWhen: { question: 'practiceExams.examsTaken', isAtLeast: 1 },
      },
      {
        id: 'practiceExams.reasons',
        prompt: 'Why did the date stay?',
        help: 'Pick every reason that applied. None of them is shameful; each one needs a different fix.',
        answer: {
          kind: 'multi-choice',
          options: optionsOf(KEPT_DATE_LABELS),
          minSelected: 1,
          maxSelected: KEPT_DATE_REASONS.length,
        },
        isRequired: true,
        showWhen: { question: 'practiceExams.satAnyway', isOneOf: [true] },
      },
      {
        id: 'practiceExams.detail',
        prompt: 'Tell us more about that decision.',
        help: 'Required if you picked “Something else”. For example: the date you sat, and the score you had told yourself you needed.',
        answer: detailText(),
        isRequired: false,
        showWhen: { question: 'practiceExams.examsTaken', isAtLeast: 1 },
      },
    ],
  },
  {
    id: 'wellbeing',
    title: 'Health, family and sleep',
    intro:
      'What was happening outside the books. This stays private to you unless you choose to share it with an advisor.',
    questions: [
      {
        id: 'wellbeing.hadProblems',
        prompt:
          'During dedicated, were you dealing with depression, anxiety, a family problem or a health problem that was not being addressed?',
        help: 'Not being addressed means no treatment, no support and no adjustment to the plan for it.',
        answer: yesNo,
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'wellbeing.detail',
        prompt: 'What was going on?',
        help: 'As much or as little as you want to write, but enough that you would recognise it in three months.',
        answer: detailText(),
        isRequired: true,
        showWhen: { question: 'wellbeing.hadProblems', isOneOf: [true] },
      },
      {
        id: 'wellbeing.isSupportInPlace',
        prompt: 'Is support in place for it now (a counsellor, a doctor, treatment, help at home)?',
        help: 'If not, the plan will ask you to line it up before the heavy weeks, not after.',
        answer: yesNo,
        isRequired: true,
        showWhen: { question: 'wellbeing.hadProblems', isOneOf: [true] },
      },
      {
        id: 'wellbeing.sleepHoursPerNight',
        prompt: 'How many hours did you sleep on a typical night in the last two weeks before the exam?',
        help: 'Half hours are fine: 6.5.',
        answer: { kind: 'number', min: 0, max: POSTMORTEM_LIMITS.maxSleepHours, step: 0.5, unit: 'hours' },
        isRequired: true,
        showWhen: null,
      },
    ],
  },
  {
    id: 'exam-day',
    title: 'Exam day',
    intro: 'What happened in the test centre, block by block.',
    questions: [
      {
        id: 'examDay.blockCount',
        prompt: 'How many blocks did your Step 1 have?',
        help: `Before May 2026 it was ${STEP1_USUAL_BLOCKS} one-hour blocks. If you sat later, check your confirmation.`,
        answer: { kind: 'number', min: 1, max: POSTMORTEM_LIMITS.maxBlocks, step: 1, unit: 'blocks' },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'examDay.blocksOutOfTime',
        prompt: 'In how many blocks did you run out of time or have to guess the last questions?',
        help: '0 if you finished every block with time to spare.',
        answer: { kind: 'number', min: 0, max: POSTMORTEM_LIMITS.maxBlocks, step: 1, unit: 'blocks' },
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'examDay.hadPanic',
        prompt: 'Did you panic or blank during the exam?',
        help: 'For example: your mind went empty on questions you knew, your heart raced, you reread stems without taking them in.',
        answer: yesNo,
        isRequired: true,
        showWhen: null,
      },
      {
        id: 'examDay.detail',
        prompt: 'What happened, and in which blocks?',
        help: 'Required if you panicked or blanked. Which block, what it felt like, how long it lasted.',
        answer: detailText(),
        isRequired: false,
        showWhen: null,
      },
    ],
  },
  {
    id: 'own-words',
    title: 'In your own words',
    intro: 'Last, the reason as you see it today.',
    questions: [
      {
        id: 'ownWords',
        prompt: 'Why do you think Step 1 went wrong?',
        help: 'Name what happened: the blocks, the scores, the weeks, the habits. “I’m just bad at tests” is not a reason we can plan against; what sits behind it is.',
        answer: {
          kind: 'text',
          minLength: POSTMORTEM_LIMITS.ownWordsMinChars,
          maxLength: POSTMORTEM_LIMITS.ownWordsMaxChars,
          isMultiline: true,
        },
        isRequired: true,
        showWhen: null,
      },
    ],
  },
];

/**
 * Whether a conditional question is shown, given a way to read other answers (the web passes its
 * form state, the server the parsed answers). Lets the form and the rules agree on what is asked.
 *
 * @example isConditionMet({ question: 'practiceExams.examsTaken', isAtLeast: 1 }, () => 0) === false
 */
export function isConditionMet(condition: Condition | null, readAnswer: (id: QuestionId) => unknown): boolean {
  if (condition === null) return true;
  const value = readAnswer(condition.question);
  if ('isAtLeast' in condition) return typeof value === 'number' && value >= condition.isAtLeast;
  const chosen: unknown[] = Array.isArray(value) ? value : [value];
  return chosen.some((v) => (typeof v === 'string' || typeof v === 'boolean') && condition.isOneOf.includes(v));
}

/**
 * Reads one answer by question id, so conditions can be evaluated against a full answer set.
 *
 * @example readPostmortemAnswer(answers, 'examDay.hadPanic') === answers.examDay.hadPanic
 */
export function readPostmortemAnswer(answers: PostmortemAnswers, id: QuestionId): unknown {
  const [head, tail] = id.split('.') as [string, string | undefined];
  const top: unknown = (answers as Record<string, unknown>)[head];
  if (tail === undefined) return top;
  return (top as Record<string, unknown>)[tail];
}
