import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';
import { FIVE_CAUSE_ANSWERS } from './support/postmortem-answers.ts';

const SHOTS = '/tmp/shots-H7';
mkdirSync(SHOTS, { recursive: true });

const EXCUSE = ' Unfortunately, my school did not prepare us for the exam.';

/** A student with a profile, a saved postmortem and a rising practice trend, set up through the API. */
async function setUpStudent(page: Page) {
  const today = await serverToday(page.request);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 60),
    reviewStartDate: addDays(today, 200),
    bufferPoints: 10,
  });
  const saved = await page.request.put('/api/postmortem', { data: FIVE_CAUSE_ANSWERS });
  expect(saved.status(), await saved.text()).toBe(200);
  for (const exam of [
    { form: 'NBME10', date: addDays(today, -40), score: 211 },
    { form: 'UWSA1', date: addDays(today, -5), score: 237 },
  ]) {
    const logged = await page.request.post('/api/evidence/practice-exams', { data: exam });
    expect(logged.status(), await logged.text()).toBe(201);
  }
}

test('A student with a postmortem gets a draft from their causes, adds an excuse the checker flags, saves it, reloads and keeps it, fixes it, and practises one question with the timer', async ({
  page,
  student: _signedIn,
}) => {
  await setUpStudent(page);
  const story = await (await page.request.get('/api/story')).json();

  await page.goto('/');
  // The entry may sit under "More" when the bar is full.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
  const storyLink = nav.getByRole('link', { name: 'Your story' });
  if (!(await storyLink.isVisible())) await nav.getByText('More', { exact: true }).click();
  await storyLink.click();
  await expect(page).toHaveURL('/story');
  await expect(page.getByRole('heading', { level: 1, name: 'Telling the story of the fail' })).toBeVisible();

  // The draft is built from the student's own causes and numbers.
  const statement = page.getByLabel('Your text (starts from the draft)').first();
  await expect(statement).toHaveValue(story.drafts.statement.text);
  expect(story.drafts.statement.basedOn).toContain('the plan changes your postmortem made');
  await expect(statement).toHaveValue(/211/);
  await expect(statement).toHaveValue(/237/);
  const feedback = page.getByTestId('story-feedback-statement');
  await expect(feedback.getByTestId('criterion-no-excuses')).toHaveAttribute('data-passed', 'true');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/story-laptop.png`, fullPage: true });
  await page.locator('section#statement').screenshot({ path: `${SHOTS}/story-laptop-statement.png` });
  await page.locator('section#where').screenshot({ path: `${SHOTS}/story-laptop-where.png` });

  // An excuse added to the text is highlighted, named with its sentence and what to write instead.
  await statement.fill(`${story.drafts.statement.text}${EXCUSE}`);
  const section = page.locator('section#statement');
  await expect(section.getByTestId('story-highlight').locator('mark', { hasText: 'Unfortunately' })).toBeVisible();
  await expect(section.getByTestId('story-finding').filter({ hasText: '“Unfortunately”' })).toContainText('Instead:');
  await expect(section.getByTestId('story-finding').filter({ hasText: 'my school did not' })).toBeVisible();
  await expect(feedback.getByTestId('criterion-no-excuses')).toHaveAttribute('data-passed', 'false');

  // Saved, and still there after a reload, with the same finding.
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  const kept = page.getByLabel('Your text (saved)').first();
  await expect(kept).toHaveValue(`${story.drafts.statement.text}${EXCUSE}`);
  await expect(
    page.locator('section#statement').getByTestId('story-highlight').locator('mark', { hasText: 'Unfortunately' }),
  ).toBeVisible();

  // Fixed: the excuse goes, every excuse finding with it, and the fix is saved.
  await kept.fill(story.drafts.statement.text);
  await expect(page.getByTestId('story-feedback-statement').getByTestId('criterion-no-excuses')).toHaveAttribute(
    'data-passed',
    'true',
  );
  await page.locator('section#statement').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('section#statement').getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // One interview question, with the timer.
  const practice = page.locator('section#practice');
  await expect(practice.getByTestId('practice-question')).toHaveText(
    'Can you walk me through what happened with Step 1?',
  );
  await practice.getByRole('button', { name: 'Start timer' }).click();
  await practice
    .getByLabel('Your answer')
    .fill('I failed Step 1 at my first sitting. I now take a practice exam every 7 days, and my latest was 237.');
  await expect(practice.getByTestId('practice-timer')).not.toHaveText('0:00', { timeout: 5000 });
  await practice.getByRole('button', { name: 'Stop timer' }).click();
  await expect(practice.getByTestId('story-feedback-interview')).toContainText('words (aim 150–220)');
  await practice.getByRole('button', { name: 'Keep this attempt' }).click();
  await expect(practice.getByTestId('practice-attempts').locator('li')).toHaveCount(1);
  await expect(practice.getByTestId('practice-attempts')).toContainText('on the timer');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/story-phone.png`, fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/story-phone-top.png` });
  await page.locator('section#practice').screenshot({ path: `${SHOTS}/story-phone-practice.png` });
  await page.locator('section#where').screenshot({ path: `${SHOTS}/story-phone-where.png` });
});
