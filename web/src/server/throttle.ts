import 'server-only';
import { headers } from 'next/headers';
import { clientAddress } from './clientAddress';
import { db } from './db';
import { consumeAttempt } from './rateLimits';
import { retryAfterSeconds, tooManyAttemptsMessage, type RateLimitRule } from './rateWindow';

/** Attempts allowed per client address (per account for `logInAccount`, per email address for `confirmationMail`). */
export const LIMITS = {
  logIn: { max: 10, windowMs: 10 * 60_000 },
  /** log-ins to one account from anywhere; higher than per address so its owner is rarely locked out */
  logInAccount: { max: 30, windowMs: 10 * 60_000 },
  signUp: { max: 5, windowMs: 60 * 60_000 },
  /** a guest asking to save their account with an email (each one mails a link) */
  claim: { max: 5, windowMs: 60 * 60_000 },
  /** mail to one address (subject: the address), whoever asks: nobody can bury a mailbox in our links */
  confirmationMail: { max: 5, windowMs: 60 * 60_000 },
  /** guests are accounts too; a little more room, since trying the game often starts here */
  guest: { max: 10, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

export type ThrottleName = keyof typeof LIMITS;

/** A refused attempt: the message to show and how long until the window reopens. */
export interface Throttled {
  /** "Too many attempts, try again in N minutes." */
  message: string;
  /** whole seconds, rounded up, at least 1: the value of an HTTP `Retry-After` header */
  retryAfterSeconds: number;
}

/**
 * Counts one attempt of `name` for `subject` (default: the requesting client's address). Returns null when
 * allowed, or why not. Works in Server Actions and Route Handlers alike (the address comes from `headers()`).
 */
export async function checkThrottle(name: ThrottleName, subject?: string): Promise<Throttled | null> {
  const rule = LIMITS[name];
  const key = `${name}:${subject ?? clientAddress(await headers())}`;
  const now = Date.now();
  const result = await consumeAttempt(db(), key, rule, now);
  if (Math.random() < 0.02) void sweepExpired(now);
  if (result.allowed) return null;
  return { message: tooManyAttemptsMessage(result.retryAfterMs), retryAfterSeconds: retryAfterSeconds(result.retryAfterMs) };
}

/** `checkThrottle` for callers that only show the message (the account page's forms). */
export async function throttle(name: ThrottleName): Promise<string | null> {
  return (await checkThrottle(name))?.message ?? null;
}

/** Drops windows that ended, now and then, so the table does not grow with every address ever seen. */
async function sweepExpired(now: number): Promise<void> {
  try {
    await db().rateLimit.deleteMany({ where: { resetAt: { lt: new Date(now) } } });
  } catch (error) {
    console.warn('[throttle] sweeping expired windows failed', error);
  }
}
