import type {
  ChangePasswordRequest,
  DeleteAccountRequest,
  Role,
  SignInRequest,
  User,
  UserResponse,
} from '#shared/contracts/auth.ts';
import type { JourneyResponse } from '#shared/contracts/journey.ts';
import type { PlanItemView, PlanResponse } from '#shared/contracts/plan.ts';
import type { PostmortemQuestionnaireResponse, PostmortemResponse } from '#shared/contracts/postmortem.ts';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import type { Countermeasures } from '#domain/postmortem/countermeasures.ts';
import type { ItemStatus } from '#domain/plan/replan.ts';
import { apiRequest } from './client.ts';

/** GET /api/plan/defaults: the settings a new plan starts from, with the postmortem's changes. */
export type PlanDefaultsResponse = Countermeasures & { hasPostmortem: boolean };

/** GET /api/calendar-feed: the private subscription link's state (its URL is shown only once). */
export type CalendarFeedResponse = { feed: null | { createdAt: string; lastReadAt: string | null } };
export type CreatedCalendarFeed = { url: string; createdAt: string };

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
  markPlanItem: async (id: string, status: ItemStatus | null): Promise<PlanItemView> =>
    (await apiRequest<{ item: PlanItemView }>('POST', `/api/plan/items/${encodeURIComponent(id)}`, { status })).item,

  calendarFeed: () => apiRequest<CalendarFeedResponse>('GET', '/api/calendar-feed'),
  createCalendarFeed: () => apiRequest<CreatedCalendarFeed>('POST', '/api/calendar-feed'),
  turnOffCalendarFeed: () => apiRequest<void>('DELETE', '/api/calendar-feed'),
};

export const EXPORT_URL = '/api/account/export';
export const PLAN_ICS_URL = '/api/plan/calendar.ics';
