import type { Countermeasures } from '#domain/postmortem/countermeasures.ts';

/** GET /api/plan/defaults: the settings a new plan starts from, with the postmortem's changes. */
export type PlanDefaultsResponse = Countermeasures & { hasPostmortem: boolean };
