import type { PlanSettings } from '#domain/plan/settings.ts';
import type {
  ImportPreview,
  JournalResponse,
  JournalSummaryResponse,
  ReviewQueueResponse,
  ReviewResponse,
} from '#shared/contracts/journal.ts';
import { apiRequest } from '../../api/client.ts';
import { replayableWrite } from '../../offline/sync.ts';

/** The journal's calls (capability F); bodies go as the forms hold them, the server answers per field. */
export const journalApi = {
  list: () => apiRequest<JournalResponse>('GET', '/api/journal'),
  summary: () => apiRequest<JournalSummaryResponse>('GET', '/api/journal/summary'),
  /** A pattern's plan change: the plan settings API's patch (PUT /api/plan, settingsPatch). */
  applyPlanPatch: (settingsPatch: Partial<PlanSettings>) => apiRequest<unknown>('PUT', '/api/plan', { settingsPatch }),
  /** Replayable (the offline queue, src/web/offline): offline it is kept and sent later. */
  add: (body: unknown) =>
    replayableWrite<{ id: string; queued?: true }>('POST', '/api/journal/entries', body, {
      label: 'Journal entry',
      dedupe: `entry:${JSON.stringify(body)}`,
      whenQueued: () => ({ id: '', queued: true }),
    }),
  addMany: (body: unknown) => apiRequest<{ ids: string[] }>('POST', '/api/journal/entries/batch', body),
  edit: (id: string, body: unknown) => apiRequest<void>('PUT', `/api/journal/entries/${encodeURIComponent(id)}`, body),
  remove: (id: string) => apiRequest<void>('DELETE', `/api/journal/entries/${encodeURIComponent(id)}`),
  queue: () => apiRequest<ReviewQueueResponse>('GET', '/api/journal/review'),
  /** Replayable; offline the rating is kept (one per card) and the call rejects with QUEUED_OFFLINE. */
  rate: (body: { entryId: string; rating: number; durationMs: number }) =>
    replayableWrite<ReviewResponse>('POST', '/api/journal/reviews', body, {
      label: 'Review rating',
      dedupe: `review:${body.entryId}`,
      whenQueued: null,
    }),
  undo: () => apiRequest<{ entryId: string; due: string }>('POST', '/api/journal/reviews/undo'),
  importCsv: (body: unknown) => apiRequest<ImportPreview>('POST', '/api/journal/import', body),
};
