/**
 * Drafts of the story of the fail (issue 14, PRODUCT.md G), built from the student's own data:
 * (a) the personal-statement paragraph, fact → cause in one line → what changed → evidence
 *     (residencystatement.com; iatroX: fact → reason → action), and
 * (b) a 60–90-second interview answer, acknowledge → context → ownership → growth → present
 *     readiness (medresidency.com).
 *
 * Every sentence comes from the templates below, filled with the student's postmortem causes and
 * answers, the plan changes those causes made, their practice exams and logged work, and their
 * Step 2 CK score when one is recorded. Each slot has a few wordings; which one a student gets is
 * chosen by a hash of their seed (their id), so a draft is stable for a student and differs between
 * students. A fact the app does not have is never invented: the draft carries a marker in square
 * brackets saying what to fill in. No template shares a sentence or six words in a row with the
 * seed article (seed-overlap.test.ts).
 */
import type { LocalDate } from '../common/dates.ts';
import { partsOf } from '../common/dates.ts';
import { MONTHS } from '../evidence/reading-dates.ts';
import { selectEvidence, type CorrectedExam, type PracticeResult } from '../evidence/practice-scores.ts';
import type { CauseId, Diagnosis } from '../postmortem/causes.ts';
import type { Countermeasures } from '../postmortem/countermeasures.ts';
import { nameContentCategory, type PostmortemAnswers } from '../postmortem/questionnaire.ts';
import { checkStory, LENGTH_TARGETS, type StoryCheck, type StoryKind } from './check.ts';
import { countWords } from './text.ts';

export type StoryInput = {
  /** Chooses the wordings: the student's id, with a wording number when they ask for another. */
  seed: string;
  postmortem: { answers: PostmortemAnswers; diagnosis: Diagnosis; countermeasures: Countermeasures } | null;
  practiceExams: readonly PracticeResult[];
  timedBlocksDone: number;
  questionsDone: number;
  fullLengthDaysDone: number;
  /** The real Step 2 CK score, once the student has recorded it. */
  step2ck: { score: number; date: LocalDate } | null;
};

export type DraftSlot =
  'acknowledge' | 'fact' | 'cause' | 'context' | 'ownership' | 'change' | 'lesson' | 'evidence' | 'readiness';

export type DraftSentence = { slot: DraftSlot; text: string };

export type FillIn = { marker: string; what: string };

export type StoryDraft = {
  kind: StoryKind;
  text: string;
  sentences: DraftSentence[];
  /** The markers left in the text, each with what to put there. */
  fillIns: FillIn[];
  /** What the draft was built from, in words, so the student can see nothing was made up. */
  basedOn: string[];
  /** Honest notes about the draft itself (a falling trend, no postmortem yet). */
  notes: string[];
  check: StoryCheck;
};

/**
 * Every template, by slot and situation. `{name}` is filled from the student's data; text in square
 * brackets is a marker left for the student. Exported so the overlap test reads every wording.
 */
