/**
 * What a student shares with one advisor (issue 12). Each scope is switched on or off per link, and
 * read from the database on every advisor request, so a change holds from the next request on.
 */
export const SCOPES = ['scores', 'plan', 'wellbeing', 'journal', 'story'] as const;
export type Scope = (typeof SCOPES)[number];
export type Scopes = Readonly<Record<Scope, boolean>>;

/**
 * On by default: the figures an advisor needs to follow a student (scores, prediction, verdict and
 * plan adherence). Off by default: wellbeing check-ins (health-adjacent), the journal and the story
 * (the student's own words).
 */
export const DEFAULT_SCOPES: Scopes = { scores: true, plan: true, wellbeing: false, journal: false, story: false };

export const SCOPE_LABELS: Readonly<Record<Scope, string>> = {
  scores: 'Scores, prediction and verdict',
  plan: 'Plan adherence',
  wellbeing: 'Wellbeing check-ins',
  journal: 'Wrong-answer journal',
  story: 'Postmortem and story',
};

export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  scores:
    'Your practice exam scores, the predicted score with its band and trend, and the on-track or go / delay verdict.',
  plan: 'Hours planned and done over the last 14 days, practice exams you missed, and weeks your plan could not fit.',
  wellbeing:
    'Your sleep, stress and mood check-ins, and whether several hard days came in a row. Your check-in notes are never shared.',
  journal: 'How many questions you logged in the journal, by the reason you missed them, with your key points.',
  story: 'The causes your postmortem named and your own words about what happened.',
};

/** Said beside the wellbeing switch before it is turned on. */
export const WELLBEING_WARNING =
  'Wellbeing check-ins are health information. Share them only with someone you trust with that, and know that an advisor may be required by your school to act on what they see. You can switch this off again at any time.';

/** What every linked advisor sees, whatever the scopes: who the student is and where they are. */
export const ALWAYS_SHARED = 'Your email address, your current stage and your exam date.';

/** The scopes that are on, in the order of SCOPES. */
export function scopesOn(scopes: Scopes): Scope[] {
  return SCOPES.filter((scope) => scopes[scope]);
}
