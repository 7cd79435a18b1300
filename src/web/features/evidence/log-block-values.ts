import { BLOCK_MODES, QUESTION_BANKS, type BlockMode, type QuestionBank } from '#domain/evidence/logging.ts';
import type { DisciplineId, SystemId } from '#domain/evidence/areas.ts';

/** The block form as typed: numbers stay strings until sent, tags are counts per area. */
export type BlockValues = {
  bank: QuestionBank;
  mode: BlockMode;
  questions: string;
  correct: string;
  minutes: string;
  date: string;
  missedSystems: Partial<Record<SystemId, number>>;
  missedDisciplines: Partial<Record<DisciplineId, number>>;
};

/** The two block sizes a question bank offers most: UWorld's full block and a short one. */
export const QUICK_SIZES = [40, 20] as const;
export const DEFAULT_QUESTIONS = 40;

/**
 * Minutes prefilled for a block: 90 seconds a question, the real exam's pace (DOMAIN.md §1, "Time per
 * item"), so 40 questions → 60 minutes and 20 → 30. The student corrects it when a block ran longer.
 */
export function defaultMinutes(questions: number): number {
  return Math.max(1, Math.round((questions * 90) / 60));
}

export function initialBlockValues(today: string, prefs: QuickLogPrefs): BlockValues {
  return {
    bank: prefs.bank,
    mode: prefs.mode,
    questions: String(prefs.questions),
    correct: '',
    minutes: String(defaultMinutes(prefs.questions)),
    date: today,
    missedSystems: {},
    missedDisciplines: {},
  };
}

/** `{ cardiovascular: 2, skin: 1 }` → `['cardiovascular', 'cardiovascular', 'skin']`: one entry per miss. */
export function expandTags<T extends string>(counts: Partial<Record<T, number>>): T[] {
  return (Object.entries(counts) as [T, number | undefined][]).flatMap(([id, n]) =>
    Array.from({ length: n ?? 0 }, () => id),
  );
}

export function countTags(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

/** '' → null (the server says "enter a number"), otherwise the number typed (NaN for junk, refused there too). */
export function toNumberOrNull(value: string): number | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : Number(trimmed);
}

/** Questions missed as typed so far, or null while the counts are incomplete or impossible. */
export function missedCount(values: Pick<BlockValues, 'questions' | 'correct'>): number | null {
  const questions = toNumberOrNull(values.questions);
  const correct = toNumberOrNull(values.correct);
  if (questions === null || correct === null || !Number.isInteger(questions) || !Number.isInteger(correct)) return null;
  if (correct < 0 || correct > questions) return null;
  return questions - correct;
}

export function toBlockBody(values: BlockValues) {
  return {
    bank: values.bank,
    mode: values.mode,
    questions: toNumberOrNull(values.questions),
    correct: toNumberOrNull(values.correct),
    minutes: toNumberOrNull(values.minutes),
    date: values.date,
    missedSystems: expandTags(values.missedSystems),
    missedDisciplines: expandTags(values.missedDisciplines),
  };
}

/** What the form remembers between blocks on this device: the bank, the mode and the block size. */
export type QuickLogPrefs = { bank: QuestionBank; mode: BlockMode; questions: number };
export const DEFAULT_PREFS: QuickLogPrefs = { bank: 'uworld', mode: 'timed', questions: DEFAULT_QUESTIONS };
const PREFS_KEY = 'comeback.quick-log';

/** Reads the remembered choices; anything unreadable falls back to the defaults. */
export function parsePrefs(raw: string | null): QuickLogPrefs {
  if (!raw) return DEFAULT_PREFS;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof QuickLogPrefs, unknown>>;
    const bank = (QUESTION_BANKS as readonly unknown[]).includes(value.bank) ? (value.bank as QuestionBank) : null;
    const mode = (BLOCK_MODES as readonly unknown[]).includes(value.mode) ? (value.mode as BlockMode) : null;
    const questions =
      typeof value.questions === 'number' && Number.isInteger(value.questions) && value.questions >= 1
        ? value.questions
        : null;
    return {
      bank: bank ?? DEFAULT_PREFS.bank,
      mode: mode ?? DEFAULT_PREFS.mode,
      questions: questions ?? DEFAULT_PREFS.questions,
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function readPrefs(): QuickLogPrefs {
  try {
    return parsePrefs(window.localStorage.getItem(PREFS_KEY));
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(prefs: QuickLogPrefs): void {
  try {
    window.localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Private browsing or a full storage: the form simply forgets; nothing else depends on it.
  }
}
