import { z } from 'zod';
import type { CohortSummary } from '#domain/advisor/cohort.ts';
import type { Flag } from '#domain/advisor/flags.ts';
import { SCOPES, type Scope, type Scopes } from '#domain/advisor/scopes.ts';
import type { StageId } from '#domain/journey/journey.ts';
import type { ReadinessVerdict } from '#domain/evidence/readiness.ts';
import { text } from './common.ts';

/*
 * Contracts for capability H, advisors (issue 12): the student's invitations, scopes, revocation and
 * access log (/api/sharing), and the advisor's acceptance, dashboard, student page and notes
 * (/api/advisor).
 */

const scopeFlags = z
  .strictObject(
    Object.fromEntries(
      SCOPES.map((scope) => [scope, z.boolean({ error: `Set ${scope} to true (shared) or false (not shared).` })]),
    ) as Record<Scope, z.ZodBoolean>,
    { error: 'Send the scopes as an object of true / false values.' },
  )
  .partial();

export const createInvitationInputSchema = z.strictObject(
  { scopes: scopeFlags.optional() },
  { error: 'Send the invitation as an object.' },
);

export const acceptInvitationInputSchema = z.strictObject(
  {
    code: text({ error: 'Enter the invitation code as text.' })
      .min(1, 'Enter the invitation code the student gave you.')
      .max(64, 'That is longer than an invitation code. Paste only the code, like 7K2M-9QXD-AB0C-DE1F.'),
  },
  { error: 'Send the code as an object.' },
);

export const updateScopesInputSchema = z.strictObject(
  {
    scopes: scopeFlags.refine((s) => Object.keys(s).length > 0, 'Switch at least one scope on or off.'),
  },
  { error: 'Send the scopes as an object.' },
);

export const NOTE_MAX_LENGTH = 2000;

export const noteInputSchema = z.strictObject(
  {
    body: text({ error: 'Write the note as text.', isMultiline: true })
      .min(1, 'Write something in the note first.')
      .max(NOTE_MAX_LENGTH, `Keep a note to ${NOTE_MAX_LENGTH} characters.`),
  },
  { error: 'Send the note as an object.' },
);

/* Student side. */

export type CreatedInvitation = {
  id: string;
  /** Shown once: only its hash is kept. */
  code: string;
  /** App path with the code in the fragment (never sent to a server by a browser). */
  path: string;
  expiresAt: string;
  scopes: Scopes;
};

export type SharingResponse = {
  links: { id: string; advisorEmail: string; scopes: Scopes; createdAt: string; updatedAt: string }[];
  invitations: { id: string; createdAt: string; expiresAt: string; scopes: Scopes }[];
  revoked: { id: string; advisorEmail: string; createdAt: string; revokedAt: string }[];
};

export type AccessLogEntry = { advisorEmail: string; view: string; scopes: Scope[]; accessedAt: string };
export type AccessLogResponse = { entries: AccessLogEntry[]; total: number; shown: number };

/* Advisor side. */

export type DashboardRow = {
  studentId: string;
  email: string;
  linkedSince: string;
  scopes: Scopes;
  /** Always shared while linked (ALWAYS_SHARED). */
  stage: { id: StageId; number: number; title: string } | null;
  examDate: string | null;
  daysToExam: number | null;
  /** Null when the scores scope is off. */
  scores: {
    latest: { name: string; date: string; reported: string; score: number } | null;
    targetScore: number | null;
    predicted: { score: number; low: number; high: number; passProbability: number } | null;
    /** The trend the prediction carries, points a week. */
    pointsPerWeek: number | null;
    verdict: ReadinessVerdict | null;
  } | null;
  /** Null when the plan scope is off. */
  plan: { hasPlan: boolean; plannedHours: number; doneHours: number; adherence: number | null } | null;
  /** Null when the wellbeing scope is off. */
  wellbeing: { badDays: number; daysConsidered: number; isHelpPromptDue: boolean } | null;
  flags: Flag[];
};

export type DashboardResponse = { today: string; students: DashboardRow[]; cohort: CohortSummary };

export type AdvisorNote = { id: string; body: string; createdAt: string };

export type StudentPageResponse = {
  student: DashboardRow;
  scores: {
    exams: { name: string; date: string; reported: string; score: number }[];
    headline: string | null;
    explanation: string[];
    reasons: { text: string; passed: boolean }[];
  } | null;
  plan: { days: { date: string; plannedMinutes: number; doneMinutes: number }[]; warnings: string[] } | null;
  wellbeing: { checkIns: { date: string; sleepHours: number; stress: number; mood: number }[] } | null;
  journal: {
    total: number;
    byErrorType: Record<string, number>;
    recentKeyPoints: { date: string; text: string }[];
  } | null;
  story: {
    causes: string[];
    ownWords: string | null;
    /** The student's own saved texts (not the generated drafts); null when never saved. */
    statement: string | null;
    interview: string | null;
    /** Where the student chose to put it, and the note they wrote for their advisor. */
    placement: { title: string; note: string | null } | null;
  } | null;
  notes: AdvisorNote[];
};
