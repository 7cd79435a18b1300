import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../common/dates.ts';
import {
  DISCIPLINE_IDS,
  DISCIPLINES,
  isAreaId,
  kindOfArea,
  nameArea,
  SYSTEM_IDS,
  weighArea,
  type DisciplineId,
  type SystemId,
} from './areas.ts';
import { orderWeakAreasForDelay, rankWeakAreas, type WeakAreaInput } from './weak-areas.ts';

const TODAY = '2027-02-20';

function block(
  date: string,
  missedSystems: SystemId[] = [],
  missedDisciplines: DisciplineId[] = [],
  questions = 40,
): WeakAreaInput['blocks'][number] {
  return { date, questions, missedSystems, missedDisciplines };
}

describe('areas and their weights', () => {
  it('weighs disciplines by the midpoint of their DOMAIN.md §6 share and systems equally', () => {
    expect(DISCIPLINE_IDS.map(weighArea)).toEqual([0.55, 0.275, 0.225, 0.15, 0.125]);
    expect(weighArea('cardiovascular')).toBeCloseTo(1 / 18, 12);
    expect(DISCIPLINES.map((d) => d.name)).toEqual([
      'Medicine',
      'Surgery',
      'Pediatrics',
      'Obstetrics and Gynecology',
      'Psychiatry',
    ]);
  });

  it('names and sorts every area', () => {
    expect(nameArea('renal-urinary')).toBe('Renal and urinary system');
    expect(nameArea('obstetrics-gynecology')).toBe('Obstetrics and Gynecology');
    expect(kindOfArea('skin')).toBe('system');
    expect(kindOfArea('psychiatry')).toBe('discipline');
    expect(isAreaId('spleen')).toBe(false);
    expect(SYSTEM_IDS).toHaveLength(18);
  });
});

describe('rankWeakAreas', () => {
  it('ranks Medicine (4 misses × 0.55 = 2.2) above Psychiatry (10 × 0.125 = 1.25)', () => {
    const ranking = rankWeakAreas({
      blocks: [
        block('2027-02-01', [], ['medicine', 'medicine', 'psychiatry', 'psychiatry', 'psychiatry', 'psychiatry']),
        block('2027-02-02', [], ['medicine', 'medicine', ...Array<DisciplineId>(6).fill('psychiatry')]),
      ],
      practiceExams: [],
      today: TODAY,
    });
    expect(ranking.disciplines.map((d) => [d.id, d.misses, d.cost])).toEqual([
      ['medicine', 4, 2.2],
      ['psychiatry', 10, 1.25],
    ]);
    expect(ranking.disciplines[0]!.costShare).toBeCloseTo(2.2 / 3.45, 9);
    expect(ranking.disciplines[0]!.explanation).toBe(
      'Medicine: 4 misses (4 tagged in blocks), weighted by its 55 % share of the exam; 64 % of what your discipline misses cost. Not enough questions yet to see a trend.',
    );
    expect(ranking.systems).toEqual([]);
  });

  it('ranks systems by misses alone, ties in outline order, and leaves out areas never missed', () => {
    const ranking = rankWeakAreas({
      blocks: [block('2027-02-19', ['skin', 'cardiovascular', 'renal-urinary', 'renal-urinary'])],
      practiceExams: [],
      today: TODAY,
    });
    expect(ranking.systems.map((s) => s.id)).toEqual(['renal-urinary', 'skin', 'cardiovascular']);
    expect(ranking.systems[0]!.explanation).toMatch(/weighted like every system \(1\/18\)/);
    expect(ranking.notes[0]).toMatch(/Each system counts the same \(1\/18/);
  });

  it('estimates misses from a practice exam breakdown: 160 items / 18 systems × 40 % wrong = 3.6', () => {
    const ranking = rankWeakAreas({
      blocks: [block('2027-02-19', ['cardiovascular'])],
      practiceExams: [
        {
          form: 'NBME13',
          date: '2027-02-10',
          breakdown: [
            { area: 'cardiovascular', percentCorrect: 60 },
            { area: 'endocrine', percentCorrect: 100 },
            { area: 'surgery', percentCorrect: 68 }, // 160 / 5 × 0.32 = 10.24
          ],
        },
      ],
      today: TODAY,
    });
    expect(ranking.systems.map((s) => [s.id, s.misses])).toEqual([['cardiovascular', 4.6]]);
    expect(ranking.systems[0]!.explanation).toMatch(
      /1 tagged in blocks and about 3.6 estimated from practice exam reports/,
    );
    expect(ranking.disciplines.map((d) => [d.id, d.misses])).toEqual([['surgery', 10.2]]);
    expect(ranking.notes.at(-1)).toMatch(/estimates/);
  });

  it('sees a worse trend: cardiovascular 2 per 100 before, 5 per 100 in the last 14 days', () => {
    const earlier = [block('2027-01-20', ['cardiovascular']), block('2027-01-25', ['cardiovascular'])]; // 2 / 80 → 2.5
    const recent = [
      block('2027-02-10', ['cardiovascular', 'cardiovascular']),
      block('2027-02-20', ['cardiovascular', 'cardiovascular']),
    ]; // 4 / 80 → 5
    const [area] = rankWeakAreas({ blocks: [...earlier, ...recent], practiceExams: [], today: TODAY }).systems;
    expect(area).toMatchObject({ trend: 'worse', recentMissesPer100: 5, earlierMissesPer100: 2.5, misses: 6 });
    expect(area!.explanation).toMatch(/Getting worse: 5 misses per 100 questions in the last 14 days, 2.5 before\./);
  });

  it('sees improvement and calls small moves steady', () => {
    const better = rankWeakAreas({
      blocks: [block('2027-01-20', ['skin', 'skin', 'skin', 'skin']), block('2027-02-15', ['skin'])],
      practiceExams: [],
      today: TODAY,
    }).systems[0]!;
    expect(better).toMatchObject({ trend: 'better', earlierMissesPer100: 10, recentMissesPer100: 2.5 });
    const steady = rankWeakAreas({
      blocks: [
        block('2027-01-20', ['skin', 'skin', 'skin', 'skin']),
        block('2027-02-15', Array<SystemId>(9).fill('skin'), [], 80),
      ],
      practiceExams: [],
      today: TODAY,
    }).systems[0]!;
    expect(steady).toMatchObject({ trend: 'steady', earlierMissesPer100: 10, recentMissesPer100: 11.3 });
  });

  it('ranks by cost for any history: costs never increase down the list and shares sum to 1', () => {
    const blockArb = fc.record({
      date: fc.integer({ min: 0, max: 60 }).map((d) => addDays(TODAY, -d)),
      questions: fc.constant(40),
      missedSystems: fc.array(fc.constantFrom(...SYSTEM_IDS), { maxLength: 10 }),
      missedDisciplines: fc.array(fc.constantFrom(...DISCIPLINE_IDS), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 12 }), (blocks) => {
        const ranking = rankWeakAreas({ blocks, practiceExams: [], today: TODAY });
        for (const list of [ranking.systems, ranking.disciplines]) {
          for (let i = 1; i < list.length; i += 1) expect(list[i]!.cost).toBeLessThanOrEqual(list[i - 1]!.cost);
          if (list.length > 0) expect(list.reduce((s, a) => s + a.costShare, 0)).toBeCloseTo(1, 9);
        }
        const tagged = blocks.reduce((s, b) => s + b.missedSystems.length, 0);
        expect(ranking.systems.reduce((s, a) => s + a.misses, 0)).toBe(tagged);
      }),
    );
  });
});

