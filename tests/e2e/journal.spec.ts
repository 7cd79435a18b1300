import { expect, saveProfileViaApi, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';
import { LAPTOP, PHONE } from './support/screens.ts';

// Issue 11's journey on a phone: log a block, add three entries from it, review them with the
// keyboard only, undo one rating, and see the due count at home.
test('A block’s misses become three journal entries, reviewed with the keyboard, one rating undone', async ({
  page,
  student: _signedIn,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
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
  const logged = await page.request.post('/api/evidence/blocks', {
    headers: { 'X-Time-Zone': TIME_ZONE },
    data: {
      bank: 'uworld',
      mode: 'timed',
      questions: 20,
      correct: 17,
      minutes: 30,
      date: today,
      missedSystems: ['cardiovascular', 'renal-urinary', 'endocrine'],
    },
  });
  expect(logged.status(), await logged.text()).toBe(201);

  await page.goto('/journal');
  await page.getByRole('button', { name: /3 missed, 3 tagged by system/ }).click();
  const drafts = page.getByTestId('block-draft');
  await expect(drafts).toHaveCount(3);
  await expect(drafts.nth(1)).toContainText('Renal and urinary system');
  const points = [
    'Beta blocker first in aortic dissection',
    'FeNa under 1 % means prerenal',
    'Check TSH before lipids',
  ];
  for (const [index, point] of points.entries()) {
    await page.locator(`#draft-${index}-errorType`).selectOption('knowledge-gap');
    await page.locator(`#draft-${index}-keyPoint`).fill(point);
  }
  await page.getByRole('button', { name: 'Add 3 entries' }).click();
  await expect(page.getByRole('status')).toContainText('Added 3 entries from the block');
  await expect(page.getByTestId('journal-entry')).toHaveCount(3);
  await expect(page.getByTestId('journal-due-count')).toHaveText('3 reviews due today');
  // Its misses are in the journal now: the block is no longer offered to dissect.
  await expect(page.getByRole('button', { name: /3 missed, 3 tagged by system/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'Start review' }).click();
  const card = page.getByTestId('review-card');
  await expect(card).toBeVisible();
  // The key point stays hidden until shown.
  await expect(page.getByTestId('review-answer')).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('review-answer')).toBeVisible();
  const firstPoint = (await page.locator('.review-key-point').textContent()) ?? '';
  await page.keyboard.press('3');
  await expect(card).toContainText('2 of 3');
  // Undo brings the first card back, shown, to be rated again.
  await page.keyboard.press('Control+z');
  await expect(card).toContainText('1 of 3');
  await expect(page.locator('.review-key-point')).toHaveText(firstPoint);
  // Focus lands on the card's default rating, not on <body>: the keyboard can go straight on.
  await expect(card.getByRole('button', { name: '3 Good' })).toBeFocused();
  await page.keyboard.press('4');
  await expect(card).toContainText('2 of 3');
  // Space shows, Space again is Good.
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  await expect(card).toContainText('3 of 3');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('review-answer')).toBeVisible();
  // Two keys a few milliseconds apart (a double tap, a bounce) rate the card once: the second
  // arrives while the first rating is on its way, before the page has re-rendered.
  const ratingsSent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/journal/reviews') {
      ratingsSent.push(request.postData() ?? '');
    }
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: '1' }));
        setTimeout(() => {
          window.dispatchEvent(new KeyboardEvent('keydown', { key: '4' }));
          resolve();
        }, 2);
      }),
  );
  const summary = page.getByTestId('review-summary');
  await expect(summary).toContainText('Session done');
  await expect(summary.getByRole('listitem')).toHaveCount(3);
  await expect(summary).toContainText('Easy');
  await expect(summary).toContainText('Again');
  expect(ratingsSent, 'one rating for the double key').toHaveLength(1);
  // Undone with the button, focus moves on to the card too (left on Undo, Space would undo again).
  await page.getByRole('button', { name: 'Undo last rating (Ctrl+Z)' }).press('Enter');
  await expect(page.locator('.review-key-point')).toHaveText(points[2]!);
  await expect(card.getByRole('button', { name: '3 Good' })).toBeFocused();
  // The count still holds the two cards rated before, which the fresh queue no longer lists.
  await expect(card).toContainText('3 of 3');

  await page.goto('/');
  await expect(page.getByTestId('home-journal-due')).toContainText('Journal reviews today');
});

// A save on /journal fetches the lists again; what the student typed elsewhere on the page stays.
test('Adding an entry by hand keeps the block’s drafts typed so far', async ({ page, student: _signedIn }) => {
  const today = await serverToday(page.request);
  const logged = await page.request.post('/api/evidence/blocks', {
    headers: { 'X-Time-Zone': TIME_ZONE },
    data: {
      bank: 'uworld',
      mode: 'timed',
      questions: 20,
      correct: 18,
      minutes: 30,
      date: today,
      missedSystems: ['cardiovascular', 'renal-urinary'],
    },
  });
  expect(logged.status(), await logged.text()).toBe(201);

  await page.goto('/journal');
  await page.getByRole('button', { name: /2 missed, 2 tagged by system/ }).click();
  await page.locator('#draft-0-errorType').selectOption('knowledge-gap');
  await page.locator('#draft-0-keyPoint').fill('Beta blocker first in aortic dissection');
  await page.locator('#draft-1-keyPoint').fill('FeNa under 1');
  const addEntry = page.getByRole('form', { name: 'Add entry' });
  await addEntry.getByLabel('Why you missed it').selectOption('misread');
  await addEntry.getByLabel('Key point').fill('Read the last line of the stem first');
  await addEntry.getByRole('button', { name: 'Add to journal' }).click();
  await expect(page.getByRole('status')).toContainText('Added to your journal');
  await expect(page.getByTestId('journal-entry')).toHaveCount(1);
  await expect(page.getByTestId('block-draft')).toHaveCount(2);
  await expect(page.locator('#draft-0-errorType')).toHaveValue('knowledge-gap');
  await expect(page.locator('#draft-0-keyPoint')).toHaveValue('Beta blocker first in aortic dissection');
  await expect(page.locator('#draft-1-keyPoint')).toHaveValue('FeNa under 1');
});

// Journal is in the bar from 720 px and under "More" on a phone: one place marks it current.
test('The nav marks Journal as the current page once, at laptop and at phone width', async ({
  page,
  student: _signedIn,
}) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const more = nav.getByLabel('More pages');
  const unmarked = 'rgba(0, 0, 0, 0)';

  await page.setViewportSize({ width: LAPTOP.width, height: LAPTOP.height });
  await page.goto('/journal');
  await more.click();
  await expect(nav.getByRole('link', { name: 'Postmortem' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Journal' })).toHaveCount(1);
  await expect(nav.locator('[aria-current="page"]').filter({ visible: true })).toHaveCount(1);
  await expect(more).toHaveCSS('border-bottom-color', unmarked);
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  await expect(more).not.toHaveCSS('border-bottom-color', unmarked);
  await more.click();
  await expect(nav.getByRole('link', { name: 'Journal' })).toHaveCount(1);
  await expect(nav.locator('[aria-current="page"]').filter({ visible: true })).toHaveCount(1);
});
