import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL (DESIGN.md): ids are app-made
 * text, calendar dates are YYYY-MM-DD text, instants are UTC ISO-8601 text, booleans are 0/1.
 */
export type UsersTable = {
  id: string;
  email: string;
  password_hash: string;
  role: 'student' | 'advisor';
  created_at: string;
  password_changed_at: string;
  /** Raised by every password change; a session is valid only while it carries the same number. */
  password_version: Generated<number>;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string | null;
  /** The user's password_version when the session was made (from the hash that sign-in verified). */
  password_version: Generated<number>;
};

export type LoginFailuresTable = {
  id: string;
  email: string;
  ip: string;
  attempted_at: string;
  /**
   * 'password' (sign-in or confirmation), 'sign-up', or 'invitation' (an advisor's invitation code,
   * `email` the advisor's): each kind has its own limit.
   */
  kind: Generated<'password' | 'sign-up' | 'invitation'>;
};

export type ProfilesTable = {
  user_id: string;
  fail_count: string;
  specialty: string;
  other_specialty_name: string | null;
  other_tier: string | null;
  backup_specialty: string | null;
  school_type: string;
  time_zone: string;
  exam_date: string;
  review_start_date: string;
  buffer_points: number;
  counselling_contact?: string | null;
  created_at: string;
  updated_at: string;
};

export type PlansTable = {
  user_id: string;
  start_date: string;
  exam_date: string;
  settings_json: string;
  summary_json: string;
  warnings_json: string;
  created_at: string;
  updated_at: string;
};

export type PlanItemsTable = {
  user_id: string;
  id: string;
  date: string;
  kind: string;
  title: string;
  start_time: string;
  end_time: string;
  minutes: number;
  questions: number | null;
  form: string | null;
  status: string | null;
  status_at: string | null;
  /** RFC 5545 SEQUENCE of the item's calendar event; raised when a re-plan changes the item. */
  sequence: Generated<number>;
  /** When a re-plan created or last changed the item (UTC ISO); null for items from before. */
  changed_at: string | null;
};

/** Ids a re-plan took out of a student's plan, kept for a while so a late tick gets a clear 409. */
export type PlanItemRemovalsTable = { user_id: string; id: string; removed_at: string };

export type CalendarFeedsTable = {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_read_at: string | null;
};

export type PostmortemsTable = {
  user_id: string;
  answers_json: string;
  created_at: string;
  updated_at: string;
  /** When the student confirmed the support the postmortem asked for (202612010900); null until then. */
  support_confirmed_at: string | null;
};

/** The calendar reminder a student chose (202612010900); no row is no reminder. */
export type CalendarSettingsTable = {
  user_id: string;
  reminder: string;
  updated_at: string;
};

export type QbankBlocksTable = {
  id: string;
  user_id: string;
  date: string;
  bank: string;
  mode: string;
  questions: number;
  correct: number;
  minutes: number;
  systems_missed_json: string;
  disciplines_missed_json: string;
  plan_item_id: string | null;
  created_at: string;
};

export type PracticeExamsTable = {
  id: string;
  user_id: string;
  form: string;
  date: string;
  score: number | null;
  percent_correct: number | null;
  breakdown_json: string;
  created_at: string;
};

export type WellbeingCheckinsTable = {
  id: string;
  user_id: string;
  date: string;
  sleep_hours: number;
  stress: number;
  mood: number;
  note: string | null;
  created_at: string;
};

export type FullLengthDaysTable = { id: string; user_id: string; date: string; created_at: string };

export type JournalEntriesTable = {
  id: string;
  user_id: string;
  bank: string;
  question_id: string | null;
  system: string | null;
  discipline: string | null;
  error_type: string;
  key_point: string;
  wrong_options_json: string;
  teaching_point: string | null;
  rule_json: string | null;
  confidence: string | null;
  block_id: string | null;
  card_json: string;
  due_at: string;
  created_at: string;
  updated_at: string;
  /**
   * card_json's due instant, stability, last review (epoch ms) and state, for the queue's read
   * (migration 202612011000). Written with every card; null only on a row written without them.
   */
  due_ms: number | null;
  stability: number | null;
  last_review_ms: number | null;
  card_state: number | null;
  /** card_json's lapses, for the weak-area ranking's repeat misses. */
  card_lapses: number | null;
};

export type JournalReviewsTable = {
  id: string;
  user_id: string;
  entry_id: string;
  rating: number;
  reviewed_at: string;
  duration_ms: number | null;
  card_before_json: string;
  card_after_json: string;
  fsrs_due: string;
  adjustment: string;
};

/** One account export: started, and finished unless it is still running (or its instance died). */
export type ExportRunsTable = {
  id: string;
  user_id: string;
  started_at: string;
  finished_at: string | null;
};

