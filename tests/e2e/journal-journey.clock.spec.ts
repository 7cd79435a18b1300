import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, newAccount, saveProfileViaApi, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { middayOf, setServerClock, useServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';
import { capture, LAPTOP, PHONE, SCREENS_DIR } from './support/screens.ts';

/** The first screen as the student sees it (the full-page captures are too tall to read at a glance). */
async function firstScreen(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-first-screen.png`) });
}

/** A Tuesday in 2028 (support/clock.ts explains why pinned days are fixed and in 2028). */
const DAY0 = '2028-03-07';

type PlanBody = { days: { date: string; items: { kind: string; minutes: number }[] }[] };

useServerClock(test);

// Issue 11 on a phone: a block's misses become journal entries, a timing pattern changes the plan in
// one tap, reviews run on the keyboard with one undone, the plan holds a review slot and home the
// due count; after three missed days the backlog is spread, not dumped on one day.
test('Journal journey: entries from a block, a timing pattern applied to the plan, keyboard review with undo, the review slot, a paced backlog', async ({
  page,
}) => {
  test.setTimeout(180_000);
  setServerClock(middayOf(DAY0));
  const account = newAccount('student');
  await signUpViaApi(page.request, account);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(DAY0, 70),
    reviewStartDate: addDays(DAY0, 200),
    bufferPoints: 10,
  });
  const defaults = (await (await page.request.get('/api/plan/defaults')).json()) as {
    settings: { questionBank: { questionsLeft: number; mode: string } };
  };
  defaults.settings.questionBank.questionsLeft = 1200;
  defaults.settings.questionBank.mode = 'tutor';
  const built = await page.request.put('/api/plan', { data: { settings: defaults.settings } });
  expect(built.status(), await built.text()).toBe(200);
  const logged = await page.request.post('/api/evidence/blocks', {
    headers: { 'X-Time-Zone': TIME_ZONE },
    data: {
      bank: 'uworld',
      mode: 'tutor',
      questions: 20,
      correct: 17,
      minutes: 30,
      date: DAY0,
      missedSystems: ['cardiovascular', 'renal-urinary', 'endocrine'],
    },
  });
  expect(logged.status(), await logged.text()).toBe(201);

  // --- Three entries from the block, on a phone: all three ran out of time. ---
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  await page.goto('/journal');
  await page.getByRole('button', { name: /3 missed, 3 tagged by system/ }).click();
  await expect(page.getByTestId('block-draft')).toHaveCount(3);
  const points = [
    'Beta blocker first in aortic dissection',
    'FeNa under 1 % means prerenal',
    'Check TSH before lipids',
  ];
  for (const [index, point] of points.entries()) {
    await page.locator(`#draft-${index}-errorType`).selectOption('timing');
    await page.locator(`#draft-${index}-keyPoint`).fill(point);
  }
  await page.getByRole('button', { name: 'Add 3 entries' }).click();
  await expect(page.getByRole('status')).toContainText('Added 3 entries from the block');
  await expect(page.getByTestId('journal-entry')).toHaveCount(3);
  // Three entries are not a pattern yet (at least five).
  await expect(page.getByTestId('journal-pattern-timing')).toHaveCount(0);

  // Seven more timing misses from earlier blocks make ten of ten: a pattern.
  const more = await page.request.post('/api/journal/entries/batch', {
    data: {
      entries: Array.from({ length: 7 }, (_, i) => ({
        bank: 'uworld',
        errorType: 'timing',
        system: 'respiratory',
        keyPoint: `Read the last line of the stem first (${i + 1})`,
      })),
    },
  });
  expect(more.status(), await more.text()).toBe(201);
  await page.reload();
  const pattern = page.getByTestId('journal-pattern-timing');
  await expect(pattern).toContainText('Running out of time');
  await expect(pattern).toContainText('10 of your 10 journal entries');
  await expect(pattern).toContainText('Switch your question-bank blocks from tutor to timed mode.');
  await capture(page, 'journal-pattern', PHONE, { resize: false });
  await pattern.scrollIntoViewIfNeeded();
  await firstScreen(page, 'journal-pattern-phone');
  await pattern.getByRole('button', { name: 'Change my plan' }).click();
  await expect(page.getByRole('status')).toContainText('Your plan is changed');
  await expect(pattern).toContainText('already timed');
  await expect(pattern.getByRole('button', { name: 'Change my plan' })).toHaveCount(0);
  const settings = (await (await page.request.get('/api/plan')).json()) as {
    plan: { settings: { questionBank: { mode: string } } };
  };
  expect(settings.plan.settings.questionBank.mode).toBe('timed');

  // --- Review with the keyboard; one rating undone. ---
  await expect(page.getByTestId('journal-due-count')).toHaveText('10 reviews due today');
  await page.getByRole('link', { name: 'Start review' }).click();
  const card = page.getByTestId('review-card');
  await expect(card).toContainText('1 of 10');
  await expect(page.getByTestId('review-answer')).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('review-answer')).toBeVisible();
  await page.keyboard.press('3');
  await expect(card).toContainText('2 of 10');
  await page.keyboard.press('Control+z');
  await expect(card).toContainText('1 of 10');
  await page.keyboard.press('4');
  await expect(card).toContainText('2 of 10');
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  await expect(card).toContainText('3 of 10');

  // --- The plan holds today's review slot (sized from the journal's forecast); home shows the count. ---
  const plan = (await (await page.request.get(`/api/plan?from=${DAY0}&to=${DAY0}`)).json()) as PlanBody;
  const slot = plan.days[0]?.items.find((item) => item.kind === 'journal-review');
  expect(slot, JSON.stringify(plan.days[0])).toBeDefined();
  expect(slot!.minutes).toBeGreaterThan(0);
  const summary = async () =>
    (await (await page.request.get('/api/journal/summary')).json()) as {
      dueToday: number;
      backlog: { count: number; perDay: number | null };
    };
  await page.goto('/');
  const due = page.getByTestId('home-journal-due');
  await expect(due).toContainText('Journal reviews today');
  // The card rated Easy left today; the one rated Good is back in minutes, so still today's.
  await expect(due.locator('.stat-value')).toHaveText(String((await summary()).dueToday));
  expect((await summary()).dueToday).toBe(9);

  // --- Sixty more misses logged, then three days missed: the backlog is spread from today. ---
  const many = await page.request.post('/api/journal/entries/batch', {
    data: {
      entries: Array.from({ length: 60 }, (_, i) => ({
        bank: 'amboss',
        errorType: 'knowledge-gap',
        system: 'gastrointestinal',
        keyPoint: `Gastro fact number ${i + 1} that the vignette hid`,
      })),
    },
  });
  expect(many.status(), await many.text()).toBe(201);
  const day3 = addDays(DAY0, 3);
  setServerClock(middayOf(day3));
  await page.goto('/');
  await expect(due).toContainText('Journal reviews today');
  await firstScreen(page, 'journal-home-phone');
  // Over 60 overdue: the larger of 20 and a seventh of them a day, least remembered first.
  const paced = await summary();
  expect(paced.backlog.count).toBeGreaterThan(60);
  expect(paced.backlog.perDay).toBe(20);
  expect(paced.dueToday).toBe(20);
  await expect(due.locator('.stat-value')).toHaveText('20');
  await expect(due).toContainText('from missed days, spread over the next days');
  await page.goto('/journal');
  await expect(page.getByTestId('journal-due-count')).toHaveText('20 reviews due today');
  await expect(page.getByTestId('journal-backlog')).toContainText('up to 20 a day');
  await capture(page, 'journal-backlog', PHONE, { resize: false });
  await firstScreen(page, 'journal-backlog-phone');
  await capture(page, 'journal-backlog', LAPTOP);
  await page.evaluate(() => window.scrollTo(0, 0));
  await firstScreen(page, 'journal-backlog-laptop');
  await page.getByRole('link', { name: 'Start review' }).click();
  await expect(card).toContainText('1 of 20');
  await expect(page.getByTestId('journal-backlog')).toBeVisible();
  await capture(page, 'journal-review-backlog', LAPTOP, { resize: false });
  await capture(page, 'journal-review-backlog', PHONE);

  const shots = process.env.H4_SHOTS_DIR;
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    for (const file of fs.readdirSync(SCREENS_DIR).filter((f) => f.startsWith('journal-'))) {
      fs.copyFileSync(path.join(SCREENS_DIR, file), path.join(shots, file));
    }
  }
});
