import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PlanPage, PlanSettingsPage } from './page-models/plan-page.ts';
import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';
import { FIVE_CAUSE_ANSWERS } from './support/postmortem-answers.ts';
import { capture, SCREENS_DIR, SIZES } from './support/screens.ts';

const SHOTS = process.env.SHOTS_PREFIX ?? 'plan-settings-spec';

/** The whole page at each size, and the part the step is about, close up. */
async function shoot(page: Page, name: string, part: Locator) {
  for (const size of SIZES) {
    await capture(page, `${SHOTS}-${name}`, size);
    await part.screenshot({ path: path.join(SCREENS_DIR, `${SHOTS}-${name}-part-${size.name}.png`) });
  }
}

/**
 * A way out the client can apply, used only while the server does not send its own yet
 * (PLAN_INFEASIBLE's `details.waysOut`): a bank small enough to fit 6 hours a week.
 */
const FALLBACK_WAY_OUT = {
  label: 'Plan to finish 1,000 questions of your bank',
  settingsPatch: {
    questionBank: { questionsLeft: 1000, blockFormat: '20-in-30', reviewMinutesPerBlock: 30, mode: 'timed' },
  },
};

test('A student on a surgery rotation fills the week from a preset, edits it, and gets out of an impossible plan with one tap', async ({
  page,
  student: _signedIn,
}) => {
  // Full-page pictures at two sizes on a shared two-core machine take most of the default minute.
  test.slow();
  const today = await serverToday(page.request);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 120),
    reviewStartDate: addDays(today, 240),
    bufferPoints: 10,
  });
  const settings = new PlanSettingsPage(page);
  await settings.goto();

  // q4 call is dated: a 24-hour call from 07:00 every 4th day, four weeks from today by default.
  await expect(settings.presets).toBeVisible();
  await settings.presets.getByLabel('Start from a rotation').selectOption({ label: 'q4 call (24 h every 4th day)' });
  await expect(settings.presets.getByLabel('First call day')).toHaveValue(today);
  await expect(settings.presets.getByLabel('Rotation ends')).toHaveValue(addDays(today, 27));
  await settings.presets.getByRole('button', { name: 'Fill in' }).click();
  for (let row = 0; row < 7; row++) {
    await expect(settings.field(`settings.exceptions.${row}.date`)).toHaveValue(addDays(today, row * 4));
    await expect(settings.field(`settings.exceptions.${row}.kind`)).toHaveValue('call');
    await expect(settings.field(`settings.exceptions.${row}.start`)).toHaveValue('07:00');
    await expect(settings.field(`settings.exceptions.${row}.end`)).toHaveValue('07:00');
  }
  await expect(settings.field('settings.exceptions.7.date')).toHaveCount(0);

  // Another preset replaces the weekly rows and the calls: five weekdays, 06:00–18:00.
  await settings.presets.getByLabel('Start from a rotation').selectOption({ label: 'Mon–Fri 06:00–18:00 (surgery)' });
  await settings.presets.getByRole('button', { name: 'Fill in' }).click();
  await expect(page.getByTestId('preset-filled')).toContainText('Mon–Fri 06:00–18:00 (surgery)');
  for (let row = 0; row < 5; row++) {
    await expect(settings.field(`settings.protectedTime.${row}.weekday`)).toHaveValue(String(row + 1));
    await expect(settings.field(`settings.protectedTime.${row}.start`)).toHaveValue('06:00');
    await expect(settings.field(`settings.protectedTime.${row}.end`)).toHaveValue('18:00');
    await expect(settings.field(`settings.protectedTime.${row}.label`)).toHaveValue('Surgery rotation');
  }
  await expect(settings.field('settings.protectedTime.5.start')).toHaveCount(0);
  await expect(settings.field('settings.exceptions.0.date')).toHaveCount(0);
  // The rows are ordinary rows: Friday ends early.
  await settings.field('settings.protectedTime.4.end').fill('14:00');
  await settings.presets.scrollIntoViewIfNeeded();
  await shoot(page, 'preset', page.getByRole('region', { name: 'Rotation and work hours' }));
  await shoot(page, 'hours', page.getByRole('region', { name: 'Hours a week' }));
  await shoot(page, 'bank', page.getByRole('region', { name: 'Question bank' }));
  // The current exam's block is the default; the older one is a tap away, and the pacing follows it.
  const pacing = page.getByTestId('pacing-text');
  await expect(settings.field('settings.questionBank.blockFormat-20-in-30')).toBeChecked();
  await expect(pacing).toHaveText('Pace for a 20-question block: past question 10 at the 15-minute mark.');
  await settings.field('settings.questionBank.blockFormat-40-in-60').check();
  await expect(pacing).toHaveText('Pace for a 40-question block: past question 20 at the 30-minute mark.');
  await expect(settings.field('settings.questionBank.reviewMinutesPerBlock')).toHaveValue('60');
  await settings.field('settings.questionBank.blockFormat-20-in-30').check();
  await expect(settings.field('settings.questionBank.reviewMinutesPerBlock')).toHaveValue('30');

  // An impossible plan: the whole bank at 6 hours a week. The ways out come with a button each.
  await settings.field('settings.questionBank.questionsLeft').fill('10000');
  await settings.field('settings.weeklyHours.questionBank').fill('6');
  let usedFallback = false;
  await page.route('**/api/plan', async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    const response = await route.fetch();
    const body = await response.json();
    if (body?.error?.code === 'PLAN_INFEASIBLE' && !Array.isArray(body.error.details?.waysOut)) {
      usedFallback = true;
      body.error.details = { ...body.error.details, waysOut: [FALLBACK_WAY_OUT] };
    }
    await route.fulfill({ response, json: body });
  });
  await settings.submitButton.click();
  await expect(settings.infeasible).toBeVisible();
  await expect(settings.infeasible).toContainText('10,000');
  const waysOut = settings.infeasible.getByTestId('ways-out').getByRole('listitem');
  await expect(waysOut.first()).toBeVisible();
  const chosen = (await waysOut.first().locator('.way-out-label').textContent()) ?? '';
  expect(chosen.length).toBeGreaterThan(5);
  expect((await (await page.request.get('/api/plan')).json()).plan).toBeNull();
  await shoot(page, 'infeasible', settings.infeasible);

  // One tap: the way out goes into the form and the plan is saved with it.
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/plan') && r.request().method() === 'PUT');
  await waysOut
    .first()
    .getByRole('button', { name: /^Apply/ })
    .click();
  expect((await saved).status()).toBe(200);
  const plan = new PlanPage(page);
  await expect(page).toHaveURL(/\/plan\?view=month/);
  await expect(plan.monthView).toBeVisible();

  const stored = (await (await page.request.get('/api/plan')).json()).plan.settings;
  expect(stored.protectedTime).toHaveLength(5);
  expect(stored.protectedTime[4]).toEqual({ weekday: 5, start: '06:00', end: '14:00', label: 'Surgery rotation' });
  if (usedFallback) expect(stored.questionBank.questionsLeft).toBe(1000);
  else expect(stored).not.toMatchObject({ weeklyHours: { questionBank: 6 }, questionBank: { questionsLeft: 10000 } });
});