export const TEMPLATES = {
  fact: [
    'I did not pass USMLE Step 1 at my first sitting.',
    'I failed USMLE Step 1 at my first sitting, and that result is mine.',
    'My first sitting of USMLE Step 1 ended in a fail.',
  ],
  causeLead: [
    'Looking back honestly, the cause was in how I prepared: {clause}.',
    'When I took the result apart, the cause was clear: {clause}.',
    'The cause lay in my preparation: {clause}.',
  ],
  causeLeadWellbeing: [
    'Looking back, the cause was how I handled a hard stretch: {clause}.',
    'The cause was how I carried on through a hard time: {clause}.',
  ],
  acknowledge: [
    'Yes, I failed Step 1 at my first sitting, and I am glad to explain what happened.',
    'I failed Step 1 at my first sitting, and I would rather talk about it openly than leave you guessing.',
    'I failed Step 1 at my first sitting; let me tell you what went wrong and what I did about it.',
  ],
  contextLead: [
    'At the time, {clause}.',
    'Looking back at how I prepared: {clause}.',
    'What happened is fairly plain: {clause}.',
  ],
  contextMore: ['On top of that, {clause}.', 'Beyond that, {clause}.', 'And there was more: {clause}.'],
  ownership: [
    'Those were my choices, and I own the result.',
    'Nobody else made those decisions; the result is mine.',
    'I made those decisions myself, and I take responsibility for where they led.',
  ],
  ownershipWellbeing: [
    'I kept going without asking for help or changing the plan, and that choice was mine.',
    'Carrying on as if nothing had changed was my decision, and I own it.',
  ],
  ownershipDenial: [
    'Keeping that date was my decision, and I own the result.',
    'I saw the warning and sat anyway; that was my call, and the result is mine.',
  ],
  growthLead: [
    'So I rebuilt how I study.',
    'After the result I changed the method, not only the hours.',
    'I started again from how I prepare.',
  ],
  readinessClose: [
    'For boards in residency I will keep the same system: a dated plan, timed practice, and practice scores that decide when I sit.',
    'The same system goes with me into residency: written plans, questions under the clock, and a practice score that has to say ready before I book.',
    'That is how I will prepare for every board exam in residency: with a dated plan, timed questions, and numbers that decide the date.',
  ],
  // Causes, as first-person clauses (lower case; they follow a colon or a lead).
  'clause:poor-structure:none': [
    'I studied without a written, dated schedule and had no way to see what I was missing',
  ],
  'clause:poor-structure:dropped': ['I wrote a schedule for dedicated study and then stopped following it'],
  'clause:poor-structure:behind': ['I began dedicated study already behind in {areas}, and never made the ground back'],
  'clause:denial-practice-scores:none': [
    'I sat the exam without a single practice exam to tell me whether I was ready',
  ],
  'clause:denial-practice-scores:score': ['my last practice score was {score}, and I kept my exam date anyway'],
  'clause:denial-practice-scores:sat': ['my practice scores warned me I was not ready, and I kept my exam date anyway'],
  'clause:denial-practice-scores:one': ['I relied on one practice exam, which could not show me a trend'],
  'clause:denial-practice-scores:general': ['I did not let my practice scores decide when I was ready'],
  'clause:content-over-questions:share': [
    'about {share} % of my hours went to reading and videos rather than exam-style questions',
  ],
  'clause:content-over-questions:review': [
    'I answered questions without working through the explanation behind each one{bank}',
  ],
  'clause:content-over-questions:bank': ['I finished only {percent} % of my question bank before the exam'],
  'clause:exam-day-timing-anxiety:time': ['I ran out of time in {out} of {blocks} blocks{tutor}'],
  'clause:exam-day-timing-anxiety:panic': [
    'I panicked during the exam and had never practised under real exam conditions',
  ],
  'clause:exam-day-timing-anxiety:general': ['I had rarely answered questions against the clock before exam day'],
  'clause:burnout-mental-health:problems': [
    'I was dealing with [a health or family matter: name it only as far as you choose] and kept studying as if I was not',
  ],
  'clause:burnout-mental-health:sleep': ['I was sleeping about {sleep} hours a night in the final weeks'],
  'clause:none': ['[the cause, in one line: what in your preparation went wrong]'],
  // What changed, one sentence per cause, filled from the plan changes.
  'change:content-over-questions': [
    'I now spend my study hours on question blocks, and after each block I review every explanation, wrong options included, for {review} minutes.',
    'My study time now goes to exam-style questions, {qbank} hours a week, and every block ends with {review} minutes of going through each option.',
  ],
  'change:denial-practice-scores': [
    'I take a practice exam every {days} days, and my exam date holds only when those scores say I am ready.',
    'Practice exams now set my date: one every {days} days, and I move the date if the scores say I am not ready.',
  ],
  'change:exam-day-timing-anxiety': [
    'I now do every question block against the clock, and {fullLength}.',
    'I practise only against the clock, and {fullLength}.',
  ],
  'change:burnout-mental-health': [
    'Sleep is now a fixed {sleep}-hour window in my plan, and {support}.',
    'I now protect {sleep} hours of sleep a night, and {support}.',
  ],
  'change:poor-structure': [
    'I work from a written plan with every practice exam, timed block and review day dated weeks ahead.',
    'Each week now runs on a written, dated plan that I set in advance and check myself against.',
  ],
  'change:none': ['[what you do now that you did not do then, in terms someone could check]'],
  'fullLength:done': ['I have completed {done} full-length practice {dayWord} at exam pace'],
  'fullLength:planned': ['my plan holds {planned} full-length practice days at exam pace'],
  'support:in-place': ['I keep the support I have in place through the heaviest weeks'],
  'support:unknown': ['[the support you have now, if you choose to mention it]'],
  lesson: {
    'content-over-questions': [
      'The biggest lesson was that answering exam questions is a skill of its own, separate from knowing the material.',
    ],
    'denial-practice-scores': [
      'The biggest lesson was that a practice score is information, and I act on it even when it is unwelcome.',
    ],
    'exam-day-timing-anxiety': [
      'The biggest lesson was that the clock has to be part of practice, not something I meet on the day.',
    ],
    'burnout-mental-health': [
      'The biggest lesson was that rest and support belong inside the preparation, not after it.',
    ],
    'poor-structure': ['The biggest lesson was that a task without a date tends not to happen.'],
    none: ['[the main thing you learned, in one sentence]'],
  },
  // The evidence.
  'evidence:step2ck': ['I scored {score} on Step 2 CK in {month}.', 'On Step 2 CK, in {month}, I scored {score}.'],
  'evidence:step2ck-missing': [
    'My Step 2 CK score is [your Step 2 CK score, once it is released].',
    'On Step 2 CK I scored [your Step 2 CK score, once it is released].',
  ],
  'evidence:rising': [
    'My practice scores have risen from {first} on {firstForm} in {firstMonth} to {latest} on {latestForm} in {latestMonth}.',
    'Since I changed my approach, my practice scores have gone from {first} ({firstForm}, {firstMonth}) to {latest} ({latestForm}, {latestMonth}).',
  ],
  'evidence:latest': [
    'My most recent practice exam, {latestForm} in {latestMonth}, was {latest}.',
    'In {latestMonth} I scored {latest} on {latestForm}.',
  ],
  'evidence:practice-missing': [
    'My most recent practice score is [your latest practice score, with the form and the month].',
  ],
  'evidence:work': ['Along the way I have completed {timed} timed question blocks, {questions} questions in all.'],
} as const;

