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
};
