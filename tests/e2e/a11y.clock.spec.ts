import type { APIRequestContext, Page } from '@playwright/test';
import { expect, newAccount, saveProfileViaApi, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { EVIDENCE_PARTS } from './page-models/evidence-page.ts';
import { AxeRun } from './support/a11y.ts';
import { middayOf, pinServerClock } from './support/clock.ts';
import { addDays } from './support/dates.ts';
import { FIVE_CAUSE_ANSWERS } from './support/postmortem-answers.ts';
import { PHONE } from './support/screens.ts';

// Issue 13's proof, signed in: axe (WCAG 2.0/2.1 A and AA) finds nothing on the students' and the
// advisors' pages at phone size, empty and full. a11y.spec.ts checks the route list and the
// signed-out pages. The day is pinned (a Tuesday, a study day), so "today" always has open work.
const DAY = '2028-04-11';
pinServerClock(test, middayOf(DAY));
test.use({ viewport: PHONE });

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** The evidence overview and each of its parts, each loaded by its own address and read. */
async function checkEvidenceParts(page: Page, axe: AxeRun, state: string) {
  for (const [label, suffix] of Object.entries(EVIDENCE_PARTS)) {
    await page.goto(`/evidence${suffix}`);
    await expect(
      page.getByRole('navigation', { name: 'Parts of this page' }).getByRole('link', { name: label, exact: true }),
    ).toHaveAttribute('aria-current', 'page');
    await axe.check(page, '/evidence/*', `${label}, ${state}`, page.locator('.evidence-part'));
  }
}

async function ok(response: Awaited<ReturnType<APIRequestContext['post']>>, status = [200, 201]) {
  expect(status, `${response.url()}: ${await response.text()}`).toContain(response.status());
  return response.json().catch(() => null);
}

/** A student with a profile, a postmortem, a plan, exams, blocks, hard check-ins and journal entries. */
async function giveData(request: APIRequestContext) {
  await saveProfileViaApi(request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(DAY, 60),
    reviewStartDate: addDays(DAY, 200),
    bufferPoints: 10,
  });
  await ok(await request.put('/api/postmortem', { data: FIVE_CAUSE_ANSWERS }));
  const defaults = (await (await request.get('/api/plan/defaults')).json()) as {
    settings: { questionBank: { questionsLeft: number } };
  };
  defaults.settings.questionBank.questionsLeft = 1200;
  await ok(await request.put('/api/plan', { data: { settings: defaults.settings } }));
  for (const exam of [
    { form: 'NBME10', date: addDays(DAY, -40), score: 211 },
    { form: 'UWSA1', date: addDays(DAY, -5), score: 237 },
  ]) {
    await ok(await request.post('/api/evidence/practice-exams', { data: exam }));
  }
  for (const [days, correct] of [
    [-2, 28],
    [0, 31],
  ] as const) {
    await ok(
      await request.post('/api/evidence/blocks', {
        headers: { 'X-Time-Zone': TIME_ZONE },
        data: {
          bank: 'uworld',
          mode: 'timed',
          questions: 40,
          correct,
          minutes: 60,
          date: addDays(DAY, days),
          missedSystems: ['cardiovascular', 'renal-urinary', 'endocrine'],
        },
      }),
    );
  }
  for (const days of [-2, -1, 0]) {
    await ok(
      await request.post('/api/evidence/wellbeing', {
        data: { date: addDays(DAY, days), sleepHours: 5, stress: 4, mood: 2 },
      }),
    );
  }
  await ok(
    await request.post('/api/journal/entries/batch', {
      data: {
        entries: Array.from({ length: 6 }, (_, i) => ({
          bank: 'uworld',
          errorType: 'timing',
          system: 'respiratory',
          keyPoint: `Read the last line of the stem first (${i + 1})`,
        })),
      },
    }),
  );
}

test('A new student’s empty pages have no axe violations at phone size', async ({ page, student: _signedIn }) => {
  // About 20 axe runs of a few seconds each on a busy two-core machine.
  test.setTimeout(240_000);
  const axe = new AxeRun('student');

  await page.goto('/');
  await axe.check(page, '/', 'no profile', h1(page, 'Welcome to Comeback'));
  await page.goto('/profile');
  await axe.check(page, '/profile', 'empty form', h1(page, 'Set up your profile'));
  await page.getByRole('button', { name: /^Save/ }).click();
  await axe.check(page, '/profile', 'form errors', page.getByTestId('error-summary'));

  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(DAY, 60),
    reviewStartDate: addDays(DAY, 200),
    bufferPoints: 10,
  });
  await page.goto('/postmortem');
  await axe.check(page, '/postmortem', 'first step', h1(page, 'What happened on Step 1'));
  await page.getByRole('button', { name: /^Next/ }).click();
  await axe.check(page, '/postmortem', 'step errors', page.locator('.field-error').first());
  await page.goto('/plan');
  await axe.check(page, '/plan', 'no plan', h1(page, 'No plan yet'));
  await page.goto('/plan/print');
  await axe.check(page, '/plan/print', 'no plan', h1(page, 'No plan to print yet'));
  await page.goto('/plan/settings');
  await axe.check(page, '/plan/settings', 'build', h1(page, 'Build your plan'));
  await checkEvidenceParts(page, axe, 'nothing logged');
  await page.goto('/log');
  await axe.check(page, '/log', 'empty form', h1(page, 'Log a block'));
  await page.goto('/journal');
  await axe.check(page, '/journal', 'no entries', h1(page, 'Wrong-answer journal'));
  await page.goto('/journal/review');
  await axe.check(page, '/journal/review', 'nothing due', h1(page, 'Review'));
  await page.goto('/story');
  await axe.check(page, '/story', 'no postmortem', h1(page, 'Telling the story of the fail'));
  await page.goto('/sharing');
  await axe.check(page, '/sharing', 'no advisor', h1(page, 'Advisors'));
  await page.goto('/sharing/access-log');
  await axe.check(page, '/sharing/access-log', 'empty', h1(page, 'Access log'));
  await page.goto('/settings');
  await axe.check(page, '/settings', '', h1(page, 'Settings'));
  // An advisor's invitation link opened while signed in as a student.
  await page.goto('/advisor/accept#code=AAAA-BBBB-CCCC-DDDD');
  await axe.check(page, '/advisor/accept', 'signed in as a student', page.getByRole('alert'));
  axe.expectAllChecked();
});