/** "March 2027": a month and a year read the same in every English locale. */
export function formatMonth(date: LocalDate): string {
  const { year, month } = partsOf(date);
  return `${MONTHS[month - 1]} ${year}`;
}

/** FNV-1a, 32 bits: a stable hash so a seed always picks the same wording. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function pick(options: readonly string[], seed: string, slot: string): string {
  const chosen = options[hashOf(`${seed}|${slot}`) % options.length];
  if (chosen === undefined) throw new Error(`no wording for ${slot}`);
  return chosen;
}

/** Fills `{name}` placeholders; a missing value is a bug in this file, never shown to a student. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template value missing: ${name}`);
    return String(value);
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A sentence under construction; an optional one is dropped first when the draft runs long. */
type BuiltSentence = DraftSentence & { isOptional?: boolean; basis?: string };
type Built = { sentences: BuiltSentence[]; basedOn: Set<string>; notes: Set<string> };

/** The clause naming one cause, from the student's own answers. */
function causeClause(cause: CauseId, answers: PostmortemAnswers, seed: string, built: Built): string {
  const t = TEMPLATES;
  const slot = `clause:${cause}`;
  switch (cause) {
    case 'poor-structure': {
      const { schedule, startedBehind, behindAreas } = answers.dedicated;
      if (startedBehind && behindAreas.length > 0) {
        built.basedOn.add('the areas you started dedicated behind in');
        // "renal and urinary, and cardiovascular": the names hold "and" themselves, so the list takes commas.
        const names = behindAreas.slice(0, 3).map((id) =>
          nameContentCategory(id)
            .toLowerCase()
            .replace(/ system$/, ''),
        );
        const areas = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')}, and ${names.at(-1)}`;
        return fillTemplate(pick(t['clause:poor-structure:behind'], seed, slot), { areas });
      }
      built.basedOn.add('how you kept your schedule before Step 1');
      return pick(
        schedule === 'dropped' ? t['clause:poor-structure:dropped'] : t['clause:poor-structure:none'],
        seed,
        slot,
      );
    }
    case 'denial-practice-scores': {
      const exams = answers.practiceExams;
      built.basedOn.add('your practice exams before Step 1');
      if (exams.examsTaken === 0) return pick(t['clause:denial-practice-scores:none'], seed, slot);
      const latest = exams.lastScores[0];
      if (exams.satAnyway && latest) {
        const score = latest.scale === 'percent' ? `${latest.value} % correct` : String(latest.value);
        return fillTemplate(pick(t['clause:denial-practice-scores:score'], seed, slot), { score });
      }
      if (exams.satAnyway) return pick(t['clause:denial-practice-scores:sat'], seed, slot);
      if (exams.examsTaken === 1) return pick(t['clause:denial-practice-scores:one'], seed, slot);
      return pick(t['clause:denial-practice-scores:general'], seed, slot);
    }
    case 'content-over-questions': {
      const bank = answers.questionBank;
      built.basedOn.add('how you used your question bank before Step 1');
      if (bank.contentSharePercent > 50) {
        return fillTemplate(pick(t['clause:content-over-questions:share'], seed, slot), {
          share: bank.contentSharePercent,
        });
      }
      if (bank.reviewHabit !== 'always') {
        const tail = bank.percentDone < 100 ? `, and finished only ${bank.percentDone} % of my question bank` : '';
        return fillTemplate(pick(t['clause:content-over-questions:review'], seed, slot), { bank: tail });
      }
      return fillTemplate(pick(t['clause:content-over-questions:bank'], seed, slot), { percent: bank.percentDone });
    }
    case 'exam-day-timing-anxiety': {
      const day = answers.examDay;
      built.basedOn.add('what happened on exam day');
      if (day.blocksOutOfTime > 0) {
        const tutor = answers.questionBank.blockMode === 'tutor' ? ', after practising mostly in tutor mode' : '';
        return fillTemplate(pick(t['clause:exam-day-timing-anxiety:time'], seed, slot), {
          out: day.blocksOutOfTime,
          blocks: day.blockCount,
          tutor,
        });
      }
      if (day.hadPanic) return pick(t['clause:exam-day-timing-anxiety:panic'], seed, slot);
      return pick(t['clause:exam-day-timing-anxiety:general'], seed, slot);
    }
    case 'burnout-mental-health': {
      const w = answers.wellbeing;
      built.basedOn.add('your wellbeing answers (only as much as you choose to share)');
      if (w.hadProblems) return pick(t['clause:burnout-mental-health:problems'], seed, slot);
      return fillTemplate(pick(t['clause:burnout-mental-health:sleep'], seed, slot), { sleep: w.sleepHoursPerNight });
    }
  }
}

