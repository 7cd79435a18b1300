import type { DashboardResponse, AdvisorNote, StudentPageResponse } from '#shared/contracts/advisor.ts';
import { apiRequest } from '../../api/client.ts';

/** The advisor's calls (issue 12). */
export const advisorApi = {
  accept: (code: string) =>
    apiRequest<{ studentId: string; studentEmail: string }>('POST', '/api/advisor/invitations/accept', { code }),
  dashboard: () => apiRequest<DashboardResponse>('GET', '/api/advisor/dashboard'),
  student: (id: string) => apiRequest<StudentPageResponse>('GET', `/api/advisor/students/${encodeURIComponent(id)}`),
  addNote: (studentId: string, body: string) =>
    apiRequest<AdvisorNote>('POST', `/api/advisor/students/${encodeURIComponent(studentId)}/notes`, { body }),
  deleteNote: (id: string) => apiRequest<void>('DELETE', `/api/advisor/notes/${encodeURIComponent(id)}`),
};

export const DASHBOARD_CSV_URL = '/api/advisor/dashboard.csv';
