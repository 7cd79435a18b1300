import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, saveProfileViaApi, test, TIME_ZONE, type Account } from './fixtures.ts';
import { PlanPage } from './page-models/plan-page.ts';
import { middayOf, pinServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';

// Issue 13, "an offline tick that conflicts with a re-plan made elsewhere shows the conflict": the
// student ticks today's work with no signal; meanwhile the plan is changed from another device (a
// re-plan that takes the item out, a push-back that moves it); when the phone is back online the
// student is told, item by item, what became of each tick, and the server holds no tick on the
// wrong item and none lost without a word.

/** A Tuesday in 2028 (support/clock.ts): today and tomorrow are study days. */
const DAY0 = '2028-04-04';
const TOMORROW = addDays(DAY0, 1);
const SHOTS = process.env.SHOTS_DIR;

pinServerClock(test, middayOf(DAY0));
test.use({ viewport: { width: 390, height: 844 } });

type Item = { id: string; date: string; kind: string; start: string; status: string | null };
type PlanBody = { days: { date: string; items: Item[] }[]; plan: { settings: Record<string, unknown> } };

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

/** A six-week plan whose first day (today) holds blocks, their reviews and content review. */
async function planFor(page: Page): Promise<PlanBody> {
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(DAY0, 42),
    reviewStartDate: addDays(DAY0, 200),
    bufferPoints: 10,
  });
  const defaults = (await (await page.request.get('/api/plan/defaults')).json()) as {
    settings: { questionBank: { questionsLeft: number } };
  };
  defaults.settings.questionBank.questionsLeft = 1200;
  const built = await page.request.put('/api/plan', { data: { settings: defaults.settings } });
  expect(built.status(), await built.text()).toBe(200);
  return (await built.json()) as PlanBody;
}

