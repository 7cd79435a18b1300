import { HomePage } from './page-models/home-page.ts';
import { PostmortemPage } from './page-models/postmortem-page.ts';
import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';
import { FIVE_CAUSE_ANSWERS } from './support/postmortem-answers.ts';

test('A student with a saved postmortem sees the causes first, edits an answer, and the hidden follow-ups are dropped', async ({
  page,
  student: _signedIn,
}) => {
  const today = await serverToday(page.request);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'pediatrics',
    schoolType: 'img',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 100),
    reviewStartDate: addDays(today, 200),
    bufferPoints: 12,
  });
  const saved = await page.request.put('/api/postmortem', { data: FIVE_CAUSE_ANSWERS });
  expect(saved.status(), await saved.text()).toBe(200);

  // Home: postmortem and causes done; "Causes named" links to the causes on the postmortem page.
  const home = new HomePage(page);
  await home.goto();
  await expect(home.stage('postmortem')).toHaveAttribute('data-status', 'done');
  await expect(home.stage('causes')).toHaveAttribute('data-status', 'done');
  await expect(home.currentStage()).toHaveAttribute('data-testid', 'stage-plan');
  await expect(home.nextAction.getByRole('link')).toHaveAttribute('href', '/plan/settings');
  await home.stage('causes').getByRole('link', { name: 'Causes named' }).click();
  await expect(page).toHaveURL('/postmortem#causes');

  const postmortem = new PostmortemPage(page);
  await expect(postmortem.causes).toHaveCount(5);
  await expect(page.locator('#causes-title')).toBeInViewport();
  await expect(postmortem.form).toHaveCount(0);

  // "Edit answers" opens the questions with every answer in place; cancelling goes back.
  await page.getByRole('button', { name: 'Edit answers' }).first().click();
  await expect(postmortem.form).toBeVisible();
  await expect(
    postmortem.question('scoreReport.distance').getByRole('radio', { name: 'Just under the passing line' }),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Cancel editing' }).click();
  await expect(postmortem.causes).toHaveCount(5);

  // With no practice exams, the score, verdict and reasons questions disappear and are not sent.
  await page.getByRole('button', { name: 'Edit answers' }).first().click();
  await page.getByRole('button', { name: /^Practice exams before Step 1/ }).click();
  await postmortem.expectSection('Practice exams before Step 1');
  await expect(postmortem.question('practiceExams.lastScores')).toBeVisible();
  await postmortem.fill('practiceExams.examsTaken', '0');
  await expect(postmortem.question('practiceExams.lastScores')).toHaveCount(0);
  await expect(postmortem.question('practiceExams.verdict')).toHaveCount(0);
  await expect(postmortem.question('practiceExams.reasons')).toHaveCount(0);
  await page.getByRole('button', { name: /^In your own words/ }).click();
  await postmortem.submitButton.click();
  await expect(page.getByTestId('postmortem-saved')).toBeVisible();
  await expect(postmortem.cause('denial-practice-scores')).toContainText('You took no practice exam before Step 1');

  const { postmortem: stored } = await (await page.request.get('/api/postmortem')).json();
  expect(stored.answers.practiceExams).toMatchObject({
    examsTaken: 0,
    lastScores: [],
    verdict: null,
    satAnyway: null,
    reasons: [],
  });
});
