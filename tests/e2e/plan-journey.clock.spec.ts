import fs from 'node:fs';
import path from 'node:path';
import { HomePage } from './page-models/home-page.ts';
import { PlanPage, PlanSettingsPage } from './page-models/plan-page.ts';
import { PostmortemPage } from './page-models/postmortem-page.ts';
import { expect, newAccount, saveProfileViaApi, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { middayOf, PINNED_DAYS, setServerClock, useServerClock } from './support/clock.ts';
import { addDays, longDate } from './support/dates.ts';
import { SCREENS_DIR } from './support/screens.ts';

/** A Tuesday (support/clock.ts): a weekday, so the days after it are study days. */
const startDate = () => PINNED_DAYS.planJourney;

/** Pages in a PDF, from its page objects (Chromium writes them uncompressed). */
function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

useServerClock(test);

test('A student completes the postmortem, sees the causes and the settings they changed, generates a plan, marks a day done, misses two days, re-plans, downloads the .ics and prints the week', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const day0 = startDate();
  setServerClock(middayOf(day0));
  const account = newAccount('student');
  await signUpViaApi(page.request, account);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(day0, 120),
    reviewStartDate: addDays(day0, 200),
    bufferPoints: 10,
  });

  // Home sends the student to the postmortem.
  const home = new HomePage(page);
  await home.goto();
  await expect(home.currentStage()).toHaveAttribute('data-testid', 'stage-postmortem');
  await home.nextAction.getByRole('link', { name: /Start the postmortem/ }).click();

  const postmortem = new PostmortemPage(page);
  await expect(postmortem.form).toBeVisible();

  // 1. The score report.
  await postmortem.expectSection('What the score report said');
  await postmortem.choose('scoreReport.distance', 'Just under the passing line');
  await postmortem.tick('weakestAreas', 'Cardiovascular system');
  await postmortem.tick('weakestAreas', 'Renal and urinary system');
  await postmortem.next();

  // 2. Dedicated: the follow-up appears with a "yes" and goes with a "no".
  await postmortem.expectSection('How dedicated was organised');
  await postmortem.choose('dedicated.schedule', 'I wrote one but stopped following it');
  await expect(postmortem.question('dedicated.behindAreas')).toHaveCount(0);
  await postmortem.choose('dedicated.startedBehind', 'Yes');
  await postmortem.tick('dedicated.behindAreas', 'Renal and urinary system');
  await postmortem.choose('dedicated.startedBehind', 'No');
  await expect(postmortem.question('dedicated.behindAreas')).toHaveCount(0);
  await postmortem.choose('dedicated.startedBehind', 'Yes');
  await expect(
    postmortem.question('dedicated.behindAreas').getByRole('checkbox', { name: 'Renal and urinary system' }),
  ).toBeChecked();
  await postmortem.next();

  // 3. The question bank. Back and forth keeps the answers.
  await postmortem.expectSection('The question bank');
  await postmortem.fill('questionBank.percentDone', '55');
  await postmortem.choose('questionBank.reviewHabit', /^Sometimes/);
  await postmortem.choose('questionBank.blockMode', 'Mostly tutor mode or untimed');
  await postmortem.fill('questionBank.contentSharePercent', '60');
  await postmortem.backButton.click();
  await postmortem.expectSection('How dedicated was organised');
  await expect(
    postmortem.question('dedicated.schedule').getByRole('radio', { name: /stopped following/ }),
  ).toBeChecked();
  await postmortem.next();
  await expect(postmortem.question('questionBank.percentDone').locator('input')).toHaveValue('55');
  await postmortem.next();

  // 4. Practice exams, with a verdict that contradicts the score (the server will say so).
  await postmortem.expectSection('Practice exams before Step 1');
  await expect(postmortem.question('practiceExams.lastScores')).toHaveCount(0);
  await postmortem.fill('practiceExams.examsTaken', '2');
  const scores = postmortem.question('practiceExams.lastScores');
  await scores.getByRole('button', { name: 'Add your last score' }).click();
  await scores.getByLabel('Score').nth(0).fill('192');
  await scores.getByRole('button', { name: 'Add an earlier score' }).click();
  await scores.getByLabel('Score').nth(1).fill('198');
  await postmortem.choose('practiceExams.verdict', 'Comfortably above passing');
  await postmortem.choose('practiceExams.satAnyway', 'Yes');
  await postmortem.tick('practiceExams.reasons', 'The date was booked and moving it felt impossible');
  await postmortem.next();

  // 5. Health, family and sleep.
  await postmortem.expectSection('Health, family and sleep');
  await postmortem.choose('wellbeing.hadProblems', 'Yes');
  await postmortem.fill('wellbeing.detail', 'My father was in hospital and I drove home every weekend.');
  await postmortem.choose('wellbeing.isSupportInPlace', 'No');
  await postmortem.fill('wellbeing.sleepHoursPerNight', '5.5');
  await postmortem.next();

  // 6. Exam day. A required question left open stops "Next" with a message beside it.
  await postmortem.expectSection('Exam day');
  await postmortem.fill('examDay.blockCount', '7');
  await postmortem.next();
  await expect(postmortem.errorFor('examDay.blocksOutOfTime')).toContainText('Enter a number');
  await expect(postmortem.errorSummary).toContainText('Answer these to go on');
  await expect(postmortem.errorSummary).toContainText('In how many blocks did you run out of time');
  await postmortem.expectSection('Exam day');
  await postmortem.fill('examDay.blocksOutOfTime', '3');
  await postmortem.choose('examDay.hadPanic', 'Yes');
  await postmortem.fill('examDay.detail', 'Block 4: my mind went blank for ten minutes.');
  await postmortem.next();

  // 7. Own words: the first submit bounces to the first section with an error.
  await postmortem.expectSection('In your own words');
  await postmortem.fill('ownWords', 'Honestly, I’m just bad at tests.');
  await postmortem.submitButton.click();
  await postmortem.expectSection('Practice exams before Step 1');
  await expect(postmortem.errorFor('practiceExams.verdict')).toContainText('192');
  await expect(postmortem.errorSummary).toBeVisible();
  expect((await (await page.request.get('/api/postmortem')).json()).postmortem).toBeNull();
  await postmortem.choose('practiceExams.verdict', 'Under passing');
  await expect(postmortem.errorFor('practiceExams.verdict')).toHaveCount(0);

  // "I'm just bad at tests" is refused kindly, beside the field, asking for specifics.
  await page.getByRole('button', { name: /^In your own words/ }).click();
  await postmortem.submitButton.click();
  await expect(postmortem.errorFor('ownWords')).toContainText('We need the specifics');
  await expect(postmortem.errorFor('ownWords')).toContainText('What happened on exam day');
  await postmortem.fill(
    'ownWords',
    'I did most blocks in tutor mode, skipped reviews when tired, sat with a 192 on my last NBME and ran out of time in 3 blocks.',
  );
  await postmortem.submitButton.click();

  // The causes, with evidence from the answers and the settings each one changed.
  await expect(page.getByTestId('postmortem-saved')).toBeVisible();
  await expect(postmortem.causes).toHaveCount(5);
  const examDay = postmortem.cause('exam-day-timing-anxiety');
  await expect(examDay).toContainText('You ran out of time in 3 of 7 blocks.');
  await expect(examDay).toContainText('Block 4: my mind went blank');
  await expect(examDay.locator('[data-setting="fullLengthDays"]')).toContainText(
    'Full-length simulation days: 3 (was 2)',
  );
  await expect(
    postmortem.cause('content-over-questions').locator('[data-setting="weeklyHours.contentReview"]'),
  ).toContainText('Content review: 8 hours a week (was 10)');
  const support = page.getByTestId('support-prompt');
  await expect(support).toContainText('counselling');
  await expect(support).toContainText('988');
  await expect(support.getByRole('link', { name: /988lifeline\.org/ })).toHaveAttribute(
    'href',
    'https://988lifeline.org',
  );

  // The plan settings start from those changes, and say so.
  await page.getByRole('link', { name: 'Build my plan with these settings' }).first().click();
  const settings = new PlanSettingsPage(page);
  await expect(settings.form).toBeVisible();
  await expect(settings.changes).toContainText('Full-length simulation days: 3');
  await expect(settings.field('settings.fullLengthDays')).toHaveValue('3');
  await expect(settings.field('settings.weeklyHours.contentReview')).toHaveValue('8');
  await expect(settings.field('settings.weeklyHours.questionBank')).toHaveValue('27');
  await expect(page.getByTestId('weekly-total')).toContainText('48 hours a week');
  // "No real structure" became a setting too: the same blocks every study day.
  await expect(settings.field('settings.fixedDailyBlocks')).toBeChecked();

  // A plan that cannot fit says why, with the numbers, and saves nothing.
  await settings.field('settings.questionBank.questionsLeft').fill('10000');
  await settings.field('settings.weeklyHours.questionBank').fill('5');
  await settings.submitButton.click();
  // Lowering hours the postmortem raised asks first, naming the cause; saving anyway is one tap.
  await settings.confirmUndone.getByRole('button', { name: 'Save with my changes' }).click();
  await expect(settings.infeasible).toBeVisible();
  await expect(settings.infeasible).toContainText('10,000 questions');
  await expect(settings.fieldError('settings.questionBank.questionsLeft')).toBeVisible();
  expect((await (await page.request.get('/api/plan')).json()).plan).toBeNull();

  // Fixed, with a weekly rotation, the plan is built and opens on the month.
  await settings.field('settings.questionBank.questionsLeft').fill('3900');
  await settings.field('settings.weeklyHours.questionBank').fill('27');
  await page.getByRole('button', { name: 'Add weekly hours' }).click();
  await settings.field('settings.protectedTime.0.weekday').selectOption({ label: 'Monday' });
  await settings.field('settings.protectedTime.0.label').fill('Rotation');
  await settings.submitButton.click();

  const plan = new PlanPage(page);
  await expect(page).toHaveURL(/\/plan\?view=month/);
  await expect(plan.monthView).toBeVisible();
  await expect(plan.monthCell(day0)).toHaveAttribute('data-kind', /.+/);
  await expect(plan.summary).toContainText('120 days left');

  // Today, every item marked done, one tap each; a second tap clears, a third marks again.
  await plan.showView('Day');
  await expect(plan.dayView).toHaveAttribute('data-date', day0);
  await plan.markAllDone();
  const itemCount = await plan.dayView.locator('[data-testid="plan-item"] .mark-button--done').count();
  expect(itemCount).toBeGreaterThan(0);
  await expect(page.getByTestId('day-progress')).toContainText(`${itemCount} of ${itemCount} done`);
  const first = plan.items.first();
  await first.getByRole('button', { name: /^✓ Done/ }).click();
  await expect(first).toHaveAttribute('data-status', '');
  // From the keyboard: Enter marks it, and the focus stays on the button (not back at the top).
  await first.getByRole('button', { name: /^Done/ }).focus();
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('data-status', 'done');
  await expect(first.getByRole('button', { name: /^✓ Done/ })).toBeFocused();
  await plan.showView('Week');
  await expect(plan.weekView.locator(`[data-date="${day0}"]`)).toContainText('✓ done');

  // Two days pass with nothing marked.
  setServerClock(middayOf(addDays(day0, 3)));
  await home.goto();
  await expect(home.nextAction).toContainText('Re-plan the days you missed');
  await home.nextAction.getByRole('link').click();
  await expect(plan.missedBanner).toBeVisible();
  await expect(plan.missedBanner).toContainText(`missed since ${longDate(addDays(day0, 1))}`);
  await page.screenshot({ path: path.join(SCREENS_DIR, 'plan-missed-laptop-1280x720.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SCREENS_DIR, 'plan-missed-phone-390x844.png') });
  await page.setViewportSize({ width: 1280, height: 720 });
  await plan.replanButton.click();
  await expect(page.getByTestId('replanned')).toBeVisible();
  await expect(plan.missedBanner).toHaveCount(0);

  // The day marked done stays done.
  await plan.goto(`?view=day&date=${day0}`);
  await expect(plan.items.first()).toBeVisible();
  const statuses = await plan.items.evaluateAll((items) =>
    items.filter((item) => item.querySelector('.mark-button')).map((item) => item.getAttribute('data-status')),
  );
  expect(statuses.length).toBe(itemCount);
  expect(new Set(statuses)).toEqual(new Set(['done']));

  // The .ics download is a calendar with events in it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download .ics' }).click(),
  ]);
  const ics = fs.readFileSync(await download.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
  expect(ics).toContain('BEGIN:VEVENT');
  expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);

  // This week, printed: one week, one page on A4 and on Letter.
  await plan.goto('?view=day');
  await page.getByRole('link', { name: 'Print this week' }).click();
  await expect(page).toHaveURL(/\/plan\/print\?week=\d{4}-\d{2}-\d{2}$/);
  const sheet = page.getByTestId('print-week');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByTestId('print-day')).toHaveCount(7);
  await expect(sheet.getByRole('heading', { level: 1 })).toContainText('Week of');
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, path: path.join(SCREENS_DIR, `print-week-${format.toLowerCase()}.pdf`) });
    expect(countPdfPages(pdf), `${format} pages`).toBe(1);
  }
});
