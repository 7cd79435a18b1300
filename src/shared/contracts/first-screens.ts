/**
 * dist/web/first-screens.json, written by the web build (vite.config.ts, from
 * src/web/app/first-screens.ts) and read by the server (src/server/plugins/first-screen-hints.ts):
 * for each path a student often opens first, what its page needs fetched early (issue 13).
 */

/** One preload: a script chunk (module), a stylesheet, or an API read. */
export type FirstScreenHint =
  { rel: 'modulepreload'; href: string } | { rel: 'preload'; as: 'style' | 'fetch'; href: string };

/** The hints for each first-screen path, e.g. "/log". */
export type FirstScreenHints = Record<string, FirstScreenHint[]>;

export const FIRST_SCREEN_HINTS_FILE = 'first-screens.json';