/** The same student signed in on another device (their laptop): its own session, not the phone's. */
async function laptopOf(account: Account, baseURL: string): Promise<APIRequestContext> {
  const laptop = await newRequest.newContext({ baseURL, extraHTTPHeaders: { 'X-Time-Zone': TIME_ZONE } });
  const signedIn = await laptop.post('/api/auth/sign-in', {
    data: { email: account.email, password: account.password },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  return laptop;
}

async function serverItems(request: APIRequestContext): Promise<Item[]> {
  const response = await request.get('/api/plan');
  expect(response.status()).toBe(200);
  return ((await response.json()) as PlanBody).days.flatMap((day) => day.items);
}

/** Opens today's plan with the service worker in control, so the page keeps working offline. */
async function openToday(page: Page): Promise<PlanPage> {
  const plan = new PlanPage(page);
  await plan.goto();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect(plan.dayView).toHaveAttribute('data-date', DAY0);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  return plan;
}

function itemRow(plan: PlanPage, id: string) {
  return plan.dayView.locator(`[data-item-id="${id}"]`);
}

test('a tick made offline on an item a re-plan elsewhere took out is reported, named, and not applied to anything', async ({
  page,
  context,
  student,
  baseURL,
}) => {
  const first = await planFor(page);
  const todays = first.days.find((day) => day.date === DAY0)!.items;
  const block = todays.find((item) => item.kind === 'qbank-block')!;
  expect(block.start).toBe('07:30');
  const plan = await openToday(page);

  // On the wards, no signal: the first block of the day is ticked done.
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  const row = itemRow(plan, block.id);
  await row.getByRole('button', { name: /^Done/ }).click();
  await expect(row).toHaveAttribute('data-status', 'done');
  await expect(row.getByTestId('tick-waiting')).toHaveText('· saved on this phone, waiting to sync');
  const indicator = page.getByRole('button', { name: /waiting to sync|not synced/ });
  await expect(indicator).toHaveText('1 waiting to sync');

  // Meanwhile, on the laptop, the student keeps Tuesdays for the rotation from now on and re-plans:
  // today's blocks leave the plan (their work goes to the days ahead, as new items).
  const laptop = await laptopOf(student, baseURL!);
  const settings = {
    ...first.plan.settings,
    protectedTime: [{ weekday: 2, start: '06:00', end: '23:00', label: 'Rotation' }],
  };
  const replanned = await laptop.put('/api/plan', { data: { settings } });
  expect(replanned.status(), await replanned.text()).toBe(200);
  const afterReplan = await serverItems(laptop);
  expect(afterReplan.some((item) => item.id === block.id)).toBe(false);

  // Back online: the tick is refused, and the student is told which tick and why, on the plan itself.
  await context.setOffline(false);
  await expect(indicator).toHaveText('1 not synced', { timeout: 20_000 });
  const outcomes = page.getByTestId('tick-outcomes');
  await expect(outcomes).toContainText('A tick made offline was not recorded');
  await expect(outcomes).toContainText('“New questions · 20 q”, Tue, Apr 4 at 07:30: marked done');
  await expect(outcomes).toContainText(
    'Not recorded. Your plan was re-made on another device or in another tab, and this item is no longer in it, so nothing was marked.',
  );
  // The page shows what the server holds now: today is the rotation, nothing ticked, nothing waiting.
  await expect(page.getByTestId('tick-waiting')).toHaveCount(0);
  await expect(itemRow(plan, block.id)).toHaveCount(0);
  await outcomes.scrollIntoViewIfNeeded();
  await shot(page, 'offline-tick-removed-phone');
  await indicator.click();
  await expect(page.locator('#sync-panel')).toContainText('“New questions · 20 q”, Tue, Apr 4 at 07:30: marked done');
  await expect(page.locator('#sync-panel')).toContainText('this item is no longer in it');
  await expect(page.locator('#sync-panel')).not.toContainText('Waiting to sync');
  await shot(page, 'offline-tick-removed-panel-phone');
  await indicator.click();

  // The server: the tick landed on no item (nothing in the plan is done), the re-plan stands.
  const items = await serverItems(laptop);
  expect(items.filter((item) => item.status !== null)).toEqual([]);
  expect(items.map((item) => item.id).sort()).toEqual(afterReplan.map((item) => item.id).sort());

  // Read, then dismissed: gone from the plan and the header.
  await outcomes.getByRole('button', { name: 'Dismiss' }).click();
  await expect(outcomes).toHaveCount(0);
  await expect(indicator).toHaveCount(0);
  await laptop.dispose();
});

test('ticks made offline on items a push-back elsewhere moved: one lands on the same item and says where, one is refused and says why', async ({
  page,
  context,
  student,
  baseURL,
}) => {
  const first = await planFor(page);
  const todays = first.days.find((day) => day.date === DAY0)!.items;
  const block = todays.find((item) => item.kind === 'qbank-block')!;
  const review = todays.find((item) => item.kind === 'qbank-review')!;
  const plan = await openToday(page);

  await context.setOffline(true);
  for (const item of [block, review]) {
    const row = itemRow(plan, item.id);
    await row.getByRole('button', { name: /^Done/ }).click();
    await expect(row).toHaveAttribute('data-status', 'done');
  }
  const indicator = page.getByRole('button', { name: /waiting to sync|not synced|Synced/ });
  await expect(indicator).toHaveText('2 waiting to sync');

  // On the laptop the phone's ticks have not arrived; the student pushes the day back.
  const laptop = await laptopOf(student, baseURL!);
  const pushed = await laptop.post('/api/plan/push-back', { data: {} });
  expect(pushed.status(), await pushed.text()).toBe(200);
  const moved = new Map((await serverItems(laptop)).map((item) => [item.id, item]));
  expect(moved.get(block.id)?.date).toBe(TOMORROW);
  expect(moved.get(review.id)?.date).toBe(TOMORROW);

  await context.setOffline(false);
  await expect(indicator).toHaveText('1 not synced', { timeout: 20_000 });
  const outcomes = page.getByTestId('tick-outcomes');
  await expect(outcomes).toContainText('A tick made offline was not recorded');
  const [blockNote, reviewNote] = [
    outcomes.locator('[data-state="notice"]'),
    outcomes.locator('[data-state="conflict"]'),
  ];
  // The block (which may be done ahead of its day) was recorded on the same item, now on Wednesday.
  await expect(outcomes).toContainText('A tick made offline was recorded on an item that had moved');
  await expect(blockNote).toContainText('“New questions · 20 q”, Tue, Apr 4 at 07:30: marked done');
  await expect(blockNote).toContainText(
    'Recorded as done. While it waited to sync, your plan was changed elsewhere (a push-back or a re-plan) and moved this item to Wed, Apr 5',
  );
  await expect(blockNote).toContainText('it is marked there, on the same item.');
  // The block's review cannot be done ahead of its day: refused, with where it is and what to do.
  await expect(reviewNote).toContainText(`“Block review”, Tue, Apr 4 at ${review.start}: marked done`);
  await expect(reviewNote).toContainText(
    'Not recorded. While it waited to sync, your plan was changed elsewhere (a push-back or a re-plan) and moved this item to Wed, Apr 5',
  );
  await expect(reviewNote).toContainText('If you did it, mark it done on Wed, Apr 5.');
  await expect(page.getByTestId('tick-waiting')).toHaveCount(0);
  await outcomes.scrollIntoViewIfNeeded();
  await shot(page, 'offline-tick-moved-phone');

  // The server: the block's tick is on the block (same id, moved), the review's is on nothing.
  const items = await serverItems(laptop);
  const done = items.filter((item) => item.status !== null);
  expect(done.map((item) => [item.id, item.date, item.status])).toEqual([[block.id, TOMORROW, 'done']]);
  expect(items.find((item) => item.id === review.id)).toMatchObject({ date: TOMORROW, status: null });

  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'offline-tick-moved-laptop');
  await page.setViewportSize({ width: 390, height: 844 });
  for (const note of [blockNote, reviewNote]) await note.getByRole('button', { name: 'Dismiss' }).click();
  await expect(outcomes).toHaveCount(0);
  await expect(indicator).toHaveCount(0);
  await laptop.dispose();
});
