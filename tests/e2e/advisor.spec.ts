import path from 'node:path';
import { expect, newAccount, saveProfileViaApi, serverToday, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';
import { capture, LAPTOP, PHONE } from './support/screens.ts';

/** Pictures of these pages for a person to look at (issue 12), in test-results/advisor-shots. */
const SHOTS_DIR = 'advisor-shots';

test('A student invites an advisor, shares wellbeing, revokes, and reads who looked', async ({
  page,
  student,
  browser,
}) => {
  // The student has an exam date and two practice exams, the latest 14 points under the one before.
  const today = await serverToday(page.request);
  await saveProfileViaApi(page.request, {
    failCount: '1',
    specialty: 'internal-medicine',
    schoolType: 'us-md',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 90),
    reviewStartDate: addDays(today, 300),
    bufferPoints: 10,
  });
  for (const [form, days, score] of [
    ['NBME11', -20, 238],
    ['NBME12', -6, 224],
  ] as const) {
    const logged = await page.request.post('/api/evidence/practice-exams', {
      data: { form, date: addDays(today, days), score },
    });
    expect(logged.status(), await logged.text()).toBe(201);
  }
  // Three hard days in a row: the student's own help prompt rule (3 of the last 4 check-in days).
  for (const days of [-2, -1, 0]) {
    const checkedIn = await page.request.post('/api/evidence/wellbeing', {
      data: { date: addDays(today, days), sleepHours: 5.5, stress: 4, mood: 2 },
    });
    expect(checkedIn.status(), await checkedIn.text()).toBe(201);
  }

  // The student makes an invitation from the Advisors page; the code is shown once.
  await page.goto('/sharing');
  await expect(page.getByRole('heading', { level: 1, name: 'Advisors' })).toBeVisible();
  await expect(page.getByLabel('Wellbeing check-ins')).not.toBeChecked();
  await expect(page.getByText(/Wellbeing check-ins are health information/)).toBeVisible();
  await page.setViewportSize(PHONE);
  await capture(page, path.join('..', SHOTS_DIR, 'sharing-invite'), PHONE, { resize: false });
  await page.getByRole('button', { name: 'Make an invitation code' }).click();
  const code = (await page.getByTestId('invite-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const link = (await page.getByTestId('invite-link').textContent())!.trim();
  expect(link).toContain(`/advisor/accept#code=${code}`);
  await capture(page, path.join('..', SHOTS_DIR, 'sharing-code'), PHONE, { resize: false });

  // The advisor, signed out, opens the link, signs in, and lands on the student's page with a flag.
  const advisorContext = await browser.newContext();
  const advisorPage = await advisorContext.newPage();
  const advisor = newAccount('advisor');
  await signUpViaApi(advisorPage.request, advisor);
  await advisorPage.request.post('/api/auth/sign-out');
  await advisorPage.goto(new URL(link).pathname + new URL(link).hash);
  await expect(advisorPage).toHaveURL(/\/sign-in/);
  // The sign-in page says what the link is, not only "sign in to see that page".
  await expect(advisorPage.getByTestId('invitation-notice')).toContainText('You were invited to follow a student');
  await expect(advisorPage.getByTestId('invitation-notice')).toContainText('their page opens right after');
  await expect(advisorPage.getByText('Sign in to see that page.')).toHaveCount(0);
  await advisorPage.getByLabel('Email').fill(advisor.email);
  await advisorPage.getByLabel('Password', { exact: true }).fill(advisor.password);
  await advisorPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(advisorPage).toHaveURL(/\/advisor\/students\//);
  await expect(advisorPage.getByRole('heading', { level: 1, name: student.email })).toBeVisible();
  await expect(advisorPage.getByTestId('flag').first()).toContainText('Scores drifting down');
  await expect(advisorPage.getByText('Wellbeing check-ins: not shared by this student.')).toBeVisible();

  // The dashboard lists the student with the flag and its reason.
  await advisorPage.getByRole('link', { name: 'All students' }).click();
  const row = advisorPage.getByTestId('dashboard-row').filter({ hasText: student.email });
  await expect(row).toContainText('Scores drifting down');
  await expect(row).toContainText('14 points under');
  await expect(advisorPage.getByTestId('cohort-hidden')).toBeVisible();
  await advisorPage.setViewportSize(LAPTOP);
  await capture(advisorPage, path.join('..', SHOTS_DIR, 'advisor-dashboard'), LAPTOP, { resize: false });
  await advisorPage.setViewportSize(PHONE);
  await capture(advisorPage, path.join('..', SHOTS_DIR, 'advisor-dashboard'), PHONE, { resize: false });

  // The student switches wellbeing on: the advisor's next page load shows it and its flag.
  await page.reload();
  const access = page.getByTestId('advisor-access').filter({ hasText: advisor.email });
  await access.getByLabel('Wellbeing check-ins').check();
  await expect(access.getByRole('status')).toContainText('Wellbeing check-ins: shared');
  await advisorPage.reload();
  await expect(advisorPage.getByTestId('dashboard-row').filter({ hasText: student.email })).toContainText(
    'Wellbeing low',
  );
  await advisorPage.getByRole('link', { name: student.email }).click();
  await expect(advisorPage.getByRole('heading', { name: 'Wellbeing' })).toBeVisible();
  // The verdict's text is the student's own ("your predicted score…"), set off as what they read.
  await expect(advisorPage.getByText('What the student reads on their own page:')).toBeVisible();
  await expect(advisorPage.getByTestId('advisor-student-headline')).toContainText('your');
  await expect(advisorPage.getByRole('cell', { name: '5.5 h' }).first()).toBeVisible();
  await advisorPage.setViewportSize(LAPTOP);
  await capture(advisorPage, path.join('..', SHOTS_DIR, 'advisor-student'), LAPTOP, { resize: false });
  await advisorPage.setViewportSize(PHONE);
  await capture(advisorPage, path.join('..', SHOTS_DIR, 'advisor-student'), PHONE, { resize: false });
  // Beside their check-ins, the student reads who sees them now.
  await page.goto('/evidence/wellbeing');
  await expect(page.getByTestId('wellbeing-shared-with')).toContainText(
    `You share your check-ins with ${advisor.email}`,
  );
  await page.goto('/sharing');

  // The student ends the advisor's access; the advisor's next request is refused.
  page.once('dialog', (dialog) => void dialog.accept());
  await access.getByRole('button', { name: 'End access' }).click();
  await expect(page.getByText('No advisor sees anything of yours.')).toBeVisible();
  await advisorPage.reload();
  await expect(advisorPage.getByRole('alert')).toContainText('No student by that id shares anything with you');
  await expect(advisorPage.getByText('5.5 h')).toHaveCount(0);
  const refused = await advisorPage.request.get(
    `/api/advisor/students/${encodeURIComponent(advisorPage.url().split('/').pop()!)}`,
  );
  expect(refused.status()).toBe(404);
  await advisorPage.goto('/advisor');
  await expect(advisorPage.getByTestId('advisor-empty')).toBeVisible();

  // The student reads the access log: the advisor's reads, with what each showed.
  await page.getByRole('link', { name: 'your access log' }).click();
  const log = page.getByTestId('access-log');
  await expect(log).toContainText(advisor.email);
  await expect(log).toContainText('Wellbeing check-ins');
  await expect(log).toContainText('Your page');
  await expect(log).toContainText('Dashboard');
  await page.setViewportSize(LAPTOP);
  await capture(page, path.join('..', SHOTS_DIR, 'access-log'), LAPTOP, { resize: false });
  await page.setViewportSize(PHONE);
  await capture(page, path.join('..', SHOTS_DIR, 'access-log'), PHONE, { resize: false });
  const download = await page.request.get('/api/sharing/access-log.csv');
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain(advisor.email);
  await advisorContext.close();
});

test('An advisor without an account opens an invitation link and is told what it is on sign-up too', async ({
  page,
}) => {
  await page.goto('/advisor/accept#code=AAAA-BBBB-CCCC-DDDD');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadvisor%2Faccept/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Fadvisor%2Faccept/);
  await expect(page.getByTestId('invitation-notice')).toContainText(
    'Create an advisor account, and their page opens right after.',
  );
  await expect(page.getByRole('radio', { name: /I’m an advisor/ })).toBeChecked();
});
