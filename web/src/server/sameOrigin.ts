/**
 * True unless the request visibly comes from another site. Route handlers get no CSRF check of their
 * own (Server Actions do); the session cookie is SameSite=Lax already, this is the second lock.
 */
export function isSameOrigin(headers: Pick<Headers, 'get'>): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.get('origin');
  if (!origin) return true;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
