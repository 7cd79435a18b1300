import fs from 'node:fs';
import path from 'node:path';
import {
  FIRST_SCREEN_HINTS_FILE,
  type FirstScreenHint,
  type FirstScreenHints,
} from '#shared/contracts/first-screens.ts';

/** Only our own paths: no scheme, no host, nothing that could end or split a header value. */
const SAFE_HREF = /^\/[A-Za-z0-9._~/-]*$/;

function toLinkValue(hint: FirstScreenHint): string | null {
  if (!SAFE_HREF.test(hint.href)) return null;
  if (hint.rel === 'modulepreload') return `<${hint.href}>; rel=modulepreload; crossorigin`;
  if (hint.as === 'style') return `<${hint.href}>; rel=preload; as=style; crossorigin`;
  if (hint.as === 'fetch') return `<${hint.href}>; rel=preload; as=fetch; crossorigin`;
  return null;
}

/**
 * The `Link` header for an app path's page (issue 13, a fast first screen on a slow phone): the
 * build lists, for the screens students open first (src/web/app/first-screens.ts), the page's
 * chunks and its API reads (dist/web/first-screens.json). Sent with index.html, they let the
 * browser fetch them while it still reads the HTML, instead of one round trip (0.56 s on Slow 4G)
 * after the main script has run. `crossorigin` on each: the page asks for its chunks, styles and
 * reads in CORS mode with same-origin credentials, and only a preload made the same way is used.
 *
 * Read once at start-up; a build without the file (or an older build) sends no header.
 */
export function loadFirstScreenHints(webRoot: string): (pathname: string) => string | null {
  let hints: FirstScreenHints = {};
  try {
    hints = JSON.parse(fs.readFileSync(path.join(webRoot, FIRST_SCREEN_HINTS_FILE), 'utf8')) as FirstScreenHints;
  } catch {
    return () => null;
  }
  const byPath = new Map<string, string>();
  for (const [screenPath, list] of Object.entries(hints)) {
    if (!Array.isArray(list)) continue;
    const values = list.map(toLinkValue).filter((value): value is string => value !== null);
    if (values.length > 0) byPath.set(screenPath, values.join(', '));
  }
  return (pathname) => byPath.get(pathname) ?? null;
}
