/**
 * Fixed-window throttling, as pure functions: the caller loads the window for a key, asks
 * `consume`, and stores the window it returns.
 */
export interface RateWindow {
  count: number;
  /** ms epoch at which the window ends and the count starts again at zero */
  resetAt: number;
}

export interface RateLimitRule {
  max: number;
  windowMs: number;
}

export type ConsumeResult =
  | { allowed: true; window: RateWindow }
  | { allowed: false; window: RateWindow; retryAfterMs: number };

export function consume(previous: RateWindow | null, now: number, rule: RateLimitRule): ConsumeResult {
  if (!previous || now >= previous.resetAt) {
    return { allowed: true, window: { count: 1, resetAt: now + rule.windowMs } };
  }
  if (previous.count >= rule.max) {
    return { allowed: false, window: previous, retryAfterMs: previous.resetAt - now };
  }
  return { allowed: true, window: { count: previous.count + 1, resetAt: previous.resetAt } };
}

/** "Too many attempts, try again in 7 minutes" (rounded up, at least one minute). */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/** The wait as an HTTP `Retry-After` value: whole seconds, rounded up, at least one. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
