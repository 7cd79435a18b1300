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

/** The evidence page's parts, by the label of their link and the end of their address. */
export const EVIDENCE_PARTS = {
  Overview: '',
  'Practice exams': '/exams',
  'Question bank': '/bank',
  'Weak areas': '/weak-areas',
  Endurance: '/endurance',
  Wellbeing: '/wellbeing',
} as const;
export type EvidencePartLabel = keyof typeof EVIDENCE_PARTS;

/**
 * /evidence and its parts (issue 13): the overview (verdict, predicted score, next practice exam,
 * the result after the exam) and Practice exams (the chart, the form, the list), Question bank,
 * Weak areas, Endurance and Wellbeing, each at its own address.
 */
export class EvidencePage {
  readonly parts: Locator;
  readonly verdict: Locator;
  readonly reasons: Locator;
  readonly proposal: Locator;
  readonly prediction: Locator;
  readonly nextExam: Locator;
  readonly examsVerdict: Locator;
  readonly chart: Locator;
  readonly chartSvg: Locator;
  readonly examForm: Locator;
  readonly examRows: Locator;
  readonly helpPrompt: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.parts = page.getByRole('navigation', { name: 'Parts of this page' });
    this.verdict = page.getByTestId('readiness-verdict');
    this.reasons = this.verdict.getByTestId('reason');
    this.proposal = page.getByTestId('delay-proposal');
    this.prediction = page.getByTestId('prediction');
    this.nextExam = page.getByTestId('next-exam');
    this.examsVerdict = page.getByTestId('exams-verdict');
    this.chart = page.getByTestId('score-chart');
    this.chartSvg = this.chart.locator('svg.recharts-surface');
    this.examForm = page.getByRole('form', { name: 'Log a practice exam' });
    this.examRows = page.getByTestId('practice-exam-row');
    this.helpPrompt = page.getByTestId('help-prompt');
    this.errorSummary = page.getByTestId('error-summary');
  }

  /** Loads a part by its address (the overview by default) and waits for its numbers. */
  async goto(part: EvidencePartLabel = 'Overview') {
    await this.page.goto(`/evidence${EVIDENCE_PARTS[part]}`);
    await this.expectPart(part);
  }

  /** Opens a part with its link, as a student does. */
  async open(part: EvidencePartLabel) {
    await this.partLink(part).click();
    await this.expectPart(part);
  }

  partLink(part: EvidencePartLabel): Locator {
    return this.parts.getByRole('link', { name: part, exact: true });
  }

  /** The part's link is marked current and its numbers are on screen (not the skeleton). */
  async expectPart(part: EvidencePartLabel) {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Scores and readiness' })).toBeVisible();
    await expect(this.partLink(part)).toHaveAttribute('aria-current', 'page');
    await expect(this.page.locator('.evidence-part')).toBeVisible();
  }

  /** Logs a practice exam through the form (in Practice exams) and waits for it in the list. */
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
