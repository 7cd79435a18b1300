import { randomUUID } from 'node:crypto';
import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';

export type Role = 'student' | 'advisor';
export type Account = { email: string; password: string; role: Role };

/** The zone the browser runs in (playwright.config.ts); API calls say the same. */
export const TIME_ZONE = 'America/Chicago';

/** A fresh, unique account each time, so tests never share data. */
export function newAccount(role: Role = 'student'): Account {
  const id = randomUUID().slice(0, 8);
  return { email: `${role}-${Date.now()}-${id}@example.edu`, password: `quiet harbour lantern ${id}`, role };
}

/** Creates the account through the API; the request context keeps its session cookie. */
export async function signUpViaApi(request: APIRequestContext, account: Account) {
  const response = await request.post('/api/auth/sign-up', {
    data: { email: account.email, password: account.password, role: account.role },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Today's date as the server counts it for this student (the student's zone). */
export async function serverToday(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/profile', { headers: { 'X-Time-Zone': TIME_ZONE } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { defaults: { today: string } }).defaults.today;
}

export type ProfileBody = {
  failCount: '0' | '1' | '2+';
  specialty: string;
  otherSpecialtyName?: string | null;
  otherTier?: string | null;
  backupSpecialty?: string | null;
  schoolType: 'us-md' | 'us-do' | 'img';
  timeZone: string;
  examDate: string;
  reviewStartDate: string;
  bufferPoints: number;
};

export async function saveProfileViaApi(request: APIRequestContext, body: ProfileBody) {
  const response = await request.put('/api/profile', { data: body });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/**
 * Fails a test on any error logged in the page (React warnings, CSP violations, uncaught errors).
 * "Failed to load resource" lines are the browser reporting expected 4xx answers (401 before sign-in,
 * 400 on a rejected form), which the tests check through the UI instead.
 */
function guardConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.text().startsWith('Failed to load resource')) return;
    errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

type Fixtures = {
  /** A student who is signed in on `page` (account created through the API). */
  student: Account;
  consoleErrors: string[];
};

export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors = guardConsole(page);
      await use(errors);
      expect(errors, 'errors logged in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  student: async ({ page }, use) => {
    const account = newAccount('student');
    await signUpViaApi(page.request, account);
    await use(account);
  },
});

export { expect };