test('The postmortem’s countermeasures act: the support prompt stays until confirmed, undoing the readiness gate asks first, and the gate puts a delay on the home screen', async ({
  page,
  student: _signedIn,
}) => {
  // Full-page pictures at two sizes on a shared two-core machine take most of the default minute.
  test.slow();
  const today = await serverToday(page.request);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 57),
    reviewStartDate: addDays(today, 300),
    bufferPoints: 10,
  });
  // Burnout (the support prompt) and scores explained away (the readiness gate), among five causes.
  const saved = await page.request.put('/api/postmortem', { data: FIVE_CAUSE_ANSWERS });
  expect(saved.status(), await saved.text()).toBe(200);
  const defaults = await (await page.request.get('/api/plan/defaults')).json();
  expect(defaults.settings.readinessGate).toBe(true);

  // Changing the gate on the settings page names the cause it answered; "put back" undoes it.
  const settings = new PlanSettingsPage(page);
  await settings.goto();
  await settings.field('settings.readinessGate').uncheck();
  await settings.submitButton.click();
  await expect(settings.confirmUndone).toBeVisible();
  await expect(settings.confirmUndone).toContainText('The readiness check may move your exam date');
  const causes = defaults.changes as { setting: string; cause: string }[];
  const gateCause = causes.find((c) => c.setting === 'flags.hardReadinessGate')!.cause;
  const causeName = (
    (await (await page.request.get('/api/postmortem')).json()).postmortem.diagnosis.causes as {
      id: string;
      name: string;
    }[]
  ).find((c) => c.id === gateCause)!.name;
  await expect(settings.confirmUndone).toContainText(causeName);
  await shoot(page, 'confirm-undone', settings.confirmUndone);
  await settings.confirmUndone.getByRole('button', { name: 'Put back what the postmortem set' }).click();
  await expect(settings.field('settings.readinessGate')).toBeChecked();
  await expect(settings.confirmUndone).toHaveCount(0);
  // Eight weeks out the whole bank does not fit. One way out is a later exam: one tap moves the date
  // in the profile and builds the plan to it.
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/plan') && r.request().method() === 'PUT');
  await settings.submitButton.click();
  const { error } = await (await refused).json();
  expect(error.code).toBe('PLAN_INFEASIBLE');
  const way = (error.details.waysOut as { label: string; examDate?: string }[]).find((w) => w.examDate)!;
  const movedTo = way.examDate!;
  await expect(settings.infeasible).toBeVisible();
  const later = settings.infeasible.getByRole('button', { name: `Apply: ${way.label}` });
  await later.click();
  await expect(page).toHaveURL(/\/plan\?view=month/);
  expect((await (await page.request.get('/api/profile')).json()).profile.examDate).toBe(movedTo);
  expect((await (await page.request.get('/api/plan')).json()).plan.examDate).toBe(movedTo);

  // Two practice exams in the 170s against a target of 240: the check proposes a delay.
  for (const exam of [
    { form: 'NBME13', date: addDays(today, -14), score: 172, breakdown: [] },
    { form: 'UWSA1', date: addDays(today, -4), score: 176 },
  ]) {
    const logged = await page.request.post('/api/evidence/practice-exams', { data: exam });
    expect(logged.status(), await logged.text()).toBe(201);
  }
  const proposal = (await (await page.request.get('/api/evidence')).json()).readiness.delayProposal;
  expect(proposal).not.toBeNull();

  // Home: the support prompt and the gated delay, each one tap.
  await page.goto('/');
  const prompt = page.getByTestId('support-prompt');
  const delay = page.getByTestId('gated-delay');
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('988');
  await expect(delay).toBeVisible();
  await shoot(page, 'home-countermeasures', page.locator('.home'));
  await page.reload();
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'My support is lined up' }).click();
  await expect(page.getByTestId('support-prompt-done')).toBeVisible();
  await page.reload();
  await expect(delay).toBeVisible();
  await expect(prompt).toHaveCount(0);

  await delay.getByRole('button', { name: /^Move my exam to/ }).click();
  await expect(page.getByTestId('gated-delay-done')).toBeVisible();
  const profile = (await (await page.request.get('/api/profile')).json()).profile;
  expect(profile.examDate).toBe(proposal.newExamDate);
});

