import { expect, type Locator, type Page } from '@playwright/test';

export type BlockEntry = {
  bank?: 'UWorld' | 'AMBOSS' | 'Other';
  mode?: 'Timed' | 'Tutor';
  /** A quick size (40 or 20) taps its button; any other number is typed. */
  questions?: number;
  correct: number;
  minutes?: number;
  /** Chip labels as shown ("Cardiovascular", "Medicine"), one tap per entry. */
  misses?: string[];
};

/** /log: the quick block form, its toast and the day's blocks. */
export class LogBlockPage {
  readonly form: Locator;
  readonly toast: Locator;
  readonly submit: Locator;
  readonly loggedBlocks: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Log a block' });
    this.toast = page.getByTestId('toast');
    this.submit = this.form.getByRole('button', { name: 'Log block' });
    this.loggedBlocks = page.getByTestId('block-row');
    this.errorSummary = page.getByTestId('error-summary');
  }

  async goto() {
    await this.page.goto('/log');
    await expect(this.form).toBeVisible();
  }

  choice(group: 'Bank' | 'Mode', label: string): Locator {
    return this.form.getByRole('group', { name: group }).getByRole('radio', { name: label, exact: true });
  }

  /** The "+ one miss" button of an area chip, by its short label. */
  missChip(label: string): Locator {
    return this.form.getByRole('button', { name: new RegExp(`^${label}: add a missed`) });
  }

  async fill(entry: BlockEntry) {
    if (entry.bank) await this.choice('Bank', entry.bank).check();
    if (entry.mode) await this.choice('Mode', entry.mode).check();
    if (entry.questions === 40 || entry.questions === 20) {
      await this.form.getByRole('button', { name: `${entry.questions} questions`, exact: true }).click();
    } else if (entry.questions !== undefined) {
      await this.page.locator('#log-questions').fill(String(entry.questions));
    }
    await this.page.locator('#log-correct').fill(String(entry.correct));
    if (entry.minutes !== undefined) await this.page.locator('#log-minutes').fill(String(entry.minutes));
    for (const miss of entry.misses ?? []) await this.missChip(miss).click();
  }

  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`);
  }
}

/** /evidence: verdict, prediction and chart, practice exams, question bank, weak areas, endurance, wellbeing. */
export class EvidencePage {
  readonly verdict: Locator;
  readonly reasons: Locator;
  readonly proposal: Locator;
  readonly prediction: Locator;
  readonly chart: Locator;
  readonly chartSvg: Locator;
  readonly examForm: Locator;
  readonly examRows: Locator;
  readonly helpPrompt: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.verdict = page.getByTestId('readiness-verdict');
    this.reasons = this.verdict.getByTestId('reason');
    this.proposal = page.getByTestId('delay-proposal');
    this.prediction = page.getByTestId('prediction');
    this.chart = page.getByTestId('score-chart');
    this.chartSvg = this.chart.locator('svg.recharts-surface');
    this.examForm = page.getByRole('form', { name: 'Log a practice exam' });
    this.examRows = page.getByTestId('practice-exam-row');
    this.helpPrompt = page.getByTestId('help-prompt');
    this.errorSummary = page.getByTestId('error-summary');
  }

  async goto() {
    await this.page.goto('/evidence');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Scores and readiness' })).toBeVisible();
  }

  /** Logs a practice exam through the form and waits for it in the list. */
  async logPracticeExam({ form, date, result }: { form: string; date: string; result: number }) {
    const before = await this.examRows.count();
    await this.examForm.getByLabel('Practice exam').selectOption({ label: form });
    await this.examForm.getByLabel('Date taken').fill(date);
    await this.page.locator('#pe-result').fill(String(result));
    await this.examForm.getByRole('button', { name: 'Log practice exam' }).click();
    await expect(this.examRows).toHaveCount(before + 1);
  }

  async expectVerdict(verdict: 'proceed' | 'delay' | 'not-ready') {
    await expect(this.verdict).toHaveAttribute('data-verdict', verdict);
  }

  reason(rule: 'latest-near-target' | 'two-at-target' | 'clear-of-passing-line' | 'full-length-day'): Locator {
    return this.verdict.locator(`[data-rule="${rule}"]`);
  }
}
