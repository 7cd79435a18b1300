import path from 'node:path';
import Database from 'better-sqlite3';
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

test('Saved answers that can no longer be read are shown with a message, not a blank page, and can be entered again', async ({
  page,
  student,
}) => {
  const saved = await page.request.put('/api/postmortem', { data: FIVE_CAUSE_ANSWERS });
  expect(saved.status(), await saved.text()).toBe(200);
  // Damage the stored row the way a tightened contract or a bad write would, straight in the
  // server's SQLite file (playwright.config.ts: COMEBACK_E2E_DATA_DIR).
  const dataDir = process.env.COMEBACK_E2E_DATA_DIR;
  if (!dataDir) throw new Error('COMEBACK_E2E_DATA_DIR is not set: run this spec through playwright.config.ts.');
  const db = new Database(path.join(dataDir, 'comeback.sqlite'));
  try {
    const changed = db
      .prepare(
        `update postmortems set answers_json = '{"scoreReport": {"distance": 7' where user_id = (select id from users where email = ?)`,
      )
      .run(student.email.toLowerCase()).changes;
    expect(changed).toBe(1);
  } finally {
    db.close();
  }

  const postmortem = new PostmortemPage(page);
  await postmortem.goto();
  const notice = page.getByTestId('postmortem-unreadable');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('We couldn’t read your saved answers');
  await expect(notice).toContainText('Your answers are kept');
  await expect(notice).toContainText('re-enter them below');
  await expect(postmortem.form).toBeVisible();

  // Entering them again replaces the unreadable copy: the causes are back.
  const again = await page.request.put('/api/postmortem', { data: FIVE_CAUSE_ANSWERS });
  expect(again.status(), await again.text()).toBe(200);
  await postmortem.goto();
  await expect(postmortem.causes).toHaveCount(5);
  await expect(notice).toHaveCount(0);
});
