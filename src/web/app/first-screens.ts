/**
 * The screens a student most often opens first, cold, on a phone (issue 13): for each, the page
 * module whose code it needs and the API reads it shows. The build (vite.config.ts,
 * firstScreenHints) turns this into dist/web/first-screens.json, the page's chunks and stylesheets
 * by their hashed names; the server sends them as a `Link` header with the page
 * (src/server/plugins/first-screen-hints.ts), so the browser fetches them alongside the main script
 * instead of a round trip after it. The session check (/api/auth/me) is preloaded by index.html
 * for every path.
 *
 * Only GET reads the page makes on its own as it opens belong in `reads`: the browser sends a
 * preload with the page's cookies and no custom header.
 */
export type { FirstScreenHint, FirstScreenHints } from '#shared/contracts/first-screens.ts';
export { FIRST_SCREEN_HINTS_FILE } from '#shared/contracts/first-screens.ts';

export type FirstScreen = { path: string; module: string; reads: readonly string[] };

export const FIRST_SCREENS: readonly FirstScreen[] = [
  { path: '/sign-in', module: 'features/auth/sign-in-page.tsx', reads: [] },
  { path: '/sign-up', module: 'features/auth/sign-up-page.tsx', reads: [] },
  { path: '/log', module: 'features/evidence/log-block-page.tsx', reads: ['/api/evidence/bank'] },
  { path: '/', module: 'features/home/home-page.tsx', reads: [] },
];
