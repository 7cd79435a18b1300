// Issue 9: a week lived on the plan. The student sees the plan's week, misses a day, spreads what
// was missed over the next 3 days, and applies a shortfall's way out with one tap. (A rotation
// preset step will join this journey when the presets land.)
import { PlanPage } from './page-models/plan-page.ts';
import { expect, newAccount, saveProfileViaApi, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { middayOf, setServerClock, useServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';

/** A Monday in 2028 (support/clock.ts explains why the clock specs live on fixed 2028 days). */
const DAY0 = '2028-03-06';
const SHOTS = '/tmp/shots-H1';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

type PlanBody = {
  days: { date: string; items: { id: string; kind: string; status: string | null }[] }[];
  missed: { count: number };
  plan: { summary: { shortfalls: unknown[] } };
};

useServerClock(test);

test('A student sees the week, misses a day, spreads it over the next 3 days, and applies a shortfall fix with one tap', async ({
  page,
}) => {
  test.setTimeout(180_000);
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
  // A weekday rotation 07:00-17:00 with light weekly hours,
  // and six full-length days asked for in nine weeks: more than fit a week apart, so the plan says
  // so, with ways out.
  const settings = {
    ...defaults.settings,
    weeklyHours: { questionBank: 12, practiceExams: 5, contentReview: 4, rest: 8 },
    questionBank: { ...defaults.settings.questionBank, questionsLeft: 600 },
    protectedTime: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00', label: 'Rotation' })),
    fullLengthDays: 6,
    // A cap above the 3.5 h the weekly hours average out to: room on the evenings for missed work.
    dailyCapHours: 5,
  };
  const built = await page.request.put('/api/plan', { data: { settings } });
  expect(built.status(), await built.text()).toBe(200);
  const first = (await built.json()) as PlanBody;
  const day0Open = first.days.find((d) => d.date === DAY0)!.items.filter((i) => i.kind !== 'rest');
  expect(day0Open.length).toBeGreaterThan(0);

  // --- The plan's week, on a laptop and on a phone. ---
  const plan = new PlanPage(page);
  await page.setViewportSize(LAPTOP);
  await plan.goto(`?view=week&date=${DAY0}`);
  const week = page.getByTestId('week-view');
  await expect(week.locator('> li')).toHaveCount(7);
  await expect(week.locator(`li[data-date="${DAY0}"]`)).toContainText('Today');
  await page.screenshot({ path: `${SHOTS}/week-laptop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SHOTS}/week-phone.png`, fullPage: true });

  // --- Monday goes by with nothing ticked: Tuesday shows it missed. ---
  setServerClock(middayOf(addDays(DAY0, 1)));
  await plan.goto('?view=day');
  const missedBanner = page.getByTestId('missed-banner');
  await expect(missedBanner).toContainText(`${day0Open.length} items missed`);
  const reflow = page.getByTestId('reflow');
  await expect(reflow.getByRole('button', { name: 'Push everything back a day' })).toBeVisible();
  await reflow.getByLabel('Spread what I missed over the next').selectOption('3');
  await page.screenshot({ path: `${SHOTS}/reflow-phone.png`, fullPage: true });
  await reflow.screenshot({ path: `${SHOTS}/reflow-panel-phone.png` });
  await reflow.getByRole('button', { name: 'Spread' }).click();
  const result = page.getByTestId('reflow-result');
  await expect(result).toContainText(/Spread \d+ items? you missed over the next 3 days\./);
  await expect(result).toBeFocused();
  await expect(missedBanner).toHaveCount(0);
  await reflow.screenshot({ path: `${SHOTS}/reflow-result-phone.png` });

  // What moved sits on Tuesday to Thursday, with the same ids.
  const after = (await (await page.request.get('/api/plan')).json()) as PlanBody;
  expect(after.missed.count).toBe(0);
  const where = new Map(after.days.flatMap((d) => d.items.map((i) => [i.id, d.date])));
  for (const item of day0Open)
    expect([addDays(DAY0, 1), addDays(DAY0, 2), addDays(DAY0, 3)]).toContain(where.get(item.id));

  // --- A shortfall said out loud, fixed with one tap. ---
  await page.setViewportSize(LAPTOP);
  await plan.goto('?view=week');
  const warnings = page.getByTestId('plan-warnings');
  await expect(warnings).toContainText('full-length days you asked for fit');
  const shortfallsBefore = after.plan.summary.shortfalls.length;
  const fix = warnings.getByTestId('apply-way-out').filter({ hasText: /^Plan \d+ full-length days?$/ });
  await expect(fix).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/ways-out-laptop.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/ways-out-laptop-top.png` });
  await fix.click();
  const applied = page.getByTestId('way-out-result');
  await expect(applied).toContainText(/^Done: plan \d+ full-length days?\./);
  await page.screenshot({ path: `${SHOTS}/way-out-applied-laptop.png`, fullPage: true });
  const fixed = (await (await page.request.get('/api/plan')).json()) as PlanBody;
  expect(fixed.plan.summary.shortfalls.length).toBeLessThan(shortfallsBefore);
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SHOTS}/way-out-applied-phone.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/way-out-applied-phone-top.png` });
  await page.setViewportSize(LAPTOP);
  await plan.goto(`?view=week&date=${addDays(DAY0, 1)}`);
  await page.getByTestId('week-view').screenshot({ path: `${SHOTS}/week-after-spread-laptop.png` });
});