/** What changed for one cause, from the plan settings the postmortem set. */
function changeSentence(cause: CauseId, input: StoryInput, seed: string, built: Built): string {
  const t = TEMPLATES;
  const pm = input.postmortem;
  if (!pm) return t['change:none'][0];
  const { settings, flags } = pm.countermeasures;
  const slot = `change:${cause}`;
  built.basedOn.add('the plan changes your postmortem made');
  switch (cause) {
    case 'content-over-questions':
      return fillTemplate(pick(t['change:content-over-questions'], seed, slot), {
        review: settings.questionBank.reviewMinutesPerBlock,
        qbank: settings.weeklyHours.questionBank,
      });
    case 'denial-practice-scores':
      return fillTemplate(pick(t['change:denial-practice-scores'], seed, slot), {
        days: settings.practiceExamEveryDays,
      });
    case 'exam-day-timing-anxiety': {
      const done = input.fullLengthDaysDone;
      const fullLength =
        done > 0
          ? fillTemplate(t['fullLength:done'][0], { done, dayWord: done === 1 ? 'day' : 'days' })
          : fillTemplate(t['fullLength:planned'][0], { planned: settings.fullLengthDays });
      if (done > 0) built.basedOn.add('the full-length days you logged');
      return fillTemplate(pick(t['change:exam-day-timing-anxiety'], seed, slot), { fullLength });
    }
    case 'burnout-mental-health': {
      const sleepMinutes = sleepWindowMinutes(settings.sleep.start, settings.sleep.end);
      const support = pm.diagnosis.isSupportInPlace ? t['support:in-place'][0] : t['support:unknown'][0];
      void flags;
      return fillTemplate(pick(t['change:burnout-mental-health'], seed, slot), {
        sleep: Math.round((sleepMinutes / 60) * 2) / 2,
        support,
      });
    }
    case 'poor-structure':
      return pick(t['change:poor-structure'], seed, slot);
  }
}

function sleepWindowMinutes(start: string, end: string): number {
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return (toMinutes(end) - toMinutes(start) + 1440) % 1440;
}

type Trend = { first: CorrectedExam; latest: CorrectedExam; isRising: boolean } | { latest: CorrectedExam } | null;

