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

/**
 * The fixed days the clock-server specs live on. Fixed, so no spec depends on the machine's date,
 * hour or zone (a plan made at 23:30 in Chicago used to start the next day and leave "today" empty);
 * in 2028, so a server that ignored the test clock would show another day and fail. Each is a
 * weekday the spec's story needs (the days after a Tuesday are study days).
 */
export const PINNED_DAYS = {
  /** A Tuesday: the screens spec's plan has open work on its first day. */
  screens: '2028-01-11',
  /** A Wednesday: "tomorrow" and the last three days of check-ins are plain study days. */
  evidence: '2028-01-12',
  /** A Tuesday: day 0 of the plan journey. */
  planJourney: '2028-02-01',
  /** A Thursday: day 0 of the evidence journey. */
  evidenceJourney: '2028-02-03',
} as const;

/** A local date (YYYY-MM-DD) at 15:00 UTC: mid-morning in the Americas, the same date everywhere there. */
export function middayOf(localDate: string): string {
  return `${localDate}T15:00:00.000Z`;
}

/**
 * The clock server has one clock, so two journeys must not move it at once. playwright.config.ts
 * runs up to two workers; each clock spec holds this lock (a directory beside the clock file:
 * making it either succeeds or fails at once, across processes) for as long as it needs the clock.
 * Returns the release. The data dir is new for every run, so a crashed run leaves no lock behind.
 * The wait allows for every other clock spec to run first (about six minutes on a busy machine).
 */
export async function holdServerClock({ timeoutMs = 900_000 }: { timeoutMs?: number } = {}): Promise<() => void> {
  const file = process.env.COMEBACK_E2E_CLOCK_FILE;
  if (!file) throw new Error('COMEBACK_E2E_CLOCK_FILE is not set: run this journey through playwright.config.ts.');
  const lock = `${file}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > deadline) throw new Error(`Another journey held the server clock for over ${timeoutMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * For a clock journey file: holds the server clock for the whole file and puts it back to the real
 * time afterwards.
 */
export function useServerClock(test: {
  beforeAll(fn: () => Promise<void>): void;
  afterAll(fn: () => void): void;
  setTimeout(ms: number): void;
}) {
  let release: (() => void) | undefined;
  test.beforeAll(async () => {
    test.setTimeout(960_000);
    release = await holdServerClock();
  });
  test.afterAll(() => {
    setServerClock('');
    release?.();
  });
}

/**
 * For a spec file whose tests need one fixed "now" (it counts from "today" but does not live through
 * days): holds the server clock for the file and sets it to `instant` before any test's fixtures
 * sign anyone up, so sessions, dates and "today" all come from the pinned clock.
 */
export function pinServerClock(test: Parameters<typeof useServerClock>[0], instant: string) {
  useServerClock(test);
  test.beforeAll(async () => setServerClock(instant));
}
