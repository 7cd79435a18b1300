import fs from 'node:fs';

/**
 * The clock server's "now" (playwright.config.ts starts it with COMEBACK_TEST_CLOCK_FILE): write
 * an ISO instant and every later request sees that time; write '' to go back to the real clock.
 */
export function setServerClock(instant: string) {
  const file = process.env.COMEBACK_E2E_CLOCK_FILE;
  if (!file) throw new Error('COMEBACK_E2E_CLOCK_FILE is not set: run this journey through playwright.config.ts.');
  fs.writeFileSync(file, instant);
}

/** A local date (YYYY-MM-DD) at 15:00 UTC: mid-morning in the Americas, the same date everywhere there. */
export function middayOf(localDate: string): string {
  return `${localDate}T15:00:00.000Z`;
}
