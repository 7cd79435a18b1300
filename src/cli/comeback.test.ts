import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './comeback.ts';

const NOW = new Date('2026-11-24T15:00:00Z');

describe('comeback plan', () => {
  it('prints a dated plan as JSON for a valid request', () => {
    const result = runCli(
      ['plan'],
      JSON.stringify({
        startDate: '2026-11-25',
        examDate: '2027-01-20',
        settings: {
          questionBank: { questionsLeft: 800, blockFormat: '20-in-30', reviewMinutesPerBlock: 30, mode: 'timed' },
        },
      }),
      NOW,
    );
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.days[0].date).toBe('2026-11-25');
    expect(plan.days.at(-1).kind).toBe('exam');
    expect(plan.summary.questionsScheduled).toBe(800);
  });

  it('starts today in the given time zone when no start date is given', () => {
    const result = runCli(
      ['plan'],
      JSON.stringify({
        examDate: '2027-01-20',
        timeZone: 'Pacific/Kiritimati',
        settings: {
          questionBank: { questionsLeft: 0, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        },
      }),
      NOW,
    );
    expect(JSON.parse(result.stdout).days[0].date).toBe('2026-11-25');
  });

  it.each([
    ['not JSON', 'nope', /not valid JSON/],
    ['an exam date in the past', JSON.stringify({ startDate: '2026-11-25', examDate: '2020-01-01' }), /exam date/],
    [
      '100,000 questions',
      JSON.stringify({
        examDate: '2027-01-20',
        settings: {
          questionBank: { questionsLeft: 100000, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        },
      }),
      /settings\.questionBank\.questionsLeft/,
    ],
    [
      'an impossible bank',
      JSON.stringify({ startDate: '2026-11-25', examDate: '2026-12-20' }),
      /PLAN_INFEASIBLE: 3,900 questions left need 98 blocks/,
    ],
    ['an unknown field', JSON.stringify({ examDate: '2027-01-20', extra: 1 }), /not a valid plan request/],
  ])('refuses %s on stderr with exit code 2', (_name, stdin, message) => {
    const result = runCli(['plan'], stdin, NOW);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('refuses an unknown command', () => {
    expect(runCli(['bake'], '{}', NOW)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown command "bake"/),
    });
  });

  it('runs as `npx comeback plan` through the package bin', () => {
    const stdout = execFileSync('node', ['bin/comeback.mjs', 'plan'], {
      input: JSON.stringify({
        startDate: '2026-11-25',
        examDate: '2026-12-30',
        settings: {
          questionBank: { questionsLeft: 200, blockFormat: '40-in-60', reviewMinutesPerBlock: 60, mode: 'timed' },
        },
      }),
    }).toString();
    expect(JSON.parse(stdout).summary.blocksNeeded).toBe(5);
    const bad = spawnSync('node', ['bin/comeback.mjs', 'plan'], { input: '{' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toMatch(/not valid JSON/);
  });
});
