/**
 * Log lines must never carry a credential. A calendar feed URL is `/feed/<token>.ics` and the token
 * is the only thing guarding the plan behind it, so any URL (or text quoting one) is redacted before
 * it is logged: whatever the encoding (`/%66eed/`, `//feed/`, `/./feed/`, `%2F`, a percent-encoded
 * token), every run of 20 or more token characters is replaced. Session and feed tokens are 43
 * base64url characters; ids and dates in app URLs are shorter than 20 characters or are UUIDs and
 * plan item ids, which lose little by being masked in a log (the request id ties lines together).
 */
const TOKEN_RUN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{20,}/g;
export const REDACTED = '[redacted]';

/** Percent-decodes repeatedly (double encoding), leaving malformed escapes as they are. */
function decodeFully(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = current.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** A text that may quote a URL (an error message, a stack), with every token-like run masked. */
export function redactTokens(text: string): string {
  return decodeFully(text).replace(TOKEN_RUN, REDACTED);
}

/**
 * A stack for the logs: its message lines redacted; the frames (`    at fn (file:line)`) kept, as
 * they name code, never request data.
 */
export function redactStack(stack: string): string {
  return stack
    .split('\n')
    .map((line) => (/^\s+at /.test(line) ? line : redactTokens(line)))
    .join('\n');
}

/** A request URL for the logs: decoded, path dot-segments and repeated slashes resolved, tokens masked. */
export function redactUrl(url: string): string {
  const decoded = decodeFully(url);
  const queryAt = decoded.indexOf('?');
  const pathPart = queryAt === -1 ? decoded : decoded.slice(0, queryAt);
  const query = queryAt === -1 ? '' : decoded.slice(queryAt);
  const segments: string[] = [];
  for (const segment of pathPart.split(/[/\\]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return redactTokens(`/${segments.join('/')}${query}`);
}