/** Journey stage 9: the real result, the last prediction before the exam, and the consent to share. */
export type ExamOutcomesTable = {
  user_id: string;
  exam_date: string;
  score: number;
  passed: number;
  result_date: string;
  /** 1 when the student lets the school's evaluate run use the pair; 0 (the default) otherwise. */
  share_with_school: Generated<number>;
  predicted: number | null;
  predicted_low: number | null;
  predicted_high: number | null;
  predicted_on: string | null;
  predicted_exams: number | null;
  created_at: string;
  updated_at: string;
};

/** An invitation a student made for an advisor: single use, expires; only the code's hash is kept. */
export type AdvisorInvitationsTable = {
  id: string;
  student_id: string;
  code_hash: string;
  /** The scopes the link starts with (JSON of the scope flags). */
  scopes_json: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  cancelled_at: string | null;
};

/** A student's consent to one advisor: what is shared (0/1 per scope), until revoked. */
export type AdvisorLinksTable = {
  id: string;
  student_id: string;
  advisor_id: string;
  invitation_id: string | null;
  scope_scores: number;
  scope_plan: number;
  scope_wellbeing: number;
  scope_journal: number;
  scope_story: number;
  created_at: string;
  updated_at: string;
  revoked_at: string | null;
};

/** A note an advisor keeps about a linked student; only that advisor reads it. */
export type AdvisorNotesTable = {
  id: string;
  advisor_id: string;
  student_id: string;
  body: string;
  created_at: string;
};

/** One read of a student's data by an advisor: who, when, which view and scopes. */
export type AdvisorAccessLogTable = {
  id: string;
  student_id: string;
  advisor_id: string | null;
  advisor_email: string;
  view: string;
  scopes: string;
  accessed_at: string;
};

/**
 * A counter per student that triggers change with every write to practice exams, full-length days
 * and full-length plan items (migration 202612011400_advisor_speed): the key of the advisor
 * dashboard's readiness cache. No row means revision 0.
 */
export type EvidenceRevisionsTable = {
  user_id: string;
  revision: number;
};

/**
 * A counter per student that triggers change with every write to what an advisor's dashboard row
 * is built from besides the readiness evidence: profile, plan, plan items, postmortem, blocks,
 * check-ins (migration 202612011700). The key of the dashboard's row cache. No row means revision 0.
 */
export type DashboardRevisionsTable = {
  user_id: string;
  revision: number;
};

/**
 * A counter per student that triggers change with every insert, update and delete of the student's
 * journal entries (migration 202612011300_journal_speed): the key of the review queue's deck cache.
 * No row means revision 0.
 */
export type JournalRevisionsTable = {
  user_id: string;
  revision: number;
};

/**
 * An idempotency key of a replayable write: the request's hash and the response sent for it,
 * recorded in the write's own transaction (src/server/idempotency.ts, docs/idempotency.md).
 */
export type IdempotencyKeysTable = {
  user_id: string;
  key: string;
  request_hash: string;
  status: number;
  response_json: string | null;
  created_at: string;
  expires_at: string;
};

/** The student's own edit of a story text (issue 14): one row per kind ('statement' | 'interview'). */
export type StoryTextsTable = {
  user_id: string;
  kind: string;
  text: string;
  created_at: string;
  updated_at: string;
};

/** Where the student chose to put the explanation, with an optional note for their advisor. */
export type StoryPlacementsTable = {
  user_id: string;
  choice: string;
  advisor_note: string | null;
  created_at: string;
  updated_at: string;
};

/** One interview practice answer, as typed, with its word count and the seconds the timer ran. */
export type StoryAttemptsTable = {
  id: string;
  user_id: string;
  prompt_id: string;
  text: string;
  words: number;
  seconds_taken: number | null;
  created_at: string;
};

export type DB = {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  export_runs: ExportRunsTable;
  idempotency_keys: IdempotencyKeysTable;
  profiles: ProfilesTable;
  plans: PlansTable;
  plan_items: PlanItemsTable;
  plan_item_removals: PlanItemRemovalsTable;
  calendar_feeds: CalendarFeedsTable;
  postmortems: PostmortemsTable;
  calendar_settings: CalendarSettingsTable;
  qbank_blocks: QbankBlocksTable;
  practice_exams: PracticeExamsTable;
  wellbeing_checkins: WellbeingCheckinsTable;
  full_length_days: FullLengthDaysTable;
  journal_entries: JournalEntriesTable;
  journal_reviews: JournalReviewsTable;
  advisor_invitations: AdvisorInvitationsTable;
  advisor_links: AdvisorLinksTable;
  advisor_notes: AdvisorNotesTable;
  advisor_access_log: AdvisorAccessLogTable;
  evidence_revisions: EvidenceRevisionsTable;
  dashboard_revisions: DashboardRevisionsTable;
  journal_revisions: JournalRevisionsTable;
  exam_outcomes: ExamOutcomesTable;
  story_texts: StoryTextsTable;
  story_placements: StoryPlacementsTable;
  story_attempts: StoryAttemptsTable;
};
