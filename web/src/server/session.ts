import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { db } from './db';
import { env } from './env';
import { secureCookies } from './envSchema';
import { SESSION_COOKIE, SESSION_TTL_MS, isWellFormedToken, newSessionToken, sessionIdOf } from './sessionToken';

/** The signed-in player as pages see it (never the password hash). */
export interface CurrentUser {
  id: string;
  displayName: string;
  email: string | null;
  isGuest: boolean;
  createdAt: Date;
  sessionId: string;
}

/** Opens a session for `userId` and sets its cookie. Call from a Server Action or Route Handler. */
export async function startSession(userId: string): Promise<void> {
  const { token, id } = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db().session.create({ data: { id, userId, expiresAt } });
  const jar = await cookies();
  jar.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(env()),
    path: '/',
    expires: expiresAt,
  });
}

/**
 * Signs the browser in as `userId`: ends whatever session its cookie named (so signing in as someone
 * else never leaves the old session usable) and opens a new one.
 */
export async function switchSession(userId: string): Promise<void> {
  await endSession();
  await startSession(userId);
}

/** Deletes the current session (row and cookie), if any. */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (isWellFormedToken(token)) {
    await db().session.deleteMany({ where: { id: sessionIdOf(token) } });
  }
  jar.delete(SESSION_COOKIE);
}

/** The player behind the request's session cookie, or null. Memoized per request. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!isWellFormedToken(token)) return null;
  const id = sessionIdOf(token);
  const session = await db().session.findUnique({
    where: { id },
    include: { user: { select: { id: true, displayName: true, email: true, isGuest: true, createdAt: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  return { ...session.user, sessionId: id };
});

/** The signed-in player, or a redirect to the log-in page that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}
