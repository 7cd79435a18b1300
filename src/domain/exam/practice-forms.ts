/**
 * The practice exams a student can own, with the shape of their test day. Sources: DOMAIN.md §2.
 * Item counts that DOMAIN.md marks "not found" are planning assumptions, said so beside each.
 */
export type PracticeFormId =
  | 'NBME9'
  | 'NBME10'
  | 'NBME11'
  | 'NBME12'
  | 'NBME13'
  | 'NBME14'
  | 'NBME15'
  | 'NBME16'
  | 'UWSA1'
  | 'UWSA2'
  | 'FREE120'
  | 'AMBOSS_SA';

export type PracticeForm = {
  id: PracticeFormId;
  name: string;
  /** How the result is reported: a 3-digit score or a percent correct (Free 120). */
  reports: 'score' | 'percent';
  blocks: number;
  blockMinutes: number;
  /**
   * Order in which a plan sits the forms: lower first. Forms that track the real exam most closely
   * (UWSA2, the newest NBMEs, the Free 120) go last, nearest the exam.
   */
  order: number;
};

/** Minutes of breaks a plan adds between blocks of a practice exam. */
export const PRACTICE_BREAK_MINUTES_PER_BLOCK = 10;

const nbme = (n: 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16): PracticeForm => ({
  id: `NBME${n}`,
  name: `NBME CCSSA Form ${n}`,
  reports: 'score',
  // DOMAIN.md §2: the current item count was not found; an old NBME page says 4 one-hour sections.
  blocks: 4,
  blockMinutes: 60,
  order: n,
});

export const PRACTICE_FORMS: Readonly<Record<PracticeFormId, PracticeForm>> = {
  NBME9: nbme(9),
  NBME10: nbme(10),
  NBME11: nbme(11),
  NBME12: nbme(12),
  NBME13: nbme(13),
  NBME14: nbme(14),
  NBME15: nbme(15),
  NBME16: nbme(16),
  // DOMAIN.md §2: UWSA item count unclear (160 vs ≈200); planned as 4 blocks of 40 in 60 minutes.
  UWSA1: { id: 'UWSA1', name: 'UWorld Self-Assessment 1', reports: 'score', blocks: 4, blockMinutes: 60, order: 8.5 },
  UWSA2: { id: 'UWSA2', name: 'UWorld Self-Assessment 2', reports: 'score', blocks: 4, blockMinutes: 60, order: 17 },
  // DOMAIN.md §2: the Free 120 is 120 items in 3 blocks of 40; it reports only a percent correct.
  FREE120: { id: 'FREE120', name: 'USMLE Free 120', reports: 'percent', blocks: 3, blockMinutes: 60, order: 18 },
  // DOMAIN.md §2: AMBOSS Step 2 CK Self-Assessment: 4 blocks of 40 items, 60 minutes each.
  AMBOSS_SA: {
    id: 'AMBOSS_SA',
    name: 'AMBOSS Self-Assessment',
    reports: 'score',
    blocks: 4,
    blockMinutes: 60,
    order: 12.5,
  },
};

export const PRACTICE_FORM_IDS = Object.keys(PRACTICE_FORMS) as [PracticeFormId, ...PracticeFormId[]];

/** Minutes a practice exam takes: its blocks plus short breaks between them. */
export function practiceExamMinutes(id: PracticeFormId): number {
  const form = PRACTICE_FORMS[id];
  return form.blocks * form.blockMinutes + (form.blocks - 1) * PRACTICE_BREAK_MINUTES_PER_BLOCK;
}
