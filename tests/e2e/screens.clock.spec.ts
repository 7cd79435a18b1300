import { PlanPage, PlanSettingsPage } from './page-models/plan-page.ts';
import { PostmortemPage } from './page-models/postmortem-page.ts';
import { ProfilePage } from './page-models/profile-page.ts';
import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { middayOf, PINNED_DAYS, pinServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';
import { capture as captureScreen, SIZES } from './support/screens.ts';
import { FIVE_CAUSE_ANSWERS } from './support/postmortem-answers.ts';

// "Today" is a pinned Tuesday at 09:00 in Chicago: the day view has open work with a Done button
// whatever the machine's date, hour or zone (at 23:30 in Chicago a plan used to start tomorrow).
pinServerClock(test, middayOf(PINNED_DAYS.screens));

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
    await captureScreen(visitor, 'sign-in', size, { resize: false });
    await visitor.goto('/sign-up');
    await expect(visitor.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
    await captureScreen(visitor, 'sign-up', size, { resize: false });
    // The advisor's landing page, after signing up as an advisor in that browser.
    await visitor.getByLabel('Email').fill(`advisor-${Date.now()}-${size.name}@example.edu`);
    await visitor.getByLabel('Password', { exact: true }).fill('steady lighthouse morning walk');
    await visitor.getByRole('radio', { name: /^I’m an advisor/ }).check();
    await visitor.getByRole('button', { name: 'Create account' }).click();
    await expect(visitor.getByRole('heading', { level: 1, name: 'Your students' })).toBeVisible();
    await captureScreen(visitor, 'advisor', size, { resize: false });
    await signedOut.close();

    // A new student: the empty profile form.
    const profile = new ProfilePage(page);
    await profile.goto();
    await expect(profile.form).toBeVisible();
    await captureScreen(page, 'profile-form', size, { resize: false });

    // The same form after a save with answers missing or wrong: errors beside the fields.
    await page.getByLabel('Your school').selectOption('us-do');
    await page.getByLabel('Specialty you are aiming for').selectOption('other');
    await page.getByLabel('Planned Step 2 CK date').fill('2020-01-01');
    await profile.save();
    await expect(profile.fieldError('examDate')).toBeVisible();
    await captureScreen(page, 'profile-form-errors', size, { resize: false });

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
    await captureScreen(page, 'home', size, { resize: false });

    await profile.goto();
    await expect(profile.summary).toBeVisible();
    await captureScreen(page, 'profile-summary', size, { resize: false });

    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByTestId('calendar-feed').getByRole('button')).toBeVisible();
    await captureScreen(page, 'settings', size, { resize: false });

    // The postmortem: the first step, then the practice-exam step with its conditional questions.
    const postmortem = new PostmortemPage(page);
    await postmortem.goto();
    await captureScreen(page, 'postmortem-step', size, { resize: false });
    await postmortem.choose('scoreReport.distance', 'Just under the passing line');
    await postmortem.tick('weakestAreas', 'Cardiovascular system');
    await postmortem.next();
    await postmortem.choose('dedicated.schedule', 'No written schedule');
    await postmortem.choose('dedicated.startedBehind', 'No');
    await postmortem.next();
    await postmortem.fill('questionBank.percentDone', '70');
    await postmortem.choose('questionBank.reviewHabit', /^Rarely/);
    await postmortem.choose('questionBank.blockMode', 'A mix of timed and tutor mode');
    await postmortem.fill('questionBank.contentSharePercent', '40');
    await postmortem.next();
    await postmortem.fill('practiceExams.examsTaken', '3');
    const scores = postmortem.question('practiceExams.lastScores');
    await scores.getByRole('button', { name: 'Add your last score' }).click();
    await scores.getByLabel('Score').nth(0).fill('201');
    await scores.getByRole('button', { name: 'Add an earlier score' }).click();
    await scores.getByLabel('Reported as').nth(1).selectOption('percent');
    await scores.getByLabel('% correct').fill('61');
    await postmortem.choose('practiceExams.satAnyway', 'Yes');
    await postmortem.next();
    await expect(postmortem.errorFor('practiceExams.verdict')).toBeVisible();
    await captureScreen(page, 'postmortem-step-errors', size, { resize: false });

    // The causes, from a postmortem saved through the API.
    const saved = await page.request.put('/api/postmortem', { data: FIVE_CAUSE_ANSWERS });
    expect(saved.status(), await saved.text()).toBe(200);
    await postmortem.goto();
    await expect(postmortem.causes).toHaveCount(5);
    await captureScreen(page, 'postmortem-results', size, { resize: false });

    // Plan settings, prefilled by the postmortem; then the same form refusing a plan that cannot fit.
    const settings = new PlanSettingsPage(page);
    await settings.goto();
    await page.getByRole('button', { name: 'Add weekly hours' }).click();
    await settings.field('settings.protectedTime.0.label').fill('Internal medicine rotation');
    await page.getByRole('button', { name: 'Add a date' }).click();
    await settings.field('settings.exceptions.0.kind').selectOption('call');
    await settings.field('settings.exceptions.0.start').fill('17:00');
    await settings.field('settings.exceptions.0.end').fill('23:00');
    await settings.field('settings.exceptions.0.label').fill('Call night');
    await captureScreen(page, 'plan-settings', size, { resize: false });
    await settings.field('settings.questionBank.questionsLeft').fill('10000');
    await settings.field('settings.weeklyHours.questionBank').fill('6');
    await settings.submitButton.click();
    // Lowering hours the postmortem raised asks first, naming the cause; saving anyway is one tap.
    await settings.confirmUndone.getByRole('button', { name: 'Save with my changes' }).click();
    await expect(settings.infeasible).toBeVisible();
    await captureScreen(page, 'plan-settings-infeasible', size, { resize: false });

    // The plan: month, week and day, and the printable week.
    await settings.field('settings.questionBank.questionsLeft').fill('3900');
    await settings.field('settings.weeklyHours.questionBank').fill('27');
    await settings.submitButton.click();
    const plan = new PlanPage(page);
    await expect(plan.monthView).toBeVisible();
    await captureScreen(page, 'plan-month', size, { resize: false });
    await plan.showView('Week');
    await expect(plan.weekView).toBeVisible();
    await captureScreen(page, 'plan-week', size, { resize: false });
    await plan.showView('Day');
    await expect(plan.dayView).toBeVisible();
    const first = plan.items.first();
    await first.getByRole('button', { name: /^Done/ }).click();
    await expect(first).toHaveAttribute('data-status', 'done');
    await captureScreen(page, 'plan-day', size, { resize: false });
    await page.getByRole('link', { name: 'Print this week' }).click();
    await expect(page.getByTestId('print-week')).toBeVisible();
    await captureScreen(page, 'plan-print', size, { resize: false });
  });
}
