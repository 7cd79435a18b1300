import { expect, type Locator, type Page } from '@playwright/test';

/** The postmortem: the stepper, its questions by prompt, and the results. */
export class PostmortemPage {
  readonly form: Locator;
  readonly sectionTitle: Locator;
  readonly nextButton: Locator;
  readonly backButton: Locator;
  readonly submitButton: Locator;
  readonly errorSummary: Locator;
  readonly results: Locator;
  readonly causes: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Postmortem questions' });
    this.sectionTitle = page.locator('#pm-section-title');
    this.nextButton = page.getByRole('button', { name: /^Next/ });
    this.backButton = page.getByRole('button', { name: 'Back', exact: true });
    this.submitButton = page.getByRole('button', { name: 'See my causes' });
    this.errorSummary = page.getByTestId('error-summary');
    this.results = page.locator('#causes');
    this.causes = page.getByTestId('causes').locator(':scope > li');
  }

  async goto() {
    await this.page.goto('/postmortem');
    await expect(this.form.or(this.results)).toBeVisible();
  }

  /** A question block (fieldset or field) by its id, which is the answer's dot path. */
  question(id: string): Locator {
    return this.page.locator(`[data-question="${id}"]`);
  }

  async choose(questionId: string, label: string | RegExp) {
    await this.question(questionId).getByRole('radio', { name: label }).check();
  }

  async tick(questionId: string, label: string) {
    await this.question(questionId).getByRole('checkbox', { name: label, exact: true }).check();
  }

  async fill(questionId: string, value: string) {
    await this.question(questionId).locator('input, textarea').first().fill(value);
  }

  async next() {
    await this.nextButton.click();
  }

  async expectSection(title: string) {
    await expect(this.sectionTitle).toHaveText(title);
  }

  /** The error shown beside a question (or beside one of its rows). */
  errorFor(questionId: string): Locator {
    return this.question(questionId).locator('.field-error');
  }

  cause(id: string): Locator {
    return this.page.getByTestId(`cause-${id}`);
  }
}
