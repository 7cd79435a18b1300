import { buildPostmortemAnswers } from '../factories/postmortem.ts';
import { expect, newAccount, saveProfileViaApi, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { middayOf, setServerClock, useServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';
import { capture, LAPTOP, PHONE } from './support/screens.ts';

/** A Tuesday in 2028, this journey's own day 0: far from the real date, so "today" is plainly the clock's. */
const DAY0 = '2028-03-07';
/** 16 weeks out. */
const EXAM = addDays(DAY0, 112);
const SHOTS = '/tmp/shots-H3';

useServerClock(test);

test('16 weeks out: on / off track with the trajectory and no delay; in the last 3 weeks a low recent exam: not ready; after the exam the real score is recorded and compared', async ({
  page,
}) => {
  test.setTimeout(180_000);
  setServerClock(middayOf(DAY0));
  const account = newAccount('student');
  await signUpViaApi(page.request, account);
  // Internal medicine with a 10-point buffer: planning target 240.
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: EXAM,
    reviewStartDate: addDays(DAY0, 200),
    bufferPoints: 10,
  });
  // Stages 1–4: postmortem and a plan, so the journey can reach stage 9.
  const postmortem = await page.request.put('/api/postmortem', { data: buildPostmortemAnswers() });
  expect(postmortem.status(), await postmortem.text()).toBe(200);
  const defaults = (await (await page.request.get('/api/plan/defaults')).json()) as {
    settings: { questionBank: { questionsLeft: number } };
  };
  defaults.settings.questionBank.questionsLeft = 2000;
  const built = await page.request.put('/api/plan', { data: { settings: defaults.settings } });
  expect(built.status(), await built.text()).toBe(200);
  const logExam = async (exam: object) => {
    const response = await page.request.post('/api/evidence/practice-exams', { data: exam });
    expect(response.status(), await response.text()).toBe(201);
  };
  await logExam({ form: 'NBME11', date: addDays(DAY0, -20), score: 226 });
  await logExam({ form: 'NBME12', date: addDays(DAY0, -2), score: 234 });

  // --- 16 weeks out: a trajectory, never a delay. ---
  await page.setViewportSize({ width: LAPTOP.width, height: LAPTOP.height });
  await page.goto('/evidence');
  const verdict = page.getByTestId('readiness-verdict');
  await expect(verdict).toBeVisible();
  expect(['on-track', 'off-track']).toContain(await verdict.getAttribute('data-verdict'));
  await expect(page.getByTestId('decision-window')).toContainText(
    /predicted \d+ \(\d+–\d+\) on exam day, at [\d.]+ points a week/,
  );
  await expect(page.getByTestId('delay-proposal')).toHaveCount(0);
  await expect(verdict).not.toContainText(/move your exam/i);
  await expect(page.getByTestId('outcome')).toHaveCount(0);
  const early = (await (await page.request.get('/api/journey')).json()) as { nextAction: { label: string } };
  expect(early.nextAction.label).not.toMatch(/delay/i);

  // --- 14 days before the exam: a recent 224 sits within 10 points of the passing line. ---
  const inWindow = addDays(EXAM, -14);
  setServerClock(middayOf(inWindow));
  const signIn = async () => {
    // Weeks pass between the steps: the session has lapsed, so the student signs in again.
    const response = await page.request.post('/api/auth/sign-in', {
      data: { email: account.email, password: account.password },
    });
    expect(response.status(), await response.text()).toBe(200);
  };
  await signIn();
  await logExam({ form: 'UWSA2', date: addDays(inWindow, -10), score: 248 });
  await logExam({ form: 'NBME15', date: addDays(inWindow, -3), score: 224 });
  await logExam({ form: 'NBME16', date: addDays(inWindow, -1), score: 246 });
  await page.goto('/evidence');
  await expect(verdict).toHaveAttribute('data-verdict', 'not-ready');
  await expect(verdict.locator('[data-rule="clear-of-passing-line"]')).toHaveAttribute('data-passed', 'false');
  await expect(verdict.locator('[data-rule="clear-of-passing-line"]')).toContainText('224');
  // Before exam day the overview shows the predicted score with its band.
  await expect(page.getByTestId('prediction').getByTestId('predicted-band')).toContainText(/\d{3}–\d{3}/);

  // --- Exam day itself: no result yet, so nothing to record; recording opens the day after. ---
  setServerClock(middayOf(EXAM));
  await signIn();
  await page.goto('about:blank');
  await page.goto('/evidence');
  await expect(page.getByTestId('exam-today')).toContainText('From tomorrow you can record your result');
  await expect(page.getByTestId('outcome')).toHaveCount(0);
  // From exam day on, a prediction "for exam day" is about a day already here: neither the overview
  // nor Practice exams shows it (nor its chart); the exams stay listed.
  await expect(page.getByTestId('prediction')).toHaveCount(0);
  await expect(page.getByTestId('next-exam')).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'Parts of this page' })
    .getByRole('link', { name: 'Practice exams' })
    .click();
  await expect(page.getByTestId('practice-exam-row')).toHaveCount(5);
  await expect(page.getByTestId('prediction')).toHaveCount(0);
  await expect(page.getByTestId('score-chart')).toHaveCount(0);
  await page.goBack();
  await expect(page.getByTestId('exam-today')).toBeVisible();
  await page.getByTestId('exam-today').screenshot({ path: `${SHOTS}/exam-day-laptop-1280x800.png` });
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  await page.getByTestId('exam-today').screenshot({ path: `${SHOTS}/exam-day-phone-390x844.png` });
  await page.setViewportSize({ width: LAPTOP.width, height: LAPTOP.height });
  const onExamDay = await page.request.put('/api/outcome', {
    data: { score: 239, passed: true, resultDate: EXAM, shareWithSchool: false },
  });
  expect(onExamDay.status()).toBe(400);
  expect(((await onExamDay.json()) as { error: { fields: { resultDate: string } } }).error.fields.resultDate).toMatch(
    /Recording opens the day after it/,
  );

  // --- After the exam: the real score, and how the last prediction compared. ---
  const after = addDays(EXAM, 24);
  setServerClock(middayOf(after));
  await signIn();
  const before = (await (await page.request.get('/api/journey')).json()) as {
    current: string;
    nextAction: { label: string; href: string };
  };
  expect(before.nextAction).toMatchObject({ label: 'Record your Step 2 CK result', href: '/evidence#outcome' });
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  // A fresh load (the page is still open from two weeks ago: a hash change alone would not reload it).
  await page.goto('about:blank');
  await page.goto('/evidence#outcome');
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toBeVisible();
  await expect(page.getByTestId('prediction')).toHaveCount(0);
  const share = page.getByRole('checkbox', { name: /Share this score with my school/ });
  await expect(share).not.toBeChecked();
  // A result dated before the exam is refused with a field message.
  await page.getByLabel('Your Step 2 CK score').fill('239');
  await page.getByLabel('The day the result came out').fill(addDays(EXAM, -1));
  await outcome.getByRole('button', { name: 'Save my result' }).click();
  await expect(page.locator('#outcome-result-date-error')).toContainText('is before your exam');
  await page.getByLabel('The day the result came out').fill(addDays(EXAM, 21));
  await share.check();
  await page.screenshot({ path: `${SHOTS}/outcome-form-phone-390x844.png`, fullPage: false });
  await outcome.getByRole('button', { name: 'Save my result' }).click();
  const comparison = page.getByTestId('outcome-comparison');
  await expect(comparison).toContainText(
    /Your real score, 239, is (exactly the \d+|\d+ points? (above|below) the \d+) Comeback predicted on/,
  );
  await expect(comparison).toContainText(/(inside|outside) the 80 % range of \d+–\d+/);
  await expect(page.getByTestId('outcome-share-state')).toContainText('Shared with your school');
  await outcome.scrollIntoViewIfNeeded();
  await capture(page, 'outcome', PHONE);
  await page.screenshot({ path: `${SHOTS}/outcome-phone-390x844.png`, fullPage: true });
  await capture(page, 'outcome', LAPTOP);
  await page.screenshot({ path: `${SHOTS}/outcome-laptop-1280x800.png`, fullPage: true });

  const done = (await (await page.request.get('/api/journey')).json()) as {
    stages: { id: string; status: string }[];
  };
  expect(done.stages.map((s) => s.status)).toEqual(Array(9).fill('done'));
  const exported = (await (await page.request.get('/api/account/export')).json()) as {
    examOutcome: { score: number; shareWithSchool: boolean } | null;
  };
  expect(exported.examOutcome).toMatchObject({ score: 239, shareWithSchool: true });
});
