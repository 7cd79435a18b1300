import type {
  ChangePasswordRequest,
  DeleteAccountRequest,
  Role,
  SignInRequest,
  User,
  UserResponse,
} from '#shared/contracts/auth.ts';
import type { CalendarFeedResponse, CreatedCalendarFeed } from '#shared/contracts/calendar-feed.ts';
import type {
  CounsellingService,
  EvidenceBankResponse,
  EvidenceResponse,
  LoggedBlock,
  LoggedEvidence,
} from '#shared/contracts/evidence-api.ts';
import type { JourneyResponse } from '#shared/contracts/journey.ts';
import type { PlanDefaultsResponse } from '#shared/contracts/plan-defaults.ts';
import type { PlanItemView, PlanResponse, ReflowResponse } from '#shared/contracts/plan.ts';
import type { PostmortemQuestionnaireResponse, PostmortemResponse } from '#shared/contracts/postmortem.ts';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import type { AcceptedDelay } from '#shared/contracts/readiness.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import type { ItemStatus } from '#domain/plan/replan.ts';
import { formatShortDate } from '../components/dates.ts';
import { replayableWrite } from '../offline/sync.ts';
import { tickLabel } from '../offline/describe.ts';
import type { WriteContext } from '../offline/queue.ts';
import { apiRequest } from './client.ts';

// Response types live in the shared contracts; re-exported for the pages that import them from here.
export type {
  CalendarFeedResponse,
  CreatedCalendarFeed,
  PlanDefaultsResponse,
  AcceptedDelay,
  CounsellingService,
  LoggedBlock,
};

/** A write the offline queue holds (src/web/offline): the server has not seen it yet. */
export type Queued = { queued?: true };

/** "on Dec 1, 2026" for a body's date, when it has one. */
function onDate(body: unknown): string {
  const date = (body as { date?: unknown } | null)?.date;
  return typeof date === 'string' ? ` on ${formatShortDate(date)}` : '';
}

function blockLabel(body: unknown): string {
  const { questions, correct } = (body ?? {}) as { questions?: unknown; correct?: unknown };
  const score = typeof questions === 'number' && typeof correct === 'number' ? ` ${correct} of ${questions}` : '';
  return `Block${score}${onDate(body)}`;
}

