import type { Migration } from 'kysely';
import * as m202611242330 from './202611242330_accounts_and_profiles.ts';
import * as m202611250000 from './202611250000_plans_feeds_postmortems.ts';
import * as m202611250100 from './202611250100_evidence.ts';
import * as m202612010000 from './202612010000_plan_item_identity.ts';
import * as m202612010100 from './202612010100_auth_hardening.ts';
import * as m202612010200 from './202612010200_exact_numbers.ts';
import * as m202612010300 from './202612010300_feed_single_active.ts';
import * as m202612010400 from './202612010400_journal.ts';
import * as m202612010500 from './202612010500_export_runs.ts';
import * as m202612010600 from './202612010600_exam_outcomes.ts';
import * as m202612010700 from './202612010700_advisors.ts';
import * as m202612010800 from './202612010800_story.ts';
import * as m202612010900 from './202612010900_countermeasures.ts';
import * as m202612011000 from './202612011000_journal_signals.ts';
import * as m202612011100 from './202612011100_plan_reflow.ts';
import * as m202612011200 from './202612011200_idempotency.ts';
import * as m202612011300 from './202612011300_journal_speed.ts';
import * as m202612011400 from './202612011400_advisor_speed.ts';
import * as m202612011500 from './202612011500_offline_conflicts.ts';
import * as m202612011600 from './202612011600_dashboard_full_length.ts';
import * as m202612011700 from './202612011700_dashboard_revisions.ts';

/** Every migration, by name; names sort in the order they run. Add new files here. */
export const migrations: Record<string, Migration> = {
  '202611242330_accounts_and_profiles': m202611242330,
  '202611250000_plans_feeds_postmortems': m202611250000,
  '202611250100_evidence': m202611250100,
  '202612010000_plan_item_identity': m202612010000,
  '202612010100_auth_hardening': m202612010100,
  '202612010200_exact_numbers': m202612010200,
  '202612010300_feed_single_active': m202612010300,
  '202612010400_journal': m202612010400,
  '202612010500_export_runs': m202612010500,
  '202612010600_exam_outcomes': m202612010600,
  '202612010700_advisors': m202612010700,
  '202612010800_story': m202612010800,
  '202612010900_countermeasures': m202612010900,
  '202612011000_journal_signals': m202612011000,
  '202612011100_plan_reflow': m202612011100,
  '202612011200_idempotency': m202612011200,
  '202612011300_journal_speed': m202612011300,
  '202612011400_advisor_speed': m202612011400,
  '202612011500_offline_conflicts': m202612011500,
  '202612011600_dashboard_full_length': m202612011600,
  '202612011700_dashboard_revisions': m202612011700,
};
