/**
 * Interview practice (issue 14): the questions programs typically ask about a Step 1 fail, as the
 * issue lists them, each with what it is really asking and which part of the frame to lean on.
 */
export const INTERVIEW_PROMPT_IDS = [
  'walk-me-through',
  'what-changed',
  'boards-in-residency',
  'tell-me-about-a-failure',
  'biggest-weakness',
] as const;
export type InterviewPromptId = (typeof INTERVIEW_PROMPT_IDS)[number];

export type InterviewPrompt = {
  id: InterviewPromptId;
  question: string;
  /** What the interviewer wants to learn. */
  askingFor: string;
  /** Which part of the answer to make longest. */
  lean: string;
};

export const INTERVIEW_PROMPTS: readonly InterviewPrompt[] = [
  {
    id: 'walk-me-through',
    question: 'Can you walk me through what happened with Step 1?',
    askingFor: 'Whether you understand why it happened, and whether you will say so without excuses.',
    lean: 'Keep what happened to two or three sentences; spend the rest on what changed and where you are now.',
  },
  {
    id: 'what-changed',
    question: 'What did you change?',
    askingFor: 'Concrete differences they could check, not effort.',
    lean: 'Name two or three changes with numbers (practice exams, timed blocks, hours), then the result they produced.',
  },
  {
    id: 'boards-in-residency',
    question: 'How do we know it won’t happen on boards in residency?',
    askingFor: 'Whether the fix is a system you will keep, because their board pass rate depends on it.',
    lean: 'Point to the evidence you have now, then say which habits you will carry into residency.',
  },
  {
    id: 'tell-me-about-a-failure',
    question: 'Tell me about a failure.',
    askingFor: 'How you respond to a setback of your own making.',
    lean: 'You may choose Step 1 or another failure; if you choose Step 1, keep the same frame and end on growth.',
  },
  {
    id: 'biggest-weakness',
    question: 'What is your biggest weakness?',
    askingFor: 'Self-knowledge, and a weakness you are actively managing.',
    lean: 'Name a real habit, what you do about it now, and how you check that it works.',
  },
];

export function findPrompt(id: string): InterviewPrompt | undefined {
  return INTERVIEW_PROMPTS.find((p) => p.id === id);
}

/** The target for a spoken answer (issue 14): 60–90 seconds. */
export const ANSWER_SECONDS = { min: 60, max: 90 } as const;

/** How many practice attempts are kept per question; older ones are removed when a new one is saved. */
export const MAX_ATTEMPTS_PER_PROMPT = 20;
