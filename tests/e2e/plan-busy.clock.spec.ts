// A day with a protected slot says why it holds less study, by the student's own label, in the
// week and the day views; the settings say a day's hours one way (hours and minutes).
import { expect, newAccount, saveProfileViaApi, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { PlanPage } from './page-models/plan-page.ts';
import { middayOf, setServerClock, useServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';

/** A Monday in 2028 (support/clock.ts explains why the clock specs live on fixed 2028 days). */
const DAY0 = '2028-03-06';
const CALL_DAY = addDays(DAY0, 2);

useServerClock(test);

test('A student on a 24-hour call sees the call named on that day and the day after', async ({ page }) => {
  setServerClock(middayOf(DAY0));
  await signUpViaApi(page.request, newAccount('student'));
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(DAY0, 63),
    reviewStartDate: addDays(DAY0, 200),
    bufferPoints: 10,
  });
  const defaults = (await (await page.request.get('/api/plan/defaults')).json()) as {
    settings: Record<string, unknown> & { questionBank: { questionsLeft: number } };
  };
  const settings = {
    ...defaults.settings,
    questionBank: { ...defaults.settings.questionBank, questionsLeft: 600 },
    protectedTime: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00', label: 'Rotation' })),
    exceptions: [{ date: CALL_DAY, kind: 'call', start: '07:00', end: '07:00', label: '24-hour call' }],
  };
  const built = await page.request.put('/api/plan', { data: { settings } });
  expect(built.status(), await built.text()).toBe(200);

  const plan = new PlanPage(page);
  await plan.goto(`?view=week&date=${DAY0}`);
  const callDay = page.getByTestId('week-view').locator(`li[data-date="${CALL_DAY}"]`);
  await expect(callDay.getByTestId('day-busy')).toHaveText(
    'Not study time: Rotation, 07:00 to 17:00; 24-hour call, 07:00 to 07:00 the next day.',
  );

  await plan.goto(`?view=day&date=${addDays(CALL_DAY, 1)}`);
  await expect(page.getByTestId('day-view').getByTestId('day-busy')).toHaveText(
    'Not study time: 24-hour call until 07:00, from the day before; Rotation, 07:00 to 17:00.',
  );

  // The plan settings say the weekly total per day in hours and minutes, like the daily cap.
  await page.goto('/plan/settings');
  await expect(page.getByTestId('weekly-total')).toContainText(/about \d+ h( \d+ min)? a day/);
  await expect(page.getByTestId('weekly-total')).not.toContainText(/about \d+\.\d/);
});
