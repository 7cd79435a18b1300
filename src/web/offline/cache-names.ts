/**
 * The service worker's runtime cache of page-data reads (vite.config.ts builds the worker with it);
 * the page deletes it at sign-out so the next person on this device never sees the last one's data.
 */
export const API_CACHE = 'comeback-api-v1';
