/**
 * Where to send a user after sign-in when the URL asks (`/sign-in?next=/profile`). Only paths on
 * this site are honoured: "//evil.example" or "https://..." would turn sign-in into an open redirect.
 */
export function safeReturnPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/sign-in') || value.startsWith('/sign-up')) return null;
  return value;
}
