import type { Page } from '@playwright/test';
import { EVIDENCE_PARTS, EvidencePage, LogBlockPage, type EvidencePartLabel } from './page-models/evidence-page.ts';
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

  // The form and the list are in Practice exams.
  await evidence.open('Practice exams');
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
  for (const url of ['/api/evidence', '/api/evidence/exams']) {
    const stored = (await (await page.request.get(url)).json()) as { practiceExams: unknown[] };
    expect(stored.practiceExams, url).toHaveLength(0);
  }

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
  await evidence.goto('Question bank');
  const block = page.getByTestId('block-row');
  await expect(block).toHaveCount(1);
  await block.getByRole('button', { name: /^Delete/ }).click();
  // The pressed button has left the page: the focus moves to the confirmation, not to nowhere.
  await expect(block.getByRole('button', { name: /^Yes, delete/ })).toBeFocused();
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

  await evidence.open('Wellbeing');
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

  // The prompt: warm, with the crisis line, and a way to add the school's service; at the top of
  // Wellbeing and of the overview.
  await expect(evidence.helpPrompt).toBeVisible();
  await evidence.open('Overview');
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

test('The page comes in parts, each at its own address and read when opened; the chart’s code loads only in Practice exams', async ({
  page,
  student: _signedIn,
}) => {
  test.setTimeout(120_000);
  const today = await giveProfile(page);
  const defaults = (await (await page.request.get('/api/plan/defaults')).json()) as {
    settings: { questionBank: { questionsLeft: number } };
  };
  defaults.settings.questionBank.questionsLeft = 1200;
  const built = await page.request.put('/api/plan', { data: { settings: defaults.settings } });
  expect(built.status(), await built.text()).toBe(200);
  const post = async (url: string, data: object) => {
    const response = await page.request.post(url, { data });
    expect(response.status(), await response.text()).toBe(201);
  };
  for (const [offset, correct, missedSystems] of [
    [-3, 27, ['cardiovascular', 'cardiovascular', 'renal-urinary']],
    [-2, 30, ['cardiovascular', 'respiratory']],
    [-1, 29, ['gastrointestinal']],
  ] as const) {
    await post('/api/evidence/blocks', {
      bank: 'uworld',
      mode: 'timed',
      questions: 40,
      correct,
      minutes: 60,
      date: addDays(today, offset),
      missedSystems: [...missedSystems],
      missedDisciplines: ['medicine'],
    });
  }
  await post('/api/evidence/practice-exams', { form: 'NBME11', date: addDays(today, -20), score: 226 });
  await post('/api/evidence/practice-exams', { form: 'NBME12', date: addDays(today, -4), score: 233 });
  await post('/api/evidence/full-length-days', { date: addDays(today, -8) });
  await post('/api/evidence/wellbeing', { date: addDays(today, -1), sleepHours: 7, stress: 3, mood: 3 });
  await post('/api/evidence/wellbeing', { date: today, sleepHours: 6.5, stress: 3, mood: 4 });

  // What the page asks the server for, and whether the chart's code was fetched.
  const reads: string[] = [];
  let chartCode = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/evidence')) reads.push(url.pathname);
    if (/\/assets\/score-chart-[\w-]+\.js$/.test(url.pathname)) chartCode += 1;
  });
  const evidence = new EvidencePage(page);

  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    reads.length = 0;
    chartCode = 0;
    // The overview: verdict, predicted score with its band, the next practice exam. Nothing else is read.
    await evidence.goto();
    await expect(evidence.verdict).toBeVisible();
    await expect(evidence.prediction.getByTestId('predicted-band')).toContainText(/\d{3}–\d{3}/);
    await expect(evidence.prediction.getByTestId('pass-probability')).toContainText('%');
    await expect(evidence.nextExam).toContainText(/In your plan on|The one to take first/);
    await expect(evidence.chart).toHaveCount(0);
    expect(reads).toEqual(['/api/evidence/overview']);
    expect(chartCode).toBe(0);
    // Every part is in sight at once, even on a phone (no part hidden off to the side).
    for (const label of Object.keys(EVIDENCE_PARTS) as EvidencePartLabel[]) {
      await expect(evidence.partLink(label)).toBeInViewport();
    }
    await captureScreen(page, 'evidence-overview', size, { resize: false });

    // Practice exams, opened from the keyboard: the chart and its code come now.
    await evidence.partLink('Practice exams').focus();
    await page.keyboard.press('Enter');
    await evidence.expectPart('Practice exams');
    await expect(page).toHaveURL(/\/evidence\/exams$/);
    await expect(evidence.chartSvg).toBeVisible();
    await expect(evidence.examRows).toHaveCount(2);
    await expect(evidence.examsVerdict).toHaveAttribute('data-verdict', /^(on-track|off-track)$/);
    expect(chartCode).toBeGreaterThan(0);
    await captureScreen(page, 'evidence-exams', size, { resize: false });

    const PARTS: [EvidencePartLabel, string, string][] = [
      ['Question bank', '/api/evidence/bank', 'qbank-rates'],
      ['Weak areas', '/api/evidence/weak-areas', 'weak-systems'],
      ['Endurance', '/api/evidence/endurance', 'endurance'],
      ['Wellbeing', '/api/evidence/wellbeing', 'check-ins'],
    ];
    for (const [label, read, testId] of PARTS) {
      await evidence.open(label);
      await expect(page.getByTestId(testId)).toBeVisible();
      expect(reads.at(-1)).toBe(read);
      await captureScreen(page, `evidence-${EVIDENCE_PARTS[label].slice(1)}`, size, { resize: false });
    }
    expect(reads).toEqual([
      '/api/evidence/overview',
      '/api/evidence/exams',
      '/api/evidence/bank',
      '/api/evidence/weak-areas',
      '/api/evidence/endurance',
      '/api/evidence/wellbeing',
    ]);
  }

  // Back and forward move between parts; a reload stays on the part.
  await page.goBack();
  await evidence.expectPart('Endurance');
  await page.goBack();
  await evidence.expectPart('Weak areas');
  await page.goForward();
  await evidence.expectPart('Endurance');
  await page.reload();
  await evidence.expectPart('Endurance');
  await expect(page.getByTestId('full-length-days')).toContainText('1 of');
  // Only one part is ever marked as the current one.
  await expect(evidence.parts.locator('[aria-current="page"]')).toHaveCount(1);

  // Links made for the one-page layout (the journey's next step) open the part.
  await page.goto('/evidence#weak-areas');
  await evidence.expectPart('Weak areas');
  await expect(page).toHaveURL(/\/evidence\/weak-areas$/);
  await page.goto('/evidence/nothing-here');
  await expect(page.getByText('This page has no such part')).toBeVisible();
});
