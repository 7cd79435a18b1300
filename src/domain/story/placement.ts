/**
 * Where to put the explanation (issue 14). Advice differs, and the product says so: a program
 * director advises leaving it out of the personal statement and answering at interview; others
 * advise one paragraph in the statement, or the ERAS explanation / "Impactful Experiences" field when
 * the fail risks a screen-out (ResidencyAdvisor's decision table); an SDN thread reports an almost
 * even split. There is no single right answer, so the options are shown with their trade-offs.
 */
import type { StorySourceId } from './sources.ts';

export const PLACEMENT_IDS = ['interview-only', 'statement-paragraph', 'eras-field'] as const;
export type PlacementId = (typeof PLACEMENT_IDS)[number];

export type PlacementOption = {
  id: PlacementId;
  title: string;
  summary: string;
  upsides: string[];
  downsides: string[];
  /** Who advises it, as the issue reports. */
  advisedBy: string;
  sources: StorySourceId[];
};

export const PLACEMENT_OPTIONS: readonly PlacementOption[] = [
  {
    id: 'interview-only',
    title: 'Leave it out of the statement; answer at interview',
    summary: 'Your personal statement stays about you and your specialty; you explain the fail when you are asked.',
    upsides: [
      'The statement spends every line on why you want this specialty.',
      'At interview you can read the room and answer the question that was actually asked.',
    ],
    downsides: [
      'Programs still see the fail on your transcript, without your context, when they screen.',
      'You need the interview first; if the fail leads to a screen-out, nobody hears your answer.',
    ],
    advisedBy: 'A program director quoted in our sources advises this.',
    sources: ['program-director'],
  },
  {
    id: 'statement-paragraph',
    title: 'One paragraph in the personal statement',
    summary: 'Five to seven sentences inside the statement: the fact, the cause, what changed, the evidence.',
    upsides: [
      'The context arrives in the same file as the fail, for every reader.',
      'You choose the words, and the paragraph can end on your Step 2 CK evidence.',
    ],
    downsides: [
      'It takes room from the rest of your story.',
      'Done badly (long, defensive), it draws more attention to the fail than the transcript does.',
    ],
    advisedBy: 'Several advisers advise this, kept to one paragraph (residencystatement.com, iatroX).',
    sources: ['residencystatement', 'iatrox'],
  },
  {
    id: 'eras-field',
    title: 'The ERAS explanation or “Impactful Experiences” field',
    summary: 'A short, factual entry in the application itself, with the statement left free.',
    upsides: [
      'Screeners who look at the fail find the explanation beside it.',
      'ResidencyAdvisor’s decision table points here when the fail risks a screen-out.',
    ],
    downsides: [
      'What each field is meant for is set by ERAS and can change between seasons: read this season’s instructions before you use one.',
      'A long entry makes the fail look bigger than it is.',
    ],
    advisedBy: 'ResidencyAdvisor’s decision table suggests it when a screen-out is the risk.',
    sources: ['residencyadvisor'],
  },
];

/** Said above the options, every time. */
export const PLACEMENT_CAVEAT =
  'Advice on this genuinely differs. A program director advises keeping it out of the statement; others advise one paragraph, or an ERAS field when a screen-out is the risk; an SDN thread found the split almost even. There is no single right answer: choose with your advisor, for your specialty and your programs. Whatever you choose, have the interview answer ready.';
