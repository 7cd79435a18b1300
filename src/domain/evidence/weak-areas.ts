/**
 * Weak areas (capability D): systems and disciplines ranked by what they cost, from every log —
 * the missed questions tagged in question-bank blocks and the percent-correct breakdowns of practice
 * exam reports — with a trend over the last two weeks.
 *
 * cost(area) = misses in the area × the area's weight (its share of the exam, areas.ts weighArea):
 * a miss in a discipline that fills half the exam costs more than one in a discipline that fills an
 * eighth. Systems are weighted equally (1/18) because DOMAIN.md does not carry their official ranges.
 *
 * The wrong-answer journal joins in (issue 11): an entry not added from a logged block is a miss the
 * blocks never counted; an entry from a block is the same miss, so it adds none. A card forgotten
 * again in review (an FSRS lapse) is a repeat miss and counts as one more. Each area also says which
 * error type its journal entries show most.
 */
import { addDays, compareDates, type LocalDate } from '../common/dates.ts';
import {
  countAreasOfKind,
  DISCIPLINE_IDS,
  kindOfArea,
  nameArea,
  SYSTEM_IDS,
  weighArea,
  type AreaId,
  type AreaKind,
  type DisciplineId,
  type SystemId,
} from './areas.ts';
import { ERROR_TYPES, nameErrorType, type ErrorType } from '../journal/entry.ts';
import type { AreaScore } from './logging.ts';
import { countFormItems, type LoggedFormId } from './practice-scores.ts';

/** The trend compares the last 14 days (today included) with everything before. */
export const TREND_RECENT_DAYS = 14;
/**
 * A period needs at least 40 questions (one full block) before its rate means anything; fewer and
 * the trend says "not enough data" rather than guess.
 */
export const TREND_MIN_QUESTIONS = 40;
/**
 * A change counts as better or worse when the rate of misses moves by at least 25 % of the earlier
 * rate and by at least 1 miss per 100 questions: smaller moves are within the noise of a few blocks.
 */
export const TREND_MIN_RELATIVE_CHANGE = 0.25;
export const TREND_MIN_CHANGE_PER_100 = 1;

export type AreaTrend = 'worse' | 'better' | 'steady' | 'not-enough-data';

export type WeakAreaInput = {
  blocks: readonly {
    date: LocalDate;
    questions: number;
    missedSystems: readonly SystemId[];
    missedDisciplines: readonly DisciplineId[];
  }[];
  practiceExams: readonly { form: LoggedFormId; date: LocalDate; breakdown: readonly AreaScore[] }[];
  /** Journal entries (absent: none). `fromBlock`: added from a logged block, whose tags counted the miss already. */
  journal?: readonly {
    system: SystemId | null;
    discipline: DisciplineId | null;
    errorType: ErrorType;
    fromBlock: boolean;
    /** Times the card was forgotten again in review. */
    lapses: number;
  }[];
  today: LocalDate;
};

export type RankedArea = {
  id: AreaId;
  kind: AreaKind;
  name: string;
  /** Misses counted in blocks plus misses estimated from practice exam reports, one decimal. */
  misses: number;
  /** The area's share of the exam used as the weight of one miss. */
  weight: number;
  /** misses × weight, two decimals. */
  cost: number;
  /** This area's part of the total cost of its kind, 0–1. */
  costShare: number;
  trend: AreaTrend;
  recentMissesPer100: number | null;
  earlierMissesPer100: number | null;
  /** Journal entries tagged with this area, and the times their cards were forgotten again. */
  journalEntries: number;
  repeatMisses: number;
  /** The error type most of those entries name (ties: the order of ERROR_TYPES), or null without entries. */
  topErrorType: ErrorType | null;
  explanation: string;
};

export type WeakAreaRanking = { systems: RankedArea[]; disciplines: RankedArea[]; notes: string[] };

type Tally = {
  misses: number;
  blockMisses: number;
  recent: number;
  earlier: number;
  journalEntries: number;
  repeatMisses: number;
  /** Journal misses that no block counted (entries added on their own). */
  journalMisses: number;
  errorTypes: Map<ErrorType, number>;
};

const emptyTally = (): Tally => ({
  misses: 0,
  blockMisses: 0,
  recent: 0,
  earlier: 0,
  journalEntries: 0,
  repeatMisses: 0,
  journalMisses: 0,
  errorTypes: new Map(),
});

