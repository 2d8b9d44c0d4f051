/** Delays between reconnection attempts: 0.5 s, 1 s, 2 s … up to 30 s, each ±20 % so clients spread out. */
export const BACKOFF = { baseMs: 500, maxMs: 30_000, jitter: 0.2 } as const;

/** The wait before attempt number `attempt` (1 for the first retry). `random` returns [0, 1). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = BACKOFF.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(BACKOFF.maxMs, exponential);
  const spread = 1 + BACKOFF.jitter * (2 * random() - 1);
  return Math.round(capped * spread);
}

/** After this many failed attempts in a row the page stops saying "reconnecting" and says "offline". */
export const ATTEMPTS_BEFORE_OFFLINE = 5;
