import { expect, type Locator, type Page } from '@playwright/test';

/** The plan settings form. */
export class PlanSettingsPage {
  readonly form: Locator;
  readonly changes: Locator;
  readonly infeasible: Locator;
  readonly submitButton: Locator;
  /** Asks before saving a setting the postmortem set, changed back. */
  readonly confirmUndone: Locator;
  readonly presets: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Plan settings' });
    this.changes = page.getByTestId('postmortem-changes');
    this.infeasible = page.getByTestId('plan-infeasible');
    this.submitButton = page.getByRole('button', { name: /^(Build my plan|Save and re-plan from today)$/ });
    this.confirmUndone = page.getByTestId('countermeasure-confirm');
    this.presets = page.getByTestId('rotation-presets');
  }

  async goto() {
    await this.page.goto('/plan/settings');
    await expect(this.form).toBeVisible();
  }

  /** An input by its settings path, e.g. `settings.questionBank.questionsLeft`. */
  field(path: string): Locator {
    return this.page.locator(`#f-${path.replace(/\./g, '-')}`);
  }

  fieldError(path: string): Locator {
    return this.page.locator(`#f-${path.replace(/\./g, '-')}-error`);
  }
}

/** The calendar: summary, banners, the three views and the links. */
export class PlanPage {
  readonly summary: Locator;
  readonly missedBanner: Locator;
  readonly replanButton: Locator;
  readonly monthView: Locator;
  readonly weekView: Locator;
  readonly dayView: Locator;
  readonly items: Locator;
  readonly calendarTitle: Locator;

  constructor(readonly page: Page) {
    this.summary = page.getByTestId('plan-summary');
    this.missedBanner = page.getByTestId('missed-banner');
    this.replanButton = page.getByRole('button', { name: 'Re-plan from today' });
    this.monthView = page.getByTestId('month-view');
    this.weekView = page.getByTestId('week-view');
    this.dayView = page.getByTestId('day-view');
    this.items = this.dayView.getByTestId('plan-item');
    this.calendarTitle = page.locator('#calendar-title');
  }

  async goto(query = '') {
    await this.page.goto(`/plan${query}`);
    await expect(this.summary).toBeVisible();
  }

  async showView(label: 'Day' | 'Week' | 'Month') {
    await this.page.getByRole('navigation', { name: 'Calendar view' }).getByRole('link', { name: label }).click();
  }

  /** Marks every item of the day on screen that can be marked, one tap each. */
  async markAllDone() {
    const count = await this.items.count();
    for (let i = 0; i < count; i++) {
      const item = this.items.nth(i);
      const done = item.getByRole('button', { name: /^Done/ });
      if ((await done.count()) === 0) continue;
      await done.click();
      await expect(item).toHaveAttribute('data-status', 'done');
    }
  }

  monthCell(date: string): Locator {
    return this.monthView.locator(`td[data-date="${date}"]`);
  }
}
