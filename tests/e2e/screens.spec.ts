import path from 'node:path';
import type { Page } from '@playwright/test';
import { ProfilePage } from './page-models/profile-page.ts';
import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';

const SCREENS_DIR = path.join('test-results', 'screens');
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

async function capture(page: Page, name: string, size: (typeof SIZES)[number]) {
  // Nothing may stick out sideways: the page is exactly as wide as the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} at ${size.name} overflows horizontally`).toBeLessThanOrEqual(0);
  await page.screenshot({
    path: path.join(SCREENS_DIR, `${name}-${size.name}-${size.width}x${size.height}.png`),
    fullPage: true,
  });
}

for (const size of SIZES) {
  test(`Screens look right at ${size.name} size (${size.width}×${size.height})`, async ({
    page,
    browser,
    student: _signedIn,
  }) => {
    await page.setViewportSize({ width: size.width, height: size.height });

    // Signed out: the sign-in page, in its own browser.
    const signedOut = await browser.newContext({ viewport: { width: size.width, height: size.height } });
    const visitor = await signedOut.newPage();
    await visitor.goto('/sign-in');
    await expect(visitor.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await capture(visitor, 'sign-in', size);
    await visitor.goto('/sign-up');
    await expect(visitor.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
    await capture(visitor, 'sign-up', size);
    // The advisor's landing page, after signing up as an advisor in that browser.
    await visitor.getByLabel('Email').fill(`advisor-${Date.now()}-${size.name}@example.edu`);
    await visitor.getByLabel('Password', { exact: true }).fill('steady lighthouse morning walk');
    await visitor.getByRole('radio', { name: /^I’m an advisor/ }).check();
    await visitor.getByRole('button', { name: 'Create account' }).click();
    await expect(visitor.getByRole('heading', { level: 1, name: 'Your students' })).toBeVisible();
    await capture(visitor, 'advisor', size);
    await signedOut.close();

    // A new student: the empty profile form.
    const profile = new ProfilePage(page);
    await profile.goto();
    await expect(profile.form).toBeVisible();
    await capture(page, 'profile-form', size);

    // The same form after a save with answers missing or wrong: errors beside the fields.
    await page.getByLabel('Your school').selectOption('us-do');
    await page.getByLabel('Specialty you are aiming for').selectOption('other');
    await page.getByLabel('Planned Step 2 CK date').fill('2020-01-01');
    await profile.save();
    await expect(profile.fieldError('examDate')).toBeVisible();
    await capture(page, 'profile-form-errors', size);

    // A student with a profile that needs every part of the summary.
    const today = await serverToday(page.request);
    await saveProfileViaApi(page.request, {
      failCount: '1',
      specialty: 'dermatology',
      schoolType: 'us-md',
      timeZone: TIME_ZONE,
      examDate: addDays(today, 120),
      reviewStartDate: addDays(today, 130),
      bufferPoints: 10,
    });

    await page.goto('/');
    await expect(page.getByTestId('next-action')).toBeVisible();
    await capture(page, 'home', size);

    await profile.goto();
    await expect(profile.summary).toBeVisible();
    await capture(page, 'profile-summary', size);

    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await capture(page, 'settings', size);
  });
}
