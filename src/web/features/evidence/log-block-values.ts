import { BLOCK_MODES, QUESTION_BANKS, type BlockMode, type QuestionBank } from '#domain/evidence/logging.ts';
import type { DisciplineId, SystemId } from '#domain/evidence/areas.ts';
import { BLOCK_FORMATS, DEFAULT_PLAN_SETTINGS, type BlockFormat } from '#domain/plan/settings.ts';
import type { PlanResponse } from '#shared/contracts/plan.ts';

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

/** The two block sizes a plan uses (BLOCK_FORMATS): the current exam's 20-question block and the older 40. */
export const QUICK_SIZES = [20, 40] as const;
/** With no plan and nothing remembered: the plan's default block, the current exam's (DOMAIN.md §1). */
export const DEFAULT_BLOCK = BLOCK_FORMATS[DEFAULT_PLAN_SETTINGS.questionBank.blockFormat];

/**
 * Minutes prefilled for a block: 90 seconds a question, the real exam's pace (DOMAIN.md §1, "Time per
 * item"), so 40 questions → 60 minutes and 20 → 30. The student corrects it when a block ran longer.
 */
export function defaultMinutes(questions: number): number {
  return Math.max(1, Math.round((questions * 90) / 60));
}

/** A block's size and minutes, and where the form took them from. */
export type BlockSize = { questions: number; minutes: number; from: 'plan' | 'last-block' | 'plan-format' | 'default' };

/** What the plan says about one day's blocks: its first open question-bank block, and its block format. */
export type PlannedBlocks = { open: { questions: number; minutes: number } | null; format: BlockFormat | null };

const BLOCK_KINDS: readonly string[] = ['qbank-block', 'second-pass-block'];

/**
 * The day's first question-bank block not yet done or skipped (the one a log ticks off, as the server
 * does), and the plan's block format; null fields when there is no plan or no such block that day.
 */
export function plannedBlocksOn(response: PlanResponse, date: string): PlannedBlocks {
  const format = response.plan?.settings.questionBank.blockFormat ?? null;
  const day = response.days.find((d) => d.date === date);
  const item = day?.items.find((i) => BLOCK_KINDS.includes(i.kind) && i.status === null);
  const open =
    item && item.questions !== undefined && item.questions > 0
      ? { questions: item.questions, minutes: item.minutes }
      : null;
  return { open, format };
}

/**
 * The size and minutes to prefill, first match wins: the day's open planned block; the last block
 * logged on this device (its minutes, or 90 s a question when none were kept); the plan's block
 * format; the current exam's block. `planned` is undefined while the plan is not loaded (or offline).
 */
export function prefillSize(prefs: QuickLogPrefs, planned: PlannedBlocks | undefined): BlockSize {
  if (planned?.open) return { ...planned.open, from: 'plan' };
  if (prefs.questions !== null) {
    return {
      questions: prefs.questions,
      minutes: prefs.minutes ?? defaultMinutes(prefs.questions),
      from: 'last-block',
    };
  }
  if (planned?.format) return { ...BLOCK_FORMATS[planned.format], from: 'plan-format' };
  return { ...DEFAULT_BLOCK, from: 'default' };
}

export function initialBlockValues(today: string, prefs: QuickLogPrefs, planned?: PlannedBlocks): BlockValues {
  const size = prefillSize(prefs, planned);
  return {
    bank: prefs.bank,
    mode: prefs.mode,
    questions: String(size.questions),
    correct: '',
    minutes: String(size.minutes),
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

/** What the form remembers between blocks on this device: the last block's bank, mode, size and minutes. */
export type QuickLogPrefs = { bank: QuestionBank; mode: BlockMode; questions: number | null; minutes: number | null };
export const DEFAULT_PREFS: QuickLogPrefs = { bank: 'uworld', mode: 'timed', questions: null, minutes: null };

const isWholeAtLeastOne = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;
const PREFS_KEY = 'comeback.quick-log';

/** Reads the remembered choices; anything unreadable falls back to the defaults. */
export function parsePrefs(raw: string | null): QuickLogPrefs {
  if (!raw) return DEFAULT_PREFS;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof QuickLogPrefs, unknown>>;
    const bank = (QUESTION_BANKS as readonly unknown[]).includes(value.bank) ? (value.bank as QuestionBank) : null;
    const mode = (BLOCK_MODES as readonly unknown[]).includes(value.mode) ? (value.mode as BlockMode) : null;
    const questions = isWholeAtLeastOne(value.questions) ? value.questions : null;
    // Minutes belong to the size they were kept with: without a size they mean nothing.
    const minutes = questions !== null && isWholeAtLeastOne(value.minutes) ? value.minutes : null;
    return { bank: bank ?? DEFAULT_PREFS.bank, mode: mode ?? DEFAULT_PREFS.mode, questions, minutes };
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

/** The prefs to keep after a block was logged: its bank, mode, and its size and minutes when they are whole numbers. */
export function prefsFrom(values: BlockValues): QuickLogPrefs {
  const questions = toNumberOrNull(values.questions);
  const minutes = toNumberOrNull(values.minutes);
  const size = isWholeAtLeastOne(questions) ? questions : null;
  return {
    bank: values.bank,
    mode: values.mode,
    questions: size,
    minutes: size !== null && isWholeAtLeastOne(minutes) ? minutes : null,
  };
}

export function savePrefs(prefs: QuickLogPrefs): void {
  try {
    window.localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Private browsing or a full storage: the form simply forgets; nothing else depends on it.
  }
}
