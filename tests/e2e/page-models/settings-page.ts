import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class SettingsPage {
  readonly heading: Locator;
  readonly exportLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    this.exportLink = page.getByRole('link', { name: 'Download my data' });
  }

  async goto() {
    await this.page.goto('/settings');
    await expect(this.heading).toBeVisible();
  }

  async downloadExport(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportLink.click()]);
    return download;
  }

  async changePassword(currentPassword: string, newPassword: string) {
    const form = this.page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill(currentPassword);
    await form.getByLabel('New password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
  }

  async deleteAccount(password: string, options: { confirm: boolean } = { confirm: true }) {
    const form = this.page.getByRole('form', { name: 'Delete my account' });
    await form.getByLabel('Your password').fill(password);
    if (options.confirm) await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Delete my account' }).click();
  }
}
