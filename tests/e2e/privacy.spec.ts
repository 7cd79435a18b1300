import { ProfilePage } from './page-models/profile-page.ts';
import { expect, newAccount, saveProfileViaApi, serverToday, signUpViaApi, test, TIME_ZONE } from './fixtures.ts';
import { addDays } from './support/dates.ts';

test("A second student cannot see or change the first student's profile", async ({ page, student, browser }) => {
  // Student A (this page) saves a profile through the form.
  const today = await serverToday(page.request);
  const examDateA = addDays(today, 200);
  const profileA = new ProfilePage(page);
  await profileA.goto();
  await profileA.fill({
    failCount: '1',
    schoolTypeLabel: 'US DO school',
    specialtyLabel: 'Dermatology',
    backupSpecialty: 'Pathology',
    examDate: examDateA,
    bufferPoints: 12,
  });
  await profileA.save();
  await expect(profileA.summaryCard('planning-target')).toContainText('262');

  // Student B, in a separate browser, sees an empty form with none of A's answers.
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  const studentB = newAccount('student');
  await signUpViaApi(pageB.request, studentB);
  const profileB = new ProfilePage(pageB);
  await profileB.goto();
  await expect(pageB.getByRole('heading', { level: 1, name: 'Set up your profile' })).toBeVisible();
  await expect(profileB.summary).toHaveCount(0);
  await expect(profileB.specialty).toHaveValue('');
  await expect(profileB.examDate).toHaveValue('');
  await expect(pageB.getByLabel('Safety buffer (points)')).toHaveValue('10');
  await expect(pageB.getByText('Pathology')).toHaveCount(0);

  // B's API calls touch only B's own profile.
  const getB = await pageB.request.get('/api/profile', { headers: { 'X-Time-Zone': TIME_ZONE } });
  expect(getB.status()).toBe(200);
  expect((await getB.json()).profile).toBeNull();
  const savedB = await saveProfileViaApi(pageB.request, {
    failCount: '2+',
    specialty: 'pediatrics',
    schoolType: 'img',
    timeZone: TIME_ZONE,
    examDate: addDays(today, 60),
    reviewStartDate: addDays(today, 300),
    bufferPoints: 15,
  });
  expect(savedB.profile.specialty).toBe('pediatrics');

  // A still sees exactly A's answers.
  await profileA.goto();
  await expect(profileA.summary).toContainText('Dermatology');
  await expect(profileA.summaryCard('planning-target')).toContainText('262');
  const getA = await page.request.get('/api/profile', { headers: { 'X-Time-Zone': TIME_ZONE } });
  const bodyA = await getA.json();
  expect(bodyA.profile).toMatchObject({
    specialty: 'dermatology',
    examDate: examDateA,
    backupSpecialty: 'Pathology',
    bufferPoints: 12,
    schoolType: 'us-do',
  });
  expect(student.email).not.toBe(studentB.email);
  await contextB.close();

  // An advisor gets no student data at all, and no student screens.
  const contextAdvisor = await browser.newContext();
  const pageAdvisor = await contextAdvisor.newPage();
  await signUpViaApi(pageAdvisor.request, newAccount('advisor'));
  const forbidden = await pageAdvisor.request.get('/api/profile', { headers: { 'X-Time-Zone': TIME_ZONE } });
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.code).toBe('FORBIDDEN');
  await pageAdvisor.goto('/profile');
  await expect(pageAdvisor).toHaveURL('/advisor');
  await expect(pageAdvisor.getByRole('heading', { level: 1, name: 'Your students' })).toBeVisible();
  const nav = pageAdvisor.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Profile' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Home' })).toHaveCount(0);
  await contextAdvisor.close();
});