test('A student turns on a reminder for calendar events and gets the link as webcal:// and https, with the steps per app', async ({
  page,
  student: _signedIn,
}) => {
  // Full-page pictures at two sizes on a shared two-core machine take most of the default minute.
  test.slow();
  const today = await serverToday(page.request);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'family-medicine',
    schoolType: 'us-do',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 120),
    reviewStartDate: addDays(today, 200),
    bufferPoints: 10,
  });
  const { settings } = await (await page.request.get('/api/plan/defaults')).json();
  expect((await page.request.put('/api/plan', { data: { settings } })).status()).toBe(200);

  await page.goto('/settings');
  const feed = page.getByTestId('calendar-feed');
  const reminder = feed.getByLabel('Reminder before each study event');
  await expect(reminder).toHaveValue('none');
  await feed.getByRole('button', { name: 'Make my private link' }).click();
  const https = await feed.getByLabel('Your private calendar link').inputValue();
  expect(https).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feed\/[A-Za-z0-9_-]+\.ics$/);
  await expect(feed.getByTestId('feed-webcal')).toHaveAttribute('href', https.replace(/^https?:\/\//, 'webcal://'));

  await reminder.selectOption({ label: 'The evening before, at 19:00' });
  await expect(feed.locator('#feed-reminder-status')).toContainText('Saved');
  const calendarApp = await page.context().browser()!.newContext();
  const ics = await (await calendarApp.request.get(https)).text();
  await calendarApp.close();
  expect(ics).toContain('BEGIN:VALARM');
  expect(ics).toMatch(/TRIGGER:-PT\d+H/);

  await page.reload();
  await expect(reminder).toHaveValue('evening-before');
  await feed.getByText('How to subscribe: Google Calendar, Apple Calendar, Outlook').click();
  await expect(feed.getByTestId('feed-steps')).toContainText('From URL');
  await expect(feed.getByTestId('feed-steps')).toContainText('New Calendar Subscription');
  await expect(feed.getByTestId('feed-steps')).toContainText('Subscribe from web');
  await shoot(page, 'calendar-reminder', feed);
});
