import type { ReadinessVerdict } from '../evidence/readiness.ts';

/**
 * The nine stages the product walks with a student (PRODUCT.md, after the seed article's flow).
 * The current stage is always derived from the student's data, never stored as a flag.
 */
export type StageId =
  'fail-recorded' | 'postmortem' | 'causes' | 'plan' | 'dedicated' | 'benchmarks' | 'remediate' | 'readiness' | 'exam';

export type StageStatus = 'done' | 'current' | 'upcoming';

type StageDefinition = {
  id: StageId;
  title: string;
  summary: string;
  /** Where the stage's work is done in the app; null while its screen does not exist yet. */
  href: string | null;
  /** The one next action when this stage is current and its screen exists. */
  action: string;
};

export const STAGES: readonly StageDefinition[] = [
  {
    id: 'fail-recorded',
    title: 'Step 1 result recorded',
    summary: 'Your fails, specialty, exam date and target.',
    href: '/profile',
    action: 'Set up your profile',
  },
  {
    id: 'postmortem',
    title: 'Honest postmortem',
    summary: 'What really happened on Step 1, in specifics.',
    href: '/postmortem',
    action: 'Start the postmortem',
  },
  {
    id: 'causes',
    title: 'Causes named',
    summary: 'Each cause tied to a change you can point to.',
    href: '/postmortem#causes',
    action: 'Review your causes',
  },
  {
    id: 'plan',
    title: 'New study plan',
    summary: 'A dated plan on your calendar, around rotations.',
    href: '/plan/settings',
    action: 'Build your plan',
  },
  {
    id: 'dedicated',
    title: 'Dedicated prep',
    summary: 'Question blocks, review, rest — done as planned.',
    href: '/plan',
    action: 'Open today’s plan',
  },
  {
    id: 'benchmarks',
    title: 'NBME and UWSA benchmarks',
    summary: 'Practice exams on a schedule, not on mood.',
    href: '/evidence/exams',
    action: 'Log a practice exam',
  },
  {
    id: 'remediate',
    title: 'Fix weak areas',
    summary: 'Aim the remaining weeks at what costs most.',
    href: '/evidence/weak-areas',
    action: 'See your weak areas',
  },
  {
    id: 'readiness',
    title: 'Readiness decision',
    summary: 'Go or delay, by a rule you can read.',
    href: '/evidence',
    action: 'Check readiness',
  },
  {
    id: 'exam',
    title: 'Sit Step 2 CK',
    summary: 'Test day, then the score.',
    href: '/plan',
    action: 'Prepare for test day',
  },
];

/** Where the real result is recorded and compared (stage 9). */
const OUTCOME_HREF = '/evidence#outcome';

const ACTION_DETAILS: Partial<Record<StageId, string>> = {
  'fail-recorded':
    'Tell us your fails, specialty and exam date. You will see your target score, your risk and how much time you have.',
  postmortem:
    'Fifteen minutes of specifics about Step 1: the question bank, the practice scores, the exam day, your health. Each answer changes something in your plan.',
  causes: 'See the causes your answers point to, and what each one changes.',
  plan: 'Turn your hours, rotations and practice exams into a dated plan, starting today. Your postmortem has already set some of it.',
  dedicated:
    'Work through today’s items and log each question block as you finish it: it ticks the plan off for you. This stage closes when the last three weeks before the exam begin.',
  benchmarks:
    'Your plan has practice exams on set days. Log each score the day you take it: before the last three weeks they show your trend, and in them the go / delay rule reads at least two.',
  remediate:
    'Your practice scores are not at your target yet. Spend the coming weeks on the areas that cost you the most points.',
  readiness:
    'See the go / delay verdict and every reason behind it. Before the last three weeks it says whether you are on track, and how fast your scores move.',
  exam: 'Your practice numbers clear the bar. Keep the last week light, sleep, and go in with the plan you trained for.',
};

/** What we know about the student that decides the stage. Grows as capabilities arrive. */
export type JourneyFacts = {
  hasProfile: boolean;
  hasPostmortem: boolean;
  hasPlan: boolean;
  /** Plan items from past days neither done nor skipped. */
  missedItems: number;
  blocksLogged: number;
  /** Practice exams that feed the prediction (the Clinical Mastery Series does not). */
  predictiveExams: number;
  /**
   * The readiness rule's verdict; null before there is anything to judge. 'on-track' / 'off-track'
   * before the decision window, proceed / delay / not-ready inside it (readiness.ts).
   */
  verdict: ReadinessVerdict | null;
  /** A delay the student has not accepted yet is on offer. */
  hasDelayOffer: boolean;
  /** Wellbeing check-ins have stayed bad: reaching out comes before anything else. */
  isHelpPromptDue: boolean;
  isExamPast: boolean;
  /** The real Step 2 CK result is recorded (stage 9). Absent = not recorded. */
  hasOutcome?: boolean;
};

export type JourneyStage = {
  id: StageId;
  number: number;
  title: string;
  summary: string;
  status: StageStatus;
  /** False while the screen for this stage is not part of the app yet. */
  isAvailable: boolean;
  href: string | null;
};

