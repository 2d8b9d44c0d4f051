import { createHash, randomBytes } from 'node:crypto';

/** Sessions last 30 days from log-in. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'starscape_session';

/**
 * The id a session is stored under: SHA-256 of the cookie's token. A leaked database row cannot be
 * replayed as a cookie.
 */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh random token (32 bytes, base64url) and the id it is stored under. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

/** Tokens we issue are 43 base64url characters; anything else is not worth a database lookup. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
