import type { Page } from '@playwright/test';
import { EvidencePage, LogBlockPage } from './page-models/evidence-page.ts';
import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { middayOf, PINNED_DAYS, pinServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';
import { capture as captureScreen, SIZES } from './support/screens.ts';

// "Today" is pinned (a Wednesday, 09:00 in Chicago): "a date after today" and the last three days of
// check-ins never straddle a midnight, whatever the machine's clock.
pinServerClock(test, middayOf(PINNED_DAYS.evidence));

async function giveProfile(page: Page): Promise<string> {
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
  return today;
}

test('Bad practice exams are refused beside the field and change nothing; a Clinical Mastery form is kept but never predicts; a block can be deleted', async ({
  page,
  student: _signedIn,
}) => {
  const today = await giveProfile(page);
  const evidence = new EvidencePage(page);
  await evidence.goto();
  await expect(evidence.prediction).toContainText('No prediction yet');
  // 60 days out with nothing logged: "off track" for lack of evidence, never a delay (issue 10).
  await expect(evidence.verdict).toHaveAttribute('data-verdict', 'off-track');
  await expect(evidence.proposal).toHaveCount(0);
  // Nothing logged is never "ready": no reason is met.
  for (const reason of await evidence.reasons.all()) await expect(reason).toHaveAttribute('data-passed', 'false');

  const form = evidence.examForm;
  // A score of 400.
  await form.getByLabel('Practice exam').selectOption({ label: 'NBME CCSSA Form 13' });
  await page.locator('#pe-result').fill('400');
  await form.getByRole('button', { name: 'Log practice exam' }).click();
  await expect(page.locator('#pe-result-error')).toContainText('400 is off the 1–300 scale');
  await expect(evidence.errorSummary).toBeVisible();
  // A taken exam dated tomorrow.
  await page.locator('#pe-result').fill('230');
  await form.getByLabel('Date taken').fill(addDays(today, 1));
  await form.getByRole('button', { name: 'Log practice exam' }).click();
  await expect(page.locator('#pe-date-error')).toContainText('after today');
  // A breakdown line over 100 %.
  await form.getByLabel('Date taken').fill(today);
  await form.getByRole('button', { name: 'Add an area' }).click();
  await form.getByLabel('Area').selectOption({ label: 'Cardiovascular system' });
  await page.locator('#pe-breakdown-0-percent').fill('120');
  await form.getByRole('button', { name: 'Log practice exam' }).click();
  await expect(page.locator('#pe-breakdown-0-percent-error')).toContainText('100');
  await expect(evidence.examRows).toHaveCount(0);
  const stored = (await (await page.request.get('/api/evidence')).json()) as { practiceExams: unknown[] };
  expect(stored.practiceExams).toHaveLength(0);

  // The Free 120 asks for a percent correct.
  await form.getByRole('button', { name: /^Remove/ }).click();
  await form.getByLabel('Practice exam').selectOption({ label: 'USMLE Free 120' });
  await expect(form.getByLabel('% correct')).toBeVisible();
  await page.locator('#pe-result').fill('74');
  await form.getByRole('button', { name: 'Log practice exam' }).click();
  await expect(evidence.examRows).toHaveCount(1);
  await expect(evidence.examRows.first()).toContainText('74 % correct');
  await expect(evidence.prediction.getByTestId('predicted-score')).toHaveText(/^\d{3}$/);

  // Clinical Mastery: logged with a note, never used.
  await form.getByLabel('Practice exam').selectOption({ label: 'Clinical Mastery: Surgery' });
  await expect(page.getByTestId('mastery-note')).toContainText('never feeds the prediction');
  await page.locator('#pe-result').fill('21');
  await form.getByRole('button', { name: 'Log practice exam' }).click();
  await expect(evidence.examRows).toHaveCount(2);
  await expect(page.getByTestId('exam-logged')).toContainText('does not change the prediction');
  await expect(page.locator('[data-testid="practice-exam-row"][data-form="CMS_SURGERY"]')).toContainText('is not used');

  // A block logged, then deleted in two taps.
  const log = new LogBlockPage(page);
  await log.goto();
  await log.fill({ bank: 'AMBOSS', questions: 40, correct: 30 });
  await log.submit.click();
  await expect(log.toast).toContainText('Logged: 30 of 40 (75 %), AMBOSS');
  // No plan, so nothing to tick off; the toast says so rather than pretend.
  await expect(log.toast).toContainText('nothing there was ticked off');
  await evidence.goto();
  const block = page.getByTestId('block-row');
  await expect(block).toHaveCount(1);
  await block.getByRole('button', { name: /^Delete/ }).click();
  await block.getByRole('button', { name: /^Yes, delete/ }).click();
  await expect(block).toHaveCount(0);
  await expect(page.getByTestId('qbank-rates')).toHaveCount(0);
});

test('Check-ins that stay hard bring a careful prompt with the school’s counselling service and the crisis line', async ({
  page,
  student: _signedIn,
}) => {
  const today = await giveProfile(page);
  const evidence = new EvidencePage(page);
  await evidence.goto();
  await expect(evidence.helpPrompt).toHaveCount(0);

  const checkIn = page.getByRole('form', { name: 'Wellbeing check-in' });
  // A form sent half-filled says what is missing, beside each field.
  await checkIn.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.locator('#wb-stress-error')).toBeVisible();
  for (const [offset, sleep] of [
    [-2, '5'],
    [-1, '4.5'],
    [0, '5'],
  ] as const) {
    await checkIn.getByLabel('Day').fill(addDays(today, offset));
    await checkIn.getByLabel('Sleep last night').fill(sleep);
    await checkIn.getByRole('group', { name: 'Stress' }).getByRole('radio', { name: '4' }).check();
    await checkIn.getByRole('group', { name: 'Mood' }).getByRole('radio', { name: '2' }).check();
    await checkIn.getByRole('button', { name: 'Save check-in' }).click();
    await expect(page.getByTestId('check-in-saved')).toBeVisible();
  }
  await expect(page.getByTestId('check-ins').locator('tbody tr')).toHaveCount(3);

  // The prompt: warm, with the crisis line, and a way to add the school's service.
  await expect(evidence.helpPrompt).toBeVisible();
  await expect(evidence.helpPrompt).toContainText('It has been a hard stretch');
  await expect(evidence.helpPrompt.getByRole('link', { name: 'Call 988' })).toHaveAttribute('href', 'tel:988');
  await expect(evidence.helpPrompt.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
  await evidence.helpPrompt.getByRole('link', { name: 'Add its name and contact in Settings' }).click();

  const settings = page.getByTestId('counselling-settings');
  await expect(settings).toBeVisible();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#counselling-name-error')).toBeVisible();
  await settings.getByLabel('Name of the service').fill('Student Wellness Center');
  await settings.getByLabel('How to reach it').fill('(555) 010-0100');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('counselling-saved')).toBeVisible();

  await evidence.goto();
  const service = evidence.helpPrompt.getByTestId('help-counselling');
  await expect(service).toContainText('Student Wellness Center');
  await expect(service.getByRole('link', { name: '(555) 010-0100' })).toHaveAttribute('href', 'tel:5550100100');
  for (const size of SIZES) await captureScreen(page, 'wellbeing-prompt', size);
});
