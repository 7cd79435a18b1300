import { z } from 'zod';
import { isLocalDate } from '#domain/common/dates.ts';

export const localDateSchema = (what: string) =>
  z
    .string({ error: `Enter ${what} as a date.` })
    .refine((value) => isLocalDate(value), { error: `Enter ${what} as a real date (YYYY-MM-DD).` });

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string({ error: 'Choose your time zone.' })
  .max(64, 'Choose your time zone from the list.')
  .refine(isTimeZone, { error: 'Choose your time zone from the list (for example America/Chicago).' });

/*
 * Text. No field takes control characters: they are invisible, nobody types them, and PostgreSQL
 * cannot store NUL (U+0000) in text at all (issue 8: `invalid byte sequence for encoding "UTF8": 0x00`).
 * Free-text notes keep line breaks and tabs. An unpaired surrogate cannot be stored as UTF-8 (it would
 * be replaced silently), so it is refused too.
 */
// eslint-disable-next-line no-control-regex
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// eslint-disable-next-line no-control-regex
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function codePointOf(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What to fix in a text, or null when every character can be stored and shown. */
export function textProblem(value: string, options: { isMultiline?: boolean } = {}): string | null {
  const forbidden = (options.isMultiline ? MULTILINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(value);
  if (forbidden) {
    const char = forbidden[0];
    const name =
      char === '\u0000' ? 'a NUL character' : /[\n\r\u2028\u2029]/.test(char) ? 'a line break' : 'a control character';
    return options.isMultiline || !/[\n\r\u2028\u2029\t]/.test(char)
      ? `This holds ${name} (${codePointOf(char)}) that cannot be saved; it is invisible, often pasted from another app. Retype the text or delete that character.`
      : `Keep this on one line: remove the ${char === '\t' ? 'tab' : 'line break'} (${codePointOf(char)}).`;
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) {
    return `This holds a broken character (${codePointOf(surrogate[0])}, half of an emoji or symbol) that cannot be saved. Retype the text.`;
  }
  return null;
}

/**
 * A trimmed string field that refuses characters it cannot store. Chain `.min()` and `.max()` on it as
 * on `z.string()`; this check runs before them and stops them, so its message is the one shown.
 */
export function text(options: { error: string; isMultiline?: boolean }) {
  return z
    .string({ error: options.error })
    .trim()
    .check((ctx) => {
      const problem = textProblem(ctx.value, options);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, continue: false });
    });
}

/*
 * Numbers. JSON can carry any double, and so can the columns (double precision, migration
 * 202612010200), but a value a person could not have meant (5e-324 hours of sleep, 68.123456 %) is a
 * typo or an attack: each decimal field has a stated resolution and range, and anything else is refused
 * with what to enter instead, never silently rounded.
 */

/** True when `value` is a whole number of `1 / perUnit` steps: exactly what typing it in decimals gives. */
export function isOnGrid(value: number, perUnit: number): boolean {
  return Math.round(value * perUnit) / perUnit === value;
}

/**
 * A number from `min` to `max` in steps of `1 / perUnit` (4: quarter hours, 10: tenths). Quarter steps
 * are exact in binary, so sums and differences of them (the plan's hour arithmetic) stay exact.
 * Negative zero reads as zero.
 */
export function decimal(options: {
  error: string;
  min: number;
  max: number;
  perUnit: number;
  belowMin: string;
  aboveMax: string;
  offGrid: string;
}) {
  return z
    .number({ error: options.error })
    .min(options.min, options.belowMin)
    .max(options.max, options.aboveMax)
    .refine((value) => isOnGrid(value, options.perUnit), { error: options.offGrid })
    .transform((value) => (value === 0 ? 0 : value));
}