describe('the journal in the weak-area ranking', () => {
  const entry = (
    overrides: Partial<NonNullable<WeakAreaInput['journal']>[number]> = {},
  ): NonNullable<WeakAreaInput['journal']>[number] => ({
    system: 'renal-urinary',
    discipline: null,
    errorType: 'knowledge-gap',
    fromBlock: false,
    lapses: 0,
    ...overrides,
  });

  it('counts an entry not from a block as a miss, one from a block as none, and each lapse as a repeat miss', () => {
    const ranking = rankWeakAreas({
      blocks: [block('2027-02-19', ['cardiovascular', 'cardiovascular', 'renal-urinary'])],
      practiceExams: [],
      journal: [
        entry({ fromBlock: true, system: 'cardiovascular', errorType: 'misread' }),
        entry({ lapses: 2, errorType: 'timing' }),
        entry({ errorType: 'timing' }),
      ],
      today: TODAY,
    });
    // Renal: 1 in a block + 2 journal entries on their own + 2 lapses = 5; cardiovascular: 2 (its entry came from the block).
    expect(ranking.systems.map((a) => [a.id, a.misses, a.repeatMisses, a.journalEntries, a.topErrorType])).toEqual([
      ['renal-urinary', 5, 2, 2, 'timing'],
      ['cardiovascular', 2, 0, 1, 'misread'],
    ]);
    expect(ranking.systems[0]!.explanation).toContain(
      '5 misses (1 tagged in blocks, 2 journal entries not from a block and 2 repeat misses in journal review)',
    );
    expect(ranking.systems[0]!.explanation).toContain('most often: ran out of time.');
    expect(ranking.notes.at(-1)).toMatch(/forgotten again in review counts as one more miss/);
    // Journal misses carry no question count: the trend's rates read the blocks alone.
    expect(ranking.systems[0]!.recentMissesPer100).toBe(2.5);
  });

  it('lets repeat misses move an area up the ranking', () => {
    const input = {
      blocks: [block('2027-02-19', ['skin', 'skin', 'endocrine'])],
      practiceExams: [],
      today: TODAY,
    };
    expect(rankWeakAreas(input).systems[0]!.id).toBe('skin');
    const withLapses = rankWeakAreas({
      ...input,
      journal: [entry({ system: 'endocrine', fromBlock: true, lapses: 3 })],
    });
    expect(withLapses.systems.map((a) => [a.id, a.misses])).toEqual([
      ['endocrine', 4],
      ['skin', 2],
    ]);
  });

  it('orders the areas for a delay by their share of what their own kind costs', () => {
    const ranking = rankWeakAreas({
      blocks: [
        block('2027-02-19', ['cardiovascular', 'cardiovascular', 'cardiovascular', 'renal-urinary', 'renal-urinary']),
        block('2027-02-19', [], ['medicine', 'medicine', 'medicine', 'medicine', 'surgery', 'psychiatry']),
      ],
      practiceExams: [],
      today: TODAY,
    });
    expect(orderWeakAreasForDelay(ranking).map((a) => [a.id, Math.round(a.costShare * 100)])).toEqual([
      // Medicine 4 × 0.55 of 2.6 in all; cardiovascular 3 of 5 systems' misses.
      ['medicine', 85],
      ['cardiovascular', 60],
      ['renal-urinary', 40],
      ['surgery', 11],
      ['psychiatry', 5],
    ]);
  });
});
