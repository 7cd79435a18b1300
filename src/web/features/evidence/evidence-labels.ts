import { DISCIPLINE_IDS, SYSTEM_IDS, nameArea, type DisciplineId, type SystemId } from '#domain/evidence/areas.ts';
import type { BlockMode, QuestionBank } from '#domain/evidence/logging.ts';
import {
  CLINICAL_MASTERY_FORM_IDS,
  nameForm,
  reportingOf,
  type LoggedFormId,
} from '#domain/evidence/practice-scores.ts';
import type { AreaTrend } from '#domain/evidence/weak-areas.ts';

export const BANK_OPTIONS: readonly { id: QuestionBank; label: string }[] = [
  { id: 'uworld', label: 'UWorld' },
  { id: 'amboss', label: 'AMBOSS' },
  { id: 'other', label: 'Other' },
];

export const MODE_OPTIONS: readonly { id: BlockMode; label: string }[] = [
  { id: 'timed', label: 'Timed' },
  { id: 'tutor', label: 'Tutor' },
];

export const BANK_NAMES: Readonly<Record<QuestionBank, string>> = {
  uworld: 'UWorld',
  amboss: 'AMBOSS',
  other: 'Other bank',
};
export const MODE_NAMES: Readonly<Record<BlockMode, string>> = { timed: 'timed', tutor: 'tutor' };

/** Chip labels short enough for a phone; the full outline name is the accessible name. */
const SYSTEM_SHORT: Readonly<Record<SystemId, string>> = {
  'general-principles': 'General principles',
  immune: 'Immune',
  'blood-lymphoreticular': 'Blood & lymph',
  'behavioral-health': 'Behavioral health',
  'nervous-system-special-senses': 'Nervous & senses',
  skin: 'Skin',
  musculoskeletal: 'Musculoskeletal',
  cardiovascular: 'Cardiovascular',
  respiratory: 'Respiratory',
  gastrointestinal: 'GI',
  'renal-urinary': 'Renal & urinary',
  'pregnancy-childbirth': 'Pregnancy',
  'female-reproductive-breast': 'Female repro & breast',
  'male-reproductive': 'Male repro',
  endocrine: 'Endocrine',
  multisystem: 'Multisystem',
  'biostatistics-epidemiology': 'Biostats & epi',
  'social-sciences': 'Ethics & safety',
};

const DISCIPLINE_SHORT: Readonly<Record<DisciplineId, string>> = {
  medicine: 'Medicine',
  surgery: 'Surgery',
  pediatrics: 'Pediatrics',
  'obstetrics-gynecology': 'OB/GYN',
  psychiatry: 'Psychiatry',
};

export type AreaChip<T extends string> = { id: T; short: string; name: string };

export const SYSTEM_CHIPS: readonly AreaChip<SystemId>[] = SYSTEM_IDS.map((id) => ({
  id,
  short: SYSTEM_SHORT[id],
  name: nameArea(id),
}));

export const DISCIPLINE_CHIPS: readonly AreaChip<DisciplineId>[] = DISCIPLINE_IDS.map((id) => ({
  id,
  short: DISCIPLINE_SHORT[id],
  name: nameArea(id),
}));

export type FormGroup = { label: string; forms: readonly LoggedFormId[] };

/** The form select, grouped the way students think of them. */
export const FORM_GROUPS: readonly FormGroup[] = [
  { label: 'NBME CCSSA', forms: ['NBME9', 'NBME10', 'NBME11', 'NBME12', 'NBME13', 'NBME14', 'NBME15', 'NBME16'] },
  { label: 'UWorld Self-Assessment', forms: ['UWSA1', 'UWSA2'] },
  { label: 'USMLE Free 120 (% correct)', forms: ['FREE120'] },
  { label: 'AMBOSS', forms: ['AMBOSS_SA'] },
  { label: 'NBME Clinical Mastery Series (never used for the prediction)', forms: CLINICAL_MASTERY_FORM_IDS },
];

/** The option text for a form: "NBME CCSSA Form 13", "Clinical Mastery: Surgery". */
export function formOptionLabel(form: LoggedFormId): string {
  return nameForm(form).replace('NBME Clinical Mastery Series: ', 'Clinical Mastery: ');
}

/** A short name for tight places: "NBME 13", "UWSA 2", "Free 120", "AMBOSS SA", "CMS Surgery". */
export function shortFormName(form: LoggedFormId): string {
  return nameForm(form)
    .replace('NBME CCSSA Form ', 'NBME ')
    .replace('UWorld Self-Assessment ', 'UWSA ')
    .replace('USMLE Free 120', 'Free 120')
    .replace('AMBOSS Self-Assessment', 'AMBOSS SA')
    .replace('NBME Clinical Mastery Series: ', 'CMS ');
}

/** What the result field asks for on a form. */
export function resultFieldOf(form: LoggedFormId): {
  field: 'score' | 'percentCorrect';
  label: string;
  hint: string;
  min: number;
  max: number;
  step: string;
} {
  const reporting = reportingOf(form);
  if (reporting === 'percent') {
    return {
      field: 'percentCorrect',
      label: '% correct',
      hint: 'The Free 120 shows a percent correct, not a score. We convert it for the prediction.',
      min: 0,
      max: 100,
      step: '0.1',
    };
  }
  if (reporting === 'mastery') {
    return {
      field: 'score',
      label: 'Scaled score',
      hint: 'Clinical Mastery Series reports a scaled score (mean 20). It is kept with your logs but never feeds the prediction or the verdict: NBME warns it does not predict Step 2 CK.',
      min: 1,
      max: 40,
      step: '1',
    };
  }
  return { field: 'score', label: 'Score', hint: 'The 3-digit score on the report.', min: 1, max: 300, step: '1' };
}

export const TREND_TEXT: Readonly<Record<AreaTrend, { symbol: string; label: string }>> = {
  worse: { symbol: '↑', label: 'Missing more lately' },
  better: { symbol: '↓', label: 'Missing less lately' },
  steady: { symbol: '→', label: 'Steady' },
  'not-enough-data': { symbol: '', label: 'Too few questions for a trend' },
};

/** 0.79 → "79 %"; probabilities are rounded to whole percents. */
export function formatProbability(p: number): string {
  return `${Math.round(p * 100)} %`;
}

/** 68.5 → "68.5 %", null → "–". */
export function formatPercent(value: number | null): string {
  return value === null ? '–' : `${Number.isInteger(value) ? value : value.toFixed(1)} %`;
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
