import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signUpRequestSchema } from './auth.ts';
import { decimal, isOnGrid, text, textProblem } from './common.ts';
import { counsellingServiceSchema, practiceExamInputSchema, wellbeingCheckInInputSchema } from './evidence.ts';
import { fieldErrorsFrom } from './errors.ts';
import { planSettingsSchema } from './plan.ts';
import { postmortemAnswersSchema } from './postmortem.ts';
import { profileInputSchema } from './profile.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';

const fieldsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : fieldErrorsFrom(result.error as Parameters<typeof fieldErrorsFrom>[0]);

describe('text()', () => {
  const label = text({ error: 'Enter a label.' }).min(1, 'Enter a label.').max(20, 'Too long.');
  const note = text({ error: 'Enter a note.', isMultiline: true }).max(200, 'Too long.');

  it('refuses a NUL byte anywhere, naming it, before any other check', () => {
    for (const value of ['\u0000', 'a\u0000b', `${'x'.repeat(30)}\u0000`]) {
      const result = label.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error!.issues).toHaveLength(1);
      expect(result.error!.issues[0]!.message).toMatch(/NUL character \(U\+0000\).*Retype/);
    }
  });

  it('refuses other control characters and unpaired surrogates, and takes everything a person types', () => {
    for (const odd of ['\u0001', '\u001b', '\u007f', '\u0085', '\u009f']) {
      expect(label.safeParse(`a${odd}b`).error?.issues[0]?.message).toMatch(/control character \(U\+00[0-9A-F]{2}\)/);
    }
    expect(label.safeParse('a\ud800b').error?.issues[0]?.message).toMatch(/broken character \(U\+D800/);
    expect(label.safeParse('a\u2028b').error?.issues[0]?.message).toMatch(/one line/);
    for (const fine of ['Rotation', 'Café ☕', '😀 call', 'عيادة', '  trimmed  '])
      expect(label.safeParse(fine).success).toBe(true);
    expect(label.parse('  trimmed  ')).toBe('trimmed');
  });

  it('keeps line breaks and tabs in free-text notes only', () => {
    expect(note.parse('line one\nline two\r\n\tindented')).toBe('line one\nline two\r\n\tindented');
    expect(label.safeParse('line one\nline two').error?.issues[0]?.message).toMatch(/one line.*line break/);
    expect(label.safeParse('a\tb').error?.issues[0]?.message).toMatch(/one line.*tab/);
    expect(note.safeParse('a\u0000b').success).toBe(false);
  });

  it('never lets a string with a NUL through, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(label.safeParse(`${before}\u0000${after}`).success).toBe(false);
        expect(note.safeParse(`${before}\u0000${after}`).success).toBe(false);
      }),
    );
  });

  it('is what every free-text field uses: NUL is refused with a field message in each contract', () => {
    const cases: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }, unknown, string][] = [
      ['email', signUpRequestSchema, { email: 'a\u0000@school.edu', password: 'long-enough-pass' }, 'email'],
      ['new password', signUpRequestSchema, { email: 'a@school.edu', password: 'long-enough\u0000pass' }, 'password'],
      ['profile name', profileInputSchema, buildProfileInput({ backupSpecialty: 'Surgery\u0000' }), 'backupSpecialty'],
      ['counselling', counsellingServiceSchema, { name: 'Wellness\u0000', contact: '555' }, 'name'],
      [
        'protected-time label',
        planSettingsSchema,
        buildPlanSettings({ protectedTime: [{ weekday: 1, start: '07:00', end: '17:00', label: 'Rot\u0000' }] }),
        'protectedTime.0.label',
      ],
      [
        'postmortem words',
        postmortemAnswersSchema,
        { ...buildPostmortemAnswers(), ownWords: `${buildPostmortemAnswers().ownWords}\u0000` },
        'ownWords',
      ],
    ];
    for (const [name, schema, input, field] of cases) {
      const fields = fieldsOf(schema.safeParse(input));
      expect(fields[field], name).toMatch(/NUL character|control character/);
    }
  });
});

describe('decimal()', () => {
  const sleep = decimal({
    error: 'Enter hours.',
    min: 0,
    max: 24,
    perUnit: 100,
    belowMin: 'Too low.',
    aboveMax: 'Too high.',
    offGrid: 'Two decimals at most.',
  });

  it('takes every value typed with the stated decimals, exactly as typed', () => {
    for (let hundredths = 0; hundredths <= 2400; hundredths += 1) {
      const typed = Number((hundredths / 100).toFixed(2));
      expect(sleep.parse(typed)).toBe(typed);
    }
  });

  it('refuses tiny, huge and over-precise values, and reads -0 as 0', () => {
    expect(sleep.safeParse(Number.MIN_VALUE).error?.issues[0]?.message).toBe('Two decimals at most.');
    expect(sleep.safeParse(7.123456789).error?.issues[0]?.message).toBe('Two decimals at most.');
    expect(sleep.safeParse(1e308).error?.issues[0]?.message).toBe('Too high.');
    expect(sleep.safeParse(-Number.MIN_VALUE).error?.issues[0]?.message).toBe('Too low.');
    expect(sleep.safeParse(Number.NaN).success).toBe(false);
    expect(sleep.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(sleep.safeParse('7').success).toBe(false);
    expect(Object.is(sleep.parse(-0), 0)).toBe(true);
  });

  it('agrees with decimal notation: a value is on the grid exactly when its shortest form has that many decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
        const decimals = /\.(\d+)$/.exec(String(value))?.[1]?.length ?? (/e-/.test(String(value)) ? 99 : 0);
        expect(isOnGrid(value, 10)).toBe(decimals <= 1);
      }),
    );
  });

  it('bounds every decimal field in the contracts', () => {
    const wellbeing = { date: '2026-11-23', sleepHours: 7, stress: 2, mood: 3 };
    expect(wellbeingCheckInInputSchema.safeParse({ ...wellbeing, sleepHours: 6.75 }).success).toBe(true);
    expect(fieldsOf(wellbeingCheckInInputSchema.safeParse({ ...wellbeing, sleepHours: 5e-324 })).sleepHours).toMatch(
      /two decimals/,
    );
    const exam = { form: 'FREE120', date: '2026-11-20', percentCorrect: 68.5 };
    expect(practiceExamInputSchema.safeParse(exam).success).toBe(true);
    expect(fieldsOf(practiceExamInputSchema.safeParse({ ...exam, percentCorrect: 68.55 })).percentCorrect).toMatch(
      /one decimal/,
    );
    const settings = buildPlanSettings();
    const offGrid = { ...settings, weeklyHours: { ...settings.weeklyHours, rest: 10.1 } };
    expect(fieldsOf(planSettingsSchema.safeParse(offGrid))['weeklyHours.rest']).toMatch(/quarter hour/);
    const answers = buildPostmortemAnswers();
    const tinySleep = { ...answers, wellbeing: { ...answers.wellbeing, sleepHoursPerNight: 5e-324 } };
    expect(fieldsOf(postmortemAnswersSchema.safeParse(tinySleep))['wellbeing.sleepHoursPerNight']).toMatch(
      /two decimals/,
    );
  });
});

describe('messages built from the input', () => {
  it('survive input that cannot be printed (a deeply nested array as the form)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    const result = practiceExamInputSchema.safeParse({ form: deep, date: '2026-11-20', score: 230 });
    expect(fieldsOf(result).form).toMatch(/^That is not a practice exam/);
  });

  it('textProblem is null for ordinary text', () => {
    expect(textProblem('Student Wellness Center, 555-0100')).toBeNull();
  });
});
