import { expect, type Locator, type Page } from '@playwright/test';

/** The private calendar link section, on /plan and on /settings. */
export class CalendarFeedSection {
  readonly section: Locator;
  readonly url: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('calendar-feed');
    this.url = this.section.getByLabel('Your private calendar link');
    this.status = this.section.getByTestId('feed-status');
  }

  async makeLink() {
    await this.section.getByRole('button', { name: 'Make my private link' }).click();
    await expect(this.url).toBeVisible();
  }
}
