import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';

/** Plan settings for tests: a rotation on weekdays, a smaller bank so plans fit short windows. */
export function buildPlanSettings(overrides: Partial<PlanSettings> = {}): PlanSettings {
  return {
    ...DEFAULT_PLAN_SETTINGS,
    protectedTime: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00', label: 'Rotation' })),
    questionBank: { ...DEFAULT_PLAN_SETTINGS.questionBank, questionsLeft: 2000 },
    ...overrides,
  };
}
