import 'server-only';
import { isUniqueViolation } from './accounts';
import type { Db } from './db';
import { consume, type ConsumeResult, type RateLimitRule } from './rateWindow';

/** How often one attempt re-reads its window after losing a race for it to another request. */
const ATTEMPTS = 10;

/**
 * Counts one attempt for `key` in the `RateLimit` table and says whether it is allowed (see `consume`).
 *
 * Concurrent attempts for one key (a burst of log-ins, or the web app running as several processes) must
 * not lose counts, on SQLite and PostgreSQL alike. A read-then-upsert transaction does not give that: on
 * PostgreSQL (READ COMMITTED) every request of a burst read the same count and wrote the same next count, so
 * all of them were allowed; on SQLite two clients' transactions waited on each other until Prisma's
 * transaction timeout. So, without a transaction, a compare-and-set: read the window, then write the next
 * one only if the row is still the one read (`updateMany` on key, count and resetAt), or create it if there
 * was none (the primary key refuses a second creator). A request that loses reads again. One that keeps
 * losing (only a flood on one key does) is refused, as a throttle should.
 */
export async function consumeAttempt(prisma: Db, key: string, rule: RateLimitRule, now: number): Promise<ConsumeResult> {
  for (let attempt = 1; ; attempt++) {
    const row = await prisma.rateLimit.findUnique({ where: { key }, select: { count: true, resetAt: true } });
    const outcome = consume(row ? { count: row.count, resetAt: row.resetAt.getTime() } : null, now, rule);
    if (!outcome.allowed) return outcome;
    const data = { count: outcome.window.count, resetAt: new Date(outcome.window.resetAt) };
    if (row) {
      const { count } = await prisma.rateLimit.updateMany({ where: { key, count: row.count, resetAt: row.resetAt }, data });
      if (count === 1) return outcome;
    } else {
      try {
        await prisma.rateLimit.create({ data: { key, ...data } });
        return outcome;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    if (attempt >= ATTEMPTS) {
      return { allowed: false, window: outcome.window, retryAfterMs: Math.max(1_000, outcome.window.resetAt - now) };
    }
  }
}
