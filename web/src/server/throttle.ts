import 'server-only';
import { headers } from 'next/headers';
import { clientAddress } from './clientAddress';
import { db } from './db';
import { consume, tooManyAttemptsMessage, type RateLimitRule } from './rateWindow';

/** Attempts allowed per client address. */
export const LIMITS = {
  logIn: { max: 10, windowMs: 10 * 60_000 },
  signUp: { max: 5, windowMs: 60 * 60_000 },
  /** guests are accounts too; a little more room, since trying the game often starts here */
  guest: { max: 10, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

export type ThrottleName = keyof typeof LIMITS;

/**
 * Counts one attempt of `name` for the requesting client. Returns null when allowed, or the message
 * to show ("Too many attempts, try again in N minutes.").
 */
export async function throttle(name: ThrottleName): Promise<string | null> {
  const rule = LIMITS[name];
  const key = `${name}:${clientAddress(await headers())}`;
  const now = Date.now();
  const result = await db().$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    const outcome = consume(row ? { count: row.count, resetAt: row.resetAt.getTime() } : null, now, rule);
    if (outcome.allowed) {
      const data = { count: outcome.window.count, resetAt: new Date(outcome.window.resetAt) };
      await tx.rateLimit.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
    return outcome;
  });
  if (Math.random() < 0.02) void sweepExpired(now);
  return result.allowed ? null : tooManyAttemptsMessage(result.retryAfterMs);
}

/** Drops windows that ended, now and then, so the table does not grow with every address ever seen. */
async function sweepExpired(now: number): Promise<void> {
  try {
    await db().rateLimit.deleteMany({ where: { resetAt: { lt: new Date(now) } } });
  } catch (error) {
    console.warn('[throttle] sweeping expired windows failed', error);
  }
}
