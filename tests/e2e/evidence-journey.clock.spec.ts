import { EvidencePage, LogBlockPage } from './page-models/evidence-page.ts';
import { PlanPage } from './page-models/plan-page.ts';
import { expect, newAccount, saveProfileViaApi, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { middayOf, PINNED_DAYS, setServerClock, useServerClock } from './support/clock.ts';
import { addDays, longDate, shortDate } from './support/dates.ts';
import { capture, LAPTOP, PHONE } from './support/screens.ts';

/** A Thursday (support/clock.ts), fixed, and far from the real date so the server's "today" is plainly the clock's. */
const startDate = () => PINNED_DAYS.evidenceJourney;

type PlanBody = {
  days: { date: string; kind: string; items: { kind: string; status: string | null }[] }[];
  plan: { examDate: string } | null;
};

useServerClock(test);

test('A student logs three blocks from a phone, logs two practice exams, sees the chart, gets "delay" with reasons, accepts it and sees the re-planned calendar; then two strong exams bring "proceed"', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The plan is built on day 0; the blocks are logged on its first day with open question-bank blocks.
  const day0 = startDate();
  setServerClock(middayOf(day0));
  const account = newAccount('student');
  await signUpViaApi(page.request, account);
  const examDate = addDays(day0, 42);
  // Internal medicine with a 10-point buffer: planning target 240 (the server computes it).
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate,
    reviewStartDate: addDays(day0, 200),
    bufferPoints: 10,
  });
  const defaults = (await (await page.request.get('/api/plan/defaults')).json()) as {
    settings: { questionBank: { questionsLeft: number } };
  };
  // Six weeks hold about 1,200 new questions next to the practice exams; the default 3,900 does not fit.
  defaults.settings.questionBank.questionsLeft = 1200;
  const built = await page.request.put('/api/plan', { data: { settings: defaults.settings } });
  expect(built.status(), await built.text()).toBe(200);
  const planned = (await built.json()) as PlanBody;
  const isBlock = (kind: string) => kind === 'qbank-block' || kind === 'second-pass-block';
  const blockDay = planned.days.find((day) => day.items.filter((item) => isBlock(item.kind)).length >= 3)!.date;
  setServerClock(middayOf(blockDay));

  // --- Three blocks from a phone, starting from the plan's day view. ---
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  const plan = new PlanPage(page);
  await plan.goto('?view=day');
  await expect(plan.dayView).toHaveAttribute('data-date', blockDay);
  await plan.dayView.getByTestId('day-log-block').click();

  const log = new LogBlockPage(page);
  await expect(log.form).toBeVisible();
  // Prefilled: UWorld, timed, today, and the size and minutes of today's planned block (the plan's
  // default 20 in 30, the current exam's block).
  await expect(log.choice('Bank', 'UWorld')).toBeChecked();
  await expect(log.choice('Mode', 'Timed')).toBeChecked();
  await expect(page.locator('#log-questions')).toHaveValue('20');
  await expect(page.locator('#log-minutes')).toHaveValue('30');
  await expect(page.locator('#log-date')).toHaveValue(blockDay);

  // 1. 28 of 40 (the 40 chip sets 60 minutes), with misses tagged: each tap adds one, "−" takes one back.
  await log.fill({
    questions: 40,
    correct: 28,
    misses: ['Medicine', 'Medicine', 'Cardiovascular', 'Cardiovascular', 'Renal & urinary'],
  });
  await expect(page.locator('#log-minutes')).toHaveValue('60');
  await expect(log.form).toContainText('70 %');
  await page.getByRole('button', { name: 'Remove one Medicine miss' }).click();
  await expect(log.missChip('Medicine')).toHaveAccessibleName(/1 tagged/);
  await expect(log.missChip('Cardiovascular')).toHaveAccessibleName(/2 tagged/);
  await capture(page, 'log-block', PHONE);
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  // The button is within reach without scrolling: it stays at the bottom of the screen.
  await expect(log.submit).toBeInViewport();
  await log.submit.click();
  await expect(log.toast).toContainText('Logged: 28 of 40 (70 %), UWorld timed.');
  await expect(log.toast).toContainText('Ticked off a question-bank block in today’s plan');
  await expect(page.locator('#log-correct')).toHaveValue('');
  await expect(log.loggedBlocks).toHaveCount(1);

  // 2. A short tutor block: the 20 chip sets the minutes to 30.
  await log.fill({ mode: 'Tutor', questions: 20, correct: 15, misses: ['Pediatrics'] });
  await expect(page.locator('#log-minutes')).toHaveValue('30');
  await log.submit.click();
  await expect(log.toast).toContainText('Logged: 15 of 20 (75 %), UWorld tutor.');
  await expect(log.loggedBlocks).toHaveCount(2);

  // 3. The form remembers the last bank and mode (the size, 20, is also the plan's next open block);
  // a typo is caught beside its field.
  await log.goto();
  await expect(log.choice('Mode', 'Tutor')).toBeChecked();
  await expect(page.locator('#log-questions')).toHaveValue('20');
  await log.fill({ mode: 'Timed', questions: 40, correct: 45 });
  await log.submit.click();
  await expect(log.fieldError('log-correct')).toContainText('cannot exceed');
  await expect(log.errorSummary).toBeVisible();
  await expect(log.loggedBlocks).toHaveCount(2);
  await page.locator('#log-correct').fill('31');
  await log.submit.click();
  await expect(log.toast).toContainText('Logged: 31 of 40 (78 %), UWorld timed.');
  await expect(log.loggedBlocks).toHaveCount(3);
  await capture(page, 'log-block-logged', PHONE);
  await capture(page, 'log-block', LAPTOP);

  // Each block ticked one block of the day's plan.
  const today = (await (await page.request.get(`/api/plan?from=${blockDay}&to=${blockDay}`)).json()) as PlanBody;
  const ticked = today.days[0]!.items.filter((item) => isBlock(item.kind) && item.status === 'done');
  expect(ticked).toHaveLength(3);

  // --- Two practice exams on a laptop, inside the 21-day decision window (issue 10: before it the
  // verdict is only on track / off track): under the target, clear of the passing line. ---
  const decisionDay = addDays(examDate, -14);
  setServerClock(middayOf(decisionDay));
  // Weeks later the session has idled out (7 days): sign in again.
  const signInAgain = async () => {
    const response = await page.request.post('/api/auth/sign-in', {
      data: { email: account.email, password: account.password },
    });
    expect(response.status(), await response.text()).toBe(200);
  };
  await signInAgain();
  await page.setViewportSize({ width: LAPTOP.width, height: LAPTOP.height });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scores' }).click();
  const evidence = new EvidencePage(page);
  await evidence.expectPart('Overview');
  await expect(evidence.verdict).toBeVisible();
  await expect(evidence.prediction).toContainText('No prediction yet');
  // The chart, the form and the list are in Practice exams.
  await evidence.open('Practice exams');
  await evidence.logPracticeExam({ form: 'NBME CCSSA Form 13', date: addDays(decisionDay, -6), result: 232 });
  await evidence.logPracticeExam({ form: 'NBME CCSSA Form 14', date: addDays(decisionDay, -2), result: 236 });

  // The chart: an SVG with the scores by date, the band at the exam date, the target and passing lines.
  await expect(evidence.chartSvg).toBeVisible();
  await expect(evidence.chart.locator('.recharts-line-dots .recharts-line-dot')).toHaveCount(2);
  await expect(evidence.chart.locator('.chart-band path')).toHaveCount(1);
  await expect(evidence.chart.locator('.chart-target line')).toHaveCount(1);
  await expect(evidence.chart.locator('.chart-passing line')).toHaveCount(1);
  await expect(evidence.chart.locator('.chart-exam-day line')).toHaveCount(1);
  await expect(evidence.chartSvg).toContainText('Target 240');
  await expect(evidence.chartSvg).toContainText('Passing 218');
  await expect(evidence.chart.getByRole('img', { name: /^Chart of your practice scores/ })).toHaveAccessibleName(
    /Predicted score at the exam .* 80 % band/,
  );
  await evidence.chart.getByText('The numbers behind the chart').click();
  await expect(evidence.chart.getByTestId('score-table')).toContainText('NBME 14');
  await expect(evidence.prediction.getByTestId('predicted-band')).toContainText(/\d{3}–\d{3}/);
  await expect(evidence.prediction.getByTestId('pass-probability')).toContainText('%');

  // No full-length day yet, so the rule says "not ready" whatever the scores: in a word here, with
  // its reasons on the overview.
  await expect(evidence.examsVerdict).toHaveAttribute('data-verdict', 'not-ready');
  await evidence.open('Overview');
  await expect(evidence.prediction.getByTestId('predicted-band')).toContainText(/\d{3}–\d{3}/);
  await evidence.expectVerdict('not-ready');
  await expect(evidence.verdict.getByRole('heading', { level: 2 })).toHaveText(/Not ready/);
  await expect(evidence.reason('full-length-day')).toHaveAttribute('data-passed', 'false');

  // A full-length day done (in Endurance): now only the target is missing, and the verdict is "delay".
  await evidence.open('Endurance');
  await page.getByRole('button', { name: 'Log a full-length day' }).click();
  await expect(page.getByTestId('full-length-logged')).toBeVisible();
  await evidence.open('Overview');
  await evidence.expectVerdict('delay');
  await expect(evidence.verdict.getByRole('heading', { level: 2 })).toHaveText(/Delay/);
  await expect(evidence.reason('full-length-day')).toHaveAttribute('data-passed', 'true');
  await expect(evidence.reason('latest-near-target')).toHaveAttribute('data-passed', 'true');
  await expect(evidence.reason('two-at-target')).toHaveAttribute('data-passed', 'false');
  await expect(evidence.reason('two-at-target')).toContainText('240');
  await expect(evidence.reason('clear-of-passing-line')).toContainText('232');

  // The proposal: a concrete date, the weeks, the focus areas, the timeline in words.
  const newExamDate = addDays(examDate, 14);
  await expect(evidence.proposal.getByTestId('proposed-date')).toHaveText(longDate(newExamDate));
  await expect(evidence.proposal).toContainText('2 weeks after');
  await expect(evidence.proposal).toContainText('Medicine');
  await expect(evidence.proposal).toContainText('Cardiovascular system');
  await expect(evidence.proposal.getByTestId('proposal-timeline')).toContainText('before programs start reviewing');
  await capture(page, 'evidence-delay', LAPTOP);
  await capture(page, 'evidence-delay', PHONE);
  await page.setViewportSize({ width: LAPTOP.width, height: LAPTOP.height });

  // Accepting asks once more, then moves the exam and re-plans.
  await evidence.proposal.getByRole('button', { name: /^Accept: move my exam to/ }).click();
  const confirm = page.getByTestId('confirm-delay');
  await expect(confirm).toContainText(`to ${longDate(newExamDate, false)}?`);
  await expect(confirm.getByRole('button', { name: 'Yes, move it and re-plan' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Yes, move it and re-plan' }).click();
  const accepted = page.getByTestId('delay-accepted');
  await expect(accepted).toContainText(`Your exam is now on ${longDate(newExamDate)}`);
  await expect(page.getByTestId('after-delay-note')).toBeVisible();
  // Four weeks out again, the check is a trajectory against the new date, not a second delay.
  await expect(evidence.verdict).toHaveAttribute('data-verdict', /^(on-track|off-track)$/);
  await expect(evidence.proposal).toHaveCount(0);

  const profile = (await (await page.request.get('/api/profile')).json()) as { profile: { examDate: string } };
  expect(profile.profile.examDate).toBe(newExamDate);
  const replanned = (await (await page.request.get('/api/plan')).json()) as PlanBody;
  expect(replanned.plan!.examDate).toBe(newExamDate);
  expect(replanned.days.at(-1)).toMatchObject({ date: newExamDate, kind: 'exam' });

  // The re-planned calendar runs to the new date, and the blocks done today stay done.
  await accepted.getByRole('link', { name: 'See the re-planned calendar' }).click();
  await expect(plan.monthView).toBeVisible();
  await expect(plan.summary.locator('.summary-tile--exam')).toContainText(shortDate(newExamDate));
  // Five weeks from the old date's week hold both dates: the exam has moved from one to the other.
  await plan.goto(`?view=month&date=${examDate}`);
  await expect(plan.monthCell(newExamDate)).toHaveAttribute('data-kind', 'exam');
  await expect(plan.monthCell(examDate)).not.toHaveAttribute('data-kind', 'exam');
  await plan.goto(`?view=day&date=${blockDay}`);
  await expect(plan.dayView.locator('[data-testid="plan-item"][data-status="done"]')).toHaveCount(3);

  // --- Ten days before the new date (inside its window): two strong exams are at the target and clear of the line. ---
  const strongDay = addDays(newExamDate, -10);
  setServerClock(middayOf(strongDay));
  await signInAgain();
  await evidence.goto();
  await evidence.expectVerdict('delay');
  await evidence.open('Practice exams');
  await evidence.logPracticeExam({ form: 'UWorld Self-Assessment 2', date: addDays(strongDay, -1), result: 256 });
  await expect(evidence.examsVerdict).toHaveAttribute('data-verdict', 'delay');
  await evidence.logPracticeExam({ form: 'NBME CCSSA Form 15', date: strongDay, result: 254 });
  await expect(evidence.examsVerdict).toHaveAttribute('data-verdict', 'proceed');
  await expect(evidence.chart.locator('.recharts-line-dots .recharts-line-dot')).toHaveCount(4);
  await capture(page, 'evidence-exams-proceed', LAPTOP);
  await capture(page, 'evidence-exams-proceed', PHONE);
  await page.setViewportSize({ width: LAPTOP.width, height: LAPTOP.height });
  await evidence.open('Overview');
  await evidence.expectVerdict('proceed');
  await expect(evidence.verdict.getByRole('heading', { level: 2 })).toHaveText(/Proceed/);
  // Five conditions since issue 10 (the prediction must agree), and the date the proceed holds until.
  await expect(evidence.reasons).toHaveCount(5);
  await expect(evidence.verdict.getByTestId('holds-until')).toBeVisible();
  for (const reason of await evidence.reasons.all()) await expect(reason).toHaveAttribute('data-passed', 'true');
  await expect(evidence.proposal).toHaveCount(0);
  await expect(evidence.verdict).toContainText('Proceed with your exam on');
  await capture(page, 'evidence-proceed', LAPTOP);
  await capture(page, 'evidence-proceed', PHONE);
});
