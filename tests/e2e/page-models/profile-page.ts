import { expect, type Locator, type Page } from '@playwright/test';

export type ProfileAnswers = {
  failCount: '0' | '1' | '2 or more';
  specialtyLabel: string;
  schoolTypeLabel: string;
  examDate: string;
  bufferPoints?: number;
  backupSpecialty?: string;
};

export class ProfilePage {
  readonly form: Locator;
  readonly summary: Locator;
  readonly saveButton: Locator;
  readonly errorSummary: Locator;
  readonly examDate: Locator;
  readonly specialty: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Your profile' });
    this.summary = page.getByTestId('risk-summary');
    this.saveButton = page.getByRole('button', { name: /^(Save and see my target|Save changes)$/ });
    this.errorSummary = page.getByTestId('error-summary');
    this.examDate = page.getByLabel('Planned Step 2 CK date');
    this.specialty = page.getByLabel('Specialty you are aiming for');
  }

  async goto() {
    await this.page.goto('/profile');
    await expect(this.form.or(this.summary)).toBeVisible();
  }

  async fill(answers: ProfileAnswers) {
    await this.form.getByRole('radio', { name: answers.failCount, exact: true }).check();
    await this.page.getByLabel('Your school').selectOption({ label: answers.schoolTypeLabel });
    await this.specialty.selectOption({ label: answers.specialtyLabel });
    if (answers.backupSpecialty !== undefined) {
      await this.page.getByLabel(/Backup specialty/).fill(answers.backupSpecialty);
    }
    if (answers.bufferPoints !== undefined) {
      await this.page.getByLabel('Safety buffer (points)').fill(String(answers.bufferPoints));
    }
    await this.examDate.fill(answers.examDate);
  }

  async save() {
    await this.saveButton.click();
  }

  /** The error shown beside a field (the element its aria-describedby points at). */
  fieldError(fieldId: string): Locator {
    return this.page.locator(`#${fieldId}-error`);
  }

  summaryCard(name: 'tier' | 'planning-target' | 'passing' | 'days' | 'match' | 'release'): Locator {
    return this.page.getByTestId(`summary-${name}`);
  }
}
