import { expect, test } from './fixtures.ts';
import { AxeRun, ROUTE_COVERAGE, routePaths } from './support/a11y.ts';
import { PHONE } from './support/screens.ts';

// Issue 13's proof: axe (WCAG 2.0/2.1 A and AA) finds nothing on any page at phone size. This file
// holds the route list check and the signed-out pages; a11y.clock.spec.ts checks the students' and
// advisors' pages on a pinned day.

test('Every route in the web app’s route table is checked by axe or listed with a reason', () => {
  const routes = routePaths();
  expect(routes.length, 'routes read from src/web/app/router.tsx').toBeGreaterThan(10);
  const listed = Object.keys(ROUTE_COVERAGE).sort();
  expect(
    routes.filter((route) => !listed.includes(route)),
    'routes missing from ROUTE_COVERAGE in tests/e2e/support/a11y.ts (add who sees them, and check them)',
  ).toEqual([]);
  expect(
    listed.filter((route) => !routes.includes(route)),
    'routes in ROUTE_COVERAGE that the router no longer has',
  ).toEqual([]);
});

test('Signed-out pages have no axe violations at phone size', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const axe = new AxeRun('visitor');

  await page.goto('/sign-in');
  await axe.check(page, '/sign-in', '', page.getByRole('heading', { level: 1, name: 'Sign in' }));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await axe.check(page, '/sign-in', 'errors', page.getByTestId('error-summary'));

  await page.goto('/sign-up');
  await axe.check(page, '/sign-up', '', page.getByRole('heading', { level: 1, name: 'Create your account' }));
  await page.getByRole('button', { name: 'Create account' }).click();
  await axe.check(page, '/sign-up', 'errors', page.getByTestId('error-summary'));

  await page.goto('/no-such-page');
  await axe.check(page, '/*', 'not found', page.getByRole('heading', { level: 1, name: 'We cannot find that page' }));

  axe.expectAllChecked();
  await context.close();
});
