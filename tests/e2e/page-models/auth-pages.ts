import { expect, type Locator, type Page } from '@playwright/test';
import type { Account } from '../fixtures.ts';

export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly errorSummary: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in' });
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.errorSummary = page.getByTestId('error-summary');
    this.notice = page.getByTestId('sign-in-notice');
  }

  async goto() {
    await this.page.goto('/sign-in');
    await expect(this.heading).toBeVisible();
  }

  async signIn(account: Pick<Account, 'email' | 'password'>) {
    await this.email.fill(account.email);
    await this.password.fill(account.password);
    await this.submit.click();
  }
}

export class SignUpPage {
  readonly heading: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Create your account' });
    this.errorSummary = page.getByTestId('error-summary');
  }

  async goto() {
    await this.page.goto('/sign-up');
    await expect(this.heading).toBeVisible();
  }

  async signUp(account: Account) {
    await this.page.getByLabel('Email').fill(account.email);
    await this.page.getByLabel('Password', { exact: true }).fill(account.password);
    await this.page
      .getByRole('radio', { name: account.role === 'advisor' ? /^I’m an advisor/ : /^I’m a student/ })
      .check();
    await this.page.getByRole('button', { name: 'Create account' }).click();
  }
}
