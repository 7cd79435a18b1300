import { CalendarFeedSection } from './page-models/calendar-feed.ts';
import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';

test('A student subscribes a calendar app to the plan, then rotates the link and turns it off', async ({
  page,
  context,
  student: _signedIn,
}) => {
  const today = await serverToday(page.request);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'family-medicine',
    schoolType: 'us-do',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 120),
    reviewStartDate: addDays(today, 200),
    bufferPoints: 10,
  });
  const { settings } = await (await page.request.get('/api/plan/defaults')).json();
  const built = await page.request.put('/api/plan', { data: { settings } });
  expect(built.status(), await built.text()).toBe(200);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // From the plan, "Subscribe in your calendar app" leads to the feed section, which warns first.
  await page.goto('/plan?view=week');
  await page.getByRole('link', { name: 'Subscribe in your calendar app' }).click();
  const feed = new CalendarFeedSection(page);
  await expect(feed.section).toBeInViewport();
  await expect(feed.section).toContainText('Anyone with the link can see your study plan');

  // The link is shown once, with a copy button, and a calendar app can read it without a session.
  await feed.makeLink();
  const firstUrl = await feed.url.inputValue();
  expect(firstUrl).toMatch(/\/feed\/[A-Za-z0-9_-]+\.ics$/);
  await feed.section.getByRole('button', { name: 'Copy link' }).click();
  await expect(feed.section).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstUrl);
  const calendarApp = await page.context().browser()!.newContext();
  const read = await calendarApp.request.get(firstUrl);
  expect(read.status()).toBe(200);
  expect(await read.text()).toContain('BEGIN:VCALENDAR');

  // Settings shows the same link's state, with the read; the URL itself is not shown again.
  await page.goto('/settings');
  await expect(feed.status).toContainText('Last read by a calendar app');
  await expect(feed.status).not.toContainText('Not yet');
  await expect(feed.url).toHaveCount(0);

  // A new link stops the old one at once.
  await feed.section.getByRole('button', { name: 'Make a new link' }).click();
  await expect(feed.section).toContainText('The old link stopped working');
  const secondUrl = await feed.url.inputValue();
  expect(secondUrl).not.toBe(firstUrl);
  expect((await calendarApp.request.get(firstUrl)).status()).toBe(404);
  expect((await calendarApp.request.get(secondUrl)).status()).toBe(200);

  // Turning it off stops the current one too.
  await feed.section.getByRole('button', { name: 'Turn the link off' }).click();
  await expect(feed.section).toContainText('The link is off');
  await expect(feed.section.getByRole('button', { name: 'Make my private link' })).toBeVisible();
  expect((await calendarApp.request.get(secondUrl)).status()).toBe(404);
  await calendarApp.close();
});
