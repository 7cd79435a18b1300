import { SignInPage, SignUpPage } from './page-models/auth-pages.ts';
import { HomePage } from './page-models/home-page.ts';
import { ProfilePage } from './page-models/profile-page.ts';
import { expect, newAccount, serverToday, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';

test('A new student signs up, fixes a past exam date, and sees their target and next step', async ({ page }) => {
  const account = newAccount('student');
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await expect(page).toHaveTitle('Create your account · Comeback');
  await signUp.signUp(account);

  // Given a brand-new student, home points at the profile as the one next step.
  const home = new HomePage(page);
  await home.waitForLoad();
  await expect(page).toHaveURL('/');
  await expect(home.nextAction.getByRole('link')).toHaveCount(1);
  await home.nextAction.getByRole('link').click();

  const profile = new ProfilePage(page);
  await expect(profile.form).toBeVisible();
  const today = await serverToday(page.request);

  // When the exam date is in the past, the error sits beside that field and nothing is saved.
  await profile.fill({
    failCount: '1',
    schoolTypeLabel: 'US MD school',
    specialtyLabel: 'Internal medicine',
    examDate: addDays(today, -7),
  });
  await profile.save();
  await expect(profile.fieldError('examDate')).toContainText('already passed');
  await expect(profile.examDate).toHaveAttribute('aria-invalid', 'true');
  await expect(profile.examDate).toHaveAttribute('aria-describedby', /examDate-error/);
  await expect(profile.errorSummary).toBeVisible();
  const afterError = await page.request.get('/api/profile', { headers: { 'X-Time-Zone': TIME_ZONE } });
  expect((await afterError.json()).profile).toBeNull();

  // When the date is corrected, the summary shows the tier, the planning target, the pass line and the countdown.
  await profile.examDate.fill(addDays(today, 120));
  await profile.save();
  await expect(profile.summary).toBeVisible();
  await expect(profile.fieldError('examDate')).toHaveCount(0);
  await expect(profile.summaryCard('tier')).toContainText('Primary care, internal medicine, pediatrics');
  await expect(profile.summaryCard('tier')).toContainText('230+');
  // Internal medicine: tier target 230 + the default 10-point buffer.
  await expect(profile.summaryCard('planning-target')).toContainText('240');
  await expect(profile.summaryCard('passing')).toContainText('218');
  await expect(profile.summaryCard('days')).toContainText('120 days');
  await expect(page.getByTestId('further-fail-warning')).toBeVisible();

  // Then home shows stage 1 done, the next stage highlighted, and exactly one next action.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await home.waitForLoad();
  await expect(home.stages).toHaveCount(9);
  await expect(home.stage('fail-recorded')).toHaveAttribute('data-status', 'done');
  await expect(home.stage('fail-recorded')).toContainText('Step 1 result recorded');
  await expect(home.currentStage()).toHaveCount(1);
  await expect(home.currentStage()).toHaveAttribute('data-testid', 'stage-postmortem');
  await expect(home.currentStage()).not.toContainText('Coming soon');
  await expect(home.currentStage().getByRole('link', { name: 'Honest postmortem' })).toHaveAttribute(
    'href',
    '/postmortem',
  );
  await expect(home.nextAction.getByRole('link')).toHaveCount(1);
  await expect(home.nextAction.getByRole('link')).toHaveAttribute('href', '/postmortem');
  await expect(home.daysToExam).toContainText('120');
  await expect(page).toHaveTitle('Home · Comeback');
});

test('A visitor who opens a page while signed out signs in and lands back on it', async ({
  page,
  student,
  browser,
}) => {
  // The `student` account exists; a separate, signed-out browser opens /settings.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto('/settings');
  await expect(visitor).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
  const signIn = new SignInPage(visitor);
  await signIn.signIn({ email: 'nobody-here@example.edu', password: 'not the right password' });
  await expect(signIn.errorSummary).toContainText('do not match');
  await signIn.signIn(student);
  await expect(visitor).toHaveURL('/settings');
  await expect(visitor.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await context.close();
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'We cannot find that page' })).toBeVisible();
});

test('A student aiming high after a fail names a backup specialty and raises the buffer', async ({
  page,
  student: _signedIn,
}) => {
  const today = await serverToday(page.request);
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.fill({
    failCount: '1',
    schoolTypeLabel: 'US MD school',
    specialtyLabel: 'Dermatology',
    examDate: addDays(today, 90),
  });
  await profile.save();
  await expect(profile.summaryCard('planning-target')).toContainText('260');
  const backup = page.getByTestId('backup-specialty');
  await expect(backup).toContainText('Name a backup specialty');

  // The prompt opens the form on the backup field.
  await backup.getByRole('button', { name: 'Add a backup specialty' }).click();
  const backupField = page.getByLabel(/Backup specialty/);
  await expect(backupField).toBeFocused();
  await backupField.fill('Internal medicine');
  await page.getByLabel('Safety buffer (points)').fill('15');
  await expect(page.getByText('Planning target: 250 + 15 = 265')).toBeVisible();
  await profile.save();

  await expect(page.getByTestId('profile-saved')).toBeVisible();
  await expect(profile.summaryCard('planning-target')).toContainText('265');
  await expect(backup).toContainText('Your plan B');
  await expect(backup).toContainText('Internal medicine');

  // With no fails on record, the backup question and the second-fail warning go away.
  await page.getByRole('button', { name: 'Edit your answers' }).click();
  await page.getByRole('radio', { name: '0', exact: true }).check();
  await expect(backupField).toHaveCount(0);
  await profile.save();
  await expect(profile.summary).toBeVisible();
  await expect(page.getByTestId('further-fail-warning')).toHaveCount(0);
  await expect(backup).toHaveCount(0);
});

test('When the server cannot answer, home says so and recovers on retry', async ({ page, student: _signedIn }) => {
  await page.route('**/api/journey', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.', requestId: 'req-test' },
      }),
    }),
  );
  await page.goto('/');
  const failure = page.getByRole('alert').filter({ hasText: 'We could not load your progress' });
  await expect(failure).toContainText('Something went wrong on our side.');
  await expect(failure).toContainText('req-test');

  await page.unroute('**/api/journey');
  await failure.getByRole('button', { name: 'Try again' }).click();
  await expect(new HomePage(page).nextAction).toBeVisible();
  await expect(failure).toHaveCount(0);
});
