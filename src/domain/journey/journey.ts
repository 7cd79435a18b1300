/**
 * The nine stages the product walks with a student (PRODUCT.md, after the seed article's flow).
 * The current stage is always derived from the student's data, never stored as a flag.
 */
export type StageId =
  | 'fail-recorded'
  | 'postmortem'
  | 'causes'
  | 'plan'
  | 'dedicated'
  | 'benchmarks'
  | 'remediate'
  | 'readiness'
  | 'exam';

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
  { id: 'fail-recorded', title: 'Step 1 result recorded', summary: 'Your fails, specialty, exam date and target.', href: '/profile', action: 'Set up your profile' },
  { id: 'postmortem', title: 'Honest postmortem', summary: 'What really happened on Step 1, in specifics.', href: null, action: 'Start the postmortem' },
  { id: 'causes', title: 'Causes named', summary: 'Each cause tied to a change you can point to.', href: null, action: 'Review your causes' },
  { id: 'plan', title: 'New study plan', summary: 'A dated plan on your calendar, around rotations.', href: null, action: 'Build your plan' },
  { id: 'dedicated', title: 'Dedicated prep', summary: 'Question blocks, review, rest — logged as you go.', href: null, action: 'Log today’s block' },
  { id: 'benchmarks', title: 'NBME and UWSA benchmarks', summary: 'Practice exams on a schedule, not on mood.', href: null, action: 'Log a practice exam' },
  { id: 'remediate', title: 'Fix weak areas', summary: 'Aim the remaining weeks at what costs most.', href: null, action: 'See your weak areas' },
  { id: 'readiness', title: 'Readiness decision', summary: 'Go or delay, by a rule you can read.', href: null, action: 'Check readiness' },
  { id: 'exam', title: 'Sit Step 2 CK', summary: 'Test day, then the score.', href: null, action: 'Prepare for test day' },
];

/** What we know about the student that decides the stage. Grows as capabilities arrive. */
export type JourneyFacts = {
  hasProfile: boolean;
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
    default:
      // Later stages need data whose capabilities are not built yet, so none can be done.
      return false;
  }
}

/**
 * The stages with their status and the one next action. The current stage is the first one not
 * done. When its screen does not exist yet, the next action points at the most useful screen that
 * does (the profile), and says so rather than linking to an empty page.
 */
export function deriveJourney(facts: JourneyFacts): Journey {
  const currentIndex = STAGES.findIndex((stage) => !isStageDone(stage.id, facts));
  const index = currentIndex === -1 ? STAGES.length - 1 : currentIndex;
  const current = STAGES[index]!;
  const stages = STAGES.map((stage, i): JourneyStage => ({
    id: stage.id,
    number: i + 1,
    title: stage.title,
    summary: stage.summary,
    status: i < index ? 'done' : i === index ? 'current' : 'upcoming',
    isAvailable: stage.href !== null,
    href: stage.href,
  }));
  let nextAction: NextAction;
  if (current.href) {
    nextAction = {
      label: current.action,
      href: current.href,
      detail:
        current.id === 'fail-recorded'
          ? 'Tell us your fails, specialty and exam date. You will see your target score, your risk and how much time you have.'
          : current.summary,
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
