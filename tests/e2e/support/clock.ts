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

/**
 * The clock server has one clock, so two journeys must not move it at once. playwright.config.ts
 * runs up to two workers; each clock journey holds this lock (a directory beside the clock file:
 * making it either succeeds or fails at once, across processes) for as long as it needs the clock.
 * Returns the release. The data dir is new for every run, so a crashed run leaves no lock behind.
 */
export async function holdServerClock({ timeoutMs = 240_000 }: { timeoutMs?: number } = {}): Promise<() => void> {
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
    test.setTimeout(300_000);
    release = await holdServerClock();
  });
  test.afterAll(() => {
    setServerClock('');
    release?.();
  });
}
