/**
 * Where the story rules come from (issue 14, "What advisors and programs say"). Each source is named
 * as the issue names it; no address is given where the issue gives none, and no figure is added to
 * what the issue reports.
 */
export const STORY_SOURCE_IDS = [
  'residencystatement',
  'iatrox',
  'medresidency',
  'residencyadvisor',
  'program-director',
  'sdn',
  'seed',
  'assumption',
] as const;
export type StorySourceId = (typeof STORY_SOURCE_IDS)[number];

export type StorySource = { id: StorySourceId; name: string; says: string };

export const STORY_SOURCES: Readonly<Record<StorySourceId, StorySource>> = {
  residencystatement: {
    id: 'residencystatement',
    name: 'residencystatement.com',
    says: 'One paragraph of about 5–7 sentences: the fact, the cause in one line, what changed, the evidence.',
  },
  iatrox: {
    id: 'iatrox',
    name: 'iatroX',
    says: 'The order is fact → reason → action.',
  },
  medresidency: {
    id: 'medresidency',
    name: 'medresidency.com',
    says: 'At interview: acknowledge → context → ownership → growth → present readiness.',
  },
  residencyadvisor: {
    id: 'residencyadvisor',
    name: 'ResidencyAdvisor',
    says: 'Avoid “I’ve always struggled with standardized tests”; a decision table on where the explanation goes.',
  },
  'program-director': {
    id: 'program-director',
    name: 'a program director (reported in issue 14)',
    says: 'Leave the fail out of the personal statement and answer it at interview.',
  },
  sdn: {
    id: 'sdn',
    name: 'an SDN thread',
    says: 'Advisers split almost evenly on where the explanation belongs.',
  },
  seed: {
    id: 'seed',
    name: 'Comeback’s guidance',
    says: 'Short and direct, without excuses, specific about the change, and closing on the evidence.',
  },
  assumption: {
    id: 'assumption',
    name: 'our assumption',
    says: 'A working figure of ours, not from a published source; it may be wrong for you.',
  },
};
