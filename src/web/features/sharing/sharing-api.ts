import type { Scopes } from '#domain/advisor/scopes.ts';
import type { AccessLogResponse, CreatedInvitation, SharingResponse } from '#shared/contracts/advisor.ts';
import { apiRequest } from '../../api/client.ts';

/** The student's side of advisors (issue 12). */
export const sharingApi = {
  get: () => apiRequest<SharingResponse>('GET', '/api/sharing'),
  invite: (scopes: Scopes) => apiRequest<CreatedInvitation>('POST', '/api/sharing/invitations', { scopes }),
  cancel: (id: string) => apiRequest<void>('DELETE', `/api/sharing/invitations/${encodeURIComponent(id)}`),
  setScopes: (linkId: string, scopes: Partial<Scopes>) =>
    apiRequest<SharingResponse>('PUT', `/api/sharing/links/${encodeURIComponent(linkId)}/scopes`, { scopes }),
  revoke: (linkId: string) => apiRequest<void>('POST', `/api/sharing/links/${encodeURIComponent(linkId)}/revoke`),
  accessLog: () => apiRequest<AccessLogResponse>('GET', '/api/sharing/access-log'),
};

export const ACCESS_LOG_CSV_URL = '/api/sharing/access-log.csv';