/** The typed API the pages use; request and response types come from the shared contracts. */
export const api = {
  me: async (): Promise<User> => (await apiRequest<UserResponse>('GET', '/api/auth/me')).user,
  signIn: async (body: SignInRequest): Promise<User> =>
    (await apiRequest<UserResponse>('POST', '/api/auth/sign-in', body)).user,
  signUp: async (body: { email: string; password: string; role: Role }): Promise<User> =>
    (await apiRequest<UserResponse>('POST', '/api/auth/sign-up', body)).user,
  signOut: () => apiRequest<void>('POST', '/api/auth/sign-out'),
  signOutEverywhere: () => apiRequest<void>('POST', '/api/auth/sign-out-everywhere'),
  changePassword: (body: ChangePasswordRequest) =>
    apiRequest<{ endedSessions: number }>('POST', '/api/account/password', body),
  deleteAccount: (body: DeleteAccountRequest) => apiRequest<void>('POST', '/api/account/delete', body),
  reference: () => apiRequest<ReferenceResponse>('GET', '/api/reference'),
  profile: () => apiRequest<ProfileResponse>('GET', '/api/profile'),
  /** The body is sent as the form holds it; the server validates and answers per field. */
  saveProfile: (body: unknown) => apiRequest<ProfileResponse>('PUT', '/api/profile', body),
  journey: () => apiRequest<JourneyResponse>('GET', '/api/journey'),

  questionnaire: () => apiRequest<PostmortemQuestionnaireResponse>('GET', '/api/postmortem/questionnaire'),
  postmortem: () => apiRequest<PostmortemResponse>('GET', '/api/postmortem'),
  /** The answers are sent as the form holds them; the server validates and answers per question id. */
  savePostmortem: (body: unknown) => apiRequest<PostmortemResponse>('PUT', '/api/postmortem', body),
  planDefaults: () => apiRequest<PlanDefaultsResponse>('GET', '/api/plan/defaults'),

  /** The plan's summary and the days from `from` to `to`; without a range, every day of the plan. */
  plan: (range?: { from: string; to: string }) =>
    apiRequest<PlanResponse>(
      'GET',
      range ? `/api/plan?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}` : '/api/plan',
    ),
  savePlan: (body: { settings: unknown }) => apiRequest<PlanResponse>('PUT', '/api/plan', body),
  replan: () => apiRequest<PlanResponse>('POST', '/api/plan/replan', {}),
  /** A shortfall's way out, applied in one tap to the work still ahead. */
  applySettingsPatch: (settingsPatch: object) => apiRequest<PlanResponse>('PUT', '/api/plan', { settingsPatch }),
  pushBack: () => apiRequest<ReflowResponse>('POST', '/api/plan/push-back', {}),
  spreadMissed: (days: number) => apiRequest<ReflowResponse>('POST', '/api/plan/spread-missed', { days }),
  /**
   * Ticks (or unticks) an item. Offline it is queued and resolves with `{ id, status, queued }`
   * only (the page keeps its own copy of the item); the plan page's optimistic tick stays.
   */
  markPlanItem: async (
    id: string,
    status: ItemStatus | null,
    /** The item as the page shows it: names the queued tick and says later what became of it. */
    context?: WriteContext,
  ): Promise<PlanItemView & Queued> =>
    (
      await replayableWrite<{ item: PlanItemView & Queued }>(
        'POST',
        `/api/plan/items/${encodeURIComponent(id)}`,
        { status },
        {
          label: context ? tickLabel(context) : status === null ? 'Untick a plan item' : `Mark a plan item ${status}`,
          ...(context ? { context } : {}),
          whenQueued: () => ({ item: { id, status, queued: true } as PlanItemView & Queued }),
        },
      )
    ).item,

  /** Everything the evidence page shows: logs, prediction, readiness, weak areas, endurance, wellbeing. */
  evidence: () => apiRequest<EvidenceResponse>('GET', '/api/evidence'),
  /** The student's day and the latest blocks (with the bank's figures): what the log page lists. */
  evidenceBank: () => apiRequest<EvidenceBankResponse>('GET', '/api/evidence/bank'),
  /** Bodies are sent as the forms hold them; the server validates and answers per field. */
  logBlock: (body: unknown) =>
    replayableWrite<LoggedBlock & Queued>('POST', '/api/evidence/blocks', body, {
      label: blockLabel(body),
      whenQueued: () => ({ id: '', planItemId: null, queued: true }),
    }),
  deleteBlock: (id: string) => apiRequest<void>('DELETE', `/api/evidence/blocks/${encodeURIComponent(id)}`),
  logPracticeExam: (body: unknown) =>
    replayableWrite<LoggedEvidence & Queued>('POST', '/api/evidence/practice-exams', body, {
      label: `Practice exam${onDate(body)}`,
      dedupe: `exam:${JSON.stringify(body)}`,
      whenQueued: () => ({ id: '', queued: true }),
    }),
  deletePracticeExam: (id: string) =>
    apiRequest<void>('DELETE', `/api/evidence/practice-exams/${encodeURIComponent(id)}`),
  logFullLengthDay: (body: { date: string }) =>
    replayableWrite<LoggedEvidence & Queued>('POST', '/api/evidence/full-length-days', body, {
      label: `Full-length day${onDate(body)}`,
      dedupe: `full-length:${body.date}`,
      whenQueued: () => ({ id: '', queued: true }),
    }),
  logCheckIn: (body: unknown) =>
    replayableWrite<LoggedEvidence & Queued>('POST', '/api/evidence/wellbeing', body, {
      label: `Check-in${onDate(body)}`,
      dedupe: `check-in:${JSON.stringify(body)}`,
      whenQueued: () => ({ id: '', queued: true }),
    }),
  saveCounselling: (body: CounsellingService | null) => apiRequest<void>('PUT', '/api/evidence/counselling', body),
  acceptDelay: (body: { proposedExamDate: string }) =>
    apiRequest<AcceptedDelay>('POST', '/api/readiness/accept-delay', body),

  calendarFeed: () => apiRequest<CalendarFeedResponse>('GET', '/api/calendar-feed'),
  createCalendarFeed: () => apiRequest<CreatedCalendarFeed>('POST', '/api/calendar-feed'),
  turnOffCalendarFeed: () => apiRequest<void>('DELETE', '/api/calendar-feed'),
};

export const EXPORT_URL = '/api/account/export';
export const PLAN_ICS_URL = '/api/plan/calendar.ics';
