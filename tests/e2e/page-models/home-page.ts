import { expect, type Locator, type Page } from '@playwright/test';

export class HomePage {
  readonly stages: Locator;
  readonly nextAction: Locator;
  readonly daysToExam: Locator;

  constructor(readonly page: Page) {
    this.stages = page.getByTestId('stages').getByRole('listitem');
    this.nextAction = page.getByTestId('next-action');
    this.daysToExam = page.getByTestId('days-to-exam');
  }

  async goto() {
    await this.page.goto('/');
    await this.waitForLoad();
  }

  async waitForLoad() {
    await expect(this.nextAction).toBeVisible();
  }

  stage(id: string): Locator {
    return this.page.getByTestId(`stage-${id}`);
  }

  currentStage(): Locator {
    return this.page.locator('[data-testid^="stage-"][aria-current="step"]');
  }
}