export type NextAction = { label: string; href: string; detail: string };

export type Journey = { stages: JourneyStage[]; current: StageId; nextAction: NextAction };

function isStageDone(id: StageId, facts: JourneyFacts): boolean {
  switch (id) {
    case 'fail-recorded':
      return facts.hasProfile;
    case 'postmortem':
    case 'causes':
      // The causes are named the moment the postmortem is saved: they are computed from it.
      return facts.hasPostmortem;
    case 'plan':
      return facts.hasPlan;
    case 'dedicated':
      // Dedicated prep is done when its period is: the decision window has opened on a plan that was
      // worked (blocks logged), not on the first logged block. Once the exam is sat, it is over.
      return facts.isExamPast || (facts.hasPlan && facts.blocksLogged > 0 && isDeciding(facts.verdict));
    case 'benchmarks':
      // Done when the rule has the exams it reads, inside the window: two practice exams at least.
      return facts.isExamPast || (facts.predictiveExams >= 2 && isDeciding(facts.verdict));
    case 'remediate':
    case 'readiness':
      // Weak areas are "fixed" when the numbers say so: only a "proceed" verdict closes them, or the
      // exam itself (after it there is nothing left to decide).
      return facts.isExamPast || facts.verdict === 'proceed';
    case 'exam':
      // Done when the real result is recorded, not when the date passes: the score is the stage's end.
      return facts.hasOutcome === true;
  }
}

/** Inside the decision window (or a delay the trajectory forces earlier): the go / delay verdicts. */
function isDeciding(verdict: ReadinessVerdict | null): boolean {
  return verdict === 'proceed' || verdict === 'delay' || verdict === 'not-ready';
}

/**
 * The stages with their status and the one next action. The current stage is the first one not
 * done. When its screen does not exist yet, the next action points at the most useful screen that
 * does (the profile), and says so rather than linking to an empty page.
 */
export function deriveJourney(facts: JourneyFacts): Journey {
  const currentIndex = STAGES.findIndex((stage) => !isStageDone(stage.id, facts));
  const isAllDone = currentIndex === -1;
  const index = isAllDone ? STAGES.length - 1 : currentIndex;
  const current = STAGES[index]!;
  // After exam day, stage 9's work is recording the result, on the evidence page.
  const hrefOf = (stage: StageDefinition) => (stage.id === 'exam' && facts.isExamPast ? OUTCOME_HREF : stage.href);
  const stages = STAGES.map((stage, i): JourneyStage => ({
    id: stage.id,
    number: i + 1,
    title: stage.title,
    summary: stage.summary,
    status: i < index || isAllDone ? 'done' : i === index ? 'current' : 'upcoming',
    isAvailable: hrefOf(stage) !== null,
    href: hrefOf(stage),
  }));
  let nextAction: NextAction;
  if (facts.isHelpPromptDue) {
    nextAction = {
      label: 'Reach out for support',
      href: '/evidence/wellbeing',
      detail:
        'Your last check-ins show several hard days in a row. Before anything else on this list, talk to someone: your school’s counselling service, your doctor, or a crisis line if it is urgent.',
    };
  } else if (facts.hasDelayOffer && (facts.verdict === 'delay' || facts.verdict === 'not-ready')) {
    nextAction = {
      label: 'Decide on the proposed delay',
      href: '/evidence',
      detail:
        'Your practice exams are not where your target needs them. A concrete new date, aimed at your weakest areas, is waiting for your decision.',
    };
  } else if (facts.hasPlan && facts.missedItems > 0 && !facts.isExamPast) {
    // (After the exam there is nothing left to re-plan.)
    nextAction = {
      label: 'Re-plan the days you missed',
      href: '/plan',
      detail: `${facts.missedItems} planned item${facts.missedItems === 1 ? ' was' : 's were'} neither done nor skipped. Re-planning keeps what you did and moves the rest forward; it never rewrites the past.`,
    };
  } else if (isAllDone) {
    nextAction = {
      label: 'See how the prediction compared',
      href: OUTCOME_HREF,
      detail:
        'Your result is recorded. The evidence page shows it beside the last prediction Comeback made before your exam, and lets you choose whether your school may use the pair.',
    };
  } else if (current.id === 'exam' && facts.isExamPast) {
    nextAction = {
      label: 'Record your Step 2 CK result',
      href: OUTCOME_HREF,
      detail:
        'When your score is out (usually on a Wednesday, 3–4 weeks after the test), enter it with pass or fail and the day it came out. You will see how the last prediction before your exam compared.',
    };
  } else if (current.href) {
    nextAction = {
      label: current.action,
      href: current.href,
      detail: ACTION_DETAILS[current.id] ?? current.summary,
    };
  } else {
    nextAction = {
      label: 'Check your target and timeline',
      href: '/profile',
      detail: `Next comes “${current.title}”. Its screen opens in a coming release of Comeback; until then, make sure your exam date, specialty and target are right.`,
    };
  }
  return { stages, current: current.id, nextAction };
}