test('A student’s full pages and an advisor’s pages have no axe violations at phone size', async ({
  page,
  student,
  browser,
}) => {
  // About 25 axe runs of a few seconds each on a busy two-core machine.
  test.setTimeout(300_000);
  await giveData(page.request);
  // An advisor with every scope shared, who has looked once (so the access log has rows).
  const advisorContext = await browser.newContext({ viewport: PHONE });
  const advisorPage = await advisorContext.newPage();
  const advisorAccount = newAccount('advisor');
  await signUpViaApi(advisorPage.request, advisorAccount);
  const invitation = (await ok(
    await page.request.post('/api/sharing/invitations', {
      data: { scopes: { scores: true, plan: true, wellbeing: true, journal: true, story: true } },
    }),
  )) as { code: string };
  const accepted = (await ok(
    await advisorPage.request.post('/api/advisor/invitations/accept', { data: { code: invitation.code } }),
  )) as { studentId: string };

  const axe = new AxeRun('student');
  await page.goto('/');
  await axe.check(page, '/', 'with a plan', page.getByTestId('next-action'));
  // The phone's "More" menu, open: its links are checked too.
  await page.getByRole('navigation', { name: 'Main' }).getByText('More', { exact: true }).click();
  await axe.check(page, '/', 'More menu open', page.locator('.nav-more-list').getByRole('link').first());
  await page.keyboard.press('Escape');
  await page.goto('/profile');
  await axe.check(page, '/profile', 'summary', h1(page, 'Your target and timeline'));

  await page.goto('/postmortem');
  await axe.check(page, '/postmortem', 'causes', page.getByTestId('causes'));

  await page.goto('/plan');
  await axe.check(page, '/plan', 'day', page.getByTestId('day-view'));
  await page.getByRole('navigation', { name: 'Calendar view' }).getByRole('link', { name: 'Week' }).click();
  await axe.check(page, '/plan', 'week', page.getByTestId('week-view'));
  await page.getByRole('navigation', { name: 'Calendar view' }).getByRole('link', { name: 'Month' }).click();
  await axe.check(page, '/plan', 'month', page.getByTestId('month-view'));
  await page.goto('/plan/settings');
  await axe.check(page, '/plan/settings', 'with a plan', h1(page, 'Your plan settings'));
  await page.goto('/plan/print');
  await axe.check(page, '/plan/print', 'a week', page.getByTestId('print-week'));

  await checkEvidenceParts(page, axe, 'exams, blocks, hard check-ins');
  await page.goto('/log');
  await axe.check(page, '/log', 'today’s block', h1(page, 'Log a block'));

  await page.goto('/journal');
  await axe.check(page, '/journal', 'entries', page.getByTestId('journal-entry').first());
  await page
    .getByRole('button', { name: /missed, 3 tagged by system/ })
    .first()
    .click();
  await axe.check(page, '/journal', 'block drafts', page.getByTestId('block-draft').first());
  await page.goto('/journal/review');
  await axe.check(page, '/journal/review', 'card', page.getByTestId('review-card'));
  await page.keyboard.press('Space');
  await axe.check(page, '/journal/review', 'answer shown', page.getByTestId('review-answer'));

  await page.goto('/story');
  await axe.check(page, '/story', 'drafts', h1(page, 'Telling the story of the fail'));

  // The advisor's pages (their reads fill the student's access log).
  const advisorAxe = new AxeRun('advisor');
  await advisorPage.goto('/advisor');
  await advisorAxe.check(advisorPage, '/advisor', 'one student', advisorPage.getByTestId('dashboard-row'));
  await advisorPage.goto(`/advisor/students/${encodeURIComponent(accepted.studentId)}`);
  await advisorAxe.check(advisorPage, '/advisor/students/:id', 'every scope', h1(advisorPage, student.email));
  await advisorPage.goto('/settings');
  await advisorAxe.check(advisorPage, '/settings', '', h1(advisorPage, 'Settings'));
  await advisorPage.goto('/advisor/accept#code=AAAA-BBBB-CCCC-DDDD');
  await advisorAxe.check(advisorPage, '/advisor/accept', 'a code that does not work', advisorPage.getByRole('alert'));

  await page.goto('/sharing');
  await axe.check(page, '/sharing', 'one advisor', page.getByTestId('advisor-access'));
  await page.goto('/sharing/access-log');
  await axe.check(page, '/sharing/access-log', 'reads', page.getByTestId('access-log'));
  await page.goto('/settings');
  await axe.check(page, '/settings', 'with a plan', h1(page, 'Settings'));

  advisorAxe.expectAllChecked();
  await advisorContext.close();
});