function topErrorTypeOf(tally: Tally): ErrorType | null {
  let best: ErrorType | null = null;
  for (const type of ERROR_TYPES) {
    const count = tally.errorTypes.get(type) ?? 0;
    if (count > 0 && (best === null || count > (tally.errorTypes.get(best) ?? 0))) best = type;
  }
  return best;
}
type Exposure = { recent: number; earlier: number };

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function rate(misses: number, questions: number): number | null {
  return questions >= TREND_MIN_QUESTIONS ? round((misses / questions) * 100, 1) : null;
}

function judgeTrend(recent: number | null, earlier: number | null): AreaTrend {
  if (recent === null || earlier === null) return 'not-enough-data';
  const change = recent - earlier;
  if (Math.abs(change) < Math.max(TREND_MIN_CHANGE_PER_100, earlier * TREND_MIN_RELATIVE_CHANGE)) return 'steady';
  return change > 0 ? 'worse' : 'better';
}

const TREND_WORDS: Readonly<Record<AreaTrend, string>> = {
  worse: 'Getting worse',
  better: 'Improving',
  steady: 'About the same',
  'not-enough-data': 'Not enough questions yet to see a trend',
};

function describeArea(area: Omit<RankedArea, 'explanation'>, tally: Tally): string {
  const { blockMisses, journalMisses } = tally;
  const estimated = round(area.misses - blockMisses - journalMisses - area.repeatMisses, 1);
  const parts: string[] = [];
  if (blockMisses > 0 || journalMisses + area.repeatMisses === 0) parts.push(`${blockMisses} tagged in blocks`);
  if (journalMisses > 0)
    parts.push(`${journalMisses} journal ${journalMisses === 1 ? 'entry' : 'entries'} not from a block`);
  if (area.repeatMisses > 0)
    parts.push(`${area.repeatMisses} repeat ${area.repeatMisses === 1 ? 'miss' : 'misses'} in journal review`);
  if (estimated > 0) parts.push(`about ${estimated} estimated from practice exam reports`);
  const source = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
  const weight =
    area.kind === 'system'
      ? 'weighted like every system (1/18)'
      : `weighted by its ${Math.round(area.weight * 1000) / 10} % share of the exam`;
  const trend =
    area.trend === 'not-enough-data'
      ? `${TREND_WORDS[area.trend]}.`
      : `${TREND_WORDS[area.trend]}: ${area.recentMissesPer100} misses per 100 questions in the last ${TREND_RECENT_DAYS} days, ${area.earlierMissesPer100} before.`;
  const journal =
    area.topErrorType === null
      ? ''
      : ` Your journal entries here are most often: ${nameErrorType(area.topErrorType).toLowerCase()}.`;
  return `${area.name}: ${area.misses} ${area.misses === 1 ? 'miss' : 'misses'} (${source}), ${weight}; ${Math.round(area.costShare * 100)} % of what your ${area.kind === 'system' ? 'system' : 'discipline'} misses cost. ${trend}${journal}`;
}

function rankKind({
  ids,
  tallies,
  exposure,
}: {
  ids: readonly AreaId[];
  tallies: ReadonlyMap<AreaId, Tally>;
  exposure: Exposure;
}): RankedArea[] {
  const rows = ids.flatMap((id, order) => {
    const tally = tallies.get(id);
    if (tally === undefined || tally.misses <= 0) return [];
    return [{ id, order, tally, cost: tally.misses * weighArea(id) }];
  });
  const total = rows.reduce((sum, r) => sum + r.cost, 0);
  return rows
    .sort((a, b) => b.cost - a.cost || b.tally.misses - a.tally.misses || a.order - b.order)
    .map(({ id, tally, cost }) => {
      const recentMissesPer100 = rate(tally.recent, exposure.recent);
      const earlierMissesPer100 = rate(tally.earlier, exposure.earlier);
      const area = {
        id,
        kind: kindOfArea(id),
        name: nameArea(id),
        misses: round(tally.misses, 1),
        weight: weighArea(id),
        cost: round(cost, 2),
        costShare: total > 0 ? cost / total : 0,
        trend: judgeTrend(recentMissesPer100, earlierMissesPer100),
        recentMissesPer100,
        earlierMissesPer100,
        journalEntries: tally.journalEntries,
        repeatMisses: tally.repeatMisses,
        topErrorType: topErrorTypeOf(tally),
      };
      return { ...area, explanation: describeArea(area, tally) };
    });
}

/**
 * Ranks systems and disciplines by what their misses cost, weakest first; areas never missed are left
 * out. Blocks count each tagged miss once. A practice exam breakdown gives percent correct, not counts,
 * so its misses are estimated as the form's items spread evenly over the areas of that kind
 * (a 160-item NBME, 60 % correct in a system → 160 / 18 × 0.4 = 3.6 misses). Trend: misses per 100
 * questions in the last 14 days against before, per kind (blocks' questions plus the items of practice
 * exams whose report broke that kind down).
 *
 * @example Medicine missed 4 times and Psychiatry 10 times → costs 4 × 0.55 = 2.2 and 10 × 0.125 =
 *   1.25, so Medicine ranks first.
 */
