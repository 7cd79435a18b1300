import { describe, expect, it } from 'vitest';
import { runCli } from './comeback.ts';

const NOW = new Date('2027-01-10T12:00:00Z');
const run = (input: unknown) => runCli(['review'], JSON.stringify(input), NOW);

describe('comeback review', () => {
  it('prints each card’s next due instant and the daily forecast to the eve of the exam', () => {
    const result = run({
      examDate: '2027-03-01',
      today: '2027-01-10',
      cards: [
        {
          id: 'a',
          reviews: [
            { at: '2027-01-02T18:00:00Z', rating: 3 },
            { at: '2027-01-02T18:10:00Z', rating: 3 },
            { at: '2027-01-05T09:00:00Z', rating: 4 },
          ],
        },
        { id: 'b', reviews: [] },
      ],
    });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.forecast).toHaveLength(50);
    expect(out.forecast[0].date).toBe('2027-01-10');
    expect(out.forecast.at(-1).date).toBe('2027-02-28');
    const total = out.forecast.reduce((s: number, d: { count: number }) => s + d.count, 0);
    expect(total + out.afterExamCount).toBe(2);
    expect(out.cards.map((c: { id: string }) => c.id)).toEqual(['a', 'b']);
    expect(Date.parse(out.cards[0].due)).toBeGreaterThan(Date.parse('2027-01-05T09:00:00Z'));
    expect(Date.parse(out.cards[0].due)).toBeLessThan(Date.parse('2027-03-01T00:00:00Z'));
    expect(out.cards[1]).toMatchObject({ countedOn: '2027-01-10', reviews: 0 });
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    [
      'a rating of 5',
      {
        examDate: '2027-03-01',
        today: '2027-01-10',
        cards: [{ id: 'a', reviews: [{ at: '2027-01-02T18:00:00Z', rating: 5 }] }],
      },
      /cards\.0\.reviews\.0\.rating/,
    ],
    [
      'an instant without a zone',
      {
        examDate: '2027-03-01',
        today: '2027-01-10',
        cards: [{ id: 'a', reviews: [{ at: '2027-01-02 18:00', rating: 3 }] }],
      },
      /cards\.0\.reviews\.0\.at/,
    ],
    [
      'a review after today',
      {
        examDate: '2027-03-01',
        today: '2027-01-10',
        cards: [{ id: 'a', reviews: [{ at: '2027-01-11T00:00:00Z', rating: 3 }] }],
      },
      /after today/,
    ],
    ['an exam before today', { examDate: '2027-01-01', today: '2027-01-10', cards: [] }, /examDate/],
    ['twice the same id', { examDate: '2027-03-01', today: '2027-01-10', cards: [{ id: 'a' }, { id: 'a' }] }, /unique/],
  ])('refuses %s on stderr with exit code 2', (_name, input, message) => {
    const result = runCli(['review'], typeof input === 'string' ? input : JSON.stringify(input), NOW);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
  });
});
