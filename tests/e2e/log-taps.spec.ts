import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { LogBlockPage } from './page-models/evidence-page.ts';

// Issue 13, logging in a few taps: a 40-question block with three missed systems, logged from a
// phone in at most 10 taps with nothing typed but the number correct.
//
// A tap is one touch on the screen (one `pointerdown` of type "touch" that the page receives). The
// digits of the correct count are typed on the phone's number pad and are not counted as taps;
// scrolling (a swipe) is not a tap either. The page counts the touches itself, so a tap the test
// forgot to count, or one the form needed behind its back, fails the test.

const SHOTS_DIR = '/tmp/shots-taps';
const MAX_TAPS = 10;

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

type StoredBlock = {
  bank: string;
  mode: string;
  questions: number;
  correct: number;
  minutes: number;
  date: string;
  missedSystems: string[];
  missedDisciplines: string[];
};

async function storedBlocks(page: Page): Promise<StoredBlock[]> {
  const response = await page.request.get('/api/account/export');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { questionBlocks: StoredBlock[] }).questionBlocks;
}

/** Counts the touches the page receives, from before the first script runs. */
async function countTouches(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { touches: number };
    w.touches = 0;
    window.addEventListener(
      'pointerdown',
      (event) => {
        if (event.pointerType === 'touch') w.touches += 1;
      },
      { capture: true },
    );
  });
  return () => page.evaluate(() => (window as unknown as { touches: number }).touches);
}

function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: typeof a) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The confirmation and a field are both on screen and do not overlap. */
async function expectNotCovered(notice: Locator, field: Locator) {
  const [n, f] = [await notice.boundingBox(), await field.boundingBox()];
  expect(n && f, 'both laid out').toBeTruthy();
  expect(boxesOverlap(n!, f!), 'the confirmation covers the field').toBe(false);
  // And nothing else lies on top of the field: the element at its centre is the field itself.
  const hit = await field.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return top === el || el.contains(top);
  });
  expect(hit, 'something lies over the field').toBe(true);
}

test('a 40-question block with three missed systems takes at most 10 taps on a phone, then the next one fewer', async ({
  page,
  student: _student,
}) => {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const touches = await countTouches(page);
  const log = new LogBlockPage(page);
  await log.goto();

  // No plan and nothing remembered yet: the current exam's block, 20 questions in 30 minutes.
  await expect(log.choice('Bank', 'UWorld')).toBeChecked();
  await expect(log.choice('Mode', 'Timed')).toBeChecked();
  await expect(page.locator('#log-questions')).toHaveValue('20');
  await expect(page.locator('#log-minutes')).toHaveValue('30');
  const today = await page.locator('#log-date').inputValue();
  await page.screenshot({ path: `${SHOTS_DIR}/log-empty-phone.png`, fullPage: true });

  let taps = 0;
  const tap = async (target: Locator) => {
    await target.tap();
    taps += 1;
  };

  // 1: the 40 size (the minutes follow: 60). 2: the Correct field, then 37 on the number pad.
  await tap(log.form.getByRole('button', { name: '40 questions', exact: true }));
  await expect(page.locator('#log-minutes')).toHaveValue('60');
  await tap(page.locator('#log-correct'));
  await page.keyboard.type('37');
  // 3–5: one tap per missed system.
  for (const system of ['Cardiovascular', 'Respiratory', 'Renal & urinary']) await tap(log.missChip(system));
  await expect(log.form).toContainText('All 3 misses tagged');
  await page.screenshot({ path: `${SHOTS_DIR}/log-filled-phone.png`, fullPage: true });
  // 6: the button.
  await tap(log.submit);
  await expect(log.toast).toContainText('Logged: 37 of 40 (93 %), UWorld timed.');
  // A timed block counts for everything: no note on what it counts for.
  await expect(log.toast.getByTestId('block-counting-note')).toHaveCount(0);

  expect(taps).toBeLessThanOrEqual(MAX_TAPS);
  expect(await touches()).toBe(taps);
  console.log(`First block: ${taps} taps (target ≤ ${MAX_TAPS}), 2 digits typed.`);

  // The server holds it as tapped.
  await expect.poll(async () => (await storedBlocks(page)).length).toBe(1);
  const [stored] = await storedBlocks(page);
  expect(stored).toMatchObject({ bank: 'uworld', mode: 'timed', questions: 40, correct: 37, minutes: 60, date: today });
  expect([...stored!.missedSystems].sort()).toEqual(['cardiovascular', 'renal-urinary', 'respiratory']);
  expect(stored!.missedDisciplines).toEqual([]);

  // The confirmation does not cover the form, and the form is ready for the next block.
  await expect(log.toast).toBeInViewport();
  await expectNotCovered(log.toast, page.locator('#log-minutes'));
  await expectNotCovered(log.toast, page.locator('#log-date'));
  await expect(page.locator('#log-correct')).toHaveValue('');
  await expect(page.locator('#log-questions')).toHaveValue('40');
  await expect(page.locator('#log-minutes')).toHaveValue('60');
  await expect(log.missChip('Cardiovascular')).not.toHaveAccessibleName(/tagged/);
  await page.screenshot({ path: `${SHOTS_DIR}/log-logged-phone.png` });

  // The next block, on a fresh visit: 40 questions and 60 minutes remembered, so one tap fewer.
  await log.goto();
  await expect(page.locator('#log-questions')).toHaveValue('40');
  await expect(page.locator('#log-minutes')).toHaveValue('60');
  const before = await touches();
  taps = 0;
  await tap(page.locator('#log-correct'));
  await page.keyboard.type('34');
  for (const system of ['GI', 'Endocrine', 'Skin']) await tap(log.missChip(system));
  await tap(log.submit);
  await expect(log.toast).toContainText('Logged: 34 of 40 (85 %), UWorld timed.');
  expect(taps).toBe(5);
  expect((await touches()) - before).toBe(taps);
  console.log(`Next block, size remembered: ${taps} taps, 2 digits typed.`);
  await expect.poll(async () => (await storedBlocks(page)).length).toBe(2);
  const second = (await storedBlocks(page)).find((b) => b.correct === 34)!;
  expect(second).toMatchObject({ questions: 40, minutes: 60 });
  expect([...second.missedSystems].sort()).toEqual(['endocrine', 'gastrointestinal', 'skin']);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS_DIR}/log-logged-laptop.png`, fullPage: true });
});

test('a tutor-mode block is told at once what it counts for, and that it is not a timed block', async ({
  page,
  student: _student,
}) => {
  const log = new LogBlockPage(page);
  await log.goto();
  await log.fill({ mode: 'Tutor', questions: 20, correct: 15 });
  await log.submit.tap();
  await expect(log.toast).toContainText('Logged: 15 of 20 (75 %), UWorld tutor.');
  await expect(log.toast.getByTestId('block-counting-note')).toHaveText(
    'Tutor mode counts toward your bank progress, your % correct and your weak areas. It does not add to your timed blocks on the evidence page: only timed blocks build the pace and stamina of exam day.',
  );
});