function trendOf(exams: readonly PracticeResult[]): Trend {
  const used = selectEvidence(exams).used;
  const latest = used.at(-1);
  const first = used[0];
  if (!latest || !first) return null;
  if (used.length < 2) return { latest };
  return { first, latest, isRising: latest.scaledScore > first.scaledScore };
}

/** The evidence sentences, ending on Step 2 CK (its score, or the marker for it). */
function evidenceSentences(input: StoryInput, seed: string, built: Built): BuiltSentence[] {
  const t = TEMPLATES;
  const out: BuiltSentence[] = [];
  const push = (text: string, isOptional = false) => out.push({ slot: 'evidence', text, isOptional });
  const trend = trendOf(input.practiceExams);
  if (trend && 'first' in trend && trend.isRising) {
    built.basedOn.add('your logged practice exams');
    push(
      fillTemplate(pick(t['evidence:rising'], seed, 'evidence:trend'), {
        first: trend.first.reported,
        firstForm: trend.first.name,
        firstMonth: formatMonth(trend.first.date),
        latest: trend.latest.reported,
        latestForm: trend.latest.name,
        latestMonth: formatMonth(trend.latest.date),
      }),
    );
  } else if (trend) {
    built.basedOn.add('your logged practice exams');
    if ('first' in trend) {
      built.notes.add(
        'Your practice scores have not risen from your first logged exam to your latest, so the draft gives only the latest. That is the honest sentence for now; it gets stronger as your scores move.',
      );
    }
    push(
      fillTemplate(pick(t['evidence:latest'], seed, 'evidence:trend'), {
        latest: trend.latest.reported,
        latestForm: trend.latest.name,
        latestMonth: formatMonth(trend.latest.date),
      }),
    );
  } else if (!input.step2ck) {
    push(t['evidence:practice-missing'][0]);
  }
  if (input.timedBlocksDone >= 5) {
    out.push({
      slot: 'evidence',
      isOptional: true,
      basis: 'the question blocks you logged',
      text: fillTemplate(t['evidence:work'][0], {
        timed: input.timedBlocksDone,
        questions: input.questionsDone.toLocaleString('en-US'),
      }),
    });
  }
  if (input.step2ck) {
    built.basedOn.add('your recorded Step 2 CK score');
    push(
      fillTemplate(pick(t['evidence:step2ck'], seed, 'evidence:step2ck'), {
        score: input.step2ck.score,
        month: formatMonth(input.step2ck.date),
      }),
    );
  } else {
    push(pick(t['evidence:step2ck-missing'], seed, 'evidence:step2ck'));
  }
  return out;
}

export const MARKER_HELP: readonly [RegExp, string][] = [
  [
    /Step 2 CK score/,
    'Your Step 2 CK score, once it is released. Until then, the practice trend carries the evidence.',
  ],
  [/practice score/, 'Your latest practice exam: the score, the form (for example NBME 13) and the month.'],
  [
    /health or family/,
    'What you were dealing with, in as few or as many words as you choose. “A family illness” is enough.',
  ],
  [
    /support/,
    'The support you have now (counselling, a doctor, a learning specialist), or delete the words if you prefer.',
  ],
  [/cause/, 'The one thing in your preparation that went wrong. The postmortem helps you name it.'],
  [/what you do now/, 'One change someone could check: weekly practice exams, timed blocks, a dated plan.'],
  [/learned/, 'The main lesson, in your own words.'],
];

function fillInsOf(text: string): FillIn[] {
  const markers = [...text.matchAll(/\[[^\]\n]+\]/g)].map((m) => m[0]);
  return [...new Set(markers)].map((marker) => ({
    marker,
    what: MARKER_HELP.find(([pattern]) => pattern.test(marker))?.[1] ?? 'Your own words for this part.',
  }));
}

/** Drops optional sentences, last first, until the draft fits its target length. */
function fitToLength(kind: StoryKind, sentences: BuiltSentence[]): DraftSentence[] {
  const target = LENGTH_TARGETS[kind];
  const kept = [...sentences];
  const isTooLong = () =>
    countWords(kept.map((s) => s.text).join(' ')) > target.maxWords ||
    (target.maxSentences !== null && kept.length > target.maxSentences);
  for (let i = kept.length - 1; i >= 0 && isTooLong(); i -= 1) {
    if (kept[i]!.isOptional) kept.splice(i, 1);
  }
  return kept.map(({ slot, text }) => ({ slot, text }));
}

