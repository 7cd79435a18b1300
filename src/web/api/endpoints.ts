import type {
  ChangePasswordRequest,
  DeleteAccountRequest,
  Role,
  SignInRequest,
  User,
  UserResponse,
} from '#shared/contracts/auth.ts';
import type { JourneyResponse } from '#shared/contracts/journey.ts';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import { apiRequest } from './client.ts';

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
};

export const EXPORT_URL = '/api/account/export';
