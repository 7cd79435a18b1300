import type { StoryCheck } from '#domain/story/check.ts';
import type { SavedStoryText, StoryAttempt, StoryPlacement, StoryResponse } from '#shared/contracts/story.ts';
import { apiRequest } from '../../api/client.ts';

/** The story page's calls (issue 14); bodies go as the page holds them, the server answers per field. */
export const storyApi = {
  get: (wording = 0) =>
    apiRequest<StoryResponse>('GET', wording === 0 ? '/api/story' : `/api/story?wording=${wording}`),
  check: (body: { kind: string; text: string }) => apiRequest<StoryCheck>('POST', '/api/story/check', body),
  saveText: (body: { kind: string; text: string }) => apiRequest<SavedStoryText>('PUT', '/api/story/texts', body),
  savePlacement: (body: { choice: string; advisorNote: string | null }) =>
    apiRequest<StoryPlacement>('PUT', '/api/story/placement', body),
  addAttempt: (body: { promptId: string; text: string; secondsTaken: number | null }) =>
    apiRequest<StoryAttempt>('POST', '/api/story/attempts', body),
  remove: () => apiRequest<{ deleted: true }>('DELETE', '/api/story'),
};