function finish(kind: StoryKind, built: Built): StoryDraft {
  const sentences = fitToLength(kind, built.sentences);
  for (const s of built.sentences) {
    if (s.basis && sentences.some((kept) => kept.text === s.text)) built.basedOn.add(s.basis);
  }
  const text = sentences.map((s) => s.text).join(' ');
  return {
    kind,
    text,
    sentences,
    fillIns: fillInsOf(text),
    basedOn: [...built.basedOn],
    notes: [...built.notes],
    check: checkStory({ kind, text }),
  };
}

function newBuilt(input: StoryInput): Built {
  const built: Built = { sentences: [], basedOn: new Set(), notes: new Set() };
  if (!input.postmortem) {
    built.notes.add(
      'There is no postmortem yet, so the cause and the change are left for you to fill in. The postmortem takes about ten minutes and gives this draft your own causes.',
    );
  }
  return built;
}

/** The causes the draft speaks to: the two most urgent. */
function topCauses(input: StoryInput): CauseId[] {
  return input.postmortem ? input.postmortem.diagnosis.causes.slice(0, 2).map((c) => c.id) : [];
}

/** (a) The personal-statement paragraph: about 5–7 sentences, fact → cause → what changed → evidence. */
export function draftStatement(input: StoryInput): StoryDraft {
  const seed = input.seed;
  const built = newBuilt(input);
  const t = TEMPLATES;
  const causes = topCauses(input);
  built.sentences.push({ slot: 'fact', text: pick(t.fact, seed, 'fact') });
  const primary = causes[0];
  const clause =
    primary && input.postmortem ? causeClause(primary, input.postmortem.answers, seed, built) : t['clause:none'][0];
  const lead = primary === 'burnout-mental-health' ? t.causeLeadWellbeing : t.causeLead;
  built.sentences.push({ slot: 'cause', text: fillTemplate(pick(lead, seed, 'causeLead'), { clause }) });
  if (causes.length === 0) built.sentences.push({ slot: 'change', text: t['change:none'][0] });
  for (const cause of causes) built.sentences.push({ slot: 'change', text: changeSentence(cause, input, seed, built) });
  built.sentences.push(...evidenceSentences(input, seed, built));
  return finish('statement', built);
}

/** (b) The interview answer, 60–90 seconds: acknowledge → context → ownership → growth → present readiness. */
export function draftInterview(input: StoryInput): StoryDraft {
  const seed = `${input.seed}|interview`;
  const built = newBuilt(input);
  const t = TEMPLATES;
  const causes = topCauses(input);
  built.sentences.push({ slot: 'acknowledge', text: pick(t.acknowledge, seed, 'acknowledge') });
  const clauses =
    input.postmortem && causes.length > 0
      ? causes.map((cause) => causeClause(cause, input.postmortem!.answers, seed, built))
      : [t['clause:none'][0]];
  clauses.forEach((clause, i) => {
    const lead = i === 0 ? pick(t.contextLead, seed, 'contextLead') : pick(t.contextMore, seed, 'contextMore');
    built.sentences.push({ slot: 'context', text: capitalise(fillTemplate(lead, { clause })) });
  });
  const primary = causes[0];
  const isDenial = primary === 'denial-practice-scores' && input.postmortem?.answers.practiceExams.satAnyway === true;
  built.sentences.push({
    slot: 'ownership',
    text: pick(
      isDenial ? t.ownershipDenial : primary === 'burnout-mental-health' ? t.ownershipWellbeing : t.ownership,
      seed,
      'ownership',
    ),
  });
  built.sentences.push({ slot: 'change', text: pick(t.growthLead, seed, 'growthLead') });
  const changeCauses = causes.slice(0, 2);
  if (changeCauses.length === 0) built.sentences.push({ slot: 'change', text: t['change:none'][0] });
  for (const cause of changeCauses)
    built.sentences.push({ slot: 'change', text: changeSentence(cause, input, seed, built) });
  built.sentences.push({ slot: 'lesson', text: t.lesson[primary ?? 'none'][0], isOptional: primary !== undefined });
  built.sentences.push(...evidenceSentences(input, seed, built));
  built.sentences.push({ slot: 'readiness', text: pick(t.readinessClose, seed, 'readinessClose') });
  return finish('interview', built);
}
