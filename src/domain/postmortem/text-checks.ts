import { fail, ok, type Result } from '../common/result.ts';

/**
 * "I'm just bad at tests" and its relatives. Matched against normalised text (lower case,
 * apostrophes dropped, punctuation and hyphens turned into spaces), so "I'm", "Im", "I’m" and
 * "test-taker" all read the same.
 */
const BAD_AT_TESTS_PATTERNS: readonly RegExp[] = [
  // bad at tests / not good at exams / terrible with standardized testing
  /\b(bad|terrible|awful|horrible|hopeless|useless|poor|weak|lousy|not (very |that |so )?good|no good|not great|never (been )?good) (at|with|in) (taking |doing |writing )?(standardi[sz]ed |big |multiple choice |mcq )?(tests?|testing|exams?|examinations?|test taking|exam taking)\b/,
  // bad test taker / not a good test-taker / never been a strong exam taker
  /\b(bad|terrible|awful|horrible|poor|weak|lousy|nervous|anxious|slow|not (a |an )?(very |that |so )?(good|great|strong|natural)|never (been )?(a |an )?(good|great|strong|natural)) (standardi[sz]ed )?(test|exam) ?takers?\b/,
  // I choke / freeze / fall apart on exams
  /\bi (always |just |tend to |usually )?(choke|freeze|crumble|fall apart|collapse|panic|blank) (on|in|at|during|under) (standardi[sz]ed |big |high stakes )?(tests?|exams?|testing|test day|exam day|pressure)\b/,
  // standardized tests aren't my thing / exams are not for me
  /\b(standardi[sz]ed )?(tests?|exams?|testing) (are|is|were|was|have|has)( just)?( never| not|nt)( been)? (my thing|for me|my strength|my forte|my strong suit)\b/,
  /\b(standardi[sz]ed )?(tests?|exams?|testing) (arent|isnt|werent|wasnt|havent been|hasnt been)( really| ever)? (my thing|for me|my strength|my forte|my strong suit)\b/,
  // I don't test well / I test poorly / I can't do exams
  /\bi (just |simply |really )?(dont|do not|never|cant|cannot|can not) test (well|good)\b/,
  /\bi (just |always )?test (badly|poorly|terribly|horribly)\b/,
  /\bi (just |simply |really )?(cant|cannot|can not) (do|take|handle|cope with) (standardi[sz]ed )?(tests|exams|testing)\b/,
];

/**
 * Words that show a concrete account: a block, a score, a habit, a week, a symptom with a place.
 * Any digit counts as well ("4 of 7 blocks", "188 on NBME 25").
 */
const SPECIFIC_MARKERS =
  /\b(blocks?|scores?|nbmes?|uwsas?|uworld|amboss|free 120|qbank|question bank|questions|explanations?|review(ed|ing)?|timed|tutor mode|clock|ran out of time|out of time|pacing|schedule|plan(ned)?|dedicated|content|slept|sleep|insomnia|depress(ed|ion)|anxiety|family|illness|sick|burn(ed|t)? ?out|weeks?|days?|hours?|practice (tests?|exams?)|self assessments?|cardio\w*|renal|pharm\w*|biochem\w*|micro\w*|path\w*|physio\w*|neuro\w*|ethics|biostat\w*)\b|\d/;

function normaliseText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’‘ʼ´`']/g, '')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim()} `;
}

/**
 * True when the text offers "I'm bad at tests" (or a variant) as the explanation and nothing
 * concrete beside it. A text that names blocks, scores, habits or numbers is specific enough, even
 * if it also calls the writer a bad test taker; so is one that mentions tests for another reason.
 *
 * @example isBadAtTestsExplanation("Honestly I'm just not a good test-taker.") === true
 * @example isBadAtTestsExplanation('I did my practice tests untimed and ran out of time in 3 blocks.') === false
 */
export function isBadAtTestsExplanation(text: string): boolean {
  let remainder = normaliseText(text);
  let isFound = false;
  for (const pattern of BAD_AT_TESTS_PATTERNS) {
    const global = new RegExp(pattern.source, 'g');
    if (global.test(remainder)) {
      isFound = true;
      remainder = remainder.replace(global, ' ');
    }
  }
  return isFound && !SPECIFIC_MARKERS.test(remainder);
}

/**
 * Checks the student's own explanation. "I'm just bad at tests" is refused as a cause (PRODUCT.md
 * B): it cannot be planned against, and believing it makes a repeat more likely. The refusal asks
 * for what sits behind it instead.
 *
 * @example checkOwnWords('Standardized tests aren’t my thing.') // → VALIDATION_FAILED on `ownWords`
 */
export function checkOwnWords(text: string): Result<string> {
  if (!isBadAtTestsExplanation(text)) return ok(text);
  return fail('VALIDATION_FAILED', 'Tell us what happened, not what kind of test taker you are.', {
    ownWords:
      '“Bad at tests” describes the result, not the reason, and a reason is what we can plan against. What happened on exam day, and in which blocks? What were your last practice scores, and how far under passing? What did your days look like in the final weeks? Write those down, even roughly.',
  });
}
