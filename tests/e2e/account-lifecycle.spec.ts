import fs from 'node:fs/promises';
import { SignInPage } from './page-models/auth-pages.ts';
import { ProfilePage } from './page-models/profile-page.ts';
import { SettingsPage } from './page-models/settings-page.ts';
import { expect, serverToday, test } from './fixtures.ts';
import { addDays } from './support/dates.ts';

test('A student exports their data and deletes the account; signing in again fails', async ({ page, student }) => {
  const examDate = addDays(await serverToday(page.request), 150);
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.fill({
    failCount: '1',
    schoolTypeLabel: 'International medical graduate (IMG)',
    specialtyLabel: 'Psychiatry',
    examDate,
  });
  await profile.save();
  await expect(profile.summary).toBeVisible();

  // The export is one JSON file holding the profile just saved.
  const settings = new SettingsPage(page);
  // Settings sits under "More" in the main nav (src/web/app/app-shell.tsx).
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByText('More', { exact: true }).click();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(settings.heading).toBeVisible();
  const download = await settings.downloadExport();
  expect(download.suggestedFilename()).toMatch(/^comeback-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  // Version 2 added the evidence: blocks, practice exams, full-length days and check-ins.
  expect(exported.schemaVersion).toBe(2);
  expect(exported.questionBlocks).toEqual([]);
  expect(exported.wellbeingCheckIns).toEqual([]);
  expect(exported.account.email).toBe(student.email);
  expect(exported.profile.examDate).toBe(examDate);
  expect(exported.profile.specialty).toBe('psychiatry');

  // Deleting needs the explicit confirmation, then the password.
  await settings.deleteAccount(student.password, { confirm: false });
  await expect(page.locator('#confirmDelete-error')).toContainText('Tick the box');
  await settings.deleteAccount('not my password at all', { confirm: true });
  await expect(page.locator('#deletePassword-error')).toBeVisible();
  await settings.deleteAccount(student.password, { confirm: true });

  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await expect(page).toHaveURL('/sign-in');
  await expect(signIn.notice).toContainText('deleted');

  // The account is gone: its credentials no longer work, and the old session is over.
  await signIn.signIn(student);
  await expect(signIn.errorSummary).toContainText('do not match');
  await expect(page).toHaveURL('/sign-in');
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});

test('A student changes the password and signs out everywhere', async ({ page, student, browser }) => {
  // The same student is also signed in on a second device.
  const otherDevice = await browser.newContext();
  const otherPage = await otherDevice.newPage();
  await otherPage.goto('/sign-in');
  await new SignInPage(otherPage).signIn(student);
  await expect(otherPage).toHaveURL('/');

  const settings = new SettingsPage(page);
  await settings.goto();
  await settings.changePassword('wrong current password', 'a brand new passphrase here');
  await expect(page.locator('#currentPassword-error')).toBeVisible();
  const newPassword = `${student.password} renewed`;
  await settings.changePassword(student.password, newPassword);
  await expect(page.getByTestId('password-changed')).toContainText('signed you out on 1 other device');
  expect((await otherPage.request.get('/api/auth/me')).status()).toBe(401);
  await otherDevice.close();
  // This device stays signed in.
  await page.reload();
  await expect(settings.heading).toBeVisible();

  await page.getByRole('button', { name: 'Sign out of every device' }).click();
  const signIn = new SignInPage(page);
  await expect(signIn.notice).toContainText('every device');
  await signIn.signIn({ email: student.email, password: newPassword });
  await expect(page).toHaveURL('/');
});