export function rankWeakAreas(input: WeakAreaInput): WeakAreaRanking {
  const recentFrom = addDays(input.today, -(TREND_RECENT_DAYS - 1));
  const tallies = new Map<AreaId, Tally>();
  const exposure: Record<AreaKind, Exposure> = {
    system: { recent: 0, earlier: 0 },
    discipline: { recent: 0, earlier: 0 },
  };
  const add = ({
    id,
    misses,
    isRecent,
    isBlock,
  }: {
    id: AreaId;
    misses: number;
    isRecent: boolean;
    isBlock: boolean;
  }) => {
    const tally = tallies.get(id) ?? emptyTally();
    tally.misses += misses;
    if (isBlock) tally.blockMisses += misses;
    if (isRecent) tally.recent += misses;
    else tally.earlier += misses;
    tallies.set(id, tally);
  };
  const expose = (kind: AreaKind, questions: number, isRecent: boolean) => {
    if (isRecent) exposure[kind].recent += questions;
    else exposure[kind].earlier += questions;
  };
  for (const block of input.blocks) {
    const isRecent = compareDates(block.date, recentFrom) >= 0;
    expose('system', block.questions, isRecent);
    expose('discipline', block.questions, isRecent);
    for (const id of [...block.missedSystems, ...block.missedDisciplines])
      add({ id, misses: 1, isRecent, isBlock: true });
  }
  for (const exam of input.practiceExams) {
    const isRecent = compareDates(exam.date, recentFrom) >= 0;
    const items = countFormItems(exam.form);
    for (const kind of ['system', 'discipline'] as const) {
      const entries = exam.breakdown.filter((e) => kindOfArea(e.area) === kind);
      if (entries.length === 0) continue;
      expose(kind, items, isRecent);
      for (const entry of entries) {
        const misses = (items / countAreasOfKind(kind)) * (1 - entry.percentCorrect / 100);
        add({ id: entry.area, misses, isRecent, isBlock: false });
      }
    }
  }
  // Journal misses carry no question count, so they weigh in the cost but stay out of the trend's rates.
  for (const entry of input.journal ?? []) {
    for (const id of [entry.system, entry.discipline]) {
      if (id === null) continue;
      const tally = tallies.get(id) ?? emptyTally();
      tally.journalEntries += 1;
      tally.errorTypes.set(entry.errorType, (tally.errorTypes.get(entry.errorType) ?? 0) + 1);
      const extra = (entry.fromBlock ? 0 : 1) + entry.lapses;
      tally.misses += extra;
      tally.journalMisses += entry.fromBlock ? 0 : 1;
      tally.repeatMisses += entry.lapses;
      tallies.set(id, tally);
    }
  }
  const notes = [
    'Each system counts the same (1/18 of the exam): the official share of each system was not in our reference yet, so we do not guess it.',
    'Disciplines count by their share of the exam, the middle of the published ranges: Medicine 55 %, Surgery 27.5 %, Pediatrics 22.5 %, Obstetrics and Gynecology 15 %, Psychiatry 12.5 %.',
  ];
  if (input.practiceExams.some((e) => e.breakdown.length > 0)) {
    notes.push(
      'Practice exam reports give percentages, not counts, so their misses are estimates: the form’s questions spread evenly over the areas.',
    );
  }
  if ((input.journal ?? []).length > 0) {
    notes.push(
      'Journal entries count as misses only when they were not added from a logged block (that block counted them), and each time a card is forgotten again in review counts as one more miss.',
    );
  }
  return {
    systems: rankKind({ ids: SYSTEM_IDS, tallies, exposure: exposure.system }),
    disciplines: rankKind({ ids: DISCIPLINE_IDS, tallies, exposure: exposure.discipline }),
    notes,
  };
}

/**
 * The weak areas a delay focuses on: systems and disciplines in one list, by each area's share of
 * what its own kind's misses cost (so a system can lead when it costs most of the systems), the
 * ranking's order kept for ties (systems first).
 *
 * @example systems [Cardio 0.6, Renal 0.4] and disciplines [Medicine 0.8, Surgery 0.2] →
 *   Medicine, Cardio, Renal, Surgery
 */
export function orderWeakAreasForDelay(ranking: Pick<WeakAreaRanking, 'systems' | 'disciplines'>): RankedArea[] {
  return [...ranking.systems, ...ranking.disciplines].sort((a, b) => b.costShare - a.costShare);
}
