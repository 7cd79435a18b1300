import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { LogBlockPage } from './page-models/evidence-page.ts';

// Issue 13, on the wards: blocks logged with no signal wait on the phone, survive a reload, and
// reach the server once each when the network is back; the shell opens offline, marked so.

const SHOTS = process.env.SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

async function storedBlocks(page: Page): Promise<{ correct: number }[]> {
  const response = await page.request.get('/api/account/export');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { questionBlocks: { correct: number }[] }).questionBlocks;
}

test.use({ viewport: { width: 390, height: 844 } });

test('blocks logged offline wait on the phone, survive a reload and sync exactly once', async ({
  page,
  context,
  student: _student,
}) => {
  const log = new LogBlockPage(page);
  await log.goto();
  // The service worker is installed and controls the page; a reload lets it keep the page data.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect(log.form).toBeVisible();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toContainText(/Offline — last synced \w+ \d+/);
  for (const correct of [21, 22, 23]) {
    // Nothing remembered and no plan: the form starts at the current exam's 20; these were 40.
    await log.fill({ questions: 40, correct });
    await log.submit.click();
    await expect(log.toast).toContainText('Saved on this phone, not sent yet');
  }
  const indicator = page.getByRole('button', { name: /waiting to sync/ });
  await expect(indicator).toHaveText('3 waiting to sync');
  await log.toast.getByRole('button', { name: 'Close this message' }).click();
  await shot(page, 'offline-marker-phone');
  await indicator.click();
  await expect(page.locator('#sync-panel')).toContainText('Block 21 of 40');
  await shot(page, 'offline-waiting-phone');
  expect(await storedBlocks(page)).toHaveLength(0);

  // Reloaded with no network: the shell and the last-seen data open, and the queue is still there.
  await page.reload();
  await expect(log.form).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await expect(page.getByRole('button', { name: /waiting to sync/ })).toHaveText('3 waiting to sync');
  await page.goto('/plan');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // Back online: sent in order, each once.
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: /waiting to sync/ })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toHaveCount(0);
  const blocks = await storedBlocks(page);
  expect(blocks.map((b) => b.correct).sort()).toEqual([21, 22, 23]);
});

test('the same write sent twice with one key stores one block', async ({ page, student: _student }) => {
  await page.goto('/');
  const key = '0193a5e2-7c1d-7f3a-9b2e-000000e2e001';
  const body = {
    bank: 'uworld',
    mode: 'timed',
    questions: 40,
    correct: 30,
    minutes: 60,
    date: await page.evaluate(() => new Date().toLocaleDateString('en-CA')),
    missedSystems: [],
    missedDisciplines: [],
  };
  const origin = new URL(page.url()).origin;
  const send = () =>
    page.request.post('/api/evidence/blocks', { data: body, headers: { 'Idempotency-Key': key, Origin: origin } });
  const first = await send();
  const again = await send();
  expect(first.status()).toBe(201);
  expect(again.status()).toBe(201);
  expect(again.headers()['idempotent-replayed']).toBe('true');
  expect(await again.json()).toEqual(await first.json());
  expect(await storedBlocks(page)).toHaveLength(1);
});

test('a write the server refuses after the network returns is shown, not dropped', async ({
  page,
  context,
  student: _student,
}) => {
  const log = new LogBlockPage(page);
  await log.goto();
  await context.setOffline(true);
  await log.fill({ questions: 40, correct: 45 });
  await log.submit.click();
  const indicator = page.getByRole('button', { name: /waiting to sync|not synced/ });
  await expect(indicator).toHaveText('1 waiting to sync');
  await context.setOffline(false);
  await expect(indicator).toHaveText('1 not synced', { timeout: 20_000 });
  await indicator.click();
  await expect(page.locator('#sync-panel')).toContainText('Not applied, nothing was saved.');
  await expect(page.locator('#sync-panel')).toContainText(/cannot exceed/);
  await shot(page, 'offline-conflict-phone');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(indicator).toHaveCount(0);
  expect(await storedBlocks(page)).toHaveLength(0);
});

test('the phone nav fits 390 px with Log in the bar and the rest under More', async ({ page, student: _student }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Home', 'Plan', 'Log', 'Scores']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeInViewport();
  }
  const more = nav.getByText('More', { exact: true });
  await expect(more).toBeInViewport();
  const box = await nav.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await shot(page, 'nav-phone');
  await more.click();
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeInViewport();
  await shot(page, 'nav-phone-more');
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await nav.getByRole('link', { name: 'Log', exact: true }).click();
  await expect(page).toHaveURL(/\/log$/);

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(nav.getByRole('link', { name: 'Journal', exact: true })).toBeVisible();
  await shot(page, 'nav-laptop');
});
